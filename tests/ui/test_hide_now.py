"""Hide now: Ctrl+H covers every window of the app at once with a plain cover (a pupil walks up to
the desk); the next key takes the cover away and does nothing else, with everything as it was:
on the Home page, in presenter mode with the notes shown, and with a dialog open."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from guidance_app.ui.main_window import MainWindow
from tests.ui.conftest import WORK_MS, MakeWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def _covers(window: QWidget) -> list[QWidget]:
    found = window.findChildren(QWidget, "hideNowCover", Qt.FindChildOption.FindDirectChildrenOnly)
    return [cover for cover in found if cover.isVisible()]


def _plain(window: QWidget) -> bool:
    """Whether the window, as drawn now, is one colour all over: no text, no controls."""
    image = window.grab().toImage()
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    return len(colours) == 1


def _hidden(window: QWidget) -> bool:
    QCoreApplication.processEvents()
    return len(_covers(window)) == 1 and _plain(window)


def test_ctrl_h_covers_the_window_and_the_next_key_only_brings_it_back(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("westhaven", search=False)
    window.open_wizard(window.library.wizards[0].id)
    answer = window.pages.currentWidget()
    search = window.home.search_box
    window.focus_search()
    qtbot.keyClicks(search, "friend request")
    assert not _plain(window)
    qtbot.keyClick(search, Qt.Key.Key_H, CTRL)
    assert _hidden(window)
    assert _covers(window)[0].geometry() == window.rect()
    qtbot.keyClick(search, Qt.Key.Key_X)  # the next key: back, and no "x" typed
    QCoreApplication.processEvents()
    assert not _covers(window) and not _plain(window)
    assert search.text() == "friend request" and search.hasFocus()
    qtbot.keyClick(search, Qt.Key.Key_H, CTRL)
    qtbot.keyClick(search, Qt.Key.Key_K, CTRL)  # a shortcut does nothing while hidden...
    assert not _covers(window) and window.pages.currentWidget() is window.home
    window.go_back()
    assert window.pages.currentWidget() is answer  # ...and what was open is still there


def test_hide_now_covers_presenter_mode_and_its_notes_and_loses_nothing(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("westhaven", search=False)
    qtbot.keyClick(window.home.search_box, Qt.Key.Key_F5)
    presenter = window.presenter
    assert presenter is not None
    qtbot.waitUntil(presenter.isVisible, timeout=WORK_MS)
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown)
    qtbot.keyClick(presenter, Qt.Key.Key_N)
    shown = presenter.slide.toPlainText()
    qtbot.keyClick(presenter, Qt.Key.Key_H, CTRL)
    assert _hidden(presenter)
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown)  # brings it back without moving on
    QCoreApplication.processEvents()
    assert not _covers(presenter)
    assert presenter.view == "answer" and presenter.slide.toPlainText() == shown
    assert presenter.notes.isVisible() and presenter.isVisible()
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert window.isVisible()


def test_hide_now_covers_an_open_dialog_and_the_window_behind_it(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window: MainWindow = make_window("westhaven", search=False)
    dialog = window.ask_for_school()
    qtbot.waitUntil(dialog.isVisible, timeout=WORK_MS)
    focus = QApplication.focusWidget() or dialog
    qtbot.keyClick(focus, Qt.Key.Key_H, CTRL)
    assert _hidden(dialog) and _hidden(window)
    qtbot.keyClick(focus, Qt.Key.Key_Escape)  # the next key: back, the dialog still open
    QCoreApplication.processEvents()
    assert not _covers(dialog) and not _covers(window)
    assert dialog.isVisible()
