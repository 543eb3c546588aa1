"""Edit answers in the window, on a copy of the bundled library: from the bar to the list of
situations, one opened by the keyboard, a clause cited by a real click on its words, the fields
filled, saved; the file keeps its comment and has the clause's fingerprint, and the wizard
gives the new answer at once. Undo; leaving with unsaved changes asks; never when locked or
where the file cannot be written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.ruling_writer import mark_needs_review
from guidance_app.core.content.rulings import RulingState
from guidance_app.core.guidance.authoring import ways_to
from guidance_app.ui.main_window import MainWindow
from guidance_app.ui.pages.author_list_page import AuthorListPage
from guidance_app.ui.pages.author_page import AuthorPage
from tests.helpers import CONTENT, MINIMAL_POLICY
from tests.ui.conftest import MakeWindow, typed_search

SCHOOL = "westhaven"
KEY = "friend-request/pupil"
CLAUSE = "4.1.4"
POLICY = "social-media-and-networking"
COMMENT = "  # friend-request/pupil: our DSL writes this one in the app"
ON = {"edit_answers": "on"}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the bundled library whose Westhaven answer for KEY is still to do, with the
    author's comment written before it."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    rulings = root / "schools" / SCHOOL / "rulings.yaml"
    text = rulings.read_text(encoding="utf-8")
    start = text.index(f"  {KEY}:\n")
    end = text.index(f"  {KEY}/relative:\n")
    rulings.write_text(
        text[:start] + f"{COMMENT}\n  {KEY}: {{to_do: true}}\n" + text[end:], encoding="utf-8"
    )
    return root


def _window(make_window: MakeWindow, content: Path, **flags: str) -> MainWindow:
    return make_window(lib=load_library(content).library, search=False, flags=flags or None)


def _open_list(qtbot: QtBot, window: MainWindow) -> AuthorListPage:
    assert window.edit_button.isVisible()
    qtbot.mouseClick(window.edit_button, Qt.MouseButton.LeftButton)
    page = window.author_list
    assert page is not None and window.pages.currentWidget() is page
    return page


def _open_situation(qtbot: QtBot, window: MainWindow, key: str) -> AuthorPage:
    """Down the list by the arrow key to the situation, then Enter."""
    listing = _open_list(qtbot, window)
    listing.tree.setFocus()
    for _ in range(len(listing.rows()) + 20):
        if listing.current_key() == key:
            break
        qtbot.keyClick(listing.tree, Qt.Key.Key_Down)
    assert listing.current_key() == key
    qtbot.keyClick(listing.tree, Qt.Key.Key_Return)
    page = window.author_page
    assert page is not None and page.key == key and window.pages.currentWidget() is page
    # A test that fails halfway must not leave the window's closing asking about an unsaved
    # answer, waiting for a click that never comes; the test of that question asks for real.
    page.ask_unsaved = lambda: QMessageBox.StandardButton.Discard
    return page


def _click_clause(qtbot: QtBot, page: AuthorPage, clause_id: str) -> None:
    rect = page.policy.clause_rect(clause_id)
    assert rect is not None
    viewport = page.policy.browser.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())


def _walk_wizard(qtbot: QtBot, window: MainWindow, key: str) -> str:
    """Open the guided answer from its Home tile and click the answers that lead to `key`;
    the outcome's text."""
    window.go_home()
    wizard = window.library.home_wizard(key)
    assert wizard is not None
    tile = next(
        b for b in window.home.findChildren(QPushButton, "tile") if b.text() == wizard.question
    )
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    page = window.wizard_page
    assert page is not None
    answers = dict(ways_to(wizard, key)[0])
    while (question := page.shown_question()) is not None:
        button = next(b for b in page.option_buttons() if b.text() == answers[question.text])
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return page.outcome.toPlainText()


def _press_when_asked(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """When the unsaved-answer question is up: note its text and press `button`."""
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        QTimer.singleShot(20, lambda: _press_when_asked(button, seen))
        return
    seen.append(box.text())
    box.button(button).click()


def test_an_answer_written_by_clicking_a_clause_is_saved_and_given_at_once(
    qtbot: QtBot, make_window: MakeWindow, content: Path
) -> None:
    window = _window(make_window, content, **ON)
    listing = _open_list(qtbot, window)
    assert "to do" in listing.counts.text()
    page = _open_situation(qtbot, window, KEY)
    assert "Who is the request from?" in page.ways.text()
    assert "A pupil at this school" in page.ways.text()

    _click_clause(qtbot, page, CLAUSE)
    assert page.draft.cites == (f"{POLICY}#{CLAUSE}",)
    assert page.form.cited.item(0).text().endswith(CLAUSE)
    qtbot.keyClicks(page.form.action, "Decline it and tell the DSL today.")
    page.form.binding.setFocus()
    page.form.binding.setCurrentIndex(page.form.binding.findData("must"))
    page.form.steps.setFocus()
    qtbot.keyClicks(page.form.steps, "Decline the request.")
    qtbot.keyClick(page.form.steps, Qt.Key.Key_Return)
    qtbot.keyClicks(page.form.steps, "Tell the DSL.")
    qtbot.mouseClick(page.form.tell_boxes["dsl"], Qt.MouseButton.LeftButton)
    assert "Decline it and tell the DSL today." in page.preview.toPlainText()  # live preview

    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert not page.modified, page.message.text()

    rulings = content / "schools" / SCHOOL / "rulings.yaml"
    text = rulings.read_text(encoding="utf-8")
    assert f"{COMMENT}\n  {KEY}:\n" in text  # the author's comment still stands before it
    saved = yaml.safe_load(text)["rulings"][KEY]
    clause = window.library.require_school(SCHOOL).policy(POLICY).clause(CLAUSE)  # type: ignore[union-attr]
    assert clause is not None
    assert saved == {
        "action": "Decline it and tell the DSL today.",
        "binding": "must",
        "steps": ["Decline the request.", "Tell the DSL."],
        "tell": ["dsl"],
        "cite": [{"clause": f"{POLICY}#{CLAUSE}", "fingerprint": clause.fingerprint}],
    }
    assert "Decline it and tell the DSL today." in _walk_wizard(qtbot, window, KEY)


def test_undo_restores_the_field_and_a_citation(
    qtbot: QtBot, make_window: MakeWindow, content: Path
) -> None:
    page = _open_situation(qtbot, _window(make_window, content, **ON), KEY)
    qtbot.keyClicks(page.form.action, "First words")
    page.form.binding.setCurrentIndex(page.form.binding.findData("should"))
    _click_clause(qtbot, page, CLAUSE)
    assert page.draft.cites
    page.form.action.setFocus()
    qtbot.keyClick(page.form.action, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.draft.cites == ()  # the click undone first
    assert page.policy.browser.extraSelections() == []
    qtbot.keyClick(page.form.action, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.form.binding.currentData() == ""
    qtbot.keyClick(page.form.action, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.form.action.toPlainText() == ""  # the typing, as one step
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.form.action, Qt.Key.Key_Z, modifiers)
    assert page.form.action.toPlainText() == "First words"


def test_saving_an_incomplete_answer_says_what_is_missing_beside_each_field(
    qtbot: QtBot, make_window: MakeWindow, content: Path
) -> None:
    page = _open_situation(qtbot, _window(make_window, content, **ON), KEY)
    rulings = content / "schools" / SCHOOL / "rulings.yaml"
    before = rulings.read_bytes()
    qtbot.keyClicks(page.form.action, "Decline it.")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert rulings.read_bytes() == before
    shown = {field for field, label in page.form.problem_labels.items() if label.isVisibleTo(page)}
    assert shown == {"cite", "binding", "steps", "tell"}
    assert page.form.problem_labels["cite"].text().startswith("Cite at least one clause")


def test_leaving_with_unsaved_changes_asks(
    qtbot: QtBot, make_window: MakeWindow, content: Path
) -> None:
    window = _window(make_window, content, **ON)
    page = _open_situation(qtbot, window, KEY)
    asks_for_real = page._ask_unsaved
    page.ask_unsaved = asks_for_real
    qtbot.keyClicks(page.form.action, "Not saved yet")
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _press_when_asked(QMessageBox.StandardButton.Cancel, seen))
    qtbot.mouseClick(window.home_button, Qt.MouseButton.LeftButton)
    assert seen and "not saved" in seen[0]
    assert window.pages.currentWidget() is page  # Cancel: still writing
    QTimer.singleShot(0, lambda: _press_when_asked(QMessageBox.StandardButton.Discard, seen))
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 2
    assert window.pages.currentWidget() is window.author_list
    assert not page.modified


def test_off_unless_asked_and_never_on_a_locked_computer(
    make_window: MakeWindow, content: Path, no_machine_settings: Path
) -> None:
    assert not _window(make_window, content).edit_button.isVisibleTo(None)
    no_machine_settings.write_text("[General]\nlocked = yes\n", encoding="utf-8")
    locked = _window(make_window, content, **ON)
    assert not locked.edit_button.isVisible()
    assert locked.open_author_list() is None
    assert "locked" in locked.statusBar().currentMessage()


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root may write any file, so a read-only rulings.yaml cannot be shown here; "
    "tests/core/machine/test_edit_access.py checks it as the user 'nobody'",
)
def test_never_where_the_answers_file_is_read_only(make_window: MakeWindow, content: Path) -> None:
    (content / "schools" / SCHOOL / "rulings.yaml").chmod(0o444)
    window = _window(make_window, content, **ON)
    assert not window.edit_button.isVisible()
    assert "you cannot change" in window.statusBar().currentMessage()


def test_saving_an_answer_under_review_confirms_it(
    qtbot: QtBot, make_window: MakeWindow, content: Path
) -> None:
    key = "friend-request/pupil/relative"
    rulings = content / "schools" / SCHOOL / "rulings.yaml"
    mark_needs_review(rulings, [key], "Social Media Policy 2.3 changed on 2 December 2026")
    window = _window(make_window, content, **ON)
    listing = _open_list(qtbot, window)
    assert "1 needs review" in listing.counts.text()
    page = _open_situation(qtbot, window, key)
    assert "Needs review" in page.state.text()
    assert "Social Media Policy 2.3 changed on 2 December 2026" in page.message.text()
    assert page.draft.cites  # the answer as it was, to check against the policy
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "needs_review" not in yaml.safe_load(rulings.read_text(encoding="utf-8"))["rulings"][key]
    assert window.library.rulings[SCHOOL].rulings[key].state is RulingState.ANSWERED
    assert "Needs review" not in page.state.text()


def test_closing_the_window_with_an_unsaved_answer_asks(
    qtbot: QtBot, make_window: MakeWindow, content: Path
) -> None:
    window = _window(make_window, content, **ON)
    page = _open_situation(qtbot, window, KEY)
    page.ask_unsaved = page._ask_unsaved
    qtbot.keyClicks(page.form.action, "Not saved yet")
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _press_when_asked(QMessageBox.StandardButton.Cancel, seen))
    assert not window.close()
    assert seen and window.isVisible() and page.modified
    page.ask_unsaved = lambda: QMessageBox.StandardButton.Discard


def test_search_still_works_after_a_save(
    qtbot: QtBot, make_window: MakeWindow, content: Path
) -> None:
    window = make_window(lib=load_library(content).library, search=True, flags=ON)
    before = typed_search(qtbot, window, "friend request").hits
    page = _open_situation(qtbot, window, KEY)
    qtbot.mouseClick(page.form.silent, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.form.not_covered, "Our policy is silent on this.")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert not page.modified, page.message.text()
    window.go_home()
    after = typed_search(qtbot, window, "friend request").hits
    assert [hit.heading for hit in after] == [hit.heading for hit in before] and after


def test_a_clause_of_the_schools_second_policy_is_cited_from_its_chooser(
    qtbot: QtBot, make_window: MakeWindow, content: Path
) -> None:
    policies = content / "schools" / SCHOOL / "policies"
    (policies / "online-safety.md").write_text(MINIMAL_POLICY, encoding="utf-8")
    page = _open_situation(qtbot, _window(make_window, content, **ON), KEY)
    chooser = page.policy.chooser
    assert chooser.isVisibleTo(page) and chooser.count() == 2
    chooser.setCurrentIndex(chooser.findData("online-safety"))
    _click_clause(qtbot, page, "friend-requests-1")
    assert page.draft.cites == ("online-safety#friend-requests-1",)
    assert "Staff must not accept friend requests" in page.preview.toPlainText()
    page.policy.browser.setFocus()  # the keyboard: to the other clause, Enter cites it
    cursor = page.policy.browser.textCursor()
    span = page.policy.clause_span("friend-requests-2")
    assert span is not None
    cursor.setPosition(span[0] + 3)
    page.policy.browser.setTextCursor(cursor)
    qtbot.keyClick(page.policy.browser, Qt.Key.Key_Return)
    assert page.draft.cites == (
        "online-safety#friend-requests-1",
        "online-safety#friend-requests-2",
    )


def test_steps_are_reordered_by_alt_arrows_and_undone_in_one(
    qtbot: QtBot, make_window: MakeWindow, content: Path
) -> None:
    page = _open_situation(qtbot, _window(make_window, content, **ON), KEY)
    page.form.steps.setFocus()
    qtbot.keyClicks(page.form.steps, "First")
    qtbot.keyClick(page.form.steps, Qt.Key.Key_Return)
    qtbot.keyClicks(page.form.steps, "Second")
    qtbot.keyClick(page.form.steps, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert page.draft.steps == ("Second", "First")
    assert page.form.steps.textCursor().blockNumber() == 0  # the cursor moved with the step
    qtbot.keyClick(page.form.steps, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.draft.steps == ("First", "Second")
