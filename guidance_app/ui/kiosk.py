"""Kiosk mode for shared machines: after some minutes with no key, mouse or touch input anywhere in
the app, go back to Home with everything cleared, so the next person sees nothing of the last.

Also the one way the app puts text on the clipboard, so that a reset can take back what the app
put there (and only that).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)
_copied: list[str] = []  # the text this app last put on the clipboard


def copy_to_clipboard(text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    _copied[:] = [text]


def take_back_clipboard() -> bool:
    """Empty the clipboard if it still holds what this app copied; True if it did."""
    clipboard = QGuiApplication.clipboard()
    if _copied and clipboard.text() == _copied[0]:
        clipboard.clear()
        _copied.clear()
        return True
    return False


class IdleReset(QObject):
    """Calls `reset` once after `idle_ms` without input; any input starts the count again."""

    def __init__(self, idle_ms: int, reset: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.reset = reset
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(idle_ms)
        self.timer.timeout.connect(self.reset)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # spontaneous: from a person, not a move Qt makes up when the widget under the mouse changes
        if event.type() in _INPUT_EVENTS and event.spontaneous():
            self.timer.start()
        return False

    def stop(self) -> None:
        self.timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
