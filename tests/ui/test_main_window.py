"""The main window's own behaviour: Home pressed on Home starts afresh, a change of school never
leaves the last school's search results or comparison unmarked, and an outcome slip's PDF keeps
each quoted clause with its citation."""

from __future__ import annotations

import datetime
import unicodedata
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from guidance_app.core.content.model import Library
from guidance_app.core.guidance.outcome import outcome_for
from guidance_app.core.guidance.wizard_engine import all_paths
from guidance_app.core.render.slip import slip_html
from guidance_app.ui.pdf import write_pdf
from tests.ui.conftest import WORK_MS, MakeWindow

OWN_SCHOOL_MARK = "(your school)"  # the words that mark it in the table


def test_home_pressed_on_home_clears_the_search(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window("westhaven")
    home = window.home
    qtbot.keyClicks(home.search_box, "friend request")
    qtbot.waitUntil(lambda: home.last_results is not None, timeout=WORK_MS)
    assert home.views.currentWidget() is home.results_view
    qtbot.mouseClick(window.home_button, Qt.MouseButton.LeftButton)
    assert home.search_box.text() == ""
    assert home.views.currentWidget() is home.start_view
    assert home.search_box.hasFocus()


def test_a_new_school_never_shows_the_last_schools_results(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("westhaven")
    home = window.home
    qtbot.keyClicks(home.search_box, "friend request")
    qtbot.waitUntil(lambda: home.last_results is not None, timeout=WORK_MS)

    def shown_schools() -> set[str]:
        rows = range(home.results.results_model.rowCount())
        hits = [home.results.hit(row) for row in rows]
        return {hit.school_id for hit in hits if hit is not None and hit.school_id}

    assert shown_schools() == {"westhaven"}
    window.choose_school("stokes-wood")
    assert "westhaven" not in shown_schools()  # at once, not only when the new results come
    qtbot.waitUntil(lambda: home.last_results is not None, timeout=WORK_MS)
    assert shown_schools() == {"stokes-wood"}
    assert home.search_box.text() == "friend request"  # the search itself is kept


def test_compare_marks_your_own_schools_column(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window("westhaven", search=False)
    window.open_compare("friend-request/pupil")
    table = window.compare.table.toPlainText()
    assert f"Westhaven\n{OWN_SCHOOL_MARK}" in table or f"Westhaven {OWN_SCHOOL_MARK}" in table
    assert table.count(OWN_SCHOOL_MARK) == 1
    window.choose_school("stokes-wood")
    assert window.pages.currentWidget() is window.compare
    assert "Stokes Wood" in window.compare.table.toPlainText().split(OWN_SCHOOL_MARK)[0][-40:]


def test_a_slips_pdf_keeps_each_quote_with_its_citation(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    """Wybunbury Delves' slip on photos of colleagues ends with a quote that would otherwise
    be split across two pages, its citation apart from its words."""
    wizard = library.wizard("photos")
    assert wizard is not None
    answers, situation = next(p for p in all_paths(wizard) if p[1] == "photos/colleagues")
    outcome = outcome_for(library, "wybunbury-delves", situation)
    assert len(outcome.quotes) >= 2
    html = slip_html(outcome, [(q.text, o.label) for q, o in answers], datetime.date(2026, 1, 5))
    path = tmp_path / "slip.pdf"
    write_pdf(html, path, "slip")
    # compared without spaces: a PDF's text breaks lines (and hyphenated ids) with them
    pages = [
        "".join(unicodedata.normalize("NFKC", page.extract_text() or "").split())
        for page in PdfReader(path).pages
    ]
    for quote in outcome.quotes:
        words = "".join(quote.full_text.split())[:40]
        citation = "".join(quote.citation.split())
        together = [n for n, text in enumerate(pages) if words in text and citation in text]
        assert together, f"{quote.citation} is printed apart from its words"
