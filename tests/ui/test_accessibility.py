"""Keyboard and screen-reader use: Tab reaches every control on every screen, each control has an
accessible name, and every text colour of both looks has a contrast of at least 4.5:1."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from guidance_app.ui import theme
from guidance_app.ui.main_window import MainWindow
from tests.ui.conftest import WORK_MS, MakeWindow


def _tab_stops(window: MainWindow) -> set[QWidget]:
    """Every control the user could reach on the screen now shown."""
    return {
        w
        for w in window.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and w.window() is window
    }


def _walk(qtbot: QtBot, window: MainWindow) -> list[QWidget]:
    """Press Tab until focus comes round again; the widgets it visits, in order."""
    seen: list[QWidget] = []
    for _ in range(400):
        focused = QApplication.focusWidget()
        assert focused is not None
        if focused not in seen:
            seen.append(focused)
        elif focused is seen[0] and len(seen) > 1:
            break
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    return seen


def _screen(qtbot: QtBot, window: MainWindow, name: str) -> None:
    if name == "results":
        qtbot.keyClicks(window.home.search_box, "photos")
        qtbot.waitUntil(lambda: window.home.last_results is not None, timeout=WORK_MS)
    elif name == "wizard question":
        window.open_wizard("friend-request")
    elif name == "wizard outcome":
        window.open_wizard("friend-request")
        assert window.wizard_page is not None
        window.wizard_page.choose_number(1)
        window.wizard_page.choose_number(2)
    elif name == "reader":
        window.open_clause("social-media-and-networking", "4.1.4")
    elif name == "compare":
        window.open_compare("friend-request/pupil")
    elif name == "self-check":
        window.open_self_check("social-media-and-you")
    elif name == "self-check end":
        window.open_self_check("social-media-and-you")
        assert window.self_check is not None
        while not window.self_check.finished:
            window.self_check.choose("must")
            window.self_check.next()
    elif name.startswith("author"):  # Edit answers (nothing is changed, so nothing saved)
        listing = window.open_author_list()
        assert listing is not None, window.statusBar().currentMessage()
        if name == "author page":
            window.open_situation(listing.rows()[0].data(0, Qt.ItemDataRole.UserRole))


SCREENS = [
    "home",
    "results",
    "wizard question",
    "wizard outcome",
    "reader",
    "compare",
    "self-check",
    "self-check end",
    "author list",
    "author page",
]


@pytest.mark.parametrize("screen", SCREENS)
def test_tab_reaches_every_control_and_each_has_a_name(
    qtbot: QtBot, make_window: MakeWindow, screen: str
) -> None:
    flags = {"edit_answers": "on"} if screen.startswith("author") else None
    window = make_window("westhaven", search=screen == "results", flags=flags)
    _screen(qtbot, window, screen)
    reached = _walk(qtbot, window)
    missing = _tab_stops(window) - set(reached)
    assert not missing, [f"{type(w).__name__} {w.accessibleName()!r}" for w in missing]
    unnamed = [w for w in reached if not w.accessibleName().strip()]
    assert not unnamed, [f"{type(w).__name__} {w.objectName()}" for w in unnamed]
    assert window.home_button in reached and window.school_box in reached


def test_the_focused_control_is_drawn_with_a_visible_ring() -> None:
    qss = theme.stylesheet(theme.LIGHT)
    assert ":focus" in qss and "border: 2px solid " + theme.LIGHT.accent in qss


@pytest.mark.parametrize("colours", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_every_text_colour_has_enough_contrast(colours: theme.Colours) -> None:
    for foreground, background in theme.TEXT_PAIRS:
        ratio = theme.contrast(getattr(colours, foreground), getattr(colours, background))
        assert ratio >= 4.5, f"{foreground} on {background}: {ratio:.2f}"


def test_contrast_is_measured_correctly() -> None:
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert theme.contrast("#777777", "#ffffff") < 4.5


def test_the_stylesheet_uses_only_known_colours() -> None:
    for colours in (theme.LIGHT, theme.DARK):
        assert "@" not in theme.stylesheet(colours)


def test_dark_look_follows_the_setting(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> None:
    monkeypatch.setenv("GUIDANCE_APP_THEME", "dark")
    assert theme.colours() is theme.DARK
    applied = theme.apply(qapp)
    assert applied is theme.DARK
    assert qapp.palette().color(qapp.palette().ColorRole.Base).name() == theme.DARK.surface
    monkeypatch.setenv("GUIDANCE_APP_THEME", "light")
    theme.apply(qapp)
