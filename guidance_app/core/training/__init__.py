"""Training: the self-check's choices and marking."""
