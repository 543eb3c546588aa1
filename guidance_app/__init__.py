"""Offline policy guidance assistant for school staff."""

__version__ = "0.1.0"
