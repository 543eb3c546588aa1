"""Compare schools: every school's ruling for one situation, side by side."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from guidance_app.core.content.model import Library
from guidance_app.core.guidance.outcome import outcome_for
from tests.ui.conftest import MakeWindow


def test_compare_shows_every_schools_ruling_side_by_side(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    window = make_window("westhaven", search=False)
    qtbot.mouseClick(window.compare_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.compare
    box = window.compare.situation_box
    box.setCurrentIndex(box.findData("friend-request/ex-pupil/adult"))
    shown = " ".join(window.compare.table.toPlainText().split())
    for school in library.schools:
        assert school.short_name in shown
        action = outcome_for(library, school.id, "friend-request/ex-pupil/adult").action
        assert " ".join(action.split()) in shown
    assert "does not cover" in shown  # at least one school is silent here, and says so
