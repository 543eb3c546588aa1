"""Checking a .docx file's package before any library opens it.

A .docx is a zip of XML parts. A file that only claims to be one can be an old .doc, a
password-protected document (Word wraps those in an OLE2 container), a damaged download, a zip
bomb (a few kilobytes that unpack to gigabytes) or XML with a DTD that asks the parser to read
another file on this machine. Each is refused here, with a message that says what to do, before
docx2python or lxml sees a byte of it.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from guidance_app.core.errors import DocumentImportError

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 5000
# Word's XML compresses about 10 to 1, and rarely beyond 30 to 1; a part past this ratio that is
# also large is a bomb, not a policy (a small part may compress better: a page of blank lines).
_MAX_RATIO = 200
_RATIO_APPLIES_FROM = 1024 * 1024
_DTD_MARKS = tuple(
    mark.encode(encoding)
    for mark in ("<!DOCTYPE", "<!doctype", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_SAVE_AS_DOCX = "open it in Word and save it again as a Word document (.docx), then import that"


@dataclass(frozen=True)
class WordParts:
    """The parts the numbering needs, read from a package already checked."""

    styles: bytes | None
    numbering: bytes | None


def check_package(data: bytes) -> WordParts:
    """The package's parts if it is a .docx safe to open; DocumentImportError otherwise."""
    if data.startswith(_OLE2_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise DocumentImportError(
                "This Word document is protected by a password, so it cannot be read. Open it "
                "in Word, remove the password (File, Info, Protect Document), save it, and "
                "import that copy."
            )
        raise DocumentImportError(
            f"This is an old Word document (.doc), which cannot be read. Please {_SAVE_AS_DOCX}."
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(_ZIP_MAGIC):  # a zip's start without its end: cut off in a copy
            raise damaged()
        raise DocumentImportError(
            "This file is not a Word document (.docx), whatever its name says. If it opens in "
            f"Word, {_SAVE_AS_DOCX}."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _check_members(package.infolist())
            names = set(package.namelist())
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                raise DocumentImportError(
                    "This file is a zip archive but not a Word document (.docx): it has no "
                    f"document inside. If it opens in Word, {_SAVE_AS_DOCX}."
                )
            for name in sorted(names):
                if name.endswith((".xml", ".rels")):
                    _refuse_dtd(package.read(name))
            return WordParts(
                styles=package.read("word/styles.xml") if "word/styles.xml" in names else None,
                numbering=(
                    package.read("word/numbering.xml") if "word/numbering.xml" in names else None
                ),
            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError) as exc:
        # zlib.error, EOFError, OSError: scrambled or cut-off compressed data is reported by
        # zlib and zipfile through these rather than BadZipFile.
        raise damaged() from exc


def damaged() -> DocumentImportError:
    return DocumentImportError(
        "This Word document is damaged and cannot be read (it may not have finished "
        "downloading or copying). Open it in Word; if it opens, save it again and import the new "
        "copy, otherwise ask for another copy."
    )


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    too_big = DocumentImportError(
        "This file unpacks to far more than any Word document (it may be a zip bomb, made to "
        "fill the computer's memory), so it was not opened. Ask for the original document."
    )
    if len(members) > MAX_MEMBERS:
        raise DocumentImportError(
            f"This file holds over {MAX_MEMBERS:,} parts, far more than any Word document, so "
            "it was not opened. Ask for the original document."
        )
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise too_big
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_APPLIES_FROM and ratio > _MAX_RATIO:
            raise too_big


def _refuse_dtd(xml: bytes) -> None:
    # Word never writes a DTD. One in a part could make an XML parser read a file on this
    # machine into the document (an "external entity") or expand a few bytes into gigabytes.
    if any(mark in xml for mark in _DTD_MARKS):
        raise DocumentImportError(
            "This Word document contains a document type declaration, which Word never writes "
            "and which could make it read other files on this computer, so it was not opened. "
            f"If it opens in Word, {_SAVE_AS_DOCX}."
        )
