"""Bringing in a school's own policy document from the app (Edit answers' "Import a policy…"
and "Update a policy…"): the same work as `guidance-app import [--update]`, off the UI thread,
then its report in a dialog, the library read again and the search index brought up to date
(only the changed policy is re-indexed, core/search/updates.py).

A document that cannot be imported (a scan, a password, an old .doc...) is refused with the
importer's own message, and nothing is written.
"""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.policy_update import PolicyUpdate
from guidance_app.core.errors import GuidanceError
from guidance_app.core.importing.importer import ImportResult, import_policy, update_policy
from guidance_app.ui.author_actions import AuthorActions
from guidance_app.ui.background import Progress, run_in_background
from guidance_app.ui.dialogs import ReportDialog
from guidance_app.ui.pages.author_list_page import AuthorListPage
from guidance_app.ui.pdf import documents_folder

DOCUMENTS = "Policy documents (*.docx *.pdf *.txt *.md);;All files (*)"


class PolicyImportActions(AuthorActions):
    report_dialog: ReportDialog | None = None  # the last import's report, while it is open
    search_cache_dir: Path | None = None  # where start_search opened the index

    def open_author_list(self) -> AuthorListPage | None:
        fresh = self.author_list
        page = super().open_author_list()
        if page is not None and page is not fresh:
            page.import_requested.connect(self.choose_policy_document)
        return page

    def start_search(self, cache_dir: Path | None = None) -> None:
        """Open the search index (MainWindow's)."""
        raise NotImplementedError

    def refresh_school(self) -> None:
        """Show the chosen school again, its policies read anew (MainWindow's)."""
        raise NotImplementedError

    def choose_policy_document(self, replaces: str | None) -> None:
        """Ask for the document, then import it (as a new policy, or as the new version of the
        policy `replaces`)."""
        what = "the new version of the policy" if replaces else "a policy to import"
        path, _filter = QFileDialog.getOpenFileName(
            self, f"Choose {what}", str(documents_folder()), DOCUMENTS
        )
        if path:
            self.import_policy_file(Path(path), replaces)

    def import_policy_file(self, path: Path, replaces: str | None = None) -> None:
        """Import `path` into the chosen school in the background; the report follows."""
        school = self.school
        if school is None:
            return
        self.statusBar().showMessage(f"Reading {path.name}…")

        def work(_progress: Progress) -> tuple[ImportResult, PolicyUpdate | None]:
            if replaces is None:
                return import_policy(path, school.path), None
            return update_policy(path, school.path, replaces, datetime.date.today())

        run_in_background(self, work, self._imported, self._import_failed)

    def _imported(self, done: tuple[ImportResult, PolicyUpdate | None]) -> None:
        result, update = done
        self._reload_library()
        draft = result.draft
        if update is None:
            summary = (
                f"“{draft.title}” is now one of your school's policies: {draft.clauses} "
                f"clauses under {draft.headings} headings. It is a draft: read it beside the "
                "original, and check each place listed below."
            )
            lines = [f"Line {item.line}: {item.message}" for item in draft.report]
        else:
            summary = (
                f"The new version of “{draft.title}” is in: {update.summary()}. Staff who "
                "reach an answer needing review see the policy's current words and are told "
                "to speak to the DSL until you confirm the answer."
            )
            lines = update.changes.lines() + [
                f"Line {item.line}: {item.message}" for item in draft.report
            ]
        self.statusBar().showMessage(f"Imported {result.path.name}.", 8000)
        dialog = ReportDialog("Policy imported", summary, lines or ["Nothing to check."], self)
        self.report_dialog = dialog
        dialog.open()

    def _import_failed(self, error: BaseException) -> None:
        message = str(error) if isinstance(error, GuidanceError) else repr(error)
        self.statusBar().showMessage("The policy was not imported.", 8000)
        QMessageBox.warning(
            self, "The policy was not imported", f"{message}\n\nNothing was written."
        )

    def _reload_library(self) -> None:
        """Read the whole library again into the one library object every page shares, then
        show the school again and bring the search index up to date."""
        try:
            fresh = load_library(self.library.root).library
        except GuidanceError as exc:
            self.statusBar().showMessage(f"Imported, but the library cannot be read again: {exc}")
            return
        for field in dataclasses.fields(fresh):
            setattr(self.library, field.name, getattr(fresh, field.name))
        self.refresh_school()
        self.start_search(self.search_cache_dir)
