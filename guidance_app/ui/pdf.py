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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import shiboken6
from PySide6.QtCore import QMarginsF, QSizeF, QStandardPaths
from PySide6.QtGui import (
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget

from guidance_app.core.content.decks import Deck
from guidance_app.core.content.model import Library
from guidance_app.core.errors import GuidanceError
from guidance_app.core.guidance.gaps import gaps_for
from guidance_app.core.render.gaps import GAPS_TITLE, gaps_html
from guidance_app.core.render.handout import handout_html
from guidance_app.ui import theme

_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")  # each page object Qt writes
_PDF_DPI = 1200  # what QPrinter's HighResolution mode gave PDFs, so the layout stays the same


# A last page less full than this is "nearly empty": the text is set a little smaller (down to
# the last of these scales) if that brings it back onto the pages before.
NEARLY_EMPTY = 0.25
SMALLER = (0.95, 0.9)


def _document(html: str, scale: float = 1.0) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultStyleSheet(theme.print_css(scale))
    document.setHtml(html)
    return document


def _pages_and_last_fill(document: QTextDocument, device: QPagedPaintDevice) -> tuple[int, float]:
    """How many pages `document` prints on, and how full its last page is (0 to 1)."""
    laid = _laid_out(document, device)
    pages, height = laid.pageCount(), laid.pageSize().height()
    bottom = laid.documentLayout().blockBoundingRect(laid.lastBlock()).bottom()
    return pages, (bottom - (pages - 1) * height) / height


def paper_document(html: str, device: QPagedPaintDevice) -> QTextDocument:
    """`html` laid out for `device`'s pages: no quote apart from its citation, and no last page
    with a few spilled lines if slightly smaller text keeps them on the page before."""
    document = _document(html)
    keep_quotes_together(document, device)
    pages, fill = _pages_and_last_fill(document, device)
    if pages < 2 or fill >= NEARLY_EMPTY:
        return document
    for scale in SMALLER:
        smaller = _document(html, scale)
        keep_quotes_together(smaller, device)
        if _pages_and_last_fill(smaller, device)[0] < pages:
            return smaller
    return document


def _laid_out(document: QTextDocument, device: QPagedPaintDevice) -> QTextDocument:
    """A copy of `document` in pages as QTextDocument.print_ will lay them out: measured on
    `device`, with print_'s 2 cm margins (given at the 96 dpi it scales from)."""
    laid = document.clone()
    laid.documentLayout().setPaintDevice(device)
    frame = laid.rootFrame().frameFormat()
    frame.setMargin(int(2 / 2.54 * 96))
    laid.rootFrame().setFrameFormat(frame)
    laid.setPageSize(QSizeF(device.width(), device.height()))
    return laid


def _a4(device: QPagedPaintDevice) -> None:
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            # QTextDocument.print_ adds its own 2 cm inside these: 28-30 mm in all, enough
            # to bind or punch, and fewer slips spill their last lines onto a page of their own
            QMarginsF(10, 8, 10, 8),
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
    paper_document(html, writer).print_(writer)
    if not path.exists() or path.stat().st_size == 0:
        raise GuidanceError(f"The file could not be saved to {path}.")
    return len(_PAGE_OBJECT.findall(path.read_bytes()))


def _all_italic(block: QTextBlock) -> bool:
    """Whether the block has text and all of it is italic."""
    italic = False
    fragments = block.begin()
    while not fragments.atEnd():
        fragment = fragments.fragment()
        if fragment.isValid() and fragment.text().strip():
            if not fragment.charFormat().fontItalic():
                return False
            italic = True
        fragments += 1
    return italic


def _quotes(document: QTextDocument) -> list[list[QTextBlock]]:
    """Each quoted clause's blocks, its citation last: a quote is a run of indented blocks (a
    blockquote), and its citation the run's italic line."""
    groups: list[list[QTextBlock]] = []
    group: list[QTextBlock] = []
    block = document.firstBlock()
    while block.isValid():
        if block.blockFormat().leftMargin() > 0:
            group.append(block)
            if _all_italic(block):
                groups.append(group)
                group = []
        elif group:
            groups.append(group)
            group = []
        block = block.next()
    return groups + ([group] if group else [])


def keep_quotes_together(document: QTextDocument, device: QPagedPaintDevice) -> None:
    """A quoted clause that would be split across pages starts a new page instead, so that a
    citation is never printed apart from the words it cites (unless the quote is longer than
    a page)."""
    for _ in range(len(_quotes(document))):  # each pass moves at most one quote
        laid = _laid_out(document, device)
        height = laid.pageSize().height()
        moved = False
        for quote in _quotes(laid):
            first, last = quote[0], quote[-1]
            top = laid.documentLayout().blockBoundingRect(first).top()
            bottom = laid.documentLayout().blockBoundingRect(last).bottom()
            breaks = first.blockFormat().pageBreakPolicy()
            if (
                int(top // height) != int((bottom - 1) // height)
                and bottom - top < height / 2
                and not breaks & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
            ):
                cursor = QTextCursor(document.findBlockByNumber(first.blockNumber()))
                page_break = QTextBlockFormat()
                page_break.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                cursor.mergeBlockFormat(page_break)
                moved = True
                break
        if not moved:
            return


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


def documents_folder() -> Path:
    """Where a PDF is first offered to be saved: the user's documents folder, or their home
    folder if it has none (a file dialog given a folder that does not exist opens the
    program's working folder instead)."""
    for where in (
        QStandardPaths.StandardLocation.DocumentsLocation,
        QStandardPaths.StandardLocation.HomeLocation,
    ):
        folder = QStandardPaths.writableLocation(where)
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


@contextmanager
def focus_kept(parent: QWidget) -> Iterator[None]:
    """Around a dialog: afterwards the window is active again and the keyboard focus is back
    where it was, so the keys (Ctrl+P, Ctrl+Shift+C) work at once; with no window manager, or
    after some file dialogs, nothing else gives them back."""
    focused = QApplication.focusWidget()
    try:
        yield
    finally:
        window = parent.window()
        window.activateWindow()
        if focused is not None and shiboken6.isValid(focused) and focused.isVisible():
            focused.setFocus()
        elif parent.isVisible():
            parent.setFocus()


def save_pdf_as(
    parent: QWidget, what: str, file_name: str, write: Callable[[Path], object]
) -> Path | None:
    """Ask where to save `what` as a PDF (Documents suggested), then `write(path)`. A failure is
    explained in a message box; the path written, or None."""
    suggested = documents_folder() / file_name
    with focus_kept(parent):
        chosen, _filter = QFileDialog.getSaveFileName(
            parent, f"Save {what} as a PDF", str(suggested), "PDF files (*.pdf)"
        )
    if not chosen:
        return None
    path = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
    try:
        write(path)
    except GuidanceError as exc:
        with focus_kept(parent):
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
    if parent is None:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
    else:
        with focus_kept(parent):
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
    if not accepted:
        return False
    paper_document(html, printer).print_(printer)  # the same pages as the PDF
    return True
