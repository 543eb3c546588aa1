"""Hide now (Ctrl+H): a pupil walks up to the desk, and every window of the app (the main window,
presenter mode and its notes, any open dialog) is covered at once by a plain cover with no text;
the next key takes the covers away, with everything as it was. That key does nothing else, and
while hidden no key or shortcut reaches the app.

Ctrl+H works on every laptop keyboard (F-keys often need Fn, and Pause is missing) and does
nothing else in the app. Native dialogs (a system file chooser on Windows) are not the app's
widgets and cannot be covered.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

HIDE_KEY = "Ctrl+H"
COVER_NAME = "hideNowCover"
_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.ShiftModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def _is_hide_key(event: QKeyEvent) -> bool:
    modifiers = event.modifiers() & _MODIFIERS
    return event.key() == Qt.Key.Key_H and modifiers == Qt.KeyboardModifier.ControlModifier


class HideNow(QObject):
    """The app-wide key: watches every key event (an event filter on the application)."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.covers: list[QWidget] = []
        app.installEventFilter(self)

    @property
    def hidden(self) -> bool:
        return bool(self.covers)

    def hide_all(self) -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()  # an open list (the school box's) would float above the covers
        QToolTip.hideText()
        for window in QApplication.topLevelWidgets():
            if window.isVisible():
                self._cover(window)

    def show_all(self) -> None:
        for cover in self.covers:
            cover.hide()
            cover.deleteLater()
        self.covers = []

    def _cover(self, window: QWidget) -> None:
        cover = QWidget(window)
        cover.setObjectName(COVER_NAME)
        cover.setAccessibleName("Hidden: press any key to show the app again")
        cover.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        palette = cover.palette()  # the window's own background: no flash of another colour
        palette.setColor(
            QPalette.ColorRole.Window, window.palette().color(QPalette.ColorRole.Window)
        )
        cover.setPalette(palette)
        cover.setAutoFillBackground(True)
        cover.setGeometry(window.rect())
        cover.show()
        cover.raise_()
        self.covers.append(cover)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            # claimed, so that no shortcut fires: the key comes back as a KeyPress
            if self.hidden or _is_hide_key(event):
                event.accept()
                return True
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if self.hidden:
                if not event.isAutoRepeat():  # Ctrl+H held down does not undo itself
                    self.show_all()
                return True
            if _is_hide_key(event):
                self.hide_all()
                return True
        elif self.hidden and kind in (QEvent.Type.Show, QEvent.Type.Resize):
            self._follow(watched, kind)
        return False

    def _follow(self, watched: QObject, kind: QEvent.Type) -> None:
        """A window shown or resized while hidden is covered too, in full."""
        if not isinstance(watched, QWidget) or not watched.isWindow():
            return
        if watched.objectName() == COVER_NAME:
            return
        mine = [cover for cover in self.covers if cover.parentWidget() is watched]
        if not mine and kind == QEvent.Type.Show:
            self._cover(watched)
        for cover in mine:
            cover.setGeometry(watched.rect())
            cover.raise_()


def install() -> HideNow | None:
    """The app's one Hide-now key (installed once, whatever number of windows)."""
    app = QCoreApplication.instance()
    if app is None:
        return None
    found = app.findChild(HideNow)
    return found if isinstance(found, HideNow) else HideNow(app)
