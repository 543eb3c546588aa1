"""Start-up: the school chosen on first run and remembered per user (IT's settings: see
test_deployment.py); content problems shown once in one dialog; text and window size remembered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from guidance_app.core.content.loader import load_library
from guidance_app.ui.app import problem_lines
from guidance_app.ui.settings import DEFAULT_TEXT_SIZE, Settings
from tests.helpers import write_library
from tests.ui.conftest import WORK_MS, MakeWindow


def test_first_run_asks_for_the_school_and_remembers_it(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(None, search=False)
    assert window.needs_school_choice
    window.after_show([])
    dialog = window.school_dialog
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    row = next(
        i for i in range(dialog.schools.count()) if dialog.schools.item(i).text() == "Ewloe Green"
    )
    dialog.schools.setCurrentRow(row)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert window.school_id == "ewloe-green"
    assert window.home.status_card.isVisible()
    assert Settings().school == "ewloe-green"  # remembered for this OS user

    again = make_window(None, search=False)
    assert not again.needs_school_choice and again.school_id == "ewloe-green"
    again.after_show([])
    assert again.school_dialog is None
    if again.engine is None:
        qtbot.waitUntil(lambda: again.engine is not None, timeout=WORK_MS)


def test_content_problems_are_shown_once_with_file_and_line(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    root = write_library(tmp_path / "content")
    broken = root / "wizards" / "broken.yaml"
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    result = load_library(root)
    assert result.problems and result.library.schools
    window = make_window("example", search=False, lib=result.library)
    window.after_show(problem_lines(result.problems))
    dialog = window.problems_dialog
    assert dialog is not None and dialog.isVisible()
    shown = dialog.details.toPlainText()
    assert "broken.yaml:" in shown and ":1:" in shown
    assert len(shown.splitlines()) == len(result.problems)
    # the rest of the library still works
    assert window.library.wizard("friend-request") is not None
    qtbot.waitUntil(lambda: window.engine is not None, timeout=WORK_MS)
    dialog.reject()


def test_text_size_changes_with_ctrl_plus_and_minus_and_is_remembered(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("westhaven", search=False)
    window.open_clause("social-media-and-networking", None)
    before = window.reader.browser.document().defaultFont().pointSize()
    assert before == DEFAULT_TEXT_SIZE
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    bigger = window.reader.browser.document().defaultFont().pointSize()
    assert bigger > before
    assert Settings().text_size == bigger
    again = make_window("westhaven", search=False)
    assert again.reader.browser.document().defaultFont().pointSize() == bigger
    qtbot.keyClick(again.reader.browser, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert again.reader.browser.document().defaultFont().pointSize() < bigger


def test_window_size_is_remembered(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window("westhaven", search=False)
    window.setGeometry(0, 0, 800, 560)
    qtbot.waitUntil(lambda: window.width() == 800, timeout=WORK_MS)
    window.close()
    again = make_window("westhaven", search=False)
    assert (again.width(), again.height()) != (800, 560)
    again.restore_geometry()
    # The offscreen screen is 800 px wide; Qt keeps a restored window a pixel or two inside it.
    assert again.height() == 560 and abs(again.width() - 800) <= 4


def test_a_read_only_settings_folder_is_reported_and_the_app_still_works(
    qtbot: QtBot, make_window: MakeWindow, own_settings: Path, monkeypatch: object
) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    blocker = own_settings / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("GUIDANCE_APP_CONFIG_DIR", str(blocker / "config"))
    window = make_window(None, search=False)
    assert "cannot be saved" in window.statusBar().currentMessage()
    window.choose_school("stokes-wood")  # the choice works for this session
    assert window.school_id == "stokes-wood"
