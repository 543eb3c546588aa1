"""The policy reader: find in page (Ctrl+F, Enter for the next match, Esc to close)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import MakeWindow


def test_find_in_page_counts_and_moves_between_matches(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("wilnecote", search=False)
    window.open_clause("social-networking", None)
    reader = window.reader
    qtbot.keyClick(reader.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert reader.find_bar.isVisible() and reader.find_bar.field.hasFocus()
    qtbot.keyClicks(reader.find_bar.field, "students")
    expected = reader.browser.toPlainText().lower().count("students")
    assert expected > 1
    assert reader.find_bar.count.text() == f"{expected} matches"
    first = reader.browser.textCursor().position()
    qtbot.keyClick(reader.find_bar.field, Qt.Key.Key_Return)
    assert reader.browser.textCursor().position() > first
    assert reader.browser.textCursor().selectedText().lower() == "students"
    qtbot.keyClick(reader.find_bar.field, Qt.Key.Key_Escape)
    assert not reader.find_bar.isVisible()
    qtbot.keyClicks(reader.find_bar.field, "zzzz")
    assert reader.find_bar.count.text() == "No matches"
