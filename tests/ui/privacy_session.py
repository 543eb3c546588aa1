"""One person's session on a shared machine, driven through the real window with QTest: searches
typed key by key, a policy opened and searched with Find, a guided answer clicked through to the
outcome and copied, a self-check with a name typed for the slip, a bigger text size, then quit.

Run by tests/ui/test_privacy.py in a subprocess whose home, config, cache, data, state, temp and
working folders all point into one folder, which the test then scans. Prints, as JSON, the words a
later user must not find on disk: what was typed and what was answered.

    python -m tests.ui.privacy_session            # the session
    python -m tests.ui.privacy_session --warm-up  # only build the search index, touch nothing else
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from guidance_app.core.content.loader import load_library
from guidance_app.core.locations import bundled_content_dir
from guidance_app.ui.app import create_app
from guidance_app.ui.background import wait_for_background
from guidance_app.ui.main_window import MainWindow

SCHOOL = "stokes-wood"
SEARCHES = ("instagram request from Kayleigh Moorcroft", "Zebedee Quartermain whatsapp photos")
FIND = "Moorcroft"
NAME = "Priyanka Oyelaran-Smith"


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        QCoreApplication.processEvents()
        QTest.qWait(20)


def main(warm_up: bool) -> int:
    app = create_app()
    window = MainWindow(load_library(bundled_content_dir()).library)
    window.show()
    window.activateWindow()
    window.choose_school(SCHOOL)
    window.after_show([])
    wait_until(lambda: window.engine is not None, "the search index")
    if warm_up:
        window.close()
        wait_for_background()
        return 0

    answered: list[str] = []
    home = window.home
    for query in SEARCHES:
        window.focus_search()
        QTest.keyClicks(home.search_box, query)
        wait_until(
            lambda q=query: home.last_results is not None and home.last_results.query == q,
            f"results for {query!r}",
        )
    QTest.keyClick(home.search_box, Qt.Key.Key_Escape)
    QTest.keyClicks(home.search_box, "friend request")
    wait_until(  # this search's results (an earlier search's, cut short, may still come in)
        lambda: bool(
            home.last_results
            and home.last_results.query == "friend request"
            and home.last_results.hits
        ),
        "results for 'friend request'",
    )
    hits = home.last_results.hits if home.last_results else ()
    row = next(n for n, hit in enumerate(hits) if hit.kind == "section")
    home.results.setFocus()
    home.results.setCurrentIndex(home.results.results_model.index(row, 0))
    QTest.keyClick(home.results, Qt.Key.Key_Return)
    wait_until(lambda: window.pages.currentWidget() is window.reader, "the policy reader")
    window.reader.open_find()
    QTest.keyClicks(window.reader.find_bar.field, FIND)

    window.go_home()
    window.open_wizard("friend-request")
    page = window.wizard_page
    assert page is not None
    while not page.session.finished:
        button = page.option_buttons()[-1]
        answered.append(button.label.text())
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    page.copy_text()

    deck = window.library.decks[0]
    window.open_self_check(deck.id)
    check = window.self_check
    assert check is not None
    for _scenario in deck.scenarios:
        QTest.mouseClick(check.choices[2], Qt.MouseButton.LeftButton)
        answered.append(check.choices[2].label.text())
        QTest.mouseClick(check.next_button, Qt.MouseButton.LeftButton)
    QTest.keyClicks(check.name, NAME)

    window.change_text_size(+1)  # a preference: this may be kept
    window.close()
    wait_for_background()
    app.processEvents()
    QApplication.clipboard().clear()
    print(json.dumps({"typed": [*SEARCHES, FIND, NAME], "answered": answered}))
    return 0


if __name__ == "__main__":
    sys.exit(main("--warm-up" in sys.argv))
