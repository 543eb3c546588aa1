"""Presenter mode driven by clicker keys: question, then answer, then the next scenario; blank,
side by side, text size and the trainer's notes; leaving brings the window back."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from guidance_app.core.content.decks import Deck
from guidance_app.core.content.model import Library
from guidance_app.core.guidance.outcome import outcome_for
from guidance_app.ui.main_window import MainWindow
from guidance_app.ui.pages.presenter import BASE_POINTS, PresenterWindow
from tests.ui.conftest import WORK_MS, MakeWindow


def _present(qtbot: QtBot, window: MainWindow) -> PresenterWindow:
    qtbot.keyClick(window.home.search_box, Qt.Key.Key_F5)
    presenter = window.presenter
    assert presenter is not None
    qtbot.waitUntil(presenter.isVisible, timeout=WORK_MS)
    return presenter


def _text(presenter: PresenterWindow) -> str:
    return " ".join(presenter.slide.toPlainText().split())


def test_clicker_keys_walk_question_then_answer_then_next_scenario(
    qtbot: QtBot, make_window: MakeWindow, deck: Deck, library: Library
) -> None:
    window = make_window("westhaven", search=False)
    presenter = _present(qtbot, window)
    assert presenter.isFullScreen() and not window.isVisible()
    first = deck.scenarios[0]
    assert presenter.view == "question"
    shown = _text(presenter)
    assert first.title in shown and "What would you do?" in shown
    assert " ".join(first.story.split()) in shown
    answer = outcome_for(library, "westhaven", first.situation)
    assert " ".join(answer.action.split()) not in shown  # not before the reveal
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown)  # reveal
    assert presenter.view == "answer"
    revealed = []  # a long answer goes over more than one slide, each key the next
    while presenter.scenario == first and presenter.view == "answer":
        revealed.append(_text(presenter))
        if len(presenter.parts) > 1:
            assert f"part {presenter.part + 1} of {len(presenter.parts)}" in presenter.footer.text()
        qtbot.keyClick(presenter, Qt.Key.Key_Space)
    assert " ".join(answer.action.split()) in revealed[0]
    for quote in answer.quotes:  # each clause whole on one slide
        assert any(" ".join(quote.clause.text.split()) in slide for slide in revealed)
    assert presenter.scenario == deck.scenarios[1] and presenter.view == "question"
    qtbot.keyClick(presenter, Qt.Key.Key_PageUp)  # back to the answer's last slide
    assert presenter.scenario == first and presenter.view == "answer"
    assert presenter.part == len(revealed) - 1 and _text(presenter) == revealed[-1]
    for _ in range(40):  # the end is the end
        qtbot.keyClick(presenter, Qt.Key.Key_Right)
    assert presenter.scenario == deck.scenarios[-1] and presenter.view == "answer"
    assert first.notes is not None and first.notes not in _text(presenter)


def test_blank_side_by_side_text_size_and_leaving_restore_the_window(
    qtbot: QtBot, make_window: MakeWindow, deck: Deck, library: Library
) -> None:
    window = make_window("westhaven", search=False)
    window.setGeometry(10, 20, 790, 560)
    before = window.geometry()
    presenter = _present(qtbot, window)
    qtbot.keyClick(presenter, Qt.Key.Key_B)
    assert presenter.blanked
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown)  # any key brings it back, without moving
    assert not presenter.blanked and presenter.view == "question"
    qtbot.keyClick(presenter, Qt.Key.Key_Period)
    assert presenter.blanked
    qtbot.keyClick(presenter, Qt.Key.Key_Period)
    qtbot.keyClick(presenter, Qt.Key.Key_S)  # all five schools side by side
    shown = _text(presenter)
    assert all(school.short_name in shown for school in library.schools)
    qtbot.keyClick(presenter, Qt.Key.Key_Plus)
    assert presenter.points > BASE_POINTS
    qtbot.keyClick(presenter, Qt.Key.Key_N)
    assert presenter.notes.isVisible()
    assert deck.scenarios[0].notes in presenter.notes.text.toPlainText()  # type: ignore[operator]
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not presenter.isVisible() and not presenter.notes.isVisible()
    assert window.isVisible() and window.presenter is None
    assert window.size() == before.size()


def _on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def test_with_the_notes_shown_the_keys_still_reach_the_slides_and_the_slide_is_uncovered(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("westhaven", search=False)
    presenter = _present(qtbot, window)
    qtbot.keyClick(presenter, Qt.Key.Key_N)
    notes = presenter.notes
    qtbot.waitUntil(notes.isVisible, timeout=WORK_MS)
    for _ in range(3):  # the window system's answers to showing the notes (focus, if taken)
        QCoreApplication.processEvents()
    focus = QGuiApplication.focusWindow()
    assert focus is not None and focus is presenter.windowHandle()
    qtbot.keyClick(focus, Qt.Key.Key_PageDown)  # where the system sends the clicker's keys
    assert presenter.view == "answer"
    assert not _on_screen(notes).intersects(_on_screen(presenter.slide))
    assert presenter.screen().geometry().contains(_on_screen(notes))
    qtbot.keyClick(focus, Qt.Key.Key_Escape)
    assert not presenter.isVisible() and window.isVisible()
