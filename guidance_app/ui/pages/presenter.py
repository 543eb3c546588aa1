"""Presenter mode for induction sessions: one scenario at a time, full screen, large
high-contrast text, driven by a presentation clicker.

Keys: PageDown, Space, → or ↓ next; PageUp, ← or ↑ back; B or . blank the screen (any key
brings it back); S all schools side by side; + and − text size; N the trainer's notes window;
Esc leaves. Each scenario shows the story and the question first ("What would you do?"); the
next press reveals what the school's policy says, with the quoted clauses. Nothing personal is
shown: no user names, no files, no history.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QTextBrowser, QVBoxLayout, QWidget

from guidance_app.core.content.decks import Deck, Scenario
from guidance_app.core.content.model import Library
from guidance_app.core.guidance.compare import compare_html
from guidance_app.core.guidance.outcome import outcome_for
from guidance_app.core.render.html import outcome_html
from guidance_app.core.training.self_check import CHECK_CHOICES, CHECK_QUESTION
from guidance_app.ui import theme
from guidance_app.ui.reading import next_text_size, set_text_size
from guidance_app.ui.widgets import plain_label

BASE_POINTS = 26  # about 2x the app's reading size, for the back of the room
TEXT_STEPS = (18, 20, 22, 24, 26, 28, 32, 36, 40)


@dataclass(frozen=True)
class Step:
    scenario: int
    view: str  # "question" | "answer" | "compare"


class NotesWindow(QWidget):
    """The trainer's own window: the notes and prompts for the scenario on the projector."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Trainer's notes — Policy Guidance")
        self.setAccessibleName("Trainer's notes")
        self.text = QTextBrowser()
        self.text.setAccessibleName("Notes for this scenario")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        self.resize(520, 640)

    def show_scenario(self, deck: Deck, index: int, scenario: Scenario, view: str) -> None:
        prompts = "".join(f"<li>{html.escape(p)}</li>" for p in scenario.prompts)
        notes = html.escape(scenario.notes or "No notes for this scenario.")
        self.text.setHtml(
            f"<p>{html.escape(deck.title)} — scenario {index + 1} of {len(deck.scenarios)}"
            f" ({html.escape(view)})</p><h2>{html.escape(scenario.title)}</h2>"
            f"<h3>Notes</h3><p>{notes}</p><h3>Questions for the room</h3><ul>{prompts}</ul>"
        )


class PresenterWindow(QWidget):
    """A deck on the projector. Emits `left` when the trainer leaves (Esc or closing)."""

    left = Signal()

    def __init__(self, library: Library, deck: Deck, school_id: str) -> None:
        super().__init__()
        self.setObjectName("presenter")
        self.setWindowTitle(f"{deck.title} — Policy Guidance")
        self.setStyleSheet(theme.PRESENTER_QSS)
        self.library = library
        self.deck = deck
        self.school_id = deck.school_id or school_id
        self.points = BASE_POINTS
        self.steps = [
            Step(i, view) for i in range(len(deck.scenarios)) for view in ("question", "answer")
        ]
        self.position = 0
        self.comparing = False

        self.slide = QTextBrowser()
        self.slide.setAccessibleName("Slide")
        self.slide.setOpenLinks(False)
        self.slide.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the presenter
        self.slide.document().setDefaultStyleSheet(theme.PRESENTER_CSS)
        self.slide.document().setDocumentMargin(48)
        self.blank = QLabel()
        self.blank.setObjectName("blank")
        self.blank.setAccessibleName("Blank screen")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.slide)
        self.pages.addWidget(self.blank)
        self.footer = plain_label()
        self.footer.setObjectName("footer")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 12)
        layout.addWidget(self.pages, stretch=1)
        layout.addWidget(self.footer, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.notes = NotesWindow()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._apply_size()
        self.show_step()

    # -- what is on screen -------------------------------------------------------------------
    @property
    def step(self) -> Step:
        return self.steps[self.position]

    @property
    def scenario(self) -> Scenario:
        return self.deck.scenarios[self.step.scenario]

    @property
    def view(self) -> str:
        return "compare" if self.comparing else self.step.view

    @property
    def blanked(self) -> bool:
        return self.pages.currentWidget() is self.blank

    def show_step(self) -> None:
        scenario = self.scenario
        wizard = self.library.wizard(scenario.wizard_id)
        question = wizard.question if wizard else ""
        parts = [
            f"<h1>{html.escape(scenario.title)}</h1>",
            f"<p>{html.escape(scenario.story)}</p>",
        ]
        if self.view == "question":
            parts.append(f"<h2>What would you do?</h2><p>{html.escape(question)}</p>")
            parts.append("<ul>")
            parts.extend(f"<li>{html.escape(p)}</li>" for p in scenario.prompts)
            parts.append(f'</ul><h3>{html.escape(CHECK_QUESTION)}</h3><ol type="A">')
            parts.extend(f"<li>{html.escape(label)}</li>" for _, label in CHECK_CHOICES)
            parts.append("</ol>")
        elif self.view == "answer":
            outcome = outcome_for(self.library, self.school_id, scenario.situation)
            parts = [f"<h1>{html.escape(scenario.title)}</h1>", outcome_html(outcome, links=False)]
        else:
            parts = [compare_html(self.library, scenario.situation)]
        self._apply_size()  # five columns side by side need smaller text to fit
        self.slide.setHtml("\n".join(parts))
        school = self.library.school(self.school_id)
        self.footer.setText(
            f"{self.deck.title}  ·  {school.name if school else ''}  ·  scenario "
            f"{self.step.scenario + 1} of {len(self.deck.scenarios)}"
        )
        self.notes.show_scenario(self.deck, self.step.scenario, scenario, self.view)

    # -- moving ------------------------------------------------------------------------------
    def next(self) -> None:
        self.comparing = False
        self.position = min(self.position + 1, len(self.steps) - 1)
        self.show_step()

    def previous(self) -> None:
        self.comparing = False
        self.position = max(self.position - 1, 0)
        self.show_step()

    def toggle_blank(self) -> None:
        self.pages.setCurrentWidget(self.slide if self.blanked else self.blank)

    def toggle_compare(self) -> None:
        self.comparing = not self.comparing
        self.show_step()

    def change_size(self, step: int) -> None:
        self.points = next_text_size(TEXT_STEPS, self.points, step)
        self._apply_size()

    def _apply_size(self) -> None:
        points = max(14, self.points * 3 // 5) if self.comparing else self.points
        set_text_size(self.slide, points)
        self.footer.setStyleSheet(f"font-size: {max(12, self.points // 2)}pt;")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        keys = Qt.Key
        if self.blanked and key != keys.Key_Escape:
            self.toggle_blank()  # any key brings the slide back
            return
        if key in (keys.Key_PageDown, keys.Key_Space, keys.Key_Right, keys.Key_Down):
            self.next()
        elif key in (keys.Key_PageUp, keys.Key_Left, keys.Key_Up, keys.Key_Backspace):
            self.previous()
        elif key in (keys.Key_B, keys.Key_Period):
            self.toggle_blank()
        elif key == keys.Key_S:
            self.toggle_compare()
        elif key in (keys.Key_Plus, keys.Key_Equal):
            self.change_size(+1)
        elif key == keys.Key_Minus:
            self.change_size(-1)
        elif key == keys.Key_N:
            self.notes.setVisible(not self.notes.isVisible())
        elif key == keys.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    # -- showing and leaving -----------------------------------------------------------------
    def start(self) -> None:
        """Full screen on the projector; the notes on another screen when there is one."""
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            projector = screens[-1]
            self.setScreen(projector)
            self.move(projector.geometry().topLeft())
            self.notes.move(screens[0].availableGeometry().topLeft())
            self.notes.show()
        self.showFullScreen()
        self.activateWindow()
        self.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.notes.close()
        super().closeEvent(event)
        self.left.emit()
