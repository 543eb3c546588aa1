"""A guided answer on screen: one question at a time, then the school's outcome.

Keys 1-9 pick an answer; Alt+Left (or Backspace) goes back; Ctrl+R starts again. Nothing the
user answers is written anywhere.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from guidance_app.core.model import Library
from guidance_app.core.render import outcome_html
from guidance_app.core.wizard_engine import WizardSession
from guidance_app.core.wizard_model import Question, Wizard

PAGE_STYLE = """
QLabel#wizardTitle { color: #555; font-size: 11pt; }
QLabel#questionText { font-size: 17pt; font-weight: 600; margin-top: 6px; }
QLabel#helpText { color: #444; font-size: 11pt; }
QLabel#answersTitle { font-weight: 600; margin-top: 8px; }
QPushButton#optionButton {
    font-size: 13pt; text-align: left; padding: 10px 14px; min-height: 26px;
}
"""
OUTCOME_STYLE = (
    "h2 { font-size: 17pt; } h3 { font-size: 13pt; margin-top: 12px; }"
    " blockquote { margin-left: 12px; } .situation { color: #444; } .source { font-size: 10pt; }"
    " .gap { font-style: italic; }"
)


class WizardPage(QWidget):
    """Walks one wizard for one school. Emits `open_clause(policy_id, clause_id)` when a quoted
    clause's link is clicked."""

    open_clause = Signal(str, str)

    def __init__(self, library: Library, wizard: Wizard, school_id: str) -> None:
        super().__init__()
        self.session = WizardSession(library, wizard, school_id)
        self._changing: str | None = None  # the question being answered again, if any

        self.title = QLabel(wizard.question)
        self.title.setObjectName("wizardTitle")
        self.title.setWordWrap(True)
        self.question = QLabel()
        self.question.setObjectName("questionText")
        self.question.setWordWrap(True)
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.help.setObjectName("helpText")
        self.options = QVBoxLayout()
        self.outcome = QTextBrowser()
        self.outcome.setAccessibleName("Outcome")
        self.outcome.setOpenLinks(False)
        self.outcome.document().setDefaultStyleSheet(OUTCOME_STYLE)
        self.outcome.document().setDocumentMargin(14)
        self.outcome.anchorClicked.connect(self._link)

        self.back_button = QPushButton("Back")
        self.back_button.setAccessibleName("Back to the previous question")
        self.back_button.clicked.connect(self.back)
        self.restart_button = QPushButton("Start again")
        self.restart_button.setAccessibleName("Start this guided answer again")
        self.restart_button.clicked.connect(self.restart)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.restart_button)
        buttons.addStretch()

        self.answers_title = QLabel("Your answers")
        self.answers_title.setObjectName("answersTitle")
        self.answers = QVBoxLayout()

        self.setStyleSheet(PAGE_STYLE)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.question)
        layout.addWidget(self.help)
        layout.addLayout(self.options)
        layout.addWidget(self.outcome, stretch=1)
        self.filler = QWidget()  # takes the spare height while a question is shown
        layout.addWidget(self.filler, stretch=1)
        layout.addWidget(self.answers_title)
        layout.addLayout(self.answers)
        layout.addLayout(buttons)

        for number in range(1, 10):
            shortcut = QShortcut(QKeySequence(str(number)), self)
            shortcut.activated.connect(lambda n=number: self.choose_number(n))
        for keys in ("Alt+Left", "Backspace"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.back)
        QShortcut(QKeySequence("Ctrl+R"), self).activated.connect(self.restart)
        self.refresh()

    # -- what is shown ----------------------------------------------------------------------
    def shown_question(self) -> Question | None:
        if self._changing is not None:
            return self.session.wizard.questions[self._changing]
        return self.session.current_question

    def refresh(self) -> None:
        question = self.shown_question()
        _clear(self.options)
        if question is not None:
            self.question.setText(question.text)
            self.help.setText(question.help or "")
            for number, option in enumerate(question.options, start=1):
                button = QPushButton(f"{number}   {option.label}")
                button.setObjectName("optionButton")
                button.setAccessibleName(option.label)
                button.setToolTip(option.help or f"Press {number}")
                button.clicked.connect(lambda _=False, o=option.id: self.choose(o))
                self.options.addWidget(button)
        outcome = self.session.outcome() if question is None else None
        self.question.setVisible(question is not None)
        self.help.setVisible(question is not None and bool(question.help))
        self.outcome.setVisible(outcome is not None)
        self.filler.setVisible(outcome is None)
        if outcome is not None:
            self.outcome.setHtml(outcome_html(outcome))
        self.back_button.setEnabled(bool(self.session.steps) or self._changing is not None)
        self._show_answers()

    def _show_answers(self) -> None:
        _clear(self.answers)
        steps = self.session.steps
        self.answers_title.setVisible(bool(steps))
        for step in steps:
            row = QHBoxLayout()
            answer = step.option.label if step.option else "(not needed for your school)"
            row.addWidget(QLabel(f"{step.question.text}  <b>{answer}</b>"), stretch=1)
            if step.option is not None:
                change = QPushButton("Change")
                change.setAccessibleName(f"Change your answer to: {step.question.text}")
                change.clicked.connect(lambda _=False, q=step.question.id: self.change(q))
                row.addWidget(change)
            holder = QWidget()
            holder.setLayout(row)
            self.answers.addWidget(holder)

    # -- actions ----------------------------------------------------------------------------
    def choose(self, option_id: str) -> None:
        if self._changing is not None:
            self.session.change(self._changing, option_id)
            self._changing = None
        else:
            self.session.answer(option_id)
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
        self.session.restart()
        self.refresh()

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "clause":  # clause:<policy-id>#<clause-id>
            self.open_clause.emit(url.path(), url.fragment())


def _clear(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()  # at once: deletion waits for the event loop
            widget.deleteLater()
