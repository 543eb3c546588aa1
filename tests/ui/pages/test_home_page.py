"""Home and search, driven by keys and clicks: type, see guided answers first and highlighted
clauses, move with the arrows, open a clause in the reader at that clause with the words marked;
and the policy card's questions for the policy owner, saved as a PDF."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from guidance_app.core.content.model import Library
from guidance_app.core.guidance.gaps import gaps_for
from guidance_app.core.search.deadline import Deadline
from guidance_app.ui.pages.home_page import RESULT_LIMIT
from tests.helpers import REPO, ticking_clock
from tests.ui.conftest import WORK_MS, MakeWindow, typed_search


def test_home_opens_with_the_search_box_focused_tiles_and_review_status(
    make_window: MakeWindow,
) -> None:
    window = make_window("wilnecote", search=False)
    home = window.home
    assert window.pages.currentWidget() is home
    assert home.search_box.hasFocus()
    tiles = [home.tiles.itemAt(i).widget() for i in range(home.tiles.count())]  # type: ignore[union-attr]
    assert "A pupil sent me a friend request. What do I do?" in [t.text() for t in tiles]  # type: ignore[union-attr]
    names = [w.accessibleName() for w in home.status_card.findChildren(type(home.greeting))]
    assert "Social Networking Policy: Review due February 2023 — overdue" in names


def test_typing_shows_guided_answers_first_then_highlighted_clauses(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("wilnecote")
    results = typed_search(qtbot, window, "freind request")
    assert results.hits[0].kind == "wizard" and results.hits[0].wizard_id == "friend-request"
    clauses = [hit for hit in results.hits if hit.kind == "section"]
    assert clauses and all(hit.school_id == "wilnecote" for hit in clauses)
    assert "<b>friends</b>" in clauses[0].snippet_html
    view = window.home.results
    assert view.results_model.rowCount() == len(results.hits)
    assert view.results_model.item(0).text() == (  # type: ignore[union-attr]
        "Guided answer: A pupil sent me a friend request. What do I do?"
    )
    assert window.home.views.currentWidget() is window.home.results_view


def test_arrows_and_enter_open_the_clause_in_the_reader_with_words_marked(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("wilnecote")
    results = typed_search(qtbot, window, "students social networking")
    target = next(i for i, hit in enumerate(results.hits) if hit.kind == "section")
    assert target >= 1
    qtbot.keyClick(window.home.search_box, Qt.Key.Key_Down)
    view = window.home.results
    assert view.hasFocus()
    for _ in range(target - 1):  # Down from the box chose the second row (issue 17)
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == target
    qtbot.keyClick(view, Qt.Key.Key_Return)
    hit = results.hits[target]
    assert window.pages.currentWidget() is window.reader
    reader = window.reader
    assert reader.policy is not None and reader.policy.id == hit.policy_id
    assert hit.text.split(".")[0] in reader.browser.toPlainText()
    # the cursor (where keyboard reading starts) is at the clause, and its words are marked
    cursor = reader.browser.textCursor()
    block_text = reader.browser.document().findBlock(cursor.position()).text()
    assert block_text and block_text in hit.text
    marked = {
        s.cursor.selectedText().lower()  # type: ignore[attr-defined]
        for s in reader.browser.extraSelections()
        if s.cursor.hasSelection()  # type: ignore[attr-defined]
    }
    assert {"students", "social", "networking"} <= marked
    assert len(reader._band) == 1
    # Back returns to the results, as they were
    qtbot.mouseClick(reader.back_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.home
    assert window.home.search_box.text() == "students social networking"


def test_enter_straight_after_typing_opens_the_first_result(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("westhaven")
    qtbot.keyClicks(window.home.search_box, "friend request")
    qtbot.keyClick(window.home.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.wizard_page is not None, timeout=WORK_MS)
    assert window.pages.currentWidget() is window.wizard_page
    assert window.wizard_page is not None
    assert window.wizard_page.session.wizard.id == "friend-request"


def test_an_older_result_never_overwrites_a_newer_one(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("westhaven")
    home = window.home
    older = typed_search(qtbot, window, "photographs")
    stale_generation = home._generation
    newer = typed_search(qtbot, window, "friend request")
    assert home._generation > stale_generation
    home._show(stale_generation, older)  # the older search answers late
    assert home.last_results is newer
    first = home.results.hit(0)
    assert first is not None and first == newer.hits[0]


def test_nothing_found_says_so_helpfully_and_a_suggestion_can_be_taken(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("westhaven")
    typed_search(qtbot, window, "zqxvj")
    message = window.home.message.text()
    assert "Nothing in your school's policy matches “zqxvj”" in message
    assert "guided answer" in message and "designated safeguarding lead" in message
    assert window.home.results.results_model.rowCount() == 0

    results = typed_search(qtbot, window, "instagarm")
    assert results.did_you_mean == "instagram"
    assert "instagram" in window.home.message.text()
    window.home._message_link("suggest")
    assert window.home.search_box.text() == "instagram"


def test_a_search_out_of_time_says_so_rather_than_that_nothing_matches(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("westhaven")
    window.home.search_budget = 0
    results = typed_search(qtbot, window, "friend request")
    assert results.cut_short and not results.hits
    message = window.home.message.text()
    assert "took too long and stopped before finding a match" in message
    assert "Try fewer" in message and "Nothing in your school's policy matches" not in message
    assert window.home.results.results_model.rowCount() == 0


def test_results_cut_short_are_shown_with_a_note_in_plain_words(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("westhaven")
    home = window.home
    text = '"must not" staff'
    full = typed_search(qtbot, window, text)
    assert full.hits and not full.cut_short
    assert "found so far" not in home.message.text()
    assert window.engine is not None
    early = window.engine.search(
        text, school="westhaven", limit=RESULT_LIMIT, budget=Deadline(20, ticking_clock())
    )
    assert early.cut_short and 0 < len(early.hits) < len(full.hits)
    home._show(home._generation, early)  # as the background search hands it over
    assert home.results.results_model.rowCount() == len(early.hits)
    message = home.message.text()
    assert message.startswith(f"{len(early.hits)} results for")
    assert "Showing the best matches found so far; try fewer or more specific words." in message


def test_escape_clears_the_search_and_brings_back_the_tiles(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("westhaven")
    typed_search(qtbot, window, "photos")
    qtbot.keyClick(window.home.search_box, Qt.Key.Key_Escape)
    assert window.home.search_box.text() == ""
    assert window.home.views.currentWidget() is window.home.start_view


def test_search_waits_for_the_index_and_the_window_is_usable_meanwhile(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: object
) -> None:
    from pathlib import Path

    window = make_window("westhaven", search=False)
    window.start_search(Path(str(tmp_path)) / "fresh-cache")  # nothing built yet
    assert window.progress.isVisible()
    qtbot.keyClicks(window.home.search_box, "friend")
    window.home.search_now()
    if window.engine is None:
        assert "getting ready" in window.home.message.text()
    tile = window.home.tiles.itemAt(0).widget()  # type: ignore[union-attr]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert window.wizard_page is not None  # guided answers work while search gets ready
    qtbot.waitUntil(lambda: window.engine is not None, timeout=WORK_MS)
    assert not window.progress.isVisible()
    qtbot.waitUntil(lambda: window.home.last_results is not None, timeout=WORK_MS)
    assert window.home.last_results is not None and window.home.last_results.hits


def test_the_policy_card_saves_the_questions_for_the_policy_owner(
    qtbot: QtBot, make_window: MakeWindow, library: Library, tmp_path: Path
) -> None:
    window = make_window("wilnecote", search=False)
    home = window.home
    button = home.owner_button
    assert home.status_card.isAncestorOf(button) and button.isVisible()
    assert button.text() == "Questions for the policy owner…"
    assert button.accessibleName() == "Save the questions for Wilnecote's policy owner as a PDF"
    button.setFocus()  # reachable by keyboard
    assert button.hasFocus()
    clicked = button.metaObject().method(button.metaObject().indexOfSignal("clicked(bool)"))
    assert button.isSignalConnected(clicked)  # to the dialog, then the save below

    target = tmp_path / "questions.pdf"
    pages = home.save_owner_questions(target)  # what the button saves, without the dialog
    reader = PdfReader(target)
    assert target.read_bytes()[:5] == b"%PDF-" and pages == len(reader.pages)
    text = " ".join(
        unicodedata.normalize("NFKC", page.extract_text() or "") for page in reader.pages
    )
    text = " ".join(text.split())
    assert "Questions for the policy owner" in text and "The Wilnecote School" in text
    gaps = gaps_for(library, "wilnecote")
    assert gaps.silences and all(silence.title in text for silence in gaps.silences)

    window.choose_school("westhaven")  # the card, and what it saves, follow the school
    assert home.owner_button.accessibleName().startswith("Save the questions for Westhaven's")
    home.save_owner_questions(target)
    assert "Westhaven School" in " ".join((PdfReader(target).pages[0].extract_text() or "").split())


CLOSE_WHILE_SEARCHING = """
import sys
from pathlib import Path
from PySide6.QtTest import QTest
from guidance_app.core.content.loader import load_library
from guidance_app.core.locations import bundled_content_dir
from guidance_app.ui.app import create_app
from guidance_app.ui.main_window import MainWindow
from tests.ui.privacy_session import wait_until

app = create_app()
window = MainWindow(load_library(bundled_content_dir()).library)
window.show()
window.choose_school("westhaven")
window.start_search(Path(sys.argv[1]))
wait_until(lambda: window.engine is not None, "the search index")
for text in ("friend request", "photos of pupils", "whatsapp"):  # one running, two waiting
    window.home.search_box.setText(text)
    window.home.search_now()
window.close()
window.deleteLater()
QTest.qWait(200)  # the window is deleted here
print("closed")
"""


def test_closing_the_window_while_searches_are_under_way_never_hangs(index_cache: Path) -> None:
    """Deleting the page used to wait for its searches while holding the lock they needed."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", CLOSE_WHILE_SEARCHING, str(index_cache)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "closed"
