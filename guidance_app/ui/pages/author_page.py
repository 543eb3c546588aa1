"""Writing one situation's answer ("Edit answers"): the questions and answers that lead to it,
the school's policy where clicking a clause cites it, the fields, and a live preview of exactly
what staff will see (the wizard's own HTML, from the unsaved ruling).

Every change is undoable (Ctrl+Z; Ctrl+Shift+Z or Ctrl+Y redoes). Save (Ctrl+S) checks the
answer first, each problem shown beside its field; the window then writes nothing else and
reloads the school's answers, so the wizard gives the new one at once. Leaving with unsaved
changes asks Save / Discard / Cancel (`may_leave`).
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from guidance_app.core.content import ruling_writer
from guidance_app.core.content.model import Library, School
from guidance_app.core.content.ruling_draft import FIELDS, RulingDraft
from guidance_app.core.content.rulings import RulingState
from guidance_app.core.errors import GuidanceError
from guidance_app.core.guidance.authoring import SituationRow, ways_to
from guidance_app.core.guidance.outcome import outcome_of_ruling
from guidance_app.core.render.html import outcome_html
from guidance_app.ui import theme
from guidance_app.ui.pages.author_form import AnswerForm
from guidance_app.ui.pages.author_policy import CitingPolicy
from guidance_app.ui.pages.author_states import STATE_WORDS, state_words
from guidance_app.ui.reading import make_browser
from guidance_app.ui.widgets import plain_label

TEXT_FIELDS = ("action", "steps", "not_covered")  # typing in these merges into one undo step
Ask = Callable[[], QMessageBox.StandardButton]


class DraftChange(QUndoCommand):
    """One change to the draft: a field edited or a clause cited or no longer cited."""

    def __init__(self, page: AuthorPage, before: RulingDraft, after: RulingDraft, field: str):
        super().__init__(f"change {field}")
        self.page, self.before, self.after, self.field = page, before, after, field

    def id(self) -> int:
        return FIELDS.index(self.field) + 1 if self.field in TEXT_FIELDS else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, DraftChange) or other.field != self.field:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self.page.apply(self.after)

    def undo(self) -> None:
        self.page.apply(self.before)


class AuthorPage(QWidget):
    """One situation's answer for one school. `saved(key)` once written to rulings.yaml."""

    back_requested = Signal()
    saved = Signal(str)

    def __init__(
        self, library: Library, school: School, row: SituationRow, colours: theme.Colours
    ) -> None:
        super().__init__()
        self.setObjectName("page")
        self.library, self.school, self.key = library, school, row.key
        book = library.rulings.get(school.id)
        self.path = book.path if book is not None else school.path / "rulings.yaml"
        own = book.rulings.get(row.key) if book is not None else None
        self.needs_review = bool(own is not None and own.needs_review)
        self.draft = RulingDraft.of(row.ruling)
        self._checked = False  # problems are shown once Save has been tried
        self.ask_unsaved: Ask = self._ask_unsaved

        self.back_button = QPushButton(theme.icon("back"), "All situations")
        self.back_button.setAccessibleName("Back to all situations")
        self.back_button.clicked.connect(self.back_requested)
        title = plain_label(row.title)
        title.setObjectName("sectionTitle")
        title.setWordWrap(True)
        self.state_text = state_words(row)
        self.state = plain_label(self.state_text)
        self.state.setObjectName("muted")
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(title, stretch=1)
        top.addWidget(self.state)
        self.ways = QLabel(_ways_html(row))
        self.ways.setObjectName("authorWays")
        self.ways.setTextFormat(Qt.TextFormat.RichText)
        self.ways.setWordWrap(True)
        self.ways.setAccessibleName("How staff reach this situation")

        self.policy = CitingPolicy(school, colours)
        self.policy.toggled.connect(self.toggle_citation)
        self.form = AnswerForm(school)
        self.form.edited.connect(self._edited)
        self.form.uncite.connect(self.toggle_citation)
        self.form.cited_chosen.connect(self.policy.show_clause)
        form_scroll = QScrollArea()
        form_scroll.setWidget(self.form)
        form_scroll.setWidgetResizable(True)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form_scroll.setAccessibleName("Your answer")
        self.preview = make_browser("Preview: what staff will see", colours)
        self.preview.anchorClicked.connect(self._preview_link)
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_title = QLabel("What staff will see")
        preview_title.setObjectName("answersTitle")
        preview_layout.addWidget(preview_title)
        preview_layout.addWidget(self.preview, stretch=1)
        splitter = QSplitter()
        for part in (self.policy, form_scroll, preview_box):
            splitter.addWidget(part)
        # The fields' column is as wide as its widest field (a role's name beside its box),
        # so that nothing in it is cut off at 1280 pixels; the policy and preview share the rest.
        width = self.form.minimumSizeHint().width() + 40
        splitter.setSizes([420, width, 380])
        for index, stretch in enumerate((4, 0, 3)):
            splitter.setStretchFactor(index, stretch)
        splitter.setChildrenCollapsible(False)

        # Made after every widget it updates, so that it goes after them when the page is
        # destroyed: clearing itself then, it signals no widget already gone.
        self.undo_stack = QUndoStack(self)
        self.undo_button = QPushButton("Undo")
        self.undo_button.setAccessibleName("Undo the last change (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button = QPushButton("Redo")
        self.redo_button.setAccessibleName("Redo (Ctrl+Shift+Z)")
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.form.undo_keys.connect(
            lambda step: self.undo_stack.undo() if step < 0 else self.undo_stack.redo()
        )
        self.save_button = QPushButton("Save")
        self.save_button.setAccessibleName("Save this answer (Ctrl+S)")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.message = plain_label()
        self.message.setObjectName("muted")
        self.message.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.redo_button)
        bottom.addWidget(self.message, stretch=1)
        bottom.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(top)
        layout.addWidget(self.ways)
        layout.addWidget(splitter, stretch=1)
        layout.addLayout(bottom)

        for keys, action in (
            (QKeySequence.StandardKey.Undo, self.undo_stack.undo),
            (QKeySequence.StandardKey.Redo, self.undo_stack.redo),
            (QKeySequence("Ctrl+Y"), self.undo_stack.redo),
            (QKeySequence.StandardKey.Save, self.save),
            (QKeySequence("Alt+Left"), self.back_requested.emit),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.apply(self.draft)
        if own is not None and own.needs_review:
            self.message.setText(
                f"Check this answer against the policy: {own.needs_review}. Saving it, changed "
                "or not, confirms it for staff."
            )
        elif row.ruling is not None and row.ruling.situation != row.key:
            self.message.setText(
                "Staff are now given the answer written for a broader situation "
                f"({library.situation_title(row.ruling.situation)}). Saving gives this "
                "situation an answer of its own."
            )

    # -- the draft ---------------------------------------------------------------------------
    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def apply(self, draft: RulingDraft) -> None:
        """Show a draft everywhere: the fields, the cited clauses, the preview."""
        self.draft = draft
        self.form.show_draft(draft)
        self.policy.mark(draft.cites)
        ruling = draft.ruling(self.school, self.key)
        outcome = outcome_of_ruling(self.library, self.school.id, self.key, ruling)
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setHtml(outcome_html(outcome))
        self.preview.verticalScrollBar().setValue(scroll)
        if self._checked:
            self.form.show_problems(draft.problems(self.school))
        self._show_state()

    def _edited(self, field: str) -> None:
        after = self.form.draft(self.draft)
        if after != self.draft:
            self.undo_stack.push(DraftChange(self, self.draft, after, field))

    def toggle_citation(self, ref: str) -> None:
        """Cite a clause (`policy#clause`), or stop citing it."""
        after = self.draft.toggled(ref)
        self.undo_stack.push(DraftChange(self, self.draft, after, "cite"))
        cited = ref in after.cites
        self.message.setText(("Cited " if cited else "No longer cited: ") + self._clause_words(ref))

    def _clause_words(self, ref: str) -> str:
        for index in range(self.form.cited.count()):
            item = self.form.cited.item(index)
            if item.data(Qt.ItemDataRole.UserRole) == ref:
                return item.text()
        return ref.replace("#", " ")

    def _show_state(self) -> None:
        self.state.setText(("Unsaved changes · " if self.modified else "") + self.state_text)

    def _preview_link(self, url: QUrl) -> None:
        if url.scheme() == "clause":
            self.policy.show_clause(f"{url.path()}#{url.fragment()}")

    # -- saving and leaving ------------------------------------------------------------------
    def save(self) -> bool:
        """Check the answer, then write it; False (with the problems shown) if not saved."""
        self._checked = True
        problems = self.draft.problems(self.school)
        self.form.show_problems(problems)
        if problems:
            self.message.setText("Not saved yet: put right what is marked, then save again.")
            return False
        try:
            ruling_writer.write_ruling(self.path, self.key, self.draft.fields(self.school))
            if self.needs_review:
                ruling_writer.clear_needs_review(self.path, self.key)
        except GuidanceError as exc:
            self.message.setText(f"Not saved: {exc}")
            return False
        self.needs_review = False
        done = RulingState.ANSWERED if self.draft.covered else RulingState.NOT_COVERED
        self.state_text = STATE_WORDS[done]
        self.undo_stack.setClean()
        self._show_state()
        self.message.setText("Saved. Staff are given this answer from now on.")
        self.saved.emit(self.key)
        return True

    def may_leave(self) -> bool:
        """True if the page can be left: nothing unsaved, or saved, or discarded on asking."""
        if not self.modified:
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.undo_stack.setIndex(self.undo_stack.cleanIndex())
            return True
        return False

    def _ask_unsaved(self) -> QMessageBox.StandardButton:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Unsaved answer",
            "You have changed this answer but not saved it. Save it now?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())


def _ways_html(row: SituationRow) -> str:
    """The questions and answers that lead to the situation, as staff see them."""
    ways = ways_to(row.wizard, row.key)
    if not ways:
        return ""

    def one(way: list[tuple[str, str]]) -> str:
        return " → ".join(
            f"{html.escape(question)} <b>{html.escape(answer)}</b>" for question, answer in way
        )

    shown = f"<b>How staff get here:</b> {html.escape(row.wizard.question)} → {one(ways[0])}"
    if len(ways) > 1:
        shown += f" <i>(and {len(ways) - 1} other way{'s' if len(ways) > 2 else ''})</i>"
    return shown
