"""A guided answer on screen: one question at a time, then the school's outcome.

Keys 1-9 pick an answer; Alt+Left (or Backspace) goes back; Ctrl+R starts again. On the outcome:
Ctrl+Shift+C copies it as text, Ctrl+P prints it, Ctrl+Shift+S saves it as a PDF slip. Nothing the
user answers is written anywhere unless they save or print the slip themselves.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guidance_app.core.content.model import Library
from guidance_app.core.content.wizard_model import Question, Wizard
from guidance_app.core.errors import GuidanceError
from guidance_app.core.guidance.outcome import Outcome
from guidance_app.core.guidance.wizard_engine import WizardSession
from guidance_app.core.render.html import outcome_html
from guidance_app.core.render.slip import SLIP_TITLE, Answer, answers_of, outcome_text, slip_html
from guidance_app.ui import theme
from guidance_app.ui.kiosk import copy_to_clipboard
from guidance_app.ui.pdf import print_html, save_pdf_as, write_pdf
from guidance_app.ui.reading import make_browser, open_web_link
from guidance_app.ui.widgets import WrapButton, as_written, clear_layout, plain_label

OUTCOME_MIN_HEIGHT = 260  # pixels: about seven lines of the answer at the reading size


class WizardPage(QWidget):
    """Walks one wizard for one school. Emits `open_clause(policy_id, clause_id)` when a quoted
    clause's link is clicked."""

    open_clause = Signal(str, str)
    compare_requested = Signal(str)  # the situation
    status = Signal(str)  # a short message for the status bar

    def __init__(
        self, library: Library, wizard: Wizard, school_id: str, colours: theme.Colours
    ) -> None:
        super().__init__()
        self.setObjectName("page")
        self.session = WizardSession(library, wizard, school_id)
        self.today = datetime.date.today()
        self._changing: str | None = None  # the question being answered again, if any
        # answers kept from before a change of school, given again when their question comes up
        self._kept: dict[str, str] = {}

        self.title = plain_label(wizard.question)
        self.title.setObjectName("wizardTitle")
        self.title.setWordWrap(True)
        self.question = plain_label()
        self.question.setObjectName("questionText")
        self.question.setWordWrap(True)
        self.help = plain_label()
        self.help.setWordWrap(True)
        self.help.setObjectName("helpText")
        self.options = QVBoxLayout()
        self.keys_hint = QLabel("Click an answer, or press its number. Alt+Left goes back.")
        self.keys_hint.setObjectName("hint")
        self.outcome = make_browser("What to do", colours)
        self.outcome.anchorClicked.connect(self._link)
        # On a small screen (800x600) the answer keeps room to be read; the page scrolls to
        # the list of answers below it instead.
        self.outcome.setMinimumHeight(OUTCOME_MIN_HEIGHT)
        self.copy_button = QPushButton(theme.icon("copy"), "Copy as text")
        self.copy_button.setAccessibleName("Copy the answer as text")
        self.copy_button.setToolTip("Ctrl+Shift+C")
        self.copy_button.clicked.connect(self.copy_text)
        self.print_button = QPushButton(theme.icon("print"), "Print…")
        self.print_button.setAccessibleName("Print the answer slip")
        self.print_button.setToolTip("Ctrl+P")
        self.print_button.clicked.connect(self.print_slip)
        self.pdf_button = QPushButton(theme.icon("pdf"), "Save as PDF…")
        self.pdf_button.setAccessibleName("Save the answer slip as a PDF")
        self.pdf_button.setToolTip("Ctrl+Shift+S")
        self.pdf_button.clicked.connect(self.choose_pdf)
        self.compare_button = QPushButton(theme.icon("compare"), "Compare schools")
        self.compare_button.setAccessibleName("Compare what each school's policy says")
        self.compare_button.clicked.connect(
            lambda: self.compare_requested.emit(self.session.situation or "")
        )
        self.outcome_actions = QWidget()
        actions = QHBoxLayout(self.outcome_actions)
        actions.setContentsMargins(0, 0, 0, 0)
        for button in (self.copy_button, self.print_button, self.pdf_button):
            actions.addWidget(button)
        actions.addStretch()
        actions.addWidget(self.compare_button)

        self.back_button = QPushButton(theme.icon("back"), "Back")
        self.back_button.setAccessibleName("Back to the previous question")
        self.back_button.clicked.connect(self.back)
        self.restart_button = QPushButton(theme.icon("restart"), "Start again")
        self.restart_button.setAccessibleName("Start this guided answer again")
        self.restart_button.clicked.connect(self.restart)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.restart_button)
        buttons.addStretch()

        self.answers_title = QLabel("Your answers")
        self.answers_title.setObjectName("answersTitle")
        self.answers = QVBoxLayout()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 16, 28, 12)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.question)
        layout.addWidget(self.help)
        layout.addLayout(self.options)
        layout.addWidget(self.keys_hint)
        layout.addWidget(self.outcome, stretch=1)
        layout.addWidget(self.outcome_actions)
        self.filler = QWidget()  # takes the spare height while a question is shown
        layout.addWidget(self.filler, stretch=1)
        layout.addWidget(self.answers_title)
        layout.addLayout(self.answers)
        layout.addLayout(buttons)

        keys: list[tuple[str, object]] = [
            (str(n), lambda n=n: self.choose_number(n)) for n in range(1, 10)
        ]
        keys += [("Alt+Left", self.back), ("Backspace", self.back), ("Ctrl+R", self.restart)]
        for sequence, action in keys:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)
        # The slip's keys work wherever the focus is in the window while this page is shown
        # (a shortcut of a hidden page is off), e.g. after a dialog left no focus on the page.
        for sequence, action in (
            ("Ctrl+Shift+C", self.copy_text),
            ("Ctrl+P", self.print_slip),
            ("Ctrl+Shift+S", self.choose_pdf),
        ):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(action)
        self.refresh()

    # -- what is shown ----------------------------------------------------------------------
    def shown_question(self) -> Question | None:
        if self._changing is not None:
            return self.session.wizard.questions[self._changing]
        return self.session.current_question

    def refresh(self) -> None:
        question = self.shown_question()
        clear_layout(self.options)
        if question is not None:
            self.question.setText(question.text)
            self.help.setText(question.help or "")
            for number, option in enumerate(question.options, start=1):
                button = WrapButton(option.label, lead=str(number))
                button.setObjectName("optionButton")
                button.setAccessibleName(option.label)
                button.setToolTip(as_written(option.help) if option.help else f"Press {number}")
                button.clicked.connect(lambda _=False, o=option.id: self.choose(o))
                self.options.addWidget(button)
                if self.isVisible():
                    button.show()  # now, not when the layout gets round to it: it takes focus
        outcome = self.session.outcome() if question is None else None
        self.question.setVisible(question is not None)
        self.help.setVisible(question is not None and bool(question.help))
        self.keys_hint.setVisible(question is not None)
        self.outcome.setVisible(outcome is not None)
        self.outcome_actions.setVisible(outcome is not None)
        self.filler.setVisible(outcome is None)
        if outcome is not None:
            self.outcome.setHtml(outcome_html(outcome))
        self.back_button.setEnabled(bool(self.session.steps) or self._changing is not None)
        self._show_answers()
        self._focus_first()

    def _focus_first(self) -> None:
        """Keyboard users land on the first answer, or on the outcome's text."""
        if not self.isVisible():
            return
        buttons = self.option_buttons()
        (buttons[0] if buttons else self.outcome).setFocus()

    def option_buttons(self) -> list[WrapButton]:
        found = []
        for i in range(self.options.count()):
            item = self.options.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, WrapButton):
                found.append(widget)
        return found

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self._focus_first()

    def _show_answers(self) -> None:
        clear_layout(self.answers)
        steps = self.session.steps
        self.answers_title.setVisible(bool(steps))
        for step in steps:
            row = QHBoxLayout()
            answer = step.option.label if step.option else "(not needed for your school)"
            said = QLabel(f"{html.escape(step.question.text)}  <b>{html.escape(answer)}</b>")
            said.setTextFormat(Qt.TextFormat.RichText)
            row.addWidget(said, stretch=1)
            if step.option is not None:
                change = QPushButton("Change")
                change.setAccessibleName(f"Change your answer to: {step.question.text}")
                change.clicked.connect(lambda _=False, q=step.question.id: self.change(q))
                row.addWidget(change)
            holder = QWidget()
            holder.setLayout(row)
            self.answers.addWidget(holder)
            if self.isVisible():
                holder.show()

    # -- actions ----------------------------------------------------------------------------
    def set_school(self, school_id: str) -> None:
        """Another school chosen mid-answer: the answers are kept and given again for that
        school, whose outcome is shown; a question its policy needs that the last school's did
        not is asked, and the answers after it are given again once it is answered."""
        if school_id == self.session.school_id:
            return
        self._kept = {s.question.id: s.option.id for s in self.session.steps if s.option}
        self.session = WizardSession(self.session.library, self.session.wizard, school_id)
        self._changing = None
        self._give_kept_answers()
        self.refresh()
        school = self.session.library.school(school_id)
        name = school.name if school else school_id
        self.status.emit(
            f"Your answers were kept: this is what {name}'s policy says."
            if self.session.finished
            else f"Your answers were kept; {name}'s policy needs one more answer."
        )

    def _give_kept_answers(self) -> None:
        while (question := self.session.current_question) is not None:
            option = self._kept.pop(question.id, None)
            if option is None or question.option(option) is None:
                return
            self.session.answer(option)

    def choose(self, option_id: str) -> None:
        if self._changing is not None:
            self.session.change(self._changing, option_id)
            self._changing = None
        else:
            self.session.answer(option_id)
            self._give_kept_answers()
        self.refresh()

    def choose_number(self, number: int) -> None:
        question = self.shown_question()
        if question is not None and 1 <= number <= len(question.options):
            self.choose(question.options[number - 1].id)

    def change(self, question_id: str) -> None:
        self._changing = question_id
        self.refresh()

    def back(self) -> None:
        if self._changing is not None:
            self._changing = None
        else:
            self.session.back()
        self.refresh()

    def restart(self) -> None:
        self._changing = None
        self._kept.clear()
        self.session.restart()
        self.refresh()

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "clause":  # clause:<policy-id>#<clause-id>
            self.open_clause.emit(url.path(), url.fragment())
        else:
            open_web_link(url)

    # -- copy, print, PDF ------------------------------------------------------------------
    def _slip(self, render: Callable[[Outcome, list[Answer], datetime.date], str]) -> str | None:
        """The outcome as text or printable HTML (`render`), or None before there is one."""
        outcome = self.session.outcome()
        return None if outcome is None else render(outcome, answers_of(self.session), self.today)

    def copy_text(self) -> None:
        text = self._slip(outcome_text)
        if text is not None:
            copy_to_clipboard(text)
            self.status.emit("The answer has been copied as text.")

    def print_slip(self) -> None:
        html = self._slip(slip_html)
        if html is not None and print_html(html, SLIP_TITLE, self):
            self.status.emit("The answer slip has been sent to the printer.")

    def save_pdf(self, path: Path) -> None:
        """Write the outcome slip as a PDF; GuidanceError with a plain reason if it cannot."""
        html = self._slip(slip_html)
        if html is None:
            raise GuidanceError("There is no answer to save yet.")
        write_pdf(html, path, SLIP_TITLE)

    def choose_pdf(self) -> None:
        if self.session.outcome() is None:
            return
        name = f"policy-guidance-{self.today.isoformat()}.pdf"
        path = save_pdf_as(self, "the answer slip", name, self.save_pdf)
        if path is not None:
            self.status.emit(f"Saved the answer slip to {path}.")
