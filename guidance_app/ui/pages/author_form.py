"""The author page's fields: what to do, how binding, the steps (one per line), who to tell, or
"Our policy does not cover this" with its words and whom to ask; the clauses cited; and each
problem shown beside its field in plain words.

`edited(field)` is emitted on every change the author makes (not on `show`), so the page can
record it for undo. The text boxes' own undo is off: Ctrl+Z is the page's, for every field.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from guidance_app.core.content.model import School
from guidance_app.core.content.places import citation
from guidance_app.core.content.ruling_draft import FIELDS, RulingDraft, cited_clause
from guidance_app.core.content.rulings import BINDING_WORDS
from guidance_app.ui.widgets import plain_label


class FieldBox(QPlainTextEdit):
    """A text field whose Ctrl+Z and Ctrl+Shift+Z (its own undo is off) emit `undo_keys`
    (-1 undo, +1 redo), for the page's undo of every field in order; Alt+Up and Alt+Down
    emit `move_line` (to reorder steps).

    Keys, not an event filter or `event()`: Python code called while the window is being
    destroyed would run after its Python side is gone."""

    move_line = Signal(int)
    undo_keys = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_keys.emit(-1)
        elif event.matches(QKeySequence.StandardKey.Redo):
            self.undo_keys.emit(+1)
        elif event.modifiers() == Qt.KeyboardModifier.AltModifier and event.key() in _MOVES:
            self.move_line.emit(_MOVES[Qt.Key(event.key())])
        else:
            super().keyPressEvent(event)


_MOVES = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: +1}


def _text_box(name: str, lines: int) -> FieldBox:
    box = FieldBox()
    box.setAccessibleName(name)
    box.setUndoRedoEnabled(False)
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class AnswerForm(QWidget):
    edited = Signal(str)  # the field changed
    undo_keys = Signal(int)  # Ctrl+Z (-1) or Ctrl+Shift+Z (+1) in a text field
    uncite = Signal(str)  # "policy#clause" the author stopped citing from the list
    cited_chosen = Signal(str)  # a cited clause picked in the list: show it in the policy

    def __init__(self, school: School) -> None:
        super().__init__()
        self.school = school
        self._showing = False
        self.problem_labels: dict[str, QLabel] = {}

        self.answered = QRadioButton("Our policy answers this")
        self.answered.setAccessibleName("Our policy answers this")
        self.silent = QRadioButton("Our policy does not cover this")
        self.silent.setAccessibleName("Our policy does not cover this")
        choice = QButtonGroup(self)
        choice.addButton(self.answered)
        choice.addButton(self.silent)
        self.answered.setChecked(True)
        self.answered.toggled.connect(lambda _on: self._changed("covered"))

        # -- an answer ------------------------------------------------------------------------
        self.cited = QListWidget()
        self.cited.setAccessibleName("Clauses cited (Delete stops citing the one chosen)")
        self.cited.setMaximumHeight(96)
        self.cited.setWordWrap(True)
        self.cited.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cited.itemActivated.connect(lambda item: self.cited_chosen.emit(item.data(_REF)))
        self.uncite_button = QPushButton("Stop citing")
        self.uncite_button.setAccessibleName("Stop citing the chosen clause")
        self.uncite_button.clicked.connect(self._uncite_chosen)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.cited)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._uncite_chosen)
        self.action = _text_box("What to do", 2)
        self.binding = _narrow(QComboBox())
        self.binding.setAccessibleName("How binding this is")
        self.binding.addItem("Choose…", "")
        for key, words in BINDING_WORDS.items():
            self.binding.addItem(words, key)
        self.binding.currentIndexChanged.connect(lambda _i: self._changed("binding"))
        self.steps = _text_box("Steps, one per line", 5)
        self.step_up = QPushButton("Move step up")
        self.step_up.setAccessibleName("Move the step the cursor is on up (Alt+Up)")
        self.step_up.clicked.connect(lambda: self.move_step(-1))
        self.step_down = QPushButton("Move step down")
        self.step_down.setAccessibleName("Move the step the cursor is on down (Alt+Down)")
        self.step_down.clicked.connect(lambda: self.move_step(+1))
        self.tell_boxes: dict[str, QCheckBox] = {}
        tell = QVBoxLayout()
        tell.setSpacing(2)
        for role, words in school.roles.items():
            box = QCheckBox(words)
            box.setAccessibleName(f"Tell {words}")
            box.toggled.connect(lambda _on: self._changed("tell"))
            self.tell_boxes[role] = box
            tell.addWidget(box)

        self.answer_part = QWidget()
        form = QFormLayout(self.answer_part)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self._row(form, "action", "&What to do", self.action)
        self._row(form, "binding", "&How binding", self.binding)
        step_buttons = QHBoxLayout()
        step_buttons.addWidget(self.step_up)
        step_buttons.addWidget(self.step_down)
        step_buttons.addStretch()
        steps = QVBoxLayout()
        steps.addWidget(self.steps)
        steps.addLayout(step_buttons)
        self._row(form, "steps", "&Steps (one per line)", steps, self.steps)
        self._row(form, "tell", "Who to tell", tell)

        # -- not covered ----------------------------------------------------------------------
        self.not_covered = _text_box("What staff are told: the policy does not cover this", 3)
        self.ask = _narrow(QComboBox())
        self.ask.setAccessibleName("Who staff should ask")
        self.ask.addItem(f"{school.roles.get('dsl', 'the designated safeguarding lead')}", "")
        for role, words in school.roles.items():
            if role != "dsl":
                self.ask.addItem(words, role)
        self.ask.currentIndexChanged.connect(lambda _i: self._changed("ask"))
        self.silent_part = QWidget()
        silent = QFormLayout(self.silent_part)
        silent.setContentsMargins(0, 0, 0, 0)
        silent.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self._row(silent, "not_covered", "What staff are &told", self.not_covered)
        self._row(silent, "ask", "Who staff should &ask", self.ask)

        for text_box, name in (
            (self.action, "action"),
            (self.steps, "steps"),
            (self.not_covered, "not_covered"),
        ):
            text_box.textChanged.connect(lambda name=name: self._changed(name))
            text_box.undo_keys.connect(self.undo_keys)
        self.steps.move_line.connect(self.move_step)

        cited_part = QWidget()
        cited = QFormLayout(cited_part)
        cited.setContentsMargins(0, 0, 0, 0)
        cited.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        cited_row = QVBoxLayout()
        cited_row.addWidget(self.cited)
        cited_row.addWidget(self.uncite_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._row(cited, "cite", "Clauses cited (click a clause in the policy)", cited_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(cited_part)
        layout.addWidget(self.answered)
        layout.addWidget(self.silent)
        layout.addWidget(self.answer_part)
        layout.addWidget(self.silent_part)
        layout.addStretch()
        self.silent_part.hide()

    def _row(
        self,
        form: QFormLayout,
        field: str,
        label: str,
        item: QWidget | object,
        buddy: QWidget | None = None,
    ) -> None:
        problem = plain_label()
        problem.setObjectName("fieldProblem")
        problem.setWordWrap(True)
        problem.hide()
        self.problem_labels[field] = problem
        title = QLabel(label)
        # The field and its problem in a widget of their own: a layout handed to a
        # QFormLayout row is deleted twice when the page goes (once by Qt, once by Python).
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if buddy is not None or isinstance(item, QWidget):
            title.setBuddy(buddy or item)  # type: ignore[arg-type]
        if isinstance(item, QWidget):
            column.addWidget(item)
        else:
            column.addLayout(item)  # type: ignore[arg-type]
        column.addWidget(problem)
        form.addRow(title, holder)

    # -- the draft ---------------------------------------------------------------------------
    def draft(self, before: RulingDraft) -> RulingDraft:
        """The draft as the fields now say (citations and kept notes from `before`)."""
        return replace(
            before,
            covered=self.answered.isChecked(),
            action=self.action.toPlainText(),
            binding=str(self.binding.currentData() or ""),
            steps=tuple(self.steps.toPlainText().split("\n")) if self.steps.toPlainText() else (),
            tell=tuple(role for role, box in self.tell_boxes.items() if box.isChecked()),
            not_covered=self.not_covered.toPlainText(),
            ask=str(self.ask.currentData() or ""),
        )

    def show_draft(self, draft: RulingDraft) -> None:
        """Put a draft in the fields, keeping each text box's cursor where it can."""
        self._showing = True
        try:
            self.answered.setChecked(draft.covered)
            self.silent.setChecked(not draft.covered)
            _set_text(self.action, draft.action)
            self.binding.setCurrentIndex(max(self.binding.findData(draft.binding), 0))
            _set_text(self.steps, "\n".join(draft.steps))
            for role, box in self.tell_boxes.items():
                box.setChecked(role in draft.tell)
            _set_text(self.not_covered, draft.not_covered)
            self.ask.setCurrentIndex(max(self.ask.findData(draft.ask), 0))
            self._show_cited(draft.cites)
        finally:
            self._showing = False
        self.answer_part.setVisible(draft.covered)
        self.silent_part.setVisible(not draft.covered)

    def _show_cited(self, cites: tuple[str, ...]) -> None:
        self.cited.clear()
        for ref in cites:
            clause = cited_clause(self.school, ref)
            policy = self.school.policy(ref.partition("#")[0])
            words = citation(policy, clause) if policy and clause else f"{ref} (no longer found)"
            item = QListWidgetItem(words)
            item.setData(_REF, ref)
            self.cited.addItem(item)
        if not cites:
            self.cited.addItem(QListWidgetItem("None yet"))
        self.uncite_button.setEnabled(bool(cites))

    def show_problems(self, problems: dict[str, str]) -> None:
        for field in FIELDS:
            label = self.problem_labels[field]
            label.setText(problems.get(field, ""))
            label.setVisible(field in problems)

    def _changed(self, field: str) -> None:
        if not self._showing:
            if field == "covered":
                self.answer_part.setVisible(self.answered.isChecked())
                self.silent_part.setVisible(not self.answered.isChecked())
            self.edited.emit(field)

    def _uncite_chosen(self) -> None:
        item = self.cited.currentItem() or self.cited.item(0)
        ref = item.data(_REF) if item is not None else None
        if ref:
            self.uncite.emit(ref)

    # -- steps -------------------------------------------------------------------------------
    def move_step(self, step: int) -> None:
        """Move the line the cursor is on up or down among the steps."""
        lines = self.steps.toPlainText().split("\n")
        row = self.steps.textCursor().blockNumber()
        other = row + step
        if not 0 <= other < len(lines):
            return
        lines[row], lines[other] = lines[other], lines[row]
        self._showing = True  # recorded below as a step of its own, not as typing
        try:
            self.steps.setPlainText("\n".join(lines))
        finally:
            self._showing = False
        cursor = self.steps.textCursor()
        cursor.setPosition(self.steps.document().findBlockByNumber(other).position())
        self.steps.setTextCursor(cursor)
        self._changed("step order")


_REF = Qt.ItemDataRole.UserRole


def _narrow(box: QComboBox) -> QComboBox:
    """A chooser as narrow as a short choice: the long ones show whole when it opens."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(14)
    return box


def _set_text(box: QPlainTextEdit, text: str) -> None:
    if box.toPlainText() == text:
        return
    position = box.textCursor().position()
    box.setPlainText(text)
    cursor = box.textCursor()
    cursor.setPosition(min(position, len(text)))
    box.setTextCursor(cursor)
    box.moveCursor(QTextCursor.MoveOperation.NoMove)
