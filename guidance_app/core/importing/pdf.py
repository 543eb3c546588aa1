"""Placeholder for the PDF reader (written on another branch; this file is replaced at merge)."""

from __future__ import annotations

from pathlib import Path

from guidance_app.core.errors import DocumentImportError
from guidance_app.core.importing.source import SourceDocument


def read_pdf(path: Path) -> SourceDocument:
    raise DocumentImportError("Importing PDF files is not ready yet.")
