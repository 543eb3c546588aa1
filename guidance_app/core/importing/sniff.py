"""What a file is, from its first bytes rather than its name, and the reader that reads it.

A school's "policy.docx" may be a PDF someone renamed, an old Word 97 file, a Word document
with a password (which Word saves as an OLE2 container holding an EncryptedPackage), or a zip
of something else. Each gets a message saying what it is and what to do, and nothing is written.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from guidance_app.core.errors import DocumentImportError
from guidance_app.core.importing.reading import read_import_bytes
from guidance_app.core.importing.source import SourceDocument
from guidance_app.core.importing.text_decode import decode_text

_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
# Stream names in an OLE2 directory are UTF-16: these two hold a password-protected document.
_ENCRYPTED = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
_PDF_WITHIN = 1024  # a PDF's "%PDF-" may follow a little junk
WORKS = ".docx (Word), .pdf, .txt (plain text) and .md (Markdown)"


class Format(Enum):
    WORD = "a Word document"
    PDF = "a PDF"
    TEXT = "a text file"
    OLD_WORD = "an old Word .doc file"
    ENCRYPTED = "a password-protected document"
    ZIP = "a zip file"
    OTHER = "not a document this app can read"


_EXPECTED = {
    ".docx": Format.WORD,
    ".pdf": Format.PDF,
    ".txt": Format.TEXT,
    ".md": Format.TEXT,
}


def read_document(path: Path) -> SourceDocument:
    """Read `path` with the reader its content calls for; DocumentImportError for anything
    else."""
    data = read_import_bytes(path)
    found = sniff(data)
    if found == Format.OLD_WORD:
        raise DocumentImportError(
            f"{path.name} is an old Word .doc file: open it in Word and save it as .docx, "
            "then import that."
        )
    if found == Format.ENCRYPTED:
        raise DocumentImportError(
            f"{path.name} is password-protected: remove the password in Word (File, Info, "
            "Protect Document), save, and import again."
        )
    suffix = path.suffix.lower()
    expected = _EXPECTED.get(suffix)
    if expected is None:
        named = f"'{suffix}'" if suffix else "no ending"
        raise DocumentImportError(
            f"{path.name} has {named} at the end of its name: the app can import {WORKS} files."
        )
    if expected == Format.TEXT and found == Format.TEXT:
        decode_text(data, "text file")  # binary junk named .txt is refused here
    if found != expected:
        raise DocumentImportError(_mismatch(path.name, suffix, found, expected))
    return _reader(expected)(path)


def sniff(data: bytes) -> Format:
    """The format `data` is in."""
    if data.startswith(_OLE2):
        return Format.ENCRYPTED if any(name in data for name in _ENCRYPTED) else Format.OLD_WORD
    if b"%PDF-" in data[:_PDF_WITHIN]:
        return Format.PDF
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, EOFError):
            return Format.OTHER
        return Format.WORD if "word/document.xml" in names else Format.ZIP
    try:
        decode_text(data, "text file")
    except DocumentImportError:
        return Format.OTHER
    return Format.TEXT


def _mismatch(name: str, suffix: str, found: Format, expected: Format) -> str:
    if found == Format.ZIP and expected == Format.WORD:
        return (
            f"{name} is a zip file but not a Word document, although its name ends in .docx: "
            "open it in Word and save it as a Word document (.docx), then import that."
        )
    if found == Format.OTHER:
        return (
            f"{name} is not {expected.value}, although its name ends in {suffix}: it may be "
            "damaged, or another kind of file. Open it where it was made and save it again."
        )
    right = {Format.WORD: ".docx", Format.PDF: ".pdf", Format.TEXT: ".txt"}.get(found)
    rename = f" rename it to end in {right} and import it again." if right else ""
    return (
        f"{name} is {found.value}, not {expected.value}, although its name ends in {suffix}:"
        f"{rename or ' choose the document itself.'}"
    )


def _reader(expected: Format) -> Callable[[Path], SourceDocument]:
    # Each reader is imported only when needed: the Word and PDF libraries take a moment to load.
    if expected == Format.WORD:
        from guidance_app.core.importing.word import read_docx

        return read_docx
    if expected == Format.PDF:
        from guidance_app.core.importing.pdf import read_pdf

        return read_pdf
    from guidance_app.core.importing.plain import read_plain

    return read_plain
