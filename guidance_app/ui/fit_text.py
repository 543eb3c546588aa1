"""Text that fits its pane: presenter slides must show every option and the whole quoted policy
on the screen the room sees, whatever its size, with no key to scroll. A long answer is first
laid out over several slides, whole pieces on each (`pages`), so that it stays readable from the
back of the room; only a piece too long for a screen on its own is shown smaller."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QFont, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from guidance_app.ui.reading import set_text_size


def fits(browser: QTextBrowser, points: int) -> bool:
    """Whether the browser's text, at `points`, fits its viewport without scrolling."""
    # measured apart, on a copy: the pane itself does not flicker
    return _fits_at(browser.document().clone(), browser, points)


def fits_html(browser: QTextBrowser, html: str, points: int) -> bool:
    """Whether `html`, shown in the browser (its style and margins) at `points`, would fit."""
    shown = browser.document()
    document = QTextDocument()
    document.setDefaultStyleSheet(shown.defaultStyleSheet())
    document.setDocumentMargin(shown.documentMargin())
    document.setDefaultFont(shown.defaultFont())
    document.setHtml(html)
    return _fits_at(document, browser, points)


def _fits_at(document: QTextDocument, browser: QTextBrowser, points: int) -> bool:
    """Whether `document` (a parentless copy: Python frees it), set at `points` and the
    browser's width, is no larger than the browser's viewport."""
    width, height = browser.viewport().width(), browser.viewport().height()
    font = QFont(document.defaultFont())
    font.setPointSize(points)
    document.setDefaultFont(font)
    document.setTextWidth(width)
    size = document.size()
    return size.height() <= height and size.width() <= width


def pages(
    browser: QTextBrowser, first: str, later: str, pieces: Sequence[str], points: int
) -> list[str]:
    """The pieces, in order, on as few pages as fit the browser at `points`: each page starts
    with `first` (the first page) or `later`, then as many whole pieces as fit. A piece that
    does not fit even alone has a page to itself (shown smaller there)."""
    laid: list[str] = []
    current: list[str] = []
    for piece in pieces:
        head = later if laid else first
        if current and not fits_html(browser, head + "".join([*current, piece]), points):
            laid.append(head + "".join(current))
            current = []
        current.append(piece)
    if current or not laid:
        laid.append((later if laid else first) + "".join(current))
    return laid


def largest_fitting(browser: QTextBrowser, largest: int, smallest: int) -> int:
    """The largest size from `largest` down to `smallest` at which the text fits (`smallest` if
    none does: the pane then scrolls rather than shrink past reading)."""
    if fits(browser, largest):
        return largest
    low, high = smallest, largest - 1  # the answer lies in [low, high]; text grows with size
    while low < high:
        middle = (low + high + 1) // 2
        if fits(browser, middle):
            low = middle
        else:
            high = middle - 1
    return low


class FittingBrowser(QTextBrowser):
    """A reading pane whose text is as large as asked (`largest`) when it fits, else smaller, down
    to `smallest`; refitted when the text, the size asked or the pane's size change."""

    def __init__(self, largest: int, smallest: int) -> None:
        super().__init__()
        self.largest = largest
        self.smallest = smallest
        self.points = largest  # the size the text is shown at now

    def show_html(self, html: str, largest: int | None = None) -> None:
        if largest is not None:
            self.largest = largest
        self.setHtml(html)
        self.fit()

    def fit(self) -> None:
        self.points = largest_fitting(self, self.largest, min(self.smallest, self.largest))
        set_text_size(self, self.points)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()
