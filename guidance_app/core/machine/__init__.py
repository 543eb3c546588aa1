"""This machine and its deployment: IT's settings file, the settings in force, core dumps off."""
