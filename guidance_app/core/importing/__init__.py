"""Turning a school's own document (.docx, .pdf, .txt, .md) into a draft policy file."""
