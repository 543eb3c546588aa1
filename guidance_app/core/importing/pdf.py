"""Reads a policy saved as PDF: its lines with their font sizes, the page furniture taken out.

The file is read once through safe_read (a regular file, at most MAX_IMPORT_BYTES) and parsed
from memory by pdfplumber (MIT; it reads with pdfminer.six). What cannot become a policy is
refused with a message that says what to do: a file that is not a PDF, an incomplete or damaged
one, one locked with a password, a scan (pictures of pages, with no text to read), one of more
than MAX_PAGES pages or that keeps pdfminer busy for minutes. A PDF encrypted with an empty
password (a "permissions" lock against editing or printing, which every PDF viewer opens without
asking) is read like any other: its text is open to anyone who opens the file.

What a PDF adds to the words is taken out and listed as RemovedLine (pdf_artefacts: headers,
footers, page numbers, ligatures; pdf_paragraphs: bullet glyphs, line-end hyphens, paragraphs
cut by a page break), and so is text set at an angle (a "DRAFT" watermark) and a page that is
only a picture. `source_text` is every word as found, before any of that.

The pages are read by pdf_pages (each page's words as plain values); a long document's on two
cores, by pdf_split.
"""

from __future__ import annotations

import io
import re
import struct
import time
import zlib
from collections.abc import Sequence
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from guidance_app.core.errors import DocumentImportError
from guidance_app.core.files.safe_read import (
    FileTooLargeError,
    UnreadableFileError,
    read_regular_file,
)
from guidance_app.core.importing.limits import MAX_IMPORT_BYTES
from guidance_app.core.importing.pdf_artefacts import expand_ligatures, remove_page_furniture
from guidance_app.core.importing.pdf_layout import PdfLine, group_lines
from guidance_app.core.importing.pdf_pages import PageContent
from guidance_app.core.importing.pdf_paragraphs import build_lines
from guidance_app.core.importing.pdf_split import read_pages
from guidance_app.core.importing.source import RemovedLine, SourceDocument

MAX_PAGES = 500
# pdfminer can spend minutes on a damaged or hostile page; checked between pages. A page of
# ordinary text takes well under a second.
MAX_SECONDS = 60.0
MAX_SECONDS_PER_PAGE = 2.0
# A page with fewer letters than this has no text of its own (a stamped page number at most).
MIN_PAGE_LETTERS = 25

# What pdfminer raises on a damaged file besides its own PSException family: it parses the
# file's objects as it finds them, so broken ones surface as these. Caught only around the
# library's own calls, never around this module's work.
_DAMAGED = (
    PSException,
    PdfminerException,
    MalformedPDFException,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    AssertionError,
    ArithmeticError,
    EOFError,
    RecursionError,
    struct.error,
    zlib.error,
)
_FILE_NAME = re.compile(r"^Microsoft (Word|PowerPoint) - |\.(docx?|rtf|odt|pdf|txt)$", re.I)
_TURNED = "text set at an angle or sideways: a watermark or a note in the margin"


def read_pdf(path: Path) -> SourceDocument:
    """The PDF's lines, what was removed from them, and every word it holds."""
    data = _read(path)
    if b"%PDF-" not in data[:1024]:
        raise DocumentImportError(
            f"{path.name} is not a PDF, although its name says so: open it in the program "
            "that made it and save it as a PDF or a Word document, then import that file."
        )
    if b"%%EOF" not in data[-1024:]:
        raise DocumentImportError(
            f"{path.name} is incomplete (the file stops before the PDF's end): it may not have "
            "finished downloading or copying. Copy it again, or ask for the original document."
        )
    title, raw_pages = _extract(path, data)
    pages = [group_lines(page.number, page.height, page.words) for page in raw_pages]
    sideways = [
        RemovedLine(page.turned, _TURNED, f"page {page.number}")
        for page in raw_pages
        if page.turned
    ]
    source_text = "\n".join(
        [*(line.text for lines in pages for line in lines), *(line.text for line in sideways)]
    )
    furniture = remove_page_furniture(pages)
    # judged without the page furniture: a scanner's stamp on every page is not a text layer
    _refuse_scan(path, furniture.pages)
    ligatures = expand_ligatures(furniture.pages)
    lines, removed = build_lines(ligatures.pages)
    pictures = [
        RemovedLine(
            "",
            f"page {page.number} has no text, only a picture: its words (if any) are not in the "
            "draft; check this page against the original",
            f"page {page.number}",
        )
        for page, found in zip(raw_pages, furniture.pages, strict=True)
        if page.images and _letters(found) < MIN_PAGE_LETTERS
    ]
    return SourceDocument(
        lines=tuple(lines),
        removed=(*furniture.removed, *sideways, *ligatures.removed, *removed, *pictures),
        source_text=source_text,
        kind="PDF",
        title=title,
    )


def _read(path: Path) -> bytes:
    try:
        return read_regular_file(path, MAX_IMPORT_BYTES)
    except FileTooLargeError as exc:
        raise DocumentImportError(
            f"{path.name} cannot be imported: {exc.reason}. A policy is rarely more than a few "
            "megabytes: ask for the original Word document, or a PDF saved without large pictures."
        ) from exc
    except UnreadableFileError as exc:
        raise DocumentImportError(f"{path.name} cannot be imported: {exc.reason}.") from exc


def _extract(path: Path, data: bytes) -> tuple[str | None, list[PageContent]]:
    """The document's title and each page's words, as pdfplumber reads them."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            title = pdf.metadata.get("Title")
            if len(pdf.pages) > MAX_PAGES:
                raise DocumentImportError(
                    f"{path.name} has {len(pdf.pages)} pages, more than the {MAX_PAGES} a "
                    "policy can have here: import each part of it as a policy of its own."
                )
            allowed = MAX_SECONDS + MAX_SECONDS_PER_PAGE * len(pdf.pages)
            deadline = time.monotonic() + allowed

            def check() -> None:
                if time.monotonic() > deadline:
                    raise DocumentImportError(
                        f"{path.name} took more than {allowed:.0f} seconds to read, so it "
                        "is probably damaged: save it again as PDF from the program that made "
                        "it, or ask for the original Word document."
                    )

            found = read_pages(pdf.pages, deadline, check)
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise DocumentImportError(
                f"{path.name} is locked with a password, so its text cannot be read: ask for a "
                "copy without a password, or for the original Word document."
            ) from exc
        raise _damaged(path) from exc
    except _DAMAGED as exc:
        raise _damaged(path) from exc
    return _title(title), found


def _title(recorded: object) -> str | None:
    """The title in the PDF's properties, unless it is only a file's name: printing to PDF
    from Word records "Microsoft Word - CP policy v3.docx", which names no policy."""
    if not isinstance(recorded, str):
        return None
    title = recorded.strip()
    if _FILE_NAME.search(title):
        return None
    return title or None


def _damaged(path: Path) -> DocumentImportError:
    return DocumentImportError(
        f"{path.name} is damaged and cannot be read as a PDF: open it in a PDF viewer and save "
        "(or print) it as a new PDF, or ask for the original Word document."
    )


def _letters(lines: Sequence[PdfLine]) -> int:
    return sum(c.isalpha() for line in lines for c in line.text)


def _refuse_scan(path: Path, pages: Sequence[Sequence[PdfLine]]) -> None:
    if not pages:
        raise DocumentImportError(f"{path.name} has no pages: ask for the original document.")
    with_text = sum(_letters(lines) >= MIN_PAGE_LETTERS for lines in pages)
    if with_text * 2 < len(pages):
        raise DocumentImportError(
            f"{path.name}: this PDF is a scan (a picture of the pages), so there is no text to "
            "import: ask for the original Word document."
        )
