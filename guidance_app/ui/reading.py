"""The reading panes' widgets, shared by every page that shows rich text: a browser in the
reading style, its text size (and the next size up or down), and web links opened only on a
click."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

from guidance_app.ui import theme

Browser = TypeVar("Browser", bound=QTextBrowser)


def make_browser(name: str, colours: theme.Colours) -> QTextBrowser:
    return reading_pane(QTextBrowser(), name, colours)


def reading_pane(browser: Browser, name: str, colours: theme.Colours) -> Browser:
    """A browser (a QTextBrowser or a subclass of it) made a reading pane: named, in the
    reading style, links left to the page."""
    browser.setAccessibleName(name)
    browser.setOpenLinks(False)  # we decide: clause links stay inside, web links need a click
    browser.document().setDefaultStyleSheet(theme.reading_css(colours))
    browser.document().setDocumentMargin(18)
    return browser


def set_text_size(browser: QTextBrowser, points: int) -> None:
    """The reading size; a widget stylesheet, so the app's stylesheet cannot undo it."""
    browser.setStyleSheet(f"QTextBrowser {{ font-size: {points}pt; }}")


def set_text_sizes(pages: QWidget, points: int) -> None:
    """Every reading pane of every page (the reader, outcomes, compare, the self-check...)."""
    for browser in pages.findChildren(QTextBrowser):
        set_text_size(browser, points)


def next_text_size(sizes: Sequence[int], points: int, step: int) -> int:
    """One size bigger (`step` > 0) or smaller (< 0) among `sizes`; `points` at either end."""
    bigger = [size for size in sizes if size > points]
    smaller = [size for size in sizes if size < points]
    if step > 0 and bigger:
        return bigger[0]
    if step < 0 and smaller:
        return smaller[-1]
    return points


def open_web_link(url: QUrl) -> None:
    """Links in policy text open only on the user's click, in the system browser."""
    if url.scheme() in ("http", "https", "mailto"):
        QDesktopServices.openUrl(url)
