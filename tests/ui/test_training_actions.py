"""The main window's training actions: the Present button, and the handout PDF (the window's
and the command line's) read back page by page."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from guidance_app.core.content.decks import Deck
from guidance_app.core.content.model import Library
from guidance_app.core.guidance.outcome import outcome_for
from tests.helpers import run_cli
from tests.ui.conftest import DECK, MakeWindow


def test_the_handout_has_a_page_or_more_per_scenario_with_the_quoted_clauses(
    make_window: MakeWindow, deck: Deck, library: Library, tmp_path: Path
) -> None:
    window = make_window("westhaven", search=False)
    target = tmp_path / "handout.pdf"
    pages = window.save_handout(DECK, target)
    reader = PdfReader(target)
    assert pages == len(reader.pages) >= len(deck.scenarios)
    # NFKC: the PDF's fonts may set "fi" or "ff" as one ligature glyph, which reads back as one
    texts = [
        " ".join(unicodedata.normalize("NFKC", p.extract_text() or "").split())
        for p in reader.pages
    ]
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
