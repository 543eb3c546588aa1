"""Training: presenter mode driven by clicker keys, the self-check's scoring and slip, and the
handout PDF read back page by page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from guidance_app.core.content.decks import Deck
from guidance_app.core.content.model import Library
from guidance_app.core.guidance.outcome import outcome_for
from guidance_app.core.training.self_check import CHECK_CHOICES, expected_choice
from guidance_app.ui.main_window import MainWindow
from guidance_app.ui.pages.presenter import BASE_POINTS, PresenterWindow
from tests.test_cli import run_cli
from tests.ui.conftest import WORK_MS, MakeWindow

DECK = "social-media-and-you"


@pytest.fixture
def deck(library: Library) -> Deck:
    found = library.deck(DECK)
    assert found is not None and len(found.scenarios) == 5
    return found


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
    revealed = _text(presenter)
    assert " ".join(answer.action.split()) in revealed
    assert " ".join(answer.quotes[0].clause.text.split()) in revealed
    qtbot.keyClick(presenter, Qt.Key.Key_Space)  # next scenario
    assert presenter.scenario == deck.scenarios[1] and presenter.view == "question"
    qtbot.keyClick(presenter, Qt.Key.Key_PageUp)
    assert presenter.scenario == first and presenter.view == "answer"
    for _ in range(20):  # the end is the end
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


def test_the_handout_has_a_page_or_more_per_scenario_with_the_quoted_clauses(
    make_window: MakeWindow, deck: Deck, library: Library, tmp_path: Path
) -> None:
    window = make_window("westhaven", search=False)
    target = tmp_path / "handout.pdf"
    pages = window.save_handout(DECK, target)
    reader = PdfReader(target)
    assert pages == len(reader.pages) >= len(deck.scenarios)
    texts = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    starts = [i for i, t in enumerate(texts) if re.search(r"Scenario \d of 5", t)]
    assert len(starts) == len(deck.scenarios)  # each scenario starts a page of its own
    whole = " ".join(texts)
    for scenario in deck.scenarios:
        assert scenario.title.split()[0] in whole
        for quote in outcome_for(library, "westhaven", scenario.situation).quotes:
            words = quote.clause.text.split()
            assert " ".join(words[:12]) in whole  # the clause's own words, read back
        if scenario.notes:
            assert " ".join(scenario.notes.split()[:8]) not in whole  # trainer notes stay private
    assert "Your notes" in whole


def test_the_handout_command_writes_the_pdf(tmp_path: Path) -> None:
    target = tmp_path / "handout.pdf"
    done = run_cli("handout", DECK, "--school", "wilnecote", "--out", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes()[:5] == b"%PDF-"
    assert len(PdfReader(target).pages) >= 5
    assert "5 scenarios, for wilnecote" in done.stdout
    bad = run_cli("handout", DECK, "--school", "nowhere", "--out", str(tmp_path / "x.pdf"))
    assert bad.returncode == 1 and "There is no school called 'nowhere'" in bad.stderr


def test_the_present_button_in_the_bar_starts_the_first_deck(
    qtbot: QtBot, make_window: MakeWindow, deck: Deck
) -> None:
    window = make_window("westhaven", search=False)
    qtbot.mouseClick(window.present_button, Qt.MouseButton.LeftButton)
    assert window.presenter is not None and window.presenter.deck == deck
    qtbot.keyClick(window.presenter, Qt.Key.Key_Escape)
    assert window.isVisible()
