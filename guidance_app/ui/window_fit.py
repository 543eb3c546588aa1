"""Keeping the main window on its screen: never larger than the screen's available area (the
screen less task bars and docks) and wholly inside it, when it first opens and whenever it is
shown with a size remembered from a bigger screen.

School laptops are often 1366x768, or 1920x1080 at 150% (1280x720 of room); a window taller than
that hides its status bar, where the kiosk notice and "copied" appear.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget

PREFERRED_SIZE = QSize(1180, 800)  # comfortable for reading a policy beside its search


def available_area(window: QWidget) -> QRect:
    """The available geometry of the screen the window is (mostly) on."""
    screen = QGuiApplication.screenAt(window.frameGeometry().center()) or window.screen()
    return screen.availableGeometry()


def _room(window: QWidget, area: QRect) -> QSize:
    """The largest size of the window's inside whose frame still fits `area`."""
    frame, inside = window.frameGeometry(), window.geometry()
    return QSize(
        area.width() - (frame.width() - inside.width()),
        area.height() - (frame.height() - inside.height()),
    )


def open_size(window: QWidget) -> None:
    """The size a window opens at with nothing remembered: the preferred size if the screen
    has room for it; if not, as big as the room there is, and maximised, so that a window
    manager fits its frame (title bar included) inside the screen as well."""
    area = available_area(window)
    room = _room(window, area)
    size = PREFERRED_SIZE.boundedTo(room)
    window.resize(size)
    if size != PREFERRED_SIZE:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def keep_on_screen(window: QWidget) -> None:
    """Shrink the window to the available area if it is larger, then move it wholly inside.
    The window's own minimum size is kept (the main window's is far below 800x600)."""
    if window.windowState() & Qt.WindowState.WindowFullScreen:
        return
    area = available_area(window)
    size = window.size().boundedTo(_room(window, area)).expandedTo(window.minimumSize())
    if size != window.size():
        window.resize(size)
    frame = window.frameGeometry()
    left = max(area.left(), min(frame.left(), area.right() + 1 - frame.width()))
    top = max(area.top(), min(frame.top(), area.bottom() + 1 - frame.height()))
    if (left, top) != (frame.left(), frame.top()):
        window.move(left, top)  # a window's position is its frame's


class PageScroll(QScrollArea):
    """The main window's pages, scrolled when one is taller or wider than the window (at
    800x600) rather than making the window bigger than the screen. The control keyboard focus
    moves to is scrolled into view, whether by Tab or by the app (the first answer, Next)."""

    def __init__(self, pages: QWidget) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a container: Tab goes to what is inside
        self.setWidget(pages)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    def _focus_moved(self, _old: QWidget | None, now: QWidget | None) -> None:
        pages = self.widget()
        if now is not None and pages is not None and pages.isAncestorOf(now):
            # once the page's layout has placed it: a control just shown has no place yet
            QTimer.singleShot(0, self, lambda: self._scroll_to(now))

    def _scroll_to(self, widget: QWidget) -> None:
        if shiboken6.isValid(widget) and widget.hasFocus():
            self.ensureWidgetVisible(widget, 8, 8)
