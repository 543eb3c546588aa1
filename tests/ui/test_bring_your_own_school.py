"""A school brings its own policy, start to end, as its safeguarding lead would: a new school
made with `guidance-app new-school`; in the app, "Import a policy…" brings in its Word
document; one answer is written by clicking a clause and saved; the guided answer gives it, and
the comment new-school wrote before it is still in the file; then "Update a policy…" brings in
a new version in which one cited clause changed, and exactly the answer citing it needs review.
"""

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from guidance_app.cli.entry import main
from guidance_app.core.content.loader import load_library
from guidance_app.core.content.rulings import RulingState
from guidance_app.ui.main_window import MainWindow
from guidance_app.ui.pages.author_page import AuthorPage
from tests.docx_fixtures import heading_list, number_paragraph
from tests.helpers import library_without_schools
from tests.ui.conftest import MakeWindow
from tests.ui.pages.test_author import _click_clause, _open_situation, _walk_wizard

SCHOOL = "oakfield"
FRIEND = "friend-request/pupil"  # cites clause 1.1.1, which the new version changes
PARENT = "friend-request/parent"  # cites clause 1.1.2, which stays as it was
WORK_MS = 60_000


def _policy(path: Path, report_words: str) -> None:
    """A staff conduct policy as schools write them: headings numbered through their styles,
    clauses by Word's automatic numbering (the numbers are not in the text)."""
    document = docx.Document()
    document.add_paragraph("Staff Conduct Policy", style="Title")
    clauses = heading_list(document)
    document.add_heading("Contact with pupils and parents", 1)
    document.add_heading("Social media", 2)
    for text in (
        f"Staff must not accept friend requests from pupils and must {report_words}.",
        "Staff may accept friend requests from parents only with the Headteacher's agreement.",
    ):
        number_paragraph(document.add_paragraph(text), clauses, 2)
    document.save(str(path))


def _content(tmp_path: Path) -> Path:
    root = library_without_schools(tmp_path / "content")
    made = main(["new-school", SCHOOL, "--name", "Oakfield Primary", "--content", str(root)])
    assert made == 0
    return root


def _import(qtbot: QtBot, window: MainWindow, path: Path, replaces: str | None) -> str:
    """The list's "Import a policy…" / "Update a policy…" with this file; the report's text."""
    listing = window.open_author_list()
    assert listing is not None
    assert listing.update_button.isEnabled() == bool(window.school and window.school.policies)
    window.import_policy_file(path, replaces)
    qtbot.waitUntil(lambda: window.report_dialog is not None, timeout=WORK_MS)
    dialog = window.report_dialog
    assert dialog is not None
    report = f"{dialog.summary.text()}\n{dialog.details.toPlainText()}"
    dialog.close()
    window.report_dialog = None
    return report


def _answer(qtbot: QtBot, window: MainWindow, key: str, clause_id: str, action: str) -> None:
    page: AuthorPage = _open_situation(qtbot, window, key)
    _click_clause(qtbot, page, clause_id)
    qtbot.keyClicks(page.form.action, action)
    page.form.binding.setCurrentIndex(page.form.binding.findData("must"))
    page.form.steps.setFocus()
    qtbot.keyClicks(page.form.steps, "Do this first.")
    qtbot.mouseClick(page.form.tell_boxes["dsl"], Qt.MouseButton.LeftButton)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WORK_MS)
    page.form.action.setFocus()
    qtbot.keyClick(page.form.action, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not page.modified, page.message.text()  # saved: nothing left unsaved


def test_a_new_school_imports_answers_and_updates_its_own_policy(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    content = _content(tmp_path)
    rulings = content / "schools" / SCHOOL / "rulings.yaml"
    lines = rulings.read_text(encoding="utf-8").splitlines()
    comment = lines[lines.index(f"  {FRIEND}: {{to_do: true}}") - 1]  # new-school's, its title
    assert comment.strip().startswith("# A friend or follow request from a current pupil")
    first = tmp_path / "Staff Conduct Policy.docx"
    _policy(first, "tell the designated safeguarding lead")
    window = make_window(
        school=SCHOOL, lib=load_library(content).library, flags={"edit_answers": "on"}
    )

    report = _import(qtbot, window, first, None)
    assert "“Staff Conduct Policy” is now one of your school's policies" in report
    school = window.school
    assert school is not None and [p.id for p in school.policies] == ["staff-conduct-policy"]
    qtbot.waitUntil(lambda: window.engine is not None, timeout=WORK_MS)

    _answer(qtbot, window, FRIEND, "1.1.1", "Decline it and tell the DSL today.")
    _answer(qtbot, window, PARENT, "1.1.2", "Ask the Headteacher first.")
    text = rulings.read_text(encoding="utf-8")
    assert comment in text and text.index(comment) < text.index(f"  {FRIEND}:")
    assert "Decline it and tell the DSL today." in _walk_wizard(qtbot, window, FRIEND)

    second = tmp_path / "Staff Conduct Policy 2026.docx"
    _policy(second, "tell the designated safeguarding lead on the same day")
    report = _import(qtbot, window, second, "staff-conduct-policy")
    assert "1 changed, 0 added, 0 removed; 1 answer needs review: " + FRIEND in report
    book = window.library.rulings[SCHOOL]
    assert book.rulings[FRIEND].state is RulingState.NEEDS_REVIEW
    assert book.rulings[PARENT].state is RulingState.ANSWERED
    shown = _walk_wizard(qtbot, window, FRIEND)
    assert "Decline it and tell the DSL today." not in shown
    assert "reviewing this answer" in shown and "on the same day" in shown
