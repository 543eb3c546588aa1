"""Presenter mode for induction sessions: one scenario at a time, full screen, large
high-contrast text, driven by a presentation clicker.

Keys: PageDown, Space, → or ↓ next; PageUp, ← or ↑ back; B or . blank the screen (any key
brings it back); S all schools side by side; + and − text size; N the trainer's notes window;
Esc leaves. Each scenario shows the story and the question first ("What would you do?"); the
next press reveals what the school's policy says, with the quoted clauses. Nothing personal is
shown: no user names, no files, no history.

The text shrinks to fit the screen (ui/fit_text.py): every option and the whole quote are on the
slide at any size from 800x600 up, with no key needed to scroll. The trainer's notes: with a
second screen, a window there that never takes the keys (keys pressed in it still drive the
slides); on one screen, a strip under the slide, which shrinks to make room. A window of its own
on one screen would cover the slide the room sees, or (with no window manager) hide behind it.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QGuiApplication,
    QKeyEvent,
    QPalette,
    QResizeEvent,
    QScreen,
)
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from guidance_app.core.content.decks import Deck, Scenario
from guidance_app.core.content.model import Library
from guidance_app.core.guidance.compare import compare_html
from guidance_app.core.guidance.outcome import outcome_for
from guidance_app.core.render.html import outcome_sections
from guidance_app.core.training.self_check import CHECK_CHOICES, CHECK_QUESTION
from guidance_app.ui import theme
from guidance_app.ui.fit_text import FittingBrowser, pages
from guidance_app.ui.reading import next_text_size
from guidance_app.ui.widgets import plain_label

BASE_POINTS = 26  # about 2x the app's reading size, for the back of the room
TEXT_STEPS = (18, 20, 22, 24, 26, 28, 32, 36, 40)
SMALLEST_POINTS = 7  # the slide shrinks this far before it scrolls (the keys scroll it)
# A long answer goes over more than one slide rather than below this size (the back of the room
# must read it); only one piece too long for a whole screen is shown smaller.
READABLE_POINTS = 20
NOTES_POINTS = 14  # the trainer's notes: read close up
NOTES_SHARE = 0.22  # of the screen's height, for the notes strip on a single screen


@dataclass(frozen=True)
class Step:
    scenario: int
    view: str  # "question" | "answer" | "compare"


def notes_html(deck: Deck, index: int, scenario: Scenario, view: str) -> str:
    """The notes window's text: which scenario, its notes, the questions for the room."""
    prompts = "".join(f"<li>{html.escape(p)}</li>" for p in scenario.prompts)
    return (
        f"<p>{html.escape(deck.title)} — scenario {index + 1} of {len(deck.scenarios)}"
        f" ({html.escape(view)})</p><h2>{html.escape(scenario.title)}</h2>"
        f"<h3>Notes</h3><p>{_notes(scenario)}</p><h3>Questions for the room</h3><ul>{prompts}</ul>"
    )


def strip_html(scenario: Scenario) -> str:
    """The strip's: as short as can be, for it takes room from the slide (which names the
    scenario already)."""
    prompts = " · ".join(html.escape(p) for p in scenario.prompts)
    return f"<p>{_notes(scenario)}</p><p><b>Ask:</b> {prompts}</p>"


def _notes(scenario: Scenario) -> str:
    return html.escape(scenario.notes or "No notes for this scenario.")


def _notes_browser() -> FittingBrowser:
    text = FittingBrowser(NOTES_POINTS, 10)
    text.setAccessibleName("Notes for this scenario")
    text.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the slides
    return text


class NotesWindow(QWidget):
    """The trainer's own window, on their screen when a projector is attached: the notes and
    prompts for the scenario on the projector. It never takes the keys from the slides: the
    window manager is told not to focus it, and a key pressed in it anyway (after a click) is
    passed to `forward`, the presenter's."""

    def __init__(self, forward: Callable[[QKeyEvent], object]) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.forward = forward
        self.setWindowTitle("Trainer's notes — Policy Guidance")
        self.setAccessibleName("Trainer's notes")
        self.text = _notes_browser()
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        self.resize(520, 640)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.forward(event)


class NotesStrip(QWidget):
    """The notes on a single screen: a strip along the bottom of the presenter, which the slide
    makes room for (its text shrinks to fit what is left)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("notesStrip")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)  # for its border
        self.setAccessibleName("Trainer's notes")
        heading = QLabel("Trainer's notes (N hides them)")
        heading.setObjectName("notesHeading")
        self.text = _notes_browser()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 6, 24, 0)
        layout.setSpacing(2)
        layout.addWidget(heading)
        layout.addWidget(self.text, stretch=1)
        self.hide()


class PresenterWindow(QWidget):
    """A deck on the projector. Emits `left` when the trainer leaves (Esc or closing)."""

    left = Signal()

    def __init__(self, library: Library, deck: Deck, school_id: str) -> None:
        super().__init__()
        self.setObjectName("presenter")
        self.setWindowTitle(f"{deck.title} — Policy Guidance")
        self.setStyleSheet(theme.PRESENTER_QSS)
        palette = self.palette()  # black behind everything, even under a "hide now" cover
        palette.setColor(QPalette.ColorRole.Window, QColor(theme.PRESENTER_BACKGROUND))
        self.setPalette(palette)
        self.library = library
        self.deck = deck
        self.school_id = deck.school_id or school_id
        self.points = BASE_POINTS
        self.steps = [
            Step(i, view) for i in range(len(deck.scenarios)) for view in ("question", "answer")
        ]
        self.position = 0
        self.part = 0  # which of the step's slides (a long answer has more than one); -1: last
        self.parts: list[str] = []
        self.comparing = False
        self.two_screens = False  # set by start(): the notes in a window on the trainer's screen
        self.notes_wanted = False  # the strip, on one screen

        self.slide = FittingBrowser(BASE_POINTS, SMALLEST_POINTS)
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
        self.strip = NotesStrip()
        layout.addWidget(self.pages, stretch=1)
        layout.addWidget(self.strip)
        layout.addWidget(self.footer, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.notes_window = NotesWindow(self.handle_key)
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

    @property
    def notes(self) -> NotesWindow | NotesStrip:
        """Where the trainer's notes are shown: their window with two screens, else the strip."""
        return self.notes_window if self.two_screens else self.strip

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
            title = html.escape(scenario.title)
            parts = pages(
                self.slide,
                f"<h1>{title}</h1>",
                f"<h1>{title} (continued)</h1>",
                outcome_sections(outcome, links=False),
                min(self._slide_points(), READABLE_POINTS),
            )
        else:
            parts = [compare_html(self.library, scenario.situation)]
        if self.view != "answer":
            parts = ["\n".join(parts)]
        self.parts = parts
        self.part = len(parts) - 1 if self.part < 0 else min(self.part, len(parts) - 1)
        self.slide.show_html(parts[self.part], self._slide_points())
        school = self.library.school(self.school_id)
        self.footer.setText(
            f"{self.deck.title}  ·  {school.name if school else ''}  ·  scenario "
            f"{self.step.scenario + 1} of {len(self.deck.scenarios)}"
            + (f"  ·  part {self.part + 1} of {len(self.parts)}" if len(self.parts) > 1 else "")
        )
        self.notes_window.text.show_html(
            notes_html(self.deck, self.step.scenario, scenario, self.view)
        )
        self.strip.text.show_html(strip_html(scenario))

    # -- moving ------------------------------------------------------------------------------
    def next(self) -> None:
        """The step's next slide, or the next step; first the rest of a slide too long for the
        screen."""
        if self._scrolled(+1):
            return
        if not self.comparing and self.part < len(self.parts) - 1:
            self.part += 1
        elif self.position < len(self.steps) - 1:
            self.position += 1
            self.part = 0
        self.comparing = False
        self.show_step()

    def previous(self) -> None:
        if self._scrolled(-1):
            return
        if not self.comparing and self.part > 0:
            self.part -= 1
        elif self.position > 0:
            self.position -= 1
            self.part = -1  # back into a long answer at its last slide
        self.comparing = False
        self.show_step()

    def _scrolled(self, direction: int) -> bool:
        """A screenful on (or back) if the slide, at its smallest, is still too long to fit."""
        bar = self.slide.verticalScrollBar()
        if (direction > 0 and bar.value() < bar.maximum()) or (
            direction < 0 and bar.value() > bar.minimum()
        ):
            bar.setValue(bar.value() + direction * bar.pageStep())
            return True
        return False

    def toggle_blank(self) -> None:
        self.pages.setCurrentWidget(self.slide if self.blanked else self.blank)
        self._show_strip()  # a blank screen shows the room nothing, notes included

    def toggle_notes(self) -> None:
        if self.two_screens:
            self.notes_window.setVisible(not self.notes_window.isVisible())
            self.activateWindow()  # some systems give a window shown the keys, whatever it asks
        else:
            self.notes_wanted = not self.notes_wanted
            self._show_strip()

    def _show_strip(self) -> None:
        self.strip.setVisible(self.notes_wanted and not self.two_screens and not self.blanked)

    def toggle_compare(self) -> None:
        self.comparing = not self.comparing
        self.show_step()

    def change_size(self, step: int) -> None:
        self.points = next_text_size(TEXT_STEPS, self.points, step)
        self._apply_size()
        if self.view == "answer":
            self.show_step()  # a long answer's slides are laid out for the size asked

    def _slide_points(self) -> int:
        """The size asked for: five columns side by side start smaller."""
        return max(14, self.points * 3 // 5) if self.comparing else self.points

    def _apply_size(self) -> None:
        self.slide.largest = self._slide_points()
        self.slide.fit()
        self.footer.setStyleSheet(f"font-size: {max(12, self.points // 2)}pt;")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.strip.setFixedHeight(int(self.height() * NOTES_SHARE))
        # narrower margins on a small screen leave more room for the text
        self.slide.document().setDocumentMargin(max(16, min(48, self.width() // 40)))
        if self.view == "answer":
            self.show_step()  # a long answer's slides are laid out for this size
        else:
            self.slide.fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def handle_key(self, event: QKeyEvent) -> bool:
        """A clicker's or keyboard's key, pressed here or in the notes window; False if it is
        not one of presenter mode's."""
        key = event.key()
        keys = Qt.Key
        if self.blanked and key != keys.Key_Escape:
            self.toggle_blank()  # any key brings the slide back
            return True
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
            self.toggle_notes()
        elif key == keys.Key_Escape:
            self.close()
        else:
            return False
        return True

    # -- showing and leaving -----------------------------------------------------------------
    def start(self, home: QScreen | None = None) -> None:
        """Full screen on the projector: a screen other than `home` (the trainer's, where the
        main window was) when there is one, with the notes window on `home`."""
        home = home or QGuiApplication.primaryScreen()
        others = [screen for screen in QGuiApplication.screens() if screen != home]
        projector = others[-1] if others else home
        self.two_screens = projector != home
        self.setScreen(projector)
        # With no window manager (a kiosk, a bare X server) asking for full screen changes
        # nothing and the window opens at its natural size: it is given the screen first.
        self.setGeometry(projector.geometry())
        if self.two_screens:
            self.notes_window.setScreen(home)
            self.notes_window.move(home.availableGeometry().topLeft())
            self.notes_window.show()
        self.showFullScreen()
        self.activateWindow()
        self.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.notes_window.close()
        super().closeEvent(event)
        self.left.emit()
