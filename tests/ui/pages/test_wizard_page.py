"""Guided answers in the window: from a Home tile by clicks and keys to the school's outcome; the
cited clause opens in the reader; back, change, start again; copy, PDF slip; compare from an
outcome; content holding markup shown as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6 import QtGui
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QAccessible, QGuiApplication, QTextDocument
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library
from guidance_app.core.errors import GuidanceError
from guidance_app.core.guidance.outcome import outcome_for
from guidance_app.ui.main_window import MainWindow
from guidance_app.ui.pages.wizard_page import WizardPage
from tests.helpers import write_library
from tests.ui.conftest import WORK_MS, MakeWindow


def _tile(window: MainWindow, wizard_id: str) -> QPushButton:
    wizard = window.library.wizard(wizard_id)
    assert wizard is not None
    for button in window.home.findChildren(QPushButton, "tile"):
        if button.text() == wizard.question:
            return button
    raise AssertionError(wizard_id)


def _open(qtbot: QtBot, window: MainWindow, wizard_id: str) -> WizardPage:
    qtbot.mouseClick(_tile(window, wizard_id), Qt.MouseButton.LeftButton)
    assert window.wizard_page is not None
    assert window.pages.currentWidget() is window.wizard_page
    return window.wizard_page


def _finished(qtbot: QtBot, window: MainWindow, wizard_id: str, *numbers: int) -> WizardPage:
    page = _open(qtbot, window, wizard_id)
    for number in numbers:
        if page.session.finished:
            break
        qtbot.keyClick(page.option_buttons()[0], Qt.Key(Qt.Key.Key_0 + number))
    assert page.session.finished
    return page


def test_clicks_and_keys_reach_the_schools_outcome(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window("stokes-wood", search=False)
    page = _open(qtbot, window, "friend-request")
    assert page.question.text() == "What happened?"
    assert page.option_buttons()[0].hasFocus()  # keyboard users start on the first answer
    qtbot.mouseClick(page.option_buttons()[0], Qt.MouseButton.LeftButton)  # a request
    assert page.question.text() == "Who is the request from?"
    qtbot.mouseClick(page.option_buttons()[1], Qt.MouseButton.LeftButton)  # a former pupil
    if not page.session.finished:  # the age question, unless skipped for this school
        qtbot.keyClick(page.option_buttons()[0], Qt.Key.Key_2)
    assert page.session.finished
    shown = page.outcome.toPlainText()
    assert "Reject the request explicitly" in shown
    assert "must be explicitly rejected, not just ignored" in shown
    assert "A reminder from this app, not from your policy" in shown
    assert page.copy_button.isVisible() and page.pdf_button.isVisible()


def test_back_change_and_start_again(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window("westhaven", search=False)
    page = _open(qtbot, window, "friend-request")
    qtbot.keyClick(page.option_buttons()[0], Qt.Key.Key_1)  # a request
    qtbot.keyClick(page.option_buttons()[0], Qt.Key.Key_2)  # a former pupil
    qtbot.keyClick(page.option_buttons()[0], Qt.Key.Key_2)  # an adult
    assert page.session.situation == "friend-request/ex-pupil/adult"
    assert "strongly advised" in page.outcome.toPlainText().lower()
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert not page.session.finished and page.option_buttons()
    qtbot.keyClick(page.option_buttons()[0], Qt.Key.Key_1)  # still of school age
    assert page.session.situation == "friend-request/ex-pupil/school-age"
    change = [b for b in page.findChildren(QPushButton) if b.text() == "Change" and b.isVisible()]
    assert change[1].accessibleName() == "Change your answer to: Who is the request from?"
    qtbot.mouseClick(change[1], Qt.MouseButton.LeftButton)
    assert page.shown_question() is not None and page.question.text().startswith("Who is")
    qtbot.keyClick(page.option_buttons()[0], Qt.Key.Key_1)  # a current pupil
    assert "friend-request/ex-pupil" not in (page.session.situation or "")
    qtbot.keyClick(page, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert page.session.steps == ()
    assert page.question.text() == "What happened?"


def test_a_quoted_clause_opens_in_the_reader_and_back_returns(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("westhaven", search=False)
    page = _finished(qtbot, window, "media-contact", 2)  # about my own post
    assert "consult their Headteacher/line manager" in page.outcome.toPlainText()
    page.outcome.anchorClicked.emit(QUrl("clause:social-media-and-networking#4.1.12"))
    assert window.pages.currentWidget() is window.reader
    assert window.reader.policy is not None
    assert window.reader.policy.id == "social-media-and-networking"
    position = window.reader.browser.textCursor().position()
    assert window.reader._anchors["clause-4.1.12"] == position
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is page and page.session.finished


def test_a_list_item_is_quoted_with_its_lead_in(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window("stokes-wood", search=False)
    page = _finished(qtbot, window, "parent-online", 2, 4)  # a complaint, posted elsewhere
    shown = page.outcome.toPlainText()
    lead_in = (
        "In addition to the above everyone at Stokes Wood Primary School must ensure that they:"
    )
    item = (
        "Do not make any derogatory, defamatory, rude, threatening or inappropriate comments "
        "about the school, or anyone at or connected with the school."
    )
    quoted = shown[shown.index("What your policy says") :]
    assert lead_in in quoted and item in quoted
    assert quoted.index(lead_in) < quoted.index(item)


def test_copy_as_text_puts_the_whole_answer_on_the_clipboard(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    window = make_window("wilnecote", search=False)
    page = _finished(qtbot, window, "friend-request", 1, 1, 2)
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    expected = outcome_for(library, "wilnecote", "friend-request/pupil")
    assert expected.action in copied
    assert expected.quotes[0].clause.text in copied
    assert "Who is the request from?" in copied and "A pupil at this school" in copied


def test_save_as_pdf_writes_a_slip_with_the_outcome(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, library: Library
) -> None:
    window = make_window("westhaven", search=False)
    page = _finished(qtbot, window, "friend-request", 1, 1, 2)
    target = tmp_path / "slip.pdf"
    page.save_pdf(target)
    assert target.read_bytes()[:5] == b"%PDF-"
    text = " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(str(target)).pages
    )
    outcome = outcome_for(library, "westhaven", "friend-request/pupil")
    assert " ".join(outcome.action.split()) in text
    assert "Westhaven" in text and "Policy guidance slip" in text
    assert "Next review" in text


def test_saving_where_no_file_can_be_written_says_why(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window("westhaven", search=False)
    page = _finished(qtbot, window, "friend-request", 1, 1, 2)
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("kept", encoding="utf-8")
    with pytest.raises(GuidanceError, match=r"could not be saved .*Choose another folder"):
        page.save_pdf(not_a_folder / "slip.pdf")
    assert not_a_folder.read_text(encoding="utf-8") == "kept"


def test_compare_from_an_outcome_opens_at_its_situation(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window("westhaven", search=False)
    page = _finished(qtbot, window, "friend-request", 1, 1, 2)
    qtbot.mouseClick(page.compare_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.compare
    assert window.compare.situation == page.session.situation


def test_compare_from_a_skipped_question_compares_that_broader_situation(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    window = make_window("wilnecote", search=False)
    page = _finished(qtbot, window, "friend-request", 1, 2)  # age is not asked at Wilnecote
    assert page.session.situation == "friend-request/ex-pupil"
    qtbot.mouseClick(page.compare_button, Qt.MouseButton.LeftButton)
    assert window.compare.situation == "friend-request/ex-pupil"
    shown = window.compare.table.toPlainText()
    assert "A friend or follow request from a former pupil" in shown
    westhaven = outcome_for(library, "westhaven", "friend-request/ex-pupil")
    assert " ".join(westhaven.action.split()) in " ".join(shown.split())


def _shown(label: QLabel) -> str:
    """The text a label shows (what a screen reader is given for it)."""
    interface = QAccessible.queryAccessibleInterface(label)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


def _shown_tip(tip: str) -> str:
    """The text a tooltip shows: Qt reads it as rich text when it looks like markup."""
    if not QtGui.Qt.mightBeRichText(tip):
        return tip
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


def test_content_holding_markup_is_shown_as_written(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    root = write_library(tmp_path / "content")
    wizard = root / "wizards" / "friend-request.yaml"
    question = "A pupil sent me a friend request. <b>Now</b> what & why?"
    asked = "Who sent it? <b>Tom & Jerry</b>"
    help_text = "Count <i>anyone</i> on roll & their siblings."
    label = "A pupil <b>&amp;</b> a friend"
    yaml = wizard.read_text(encoding="utf-8")
    yaml = yaml.replace(
        "question: A pupil sent me a friend request. What do I do?", f'question: "{question}"'
    )
    yaml = yaml.replace(
        "    text: Who sent it?\n", f'    text: "{asked}"\n    help: "{help_text}"\n'
    )
    yaml = yaml.replace(
        "        label: A pupil\n", f'        label: "{label}"\n        help: "{help_text}"\n'
    )
    wizard.write_text(yaml, encoding="utf-8")
    result = load_library(root)
    assert not result.problems
    window = make_window("example", search=False, lib=result.library)
    tile = _tile(window, "friend-request")
    assert _shown(tile.label) == question
    page = _open(qtbot, window, "friend-request")
    assert _shown(page.title) == question
    assert _shown(page.question) == asked
    assert _shown(page.help) == help_text
    option = page.option_buttons()[0]
    assert _shown(option.label) == label
    assert _shown_tip(option.toolTip()) == help_text
    qtbot.mouseClick(option, Qt.MouseButton.LeftButton)
    assert page.session.finished
    said = [_shown(w) for w in page.findChildren(QLabel) if w.isVisible() and asked in _shown(w)]
    assert said == [f"{asked} {label}"]  # the answers list


def _answer_save_dialog(path: Path, seen: dict[str, str]) -> None:
    """When the Save dialog is up: note the folder it opened in and save as `path`."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, QFileDialog):
        QTimer.singleShot(20, lambda: _answer_save_dialog(path, seen))
        return
    seen["folder"] = dialog.directory().absolutePath()
    dialog.selectFile(str(path))
    dialog.accept()


def _home_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: bool) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    if documents:
        (home / "Documents").mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))  # no user-dirs.dirs there
    return home


@pytest.mark.parametrize("documents", [True, False], ids=["Documents", "no Documents"])
def test_after_saving_the_pdf_the_slip_keys_work_without_a_click(
    qtbot: QtBot,
    make_window: MakeWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    documents: bool,
) -> None:
    home = _home_at(tmp_path, monkeypatch, documents)
    window = make_window("westhaven", search=False)
    page = _finished(qtbot, window, "friend-request", 1, 1, 1, 1)
    page.outcome.setFocus()
    seen: dict[str, str] = {}
    QTimer.singleShot(0, lambda: _answer_save_dialog(tmp_path / "slip.pdf", seen))
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.outcome, Qt.Key.Key_S, modifiers)
    assert (tmp_path / "slip.pdf").is_file()
    # the dialog opened in the user's documents folder (their home if they have none), never
    # in the program's working folder
    assert seen["folder"] == str(home / "Documents" if documents else home)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=WORK_MS)
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, modifiers)  # no click first
    assert page.session.outcome().action in QGuiApplication.clipboard().text()  # type: ignore[union-attr]


def test_changing_school_mid_answer_keeps_the_answers_and_shows_the_new_schools_outcome(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    window = make_window("westhaven", search=False)
    page = _finished(qtbot, window, "friend-request", 1, 1, 1, 1)
    situation = page.session.situation
    assert situation is not None
    messages: list[str] = []
    page.status.connect(messages.append)
    window.choose_school("stokes-wood")
    assert window.pages.currentWidget() is page  # not thrown away for Home
    assert page.session.school_id == "stokes-wood"
    answered = [step for step in page.session.steps if step.option is not None]
    assert answered, "the answers were dropped"
    if page.session.finished:
        expected = outcome_for(library, "stokes-wood", page.session.situation or "")
        assert expected.action in page.outcome.toPlainText()
    else:  # Stokes Wood needs an answer Westhaven did not: it is asked, the rest are kept
        assert page.option_buttons()
    assert messages and "kept" in messages[-1]
