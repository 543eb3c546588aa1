"""The self-check for new staff: each scenario of a deck, one at a time; pick what the school's
policy says (keys 1-4); see at once whether that is right and the policy's own words; a score at
the end and a completion slip to print with a name typed there and then (never stored)."""

from __future__ import annotations

import datetime
import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guidance_app.core.content.decks import Deck
from guidance_app.core.content.model import Library
from guidance_app.core.errors import GuidanceError
from guidance_app.core.guidance.outcome import outcome_for
from guidance_app.core.render.completion_slip import completion_html
from guidance_app.core.render.html import outcome_html
from guidance_app.core.training.self_check import CHECK_CHOICES, CHECK_QUESTION, CheckResult, score
from guidance_app.ui import theme
from guidance_app.ui.pdf import print_html, save_pdf_as, write_pdf
from guidance_app.ui.reading import make_browser
from guidance_app.ui.widgets import WrapButton, plain_label

SLIP_TITLE = "Self-check completion slip"
PICKED_MARK = "your answer"


class SelfCheckPage(QWidget):
    status = Signal(str)

    def __init__(
        self, library: Library, deck: Deck, school_id: str, colours: theme.Colours
    ) -> None:
        super().__init__()
        self.setObjectName("page")
        self.library = library
        self.deck = deck
        self.school_id = deck.school_id or school_id
        self.answers: dict[str, str] = {}
        self.index = 0
        self.today = datetime.date.today()

        self.progress = plain_label()
        self.progress.setObjectName("wizardTitle")
        self.title = plain_label()
        self.title.setObjectName("questionText")
        self.title.setWordWrap(True)
        self.story = plain_label()
        self.story.setWordWrap(True)
        self.question = QLabel(CHECK_QUESTION)
        self.question.setObjectName("sectionTitle")
        self.choices = [
            WrapButton(label, lead=str(n)) for n, (_, label) in enumerate(CHECK_CHOICES, start=1)
        ]
        for button, (choice, _label) in zip(self.choices, CHECK_CHOICES, strict=True):
            button.setObjectName("optionButton")
            button.setAutoDefault(True)  # Enter picks it, as Space does
            button.clicked.connect(lambda _=False, c=choice: self.choose(c))
        self.feedback = make_browser("What the policy says", colours)
        self.next_button = QPushButton("Next scenario")
        self.next_button.setObjectName("primary")
        self.next_button.setAccessibleName("Next scenario")
        # Enter presses it when it is highlighted (outside a dialog only auto-default buttons do)
        self.next_button.setAutoDefault(True)
        self.next_button.clicked.connect(self.next)

        # the end: score and the slip
        self.result = make_browser("Your score", colours)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Your name, for the slip only (it is not saved)")
        self.name.setAccessibleName("Your name for the completion slip (not saved)")
        self.print_button = QPushButton(theme.icon("print"), "Print slip…")
        self.print_button.setAccessibleName("Print the completion slip")
        self.print_button.clicked.connect(self.print_slip)
        self.pdf_button = QPushButton(theme.icon("pdf"), "Save slip as PDF…")
        self.pdf_button.setAccessibleName("Save the completion slip as a PDF")
        self.pdf_button.clicked.connect(self.choose_pdf)
        self.restart_button = QPushButton(theme.icon("restart"), "Start again")
        self.restart_button.setAccessibleName("Start the self-check again")
        self.restart_button.clicked.connect(self.restart)
        self.end = QWidget()
        end_row = QHBoxLayout()
        end_row.addWidget(self.name, stretch=1)
        end_row.addWidget(self.print_button)
        end_row.addWidget(self.pdf_button)
        end_row.addWidget(self.restart_button)
        end_layout = QVBoxLayout(self.end)
        end_layout.setContentsMargins(0, 0, 0, 0)
        end_layout.addWidget(self.result, stretch=1)
        end_layout.addLayout(end_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 16, 28, 12)
        for widget in (self.progress, self.title, self.story, self.question, *self.choices):
            layout.addWidget(widget)
        layout.addWidget(self.feedback, stretch=1)
        layout.addWidget(self.next_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.end, stretch=1)
        self.filler = QWidget()  # takes the spare height while a question waits for an answer
        layout.addWidget(self.filler, stretch=1)
        for number in range(1, len(CHECK_CHOICES) + 1):
            key = QShortcut(QKeySequence(str(number)), self)
            key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            key.activated.connect(lambda n=number: self._key(n))
        self.refresh()

    @property
    def finished(self) -> bool:
        return self.index >= len(self.deck.scenarios)

    def results(self) -> list[CheckResult]:
        return score(self.library, self.school_id, self.deck, self.answers)

    def refresh(self) -> None:
        asking = not self.finished
        for widget in (self.title, self.story, self.question, *self.choices):
            widget.setVisible(asking)
        self.end.setVisible(not asking)
        if asking:
            scenario = self.deck.scenarios[self.index]
            answered = scenario.id in self.answers
            self.progress.setText(
                f"{self.deck.title} — self-check, scenario {self.index + 1} of "
                f"{len(self.deck.scenarios)}"
            )
            self.title.setText(scenario.title)
            self.story.setText(scenario.story)
            self._mark_picked(self.answers.get(scenario.id))
            self.feedback.setVisible(answered)
            self.next_button.setVisible(answered)
            self.filler.setVisible(not answered)
            if answered:
                self._show_feedback()
                self.next_button.setFocus()
            elif self.isVisible():
                self.choices[0].setFocus()
        else:
            self.feedback.setVisible(False)
            self.next_button.setVisible(False)
            self.filler.setVisible(False)
            results = self.results()
            right = sum(1 for r in results if r.correct)
            rows = "".join(
                f"<li>{html.escape(r.scenario.title)}: <b>{'right' if r.correct else 'not yet'}"
                "</b></li>"
                for r in results
            )
            self.progress.setText(f"{self.deck.title} — self-check complete")
            self.result.setHtml(
                f"<h2>You got {right} of {len(results)}</h2><ul>{rows}</ul>"
                "<p>Type your name below if you want it on the slip, then print it or save it "
                "as a PDF. The app does not keep your name or your answers.</p>"
            )
            self.name.setFocus()

    def _mark_picked(self, picked: str | None) -> None:
        """Once answered, the choices are locked and the one picked says so, in words and by
        its look (the `picked` property in the style sheet), not by colour alone."""
        for button, (choice, label) in zip(self.choices, CHECK_CHOICES, strict=True):
            mine = choice == picked
            button.setEnabled(picked is None)
            button.label.setText(f"{label}  — {PICKED_MARK}" if mine else label)
            button.setAccessibleName(f"{label} ({PICKED_MARK})" if mine else label)
            button.setProperty("picked", mine)
            button.style().unpolish(button)  # the style sheet reads the property again
            button.style().polish(button)

    def set_school(self, school_id: str) -> None:
        """Another school chosen: the answers are kept and marked against that school's policy
        (a deck written for one school stays with it)."""
        if not self.deck.school_id and school_id != self.school_id:
            self.school_id = school_id
            self.refresh()

    def _show_feedback(self) -> None:
        scenario = self.deck.scenarios[self.index]
        result = next(r for r in self.results() if r.scenario.id == scenario.id)
        verdict = (
            "<h2>Right.</h2>" if result.correct else "<h2>Not quite. Here is what it says.</h2>"
        )
        outcome = outcome_for(self.library, self.school_id, scenario.situation)
        self.feedback.setHtml(verdict + outcome_html(outcome, links=False))

    def _key(self, number: int) -> None:
        if not self.finished and self.deck.scenarios[self.index].id not in self.answers:
            self.choose(CHECK_CHOICES[number - 1][0])

    def choose(self, choice: str) -> None:
        if self.finished:
            return
        self.answers[self.deck.scenarios[self.index].id] = choice
        self.refresh()

    def next(self) -> None:
        self.index += 1
        self.refresh()

    def restart(self) -> None:
        self.answers.clear()
        self.name.clear()
        self.index = 0
        self.refresh()

    # -- the slip ------------------------------------------------------------------------------
    def slip_html(self) -> str:
        school = self.library.school(self.school_id)
        if school is None:
            raise GuidanceError(f"The school '{self.school_id}' is not in the library.")
        return completion_html(self.deck, school, self.results(), self.name.text(), self.today)

    def print_slip(self) -> None:
        if print_html(self.slip_html(), SLIP_TITLE, self):
            self.status.emit("The completion slip has been sent to the printer.")

    def save_pdf(self, path: Path) -> None:
        write_pdf(self.slip_html(), path, SLIP_TITLE)

    def choose_pdf(self) -> None:
        name = f"self-check-{self.today.isoformat()}.pdf"
        path = save_pdf_as(self, "the completion slip", name, self.save_pdf)
        if path is not None:
            self.status.emit(f"Saved the completion slip to {path}.")
