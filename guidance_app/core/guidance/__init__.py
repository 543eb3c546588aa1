"""Guided answers: walking a wizard, the outcome for a school, compare, coverage, transcripts and
diagrams."""
