"""Text that shrinks to fit its pane: presenter slides must show every option and the whole
quoted policy on the screen the room sees, whatever its size, with no key to scroll."""

from __future__ import annotations

from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QTextBrowser

from guidance_app.ui.reading import set_text_size


def fits(browser: QTextBrowser, points: int) -> bool:
    """Whether the browser's text, at `points`, fits its viewport without scrolling."""
    width, height = browser.viewport().width(), browser.viewport().height()
    document = browser.document().clone()  # measured apart: the pane itself does not flicker
    font = QFont(document.defaultFont())
    font.setPointSize(points)
    document.setDefaultFont(font)
    document.setTextWidth(width)
    size = document.size()  # the clone has no parent: Python frees it
    return size.height() <= height and size.width() <= width


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
