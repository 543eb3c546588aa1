"""The main window's pages, one shown at a time, with the way back: Back returns to the page
before, as far back as twenty pages, skipping any page taken out since."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

HISTORY = 20


@runtime_checkable
class Leavable(Protocol):
    """A page that may hold unsaved work (an answer being written): asked before it is left."""

    def may_leave(self) -> bool: ...


def may_leave(page: QWidget | None) -> bool:
    """True if the page can be left now (it asks its user if it holds unsaved work)."""
    return not isinstance(page, Leavable) or page.may_leave()


class PageStack(QStackedWidget):
    """Emits `moved(can_go_back)` after each page shown, and `added(page)` for a page put in
    by `replace` (a guided answer, a self-check), before it is shown."""

    moved = Signal(bool)
    added = Signal(QWidget)

    def __init__(self) -> None:
        super().__init__()
        self._history: list[QWidget] = []

    def show_page(self, page: QWidget, remember: bool = True) -> bool:
        """Show a page; False if the one shown holds unsaved work its user chose to keep."""
        current = self.currentWidget()
        if current is not page and not may_leave(current):
            return False
        if remember and current is not page and current is not None:
            self._history.append(current)
            del self._history[:-HISTORY]
        self.setCurrentWidget(page)
        self.moved.emit(bool(self._history))
        return True

    def drop(self, old: QWidget | None, at_once: bool = False) -> None:
        """Take a page out. Destroyed later by default, since the page itself may have asked
        for this from one of its own buttons; `at_once` where nothing on the page can be
        running (the kiosk reset), so none of it outlives the reset."""
        if old is not None:
            self._history = [page for page in self._history if page is not old]
            self.removeWidget(old)
            if at_once:
                shiboken6.delete(old)
            else:
                old.deleteLater()

    def replace(self, old: QWidget | None, new: QWidget) -> None:
        """Show a new page in place of an old one of its kind (one guided answer and one
        self-check are kept, so Back never returns to a stale one)."""
        self.drop(old)
        self.addWidget(new)
        self.added.emit(new)
        self.show_page(new)

    def back(self) -> bool:
        """Show the page before, if one is left (focused); False if there is none. True,
        staying, if the page shown holds unsaved work its user chose to keep."""
        if not may_leave(self.currentWidget()):
            return True
        while self._history:
            page = self._history.pop()
            if self.indexOf(page) >= 0:
                self.show_page(page, remember=False)
                page.setFocus()
                return True
        return False

    def forget(self) -> None:
        """Nowhere to go back to (Home)."""
        self._history.clear()
