"""Printing and PDF files from HTML, with Qt's own printing (no extra package).

Used by the outcome slip, the training handout, the self-check's completion slip and the
questions for the policy owner, in the window and from the command line (`guidance-app handout`,
`guidance-app gaps`). PDFs are written with QPdfWriter, never with a QPrinter: constructing a
QPrinter loads Qt's print-support plugin, which connects to the print server (CUPS on port 631)
even for PDF output. Only an explicit Print (`print_html`) may do that, so QtPrintSupport is
imported there and nowhere else.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QStandardPaths
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from guidance_app.core.content.decks import Deck
from guidance_app.core.content.model import Library
from guidance_app.core.errors import GuidanceError
from guidance_app.core.guidance.gaps import gaps_for
from guidance_app.core.render.gaps import GAPS_TITLE, gaps_html
from guidance_app.core.render.handout import handout_html
from guidance_app.ui import theme

_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")  # each page object Qt writes
_PDF_DPI = 1200  # what QPrinter's HighResolution mode gave PDFs, so the layout stays the same


def _document(html: str) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultStyleSheet(theme.PRINT_CSS)
    document.setHtml(html)
    return document


def _a4(device: QPagedPaintDevice) -> None:
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 16, 18, 16),
            QPageLayout.Unit.Millimeter,
        )
    )


def write_pdf(html: str, path: Path, title: str) -> int:
    """Write `html` to a PDF at `path`; the number of pages. GuidanceError with a plain reason
    (and nothing written) if the file cannot be written."""
    try:
        with open(path, "ab"):
            pass  # fails clearly for a read-only folder, where Qt would fail quietly
    except OSError as exc:
        raise GuidanceError(
            f"The file could not be saved to {path}: {exc.strerror or exc}. "
            "Choose another folder, such as Documents."
        ) from exc
    writer = QPdfWriter(str(path))
    writer.setResolution(_PDF_DPI)
    writer.setTitle(title)
    writer.setCreator("Policy Guidance")
    _a4(writer)
    _document(html).print_(writer)
    if not path.exists() or path.stat().st_size == 0:
        raise GuidanceError(f"The file could not be saved to {path}.")
    return len(_PAGE_OBJECT.findall(path.read_bytes()))


def write_handout_pdf(library: Library, deck: Deck, school_id: str, path: Path) -> int:
    """A training deck's handout as a PDF at `path`, dated today, for `school_id` (or the
    deck's own school, if it names one); the number of pages. The window's "Handout PDF…"
    and `guidance-app handout` both write it here."""
    html = handout_html(library, deck, school_id, datetime.date.today())
    return write_pdf(html, path, f"{deck.title} — handout")


def write_gaps_pdf(library: Library, school_id: str, path: Path) -> int:
    """A school's questions for its policy owner as a PDF at `path`, dated today; the number of
    pages. The Home page's "Questions for the policy owner…" and `guidance-app gaps --out`
    both write it here."""
    gaps = gaps_for(library, school_id)
    html = gaps_html(gaps, datetime.date.today())
    return write_pdf(html, path, f"{GAPS_TITLE} — {gaps.school.name}")


def save_pdf_as(
    parent: QWidget, what: str, file_name: str, write: Callable[[Path], object]
) -> Path | None:
    """Ask where to save `what` as a PDF (Documents suggested), then `write(path)`. A failure is
    explained in a message box; the path written, or None."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = Path(folder or Path.home()) / file_name
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, f"Save {what} as a PDF", str(suggested), "PDF files (*.pdf)"
    )
    if not chosen:
        return None
    path = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
    try:
        write(path)
    except GuidanceError as exc:
        QMessageBox.warning(parent, f"{what[0].upper()}{what[1:]} was not saved", str(exc))
        return None
    return path


def print_html(html: str, title: str, parent: QWidget | None) -> bool:
    """Ask for a printer and print; False if the user cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # the print system, on request only

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print: {title}")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    _document(html).print_(printer)
    return True
