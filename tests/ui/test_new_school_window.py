"""The app starts with a brand-new school (no policies yet, every answer to do): Home shows it,
and a guided answer ends in "not written yet", never in "not covered"."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.new_school import create_school
from guidance_app.ui.pages.wizard_page import WizardPage
from tests.helpers import CONTENT
from tests.ui.conftest import MakeWindow


def test_the_app_starts_with_a_new_school_and_says_its_answers_are_not_written(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    create_school(root, load_library(root).library, "new", "New School")
    result = load_library(root)
    assert result.problems == []  # no problems dialog at start: a note is not a problem
    window = make_window("new", search=False, lib=result.library)
    assert window.isVisible()
    window.open_wizard("friend-request")
    page = window.wizard_page
    assert isinstance(page, WizardPage)
    while not page.session.finished:
        qtbot.mouseClick(page.option_buttons()[0], Qt.MouseButton.LeftButton)
    shown = page.outcome.toPlainText()
    assert "Your school has not written this answer yet" in shown
    assert "Search your school's policies" in shown
    assert "does not cover" not in shown
