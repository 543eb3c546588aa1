"""The self-check: each scenario answered by key, scored at once with the policy's words, a score
at the end and a completion slip with a name that is never kept."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from guidance_app.core.content.decks import Deck
from guidance_app.core.content.model import Library
from guidance_app.core.guidance.outcome import outcome_for
from guidance_app.core.training.self_check import CHECK_CHOICES, expected_choice
from tests.ui.conftest import DECK, MakeWindow


def test_the_self_check_scores_each_answer_and_prints_a_slip_without_keeping_the_name(
    qtbot: QtBot,
    make_window: MakeWindow,
    deck: Deck,
    library: Library,
    tmp_path: Path,
    own_settings: Path,
) -> None:
    window = make_window("stokes-wood", search=False)
    window.open_self_check(DECK)
    page = window.self_check
    assert page is not None and window.pages.currentWidget() is page
    expected = [expected_choice(library, "stokes-wood", s) for s in deck.scenarios]
    keys = [c for c, _ in CHECK_CHOICES]
    wrong = next(k for k in keys if k != expected[1])
    for number, scenario in enumerate(deck.scenarios):
        assert page.title.text() == scenario.title
        choice = wrong if number == 1 else expected[number]
        qtbot.keyClick(page.choices[0], Qt.Key(Qt.Key.Key_1 + keys.index(choice)))
        feedback = page.feedback.toPlainText()
        assert ("Right." in feedback) == (number != 1)
        action = outcome_for(library, "stokes-wood", scenario.situation).action
        assert " ".join(action.split()) in " ".join(feedback.split())
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.finished
    assert "You got 4 of 5" in page.result.toPlainText()
    qtbot.keyClicks(page.name, "Sam Taylor")
    target = tmp_path / "slip.pdf"
    page.save_pdf(target)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(target).pages)
    assert "Sam Taylor" in text and "Score: 4 of 5" in text
    assert "Stokes Wood Primary School" in text
    stored = "".join(p.read_text(errors="ignore") for p in own_settings.rglob("*.ini"))
    assert "Sam Taylor" not in stored


def test_enter_presses_next_and_the_answer_picked_is_marked(
    qtbot: QtBot, make_window: MakeWindow, deck: Deck
) -> None:
    window = make_window("stokes-wood", search=False)
    window.open_self_check(DECK)
    page = window.self_check
    assert page is not None
    qtbot.keyClick(page.choices[0], Qt.Key.Key_3)  # "It is allowed"
    picked = page.choices[2]
    assert "your answer" in picked.text() and "your answer" in picked.accessibleName()
    assert picked.property("picked") is True
    others = [button for button in page.choices if button is not picked]
    assert not any("your answer" in b.text() or b.property("picked") for b in others)
    assert page.next_button.isVisible()
    qtbot.keyClick(page.next_button, Qt.Key.Key_Return)
    assert page.index == 1 and page.title.text() == deck.scenarios[1].title
    assert not any("your answer" in b.text() for b in page.choices)  # a new scenario, unmarked
