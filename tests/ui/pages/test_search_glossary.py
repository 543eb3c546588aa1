"""Search, issue 17 item 9: Down from the search box moves past the first result (already shown
as chosen), and a search that names a term staff meet (LADO) shows what it means, marked as the
app's words, with the guided answers that use it, even at a school whose policy never says it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from guidance_app.ui.pages.glossary_box import APP_WORDS
from tests.ui.conftest import WORK_MS, MakeWindow, typed_search


def test_down_then_enter_opens_the_second_result_not_the_first_again(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("westhaven")
    results = typed_search(qtbot, window, "photographs of pupils")
    first, second = results.hits[0], results.hits[1]
    assert (first.kind, first.wizard_id) == ("wizard", "photos")
    assert second.kind == "wizard" and second.wizard_id != "photos"
    view = window.home.results
    assert view.currentIndex().row() == 0  # shown as chosen: Enter in the box opens it
    qtbot.keyClick(window.home.search_box, Qt.Key.Key_Down)
    assert view.hasFocus() and view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.wizard_page is not None, timeout=WORK_MS)
    assert window.pages.currentWidget() is window.wizard_page
    assert window.wizard_page is not None
    assert window.wizard_page.session.wizard.id == second.wizard_id


def test_lado_where_the_policy_never_says_it_shows_its_meaning_and_the_colleague_answer(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("stokes-wood")
    results = typed_search(qtbot, window, "LADO")
    assert results.hits == ()  # Stokes Wood's policy never says LADO
    box = window.home.glossary
    assert box.isVisible()
    texts = box.label_texts()
    assert texts[:2] == ["LADO: local authority designated officer", APP_WORDS]
    assert APP_WORDS == "From this app, not from your policy"
    assert any("allegations that an adult who works with children" in t for t in texts)
    # above the (empty) results and their message, inside the window
    home = window.home
    top = box.mapTo(home, QPoint(0, 0)).y()
    assert top < home.message.mapTo(home, QPoint(0, 0)).y()
    assert top + box.height() <= home.height()
    button = box.first_button()
    assert button is not None and button.text() == "Worried about a colleague"
    assert button.isVisible() and button.accessibleName().startswith("Guided answer: ")
    # by keyboard: Down from the box reaches the guided answer when there are no results
    qtbot.keyClick(home.search_box, Qt.Key.Key_Down)
    assert button.hasFocus()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.wizard_page is not None, timeout=WORK_MS)
    assert window.pages.currentWidget() is window.wizard_page
    assert window.wizard_page is not None
    assert window.wizard_page.session.wizard.id == "colleague-concern"


def test_a_term_shows_above_results_where_the_policy_does_use_it(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("westhaven")
    results = typed_search(qtbot, window, "lado")
    assert results.hits
    box = window.home.glossary
    assert box.isVisible() and "LADO: local authority designated officer" in box.label_texts()
    assert box.y() + box.height() <= window.home.results.y()


def test_a_search_that_names_no_term_shows_no_glossary(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("westhaven")
    typed_search(qtbot, window, "lado")
    assert window.home.glossary.isVisible()
    typed_search(qtbot, window, "how do I prevent pupils seeing my photos")
    assert not window.home.glossary.isVisible()
    typed_search(qtbot, window, "Prevent")
    assert window.home.glossary.isVisible()
    assert "Prevent" in window.home.glossary.label_texts()
    window.home.reset()
    assert not window.home.glossary.isVisible()


def test_at_800x600_two_terms_scroll_and_leave_the_results_in_sight(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("westhaven")
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() <= 800 and window.height() <= 600, timeout=WORK_MS)
    typed_search(qtbot, window, "dsl and lado")
    home = window.home
    box = home.glossary
    qtbot.waitUntil(lambda: len(box.terms) == 2 and box.isVisible(), timeout=WORK_MS)
    page = home.results_view
    assert box.height() <= page.height() // 2
    assert home.results.height() >= page.height() // 3  # the results stay in sight

    # each meaning has the height its words need at its width (scrolled, never squeezed),
    # once the box's layout has run (each key press now rebuilds it as results arrive)
    def laid_out() -> bool:
        labels = [
            label
            for label in box.inner.findChildren(QLabel)
            if label.wordWrap() and label.isVisibleTo(box)
        ]
        return bool(labels) and all(
            label.height() >= label.heightForWidth(label.width()) for label in labels
        )

    qtbot.waitUntil(laid_out, timeout=WORK_MS)
