"""The main window: school choice, a policy as readable text, and a guided answer driven by
clicks and keys to the school's own outcome, with its quoted clause opening in the reader."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from guidance_app.core.loader import load_library
from guidance_app.core.model import Library
from guidance_app.ui.main_window import GUIDED_ANSWERS, MainWindow
from tests.helpers import CONTENT


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT).library


def _window(qtbot: QtBot, library: Library, school: str) -> MainWindow:
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    window.school_box.setCurrentIndex(window.school_box.findData(school))
    return window


def _open_wizard(window: MainWindow, wizard_id: str) -> None:
    answers = window.library_tree.topLevelItem(0)
    assert answers is not None and answers.text(0) == GUIDED_ANSWERS
    for i in range(answers.childCount()):
        child = answers.child(i)
        if child is not None and child.data(0, Qt.ItemDataRole.UserRole)[1] == wizard_id:
            window.library_tree.setCurrentItem(child)
            return
    raise AssertionError(wizard_id)


def _option_buttons(window: MainWindow) -> list[QPushButton]:
    assert window.wizard_page is not None
    return [
        b for b in window.wizard_page.findChildren(QPushButton, "optionButton") if not b.isHidden()
    ]


def test_the_chosen_schools_policy_opens_as_readable_text(qtbot: QtBot, library: Library) -> None:
    window = _window(qtbot, library, "westhaven")
    text = window.reader.toPlainText()
    assert "Social Media and Networking Policy" in text
    assert "Colleagues at the school must not accept pupils as friends" in text
    assert window.school_box.count() == 5


def test_wizard_by_clicks_and_keys_reaches_the_schools_outcome(
    qtbot: QtBot, library: Library
) -> None:
    window = _window(qtbot, library, "stokes-wood")
    _open_wizard(window, "friend-request")
    page = window.wizard_page
    assert page is not None
    assert page.question.text() == "Who is the request or message from?"
    qtbot.mouseClick(_option_buttons(window)[1], Qt.MouseButton.LeftButton)  # a former pupil
    qtbot.waitUntil(lambda: page.session.finished or page.question.text() != "")
    if not page.session.finished:  # the age question, unless skipped for this school
        qtbot.keyClick(page, Qt.Key.Key_3)
    assert page.session.finished
    shown = page.outcome.toPlainText()
    assert "Reject the request explicitly" in shown
    assert "must be explicitly rejected, not just ignored" in shown


def test_back_change_and_start_again(qtbot: QtBot, library: Library) -> None:
    window = _window(qtbot, library, "westhaven")
    _open_wizard(window, "friend-request")
    page = window.wizard_page
    assert page is not None
    page.choose_number(2)  # a former pupil
    page.choose_number(2)  # an adult
    assert page.session.situation == "friend-request/ex-pupil/adult"
    assert "strongly advised" in page.outcome.toPlainText().lower()
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert page.shown_question() is not None and not page.session.finished
    page.choose_number(1)  # still of school age
    assert page.session.situation == "friend-request/ex-pupil/school-age"
    page.change("who")
    assert page.shown_question() is not None and page.shown_question().id == "who"
    page.choose_number(1)  # a current pupil: the age answer no longer applies
    assert page.session.situation in ("friend-request/pupil", None)
    qtbot.mouseClick(page.restart_button, Qt.MouseButton.LeftButton)
    assert page.session.steps == () and page.question.text() == (
        "Who is the request or message from?"
    )


def test_a_quoted_clause_opens_in_the_reader(qtbot: QtBot, library: Library) -> None:
    window = _window(qtbot, library, "westhaven")
    _open_wizard(window, "media-contact")
    page = window.wizard_page
    assert page is not None
    if not page.session.finished:
        page.choose_number(1)
    assert "consult their Headteacher/line manager" in page.outcome.toPlainText()
    page.outcome.anchorClicked.emit(QUrl("clause:social-media-and-networking#4.1.12"))
    assert window.stack.currentWidget() is window.reader
    assert window.current_policy is not None
    assert window.current_policy.id == "social-media-and-networking"


def test_the_outcome_screen_shows_no_leftover_question(qtbot: QtBot, library: Library) -> None:
    window = _window(qtbot, library, "westhaven")
    _open_wizard(window, "friend-request")
    page = window.wizard_page
    assert page is not None
    page.choose_number(1)  # a current pupil: the family question has help text
    assert page.help.isVisibleTo(page)
    page.choose_number(2)  # not a relative
    assert page.session.finished
    assert not page.help.isVisibleTo(page) and not page.question.isVisibleTo(page)
    assert _option_buttons(window) == []
    assert page.outcome.isVisibleTo(page)
