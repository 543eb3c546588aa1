"""The main window's "Edit answers": the button in the bar (shown only when this user may edit
here), the list of the school's situations, one situation's author page, and the school's
answers read again after a save, so that every page gives the new answer at once.

Off unless `--edit-answers` was given or the user's settings say `edit_answers = true`; never
on a locked or kiosk computer, nor where the school's files cannot be written
(core/machine/edit_access.py). Given the flag but refused, the status bar says why.

After a save the whole library is loaded again from disk (so the saved file is read, and
checked, as the app will read it next time) and the school's answers from it replace the old
ones in the one library every page and the search share. A saved answer changes no policy
text, so the search index stays as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QPushButton

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import School
from guidance_app.core.errors import GuidanceError
from guidance_app.core.guidance.authoring import SituationRow
from guidance_app.core.machine.edit_access import edit_answers_refusal
from guidance_app.ui.page_stack import may_leave
from guidance_app.ui.pages.author_list_page import AuthorListPage
from guidance_app.ui.pages.author_page import AuthorPage
from guidance_app.ui.pages.wizard_page import WizardPage
from guidance_app.ui.settings import Settings
from guidance_app.ui.training_actions import TrainingActions


class AuthorActions(TrainingActions):
    # Set up by MainWindow.
    settings: Settings
    edit_button: QPushButton
    wizard_page: WizardPage | None

    def __init__(self) -> None:
        super().__init__()
        self.author_list: AuthorListPage | None = None
        self.author_page: AuthorPage | None = None

    @property
    def school(self) -> School | None:
        """The school chosen in the bar (MainWindow's)."""
        raise NotImplementedError

    def go_home(self) -> None:
        """Home (MainWindow's)."""
        raise NotImplementedError

    def set_up_authoring(self, edit_button: QPushButton) -> None:
        """The bar's "Edit answers…", shown if this user may edit answers here."""
        self.edit_button = edit_button
        edit_button.clicked.connect(self.open_author_list)
        self.show_edit_button()

    def edit_answers_refusal(self) -> str | None:
        """Why this user cannot edit the chosen school's answers here; None if they can."""
        school = self.school
        if school is None:
            return "Editing answers is off: choose your school first."
        return edit_answers_refusal(self.settings.deployment, self.library.root, school.path)

    def show_edit_button(self) -> None:
        """The bar's "Edit answers…": shown only if asked for and allowed; with the flag given
        but refused, the status bar says why."""
        refusal = self.edit_answers_refusal() if self.settings.edit_answers else "not asked"
        self.edit_button.setVisible(refusal is None)
        if refusal is not None and self.settings.deployment.edit_answers:
            self.statusBar().showMessage(refusal)

    def open_author_list(self) -> AuthorListPage | None:
        school = self.school
        if school is None or self.edit_answers_refusal() is not None:
            return None
        if self.author_list is None or self.author_list.school is not school:
            page = AuthorListPage(self.library, school, self.colours)
            page.open_situation.connect(self.open_situation)
            self.pages.replace(self.author_list, page)
            self.author_list = page
        else:
            self.author_list.refresh()
            self.pages.show_page(self.author_list)
        self.author_list.focus_list()
        return self.author_list

    def open_situation(self, row: SituationRow) -> AuthorPage | None:
        school = self.school
        if school is None:
            return None
        page = AuthorPage(self.library, school, row, self.colours)
        page.back_requested.connect(self.open_author_list)
        page.saved.connect(self.answer_saved)
        self.pages.replace(self.author_page, page)
        self.author_page = page
        page.form.action.setFocus()
        return page

    def answer_saved(self, key: str) -> None:
        """Read the school's answers again from disk; every page gives the new one at once."""
        school = self.school
        if school is None:
            return
        try:
            result = load_library(self.library.root)
        except GuidanceError as exc:  # the folder went away since: the file was still saved
            self.statusBar().showMessage(f"Saved, but the answers cannot be read again: {exc}")
            return
        book = result.library.rulings.get(school.id)
        if book is not None:
            self.library.rulings[school.id] = book
        else:
            self.library.rulings.pop(school.id, None)
        if self.wizard_page is not None:
            self.wizard_page.refresh()
        if self.author_list is not None:
            self.author_list.refresh()
        mine = [
            problem.message
            for problem in result.problems
            if book is not None and problem.path == book.path and f"'{key}'" in problem.message
        ]
        self.statusBar().showMessage(
            f"Saved, but: {mine[0]}" if mine else "Saved: staff are given this answer from now on.",
            8000,
        )

    def may_leave_authoring(self) -> bool:
        """Asked before the window closes or the school changes: an unsaved answer is saved,
        discarded or kept, as its author says."""
        page = self.author_page
        return page is None or self.pages.currentWidget() is not page or may_leave(page)

    def authoring_follows_school(self, school_box: QComboBox) -> bool:
        """Another school chosen in the bar: the last school's answers being edited are left
        (an unsaved one saved or discarded first, as its author says) and the Edit answers
        button follows the new school. False if the author kept the unsaved answer: the
        school chosen is put back."""
        editing = self.author_page or self.author_list
        if editing is not None and editing.school is not self.school:
            if not self.may_leave_authoring():
                with QSignalBlocker(school_box):
                    school_box.setCurrentIndex(school_box.findData(editing.school.id))
                return False
            self.go_home()
            for page in (self.author_page, self.author_list):
                self.pages.drop(page)
            self.author_page = self.author_list = None
        self.show_edit_button()
        return True
