"""Issue 17, items 7 and 8, in the real window: a quote is cited as the policy numbers it, or by
its heading and point, on screen, on the clipboard, in the PDF slip and in the comparison; and
a policy that gives an approval date and a cycle but no next date shows the date that follows,
how it follows, and that it has passed."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from guidance_app.core.content.places import is_policy_number
from guidance_app.ui.main_window import MainWindow
from guidance_app.ui.pages.wizard_page import WizardPage
from tests.ui.conftest import MakeWindow

STOKES_CITATION = "Social Media Policy, Aims, point 6"


def _stokes_outcome(window: MainWindow) -> WizardPage:
    """A pupil's friend request at Stokes Wood, by the first answer to each question."""
    window.open_wizard("friend-request")
    page = window.wizard_page
    assert page is not None
    while not page.session.finished:
        page.choose_number(1)
    assert page.session.situation.startswith("friend-request/pupil")
    return page


def _made_ids(page: WizardPage) -> list[str]:
    outcome = page.session.outcome()
    assert outcome is not None and outcome.quotes
    return [q.clause.id for q in outcome.quotes if not is_policy_number(q.clause.id)]


def test_the_outcome_cites_places_on_screen_on_the_clipboard_and_in_the_pdf(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window("stokes-wood", search=False)
    page = _stokes_outcome(window)
    ids = _made_ids(page)
    assert "aims-6" in ids
    shown = page.outcome.toPlainText()
    assert STOKES_CITATION in shown
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert f"— {STOKES_CITATION}" in copied
    target = tmp_path / "slip.pdf"
    page.save_pdf(target)
    printed = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(target).pages)
    assert STOKES_CITATION in printed
    for clause_id in ids:
        assert clause_id not in shown and clause_id not in copied and clause_id not in printed


def test_the_comparison_names_each_quotes_place(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window("stokes-wood", search=False)
    page = _stokes_outcome(window)
    qtbot.mouseClick(page.compare_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.compare
    table = window.compare.table.toPlainText()
    assert "(Aims, point 6)" in table
    for clause_id in _made_ids(page):
        assert clause_id not in table


def test_stokes_woods_card_shows_the_derived_review_date_flagged_overdue(
    make_window: MakeWindow,
) -> None:
    window = make_window("stokes-wood", search=False)
    card = window.home.status_card
    labels = {label.objectName(): label for label in card.findChildren(QLabel)}
    status, how = labels["overdue"], labels["reviewDerived"]
    assert status.text() == "Review due April 2023 — overdue"
    assert how.text() == (
        "April 2023: a year after its approval in April 2022, as the policy says "
        "(review cycle: annually)"
    )
    assert status.isVisibleTo(card) and how.isVisibleTo(card)
    assert how.geometry().width() > 0 and how.geometry().height() > 0
    assert status.accessibleName() == f"Social Media Policy: {status.text()} ({how.text()})"
    assert "No review date" not in " ".join(label.text() for label in labels.values())
