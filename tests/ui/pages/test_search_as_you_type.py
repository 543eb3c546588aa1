"""Search as you type: each key press asks for a search at once (no wait for a pause in typing),
the results shown are exactly those of the final text, a search overtaken by later keys while it
waits is skipped rather than run, and an older result never replaces a newer one."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from guidance_app.core.search.engine import SearchResults
from guidance_app.ui.background import wait_for_background
from guidance_app.ui.pages.home_page import RESULT_LIMIT, HomePage
from tests.ui.conftest import WORK_MS, MakeWindow


def _settled(home: HomePage) -> None:
    """Every search asked for has ended and handed over what it had."""
    assert wait_for_background()
    for _ in range(5):
        QCoreApplication.processEvents()


def _queries_shown(home: HomePage) -> list[str]:
    """The query of each set of results put on screen from now on, in order."""
    shown: list[str] = []

    def put_on_screen(*_args: object) -> None:
        if home.last_results is not None and (not shown or shown[-1] != home.last_results.query):
            shown.append(home.last_results.query)

    home.results.results_model.rowsInserted.connect(put_on_screen)
    return shown


def test_each_key_press_searches_at_once_and_the_final_texts_results_are_shown(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("westhaven")
    home = window.home
    text = "photos of pupils"
    for typed, char in enumerate(text, 1):
        asked_before = home._generation
        qtbot.keyClick(home.search_box, char)
        # asked for within the key press itself: no timer between the key and the search
        assert home._generation > asked_before, f"no search asked for at {text[:typed]!r}"
        assert home.views.currentWidget() is home.results_view
    qtbot.waitUntil(
        lambda: home.last_results is not None and home.last_results.query == text, timeout=WORK_MS
    )
    _settled(home)  # nothing still under way may replace them
    assert window.engine is not None
    expected = window.engine.search(text, school="westhaven", limit=RESULT_LIMIT)
    assert expected.hits
    assert home.last_results is not None and home.last_results.query == text
    shown = [home.results.hit(row) for row in range(home.results.results_model.rowCount())]
    assert shown == list(expected.hits)


def test_a_search_overtaken_while_it_waits_is_skipped_and_an_older_result_never_shown(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """The engine is held on its first search (the real engine, behind a gate), as a slow
    library would hold it; the next keys are typed one by one, each asking for its search, while
    it is held. When it lets go, only the newest search runs, and only its results are shown."""
    window = make_window("westhaven")
    home = window.home
    engine = window.engine
    assert engine is not None
    real_search = engine.search
    gate = threading.Event()
    ran: list[str] = []

    def held_search(text: str, *args: Any, **kwargs: Any) -> SearchResults:
        ran.append(text)
        gate.wait(WORK_MS / 1000)
        return real_search(text, *args, **kwargs)

    engine.search = held_search  # type: ignore[method-assign]
    shown = _queries_shown(home)
    text = "whatsapp group"
    try:
        qtbot.keyClick(home.search_box, text[0])
        qtbot.waitUntil(lambda: ran == [text[0]], timeout=WORK_MS)  # running, and held
        for typed in range(2, len(text) + 1):
            asked_before = home._generation
            qtbot.keyClick(home.search_box, text[typed - 1])
            # as a person types, slowly enough that each key's search is asked for
            qtbot.waitUntil(lambda before=asked_before: home._generation > before)
        assert ran == [text[0]]  # nothing else has run while the engine was held
    finally:
        gate.set()
    qtbot.waitUntil(
        lambda: home.last_results is not None and home.last_results.query == text, timeout=WORK_MS
    )
    _settled(home)
    del engine.search  # the real one again
    assert ran == [text[0], text]  # the searches asked for in between were skipped, not run
    assert shown == [text]  # the first search's late answer was dropped, never shown
    assert home.searches.skipped == len(text) - 2
