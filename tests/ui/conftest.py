"""The desktop app under test: real widgets, a real index on disk, settings in a temp folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from guidance_app.core.content.decks import Deck
from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library
from guidance_app.core.machine.deployment import load_deployment
from guidance_app.core.search.engine import SearchResults
from guidance_app.ui.app import create_app
from guidance_app.ui.background import wait_for_background
from guidance_app.ui.main_window import MainWindow
from guidance_app.ui.settings import Settings
from tests.helpers import CONTENT

MakeWindow = Callable[..., MainWindow]

# How long a test waits for work to be done (an index built, a search answered, a window shown).
# A wait returns as soon as its condition holds, so a generous limit costs nothing when things
# work; it only has to outlast a busy machine (CI runs on 2 cores shared with other work).
WORK_MS = 60_000

DECK = "social-media-and-you"  # the bundled training deck


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test has its own per-user settings (and, from tests/conftest.py, system settings)."""
    monkeypatch.setenv("GUIDANCE_APP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GUIDANCE_APP_THEME", "light")
    return tmp_path


@pytest.fixture(scope="session")
def index_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("index-cache")


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library(CONTENT).library


@pytest.fixture
def deck(library: Library) -> Deck:
    found = library.deck(DECK)
    assert found is not None and len(found.scenarios) == 5
    return found


@pytest.fixture
def make_window(qtbot: QtBot, library: Library, index_cache: Path) -> Iterator[MakeWindow]:
    """make_window(school=..., search=True, flags=None): a shown main window with the user's
    school chosen, the deployment settings of the system file and the command-line `flags`, and,
    if asked, the search index opened."""
    create_app()
    made: list[MainWindow] = []

    def make(
        school: str | None = "westhaven",
        search: bool = True,
        lib: Library | None = None,
        flags: dict[str, str] | None = None,
    ) -> MainWindow:
        settings = Settings(load_deployment(flags))
        if school is not None:
            settings.school = school
        window = MainWindow(lib or library, settings)
        qtbot.addWidget(window)
        with qtbot.waitActive(window, timeout=WORK_MS):
            window.show()
            window.activateWindow()
        if search:
            window.start_search(index_cache)
            qtbot.waitUntil(lambda: window.engine is not None, timeout=WORK_MS)
        made.append(window)
        return window

    yield make
    wait_for_background()  # an index build started by a test ends before the next test
    QCoreApplication.processEvents()
    for window in made:
        if window.engine is not None:
            window.engine.close()
            window.engine = None


def typed_search(qtbot: QtBot, window: MainWindow, text: str) -> SearchResults:
    """Type a search into Home's box as a user would, and wait for its own results."""
    home = window.home
    home.search_box.clear()
    qtbot.keyClicks(home.search_box, text)
    qtbot.waitUntil(
        lambda: home.last_results is not None and home.last_results.query == text, timeout=WORK_MS
    )
    assert home.last_results is not None
    return home.last_results
