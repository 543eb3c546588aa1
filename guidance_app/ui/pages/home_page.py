"""Home: the search box (focused on open), the guided answers as tiles, and the active school's
policies with their review status and, for the policy owner, the questions the policy leaves
open (saved as a PDF). Typing turns the page into search results.

Each key press asks for a search at once (no wait for a pause in typing): searches run off the
UI thread one at a time, and one still waiting when a newer one is asked for is skipped, never
run, so the last key's results never wait behind stale ones (background.NewestOnly). Each search
carries a number, and a result whose number is not the newest is dropped, so an older result
never overwrites a newer one.
"""

from __future__ import annotations

import datetime
import html
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from guidance_app.core.content.model import Library, School
from guidance_app.core.errors import GuidanceError
from guidance_app.core.search.deadline import TIME_BUDGET
from guidance_app.core.search.engine import SearchEngine, SearchHit, SearchResults
from guidance_app.ui import theme
from guidance_app.ui.background import NewestOnly, serial_pool
from guidance_app.ui.pages.glossary_box import GlossaryBox
from guidance_app.ui.pages.home_cards import policy_row, training_card
from guidance_app.ui.pages.results_view import ResultsView
from guidance_app.ui.pdf import save_pdf_as, write_gaps_pdf
from guidance_app.ui.widgets import WrapButton, as_written, clear_layout, clearable

RESULT_LIMIT = 30
CUT_SHORT = "Showing the best matches found so far; try fewer or more specific words."


class HomePage(QWidget):
    open_wizard = Signal(str)
    open_hit = Signal(object, object)  # (SearchHit, highlight terms)
    open_policy = Signal(str)
    present_deck = Signal(str)
    check_deck = Signal(str)
    handout_deck = Signal(str)
    status = Signal(str)  # a short message for the status bar

    def __init__(self, library: Library, colours: theme.Colours) -> None:
        super().__init__()
        self.setObjectName("page")
        self.library = library
        self.school: School | None = None
        self.engine: SearchEngine | None = None
        self.engine_problem: str | None = None
        self.search_budget = TIME_BUDGET  # seconds a search may take before it shows what it has
        self.today = datetime.date.today()
        self._generation = 0
        self._asked: str | None = None  # the text of the newest search asked for
        self.searches = NewestOnly(serial_pool())
        self.last_results: SearchResults | None = None
        self._open_first_when_shown = False  # Enter was pressed before the results came
        self._stopped = False  # the window is closing: no more searches

        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(
            "Ask about your policy, e.g. “pupil added me on Instagram”"
        )
        self.search_box.setAccessibleName("Search your school's policy")
        clearable(self.search_box, "Clear the search")
        self.search_box.textChanged.connect(self._typed)
        self.search_box.installEventFilter(self)

        self.greeting = QLabel("What do you need help with?")
        self.greeting.setObjectName("pageTitle")

        # -- start view: tiles and policy status -----------------------------------------
        self.tiles = QGridLayout()
        self.tiles.setSpacing(8)
        for number, wizard in enumerate(library.wizards):
            tile = WrapButton(wizard.question, theme.icon("guide"))
            tile.setObjectName("tile")
            tile.setAccessibleName(f"Guided answer: {wizard.question}")
            tile.setToolTip(as_written(wizard.title))
            tile.clicked.connect(lambda _=False, w=wizard.id: self.open_wizard.emit(w))
            self.tiles.addWidget(tile, number // 2, number % 2)
        self.status_card = QFrame()
        self.status_card.setObjectName("statusCard")
        self.status_layout = QVBoxLayout(self.status_card)

        start = QWidget()
        start_layout = QVBoxLayout(start)
        start_layout.setContentsMargins(0, 0, 0, 0)
        answers_title = QLabel("Guided answers: a few questions, then what to do")
        answers_title.setObjectName("sectionTitle")
        start_layout.addWidget(answers_title)
        start_layout.addLayout(self.tiles)
        policies_title = QLabel("Your school's policies")
        policies_title.setObjectName("sectionTitle")
        start_layout.addWidget(policies_title)
        start_layout.addWidget(self.status_card)
        if library.decks:
            training_title = QLabel("Training: induction sessions and self-checks")
            training_title.setObjectName("sectionTitle")
            start_layout.addWidget(training_title)
            start_layout.addWidget(
                training_card(library, (self.present_deck, self.check_deck, self.handout_deck))
            )
        start_layout.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a container: Tab goes to the tiles
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(start)
        start.setObjectName("page")

        # -- results view ------------------------------------------------------------------
        self.message = QLabel()
        self.message.setObjectName("emptyState")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.message.linkActivated.connect(self._message_link)
        self.message.setAccessibleName("Search message")
        self.results = ResultsView(theme.results_css(colours))
        self.results.chosen.connect(self._chosen)
        self.results.leave_up.connect(self.search_box.setFocus)
        results_page = QWidget()
        results_layout = QVBoxLayout(results_page)
        results_layout.setContentsMargins(0, 0, 0, 0)
        self.glossary = GlossaryBox(library)  # what a term the search names means
        self.glossary.open_wizard.connect(self.open_wizard)
        results_layout.addWidget(self.glossary)
        results_layout.addWidget(self.message)
        results_layout.addWidget(self.results, stretch=1)

        self.views = QStackedWidget()
        self.views.addWidget(scroll)
        self.views.addWidget(results_page)
        self.start_view = scroll
        self.results_view = results_page

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 12)
        layout.setSpacing(10)
        layout.addWidget(self.greeting)
        layout.addWidget(self.search_box)
        layout.addWidget(self.views, stretch=1)

    # -- school and engine -------------------------------------------------------------------
    def set_school(self, school: School) -> None:
        self.school = school
        clear_layout(self.status_layout)
        name = QLabel(f"<b>{html.escape(school.name)}</b>")
        name.setTextFormat(Qt.TextFormat.RichText)
        self.status_layout.addWidget(name)
        for policy in school.policies:
            self.status_layout.addWidget(policy_row(policy, self.today, self.open_policy))
        self.owner_button = QPushButton(theme.icon("pdf"), "Questions for the policy owner…")
        self.owner_button.setAccessibleName(
            f"Save the questions for {school.short_name}'s policy owner as a PDF"
        )
        self.owner_button.setToolTip(
            "For the designated safeguarding lead and governors: the situations the policy is "
            "silent on, questions only the school can answer, and clauses no guided answer cites."
        )
        self.owner_button.clicked.connect(self.choose_owner_questions)
        owner_row = QHBoxLayout()
        owner_row.addStretch()
        owner_row.addWidget(self.owner_button)
        holder = QWidget()  # the same margins as the policies' rows above it
        holder.setLayout(owner_row)
        self.status_layout.addWidget(holder)
        if self.search_box.text().strip():
            self.results.show_hits((), self.library)  # never the last school's, even briefly
            self.search_now()

    def save_owner_questions(self, path: Path) -> int:
        """The questions for the school's policy owner as a PDF at `path`; the number of pages.
        GuidanceError with a plain reason if it cannot be written."""
        if self.school is None:
            raise GuidanceError("Choose a school first.")
        return write_gaps_pdf(self.library, self.school.id, path)

    def choose_owner_questions(self) -> None:
        if self.school is None:
            return
        pages: list[int] = []
        path = save_pdf_as(
            self,
            "the questions for the policy owner",
            f"{self.school.id}-questions-for-the-policy-owner.pdf",
            lambda target: pages.append(self.save_owner_questions(target)),
        )
        if path is not None:
            count = f"{pages[0]} page{'s' if pages[0] != 1 else ''}"
            self.status.emit(f"Saved the questions for the policy owner ({count}) to {path}.")

    def set_engine(self, engine: SearchEngine | None, problem: str | None = None) -> None:
        self.engine = engine
        self.engine_problem = problem
        if self.search_box.text().strip():
            self.search_now()

    def reset(self) -> None:
        """Forget the search: box, results and undo history (kiosk mode, between people)."""
        self._open_first_when_shown = False
        self.search_box.setText("")  # unlike clear(), setText leaves nothing for Ctrl+Z
        self._typed("")
        self.last_results = None
        self.results.show_hits((), self.library)
        self.glossary.show_for()
        self.message.clear()
        self.start_view.verticalScrollBar().setValue(0)

    # -- searching ---------------------------------------------------------------------------
    def _typed(self, text: str) -> None:
        # At once, not after a pause: the engine answers within a key press's time, and a
        # search overtaken by the next key is skipped if it has not started.
        if text.strip():
            self.search_now()
        else:
            self._generation += 1  # any search still running is now stale
            self._asked = None
            self.views.setCurrentWidget(self.start_view)

    def stop_searching(self) -> None:
        """For a closing window: no search starts from now on, and one still running is stale
        (its result is dropped). The search pool belongs to no widget (background.serial_pool),
        so closing never waits for a search."""
        self._stopped = True
        self._generation += 1

    def search_now(self) -> None:
        """Search for the box's text now (each change of the text calls this)."""
        if self._stopped:
            return
        text = self.search_box.text()
        self._generation += 1
        self.last_results = None
        self._asked = None
        if not text.strip():
            self.views.setCurrentWidget(self.start_view)
            return
        self.views.setCurrentWidget(self.results_view)
        self.glossary.show_for(text)
        if self.engine is None:
            self.results.show_hits((), self.library)
            self.message.setText(
                f"Search is not available: {html.escape(self.engine_problem)} "
                "The guided answers on the Home page still work."
                if self.engine_problem
                else "Search is getting ready… your results will appear in a moment."
            )
            return
        generation = self._generation
        engine = self.engine
        school = self.school.id if self.school else None
        budget = self.search_budget
        self._asked = text
        self.searches.run(
            self,
            lambda _progress: engine.search(text, school=school, limit=RESULT_LIMIT, budget=budget),
            lambda results: self._show(generation, results),
            lambda exc: self._show(generation, SearchResults(text)),
        )

    def _show(self, generation: int, results: SearchResults) -> None:
        if generation != self._generation:
            return  # a newer search has been asked for
        self.last_results = results
        self.results.show_hits(results.hits, self.library)
        self.glossary.show_for(results.query, results.did_you_mean)
        self.message.setText(self._message(results))
        if self._open_first_when_shown:
            self._open_first_when_shown = False
            self.open_current()

    def open_current(self) -> None:
        """Open the selected result (the first one if none is selected)."""
        hit = self.results.hit(max(self.results.currentIndex().row(), 0))
        if hit is not None:
            self._chosen(hit)

    def _message(self, results: SearchResults) -> str:
        query = html.escape(results.query.strip())
        if results.hits:
            count = len(results.hits)
            more = " or more" if count >= RESULT_LIMIT else ""
            found = f"{count}{more} result{'s' if count != 1 else ''} for “{query}”."
            if results.did_you_mean:
                suggestion = html.escape(results.did_you_mean)
                found += f' Searched for <a href="suggest">{suggestion}</a>.'
            if results.cut_short:
                found += f" {CUT_SHORT}"
            return found + " ↓ to choose, Enter to open."
        if results.cut_short:  # not "nothing matches": the search stopped before it could tell
            lines = [f"The search for “{query}” took too long and stopped before finding a match."]
        else:
            lines = [f"Nothing in your school's policy matches “{query}”."]
        if results.did_you_mean:
            suggestion = html.escape(results.did_you_mean)
            lines.append(f'Did you mean <a href="suggest"><b>{suggestion}</b></a>?')
        lines.append(
            "Try fewer or simpler words (“photos”, “friend request”, “WhatsApp”), "
            'or <a href="home">pick a guided answer</a>. If you are worried about a child, '
            "speak to your designated safeguarding lead now."
        )
        return "<br>".join(lines)

    def _message_link(self, link: str) -> None:
        if link == "suggest" and self.last_results and self.last_results.did_you_mean:
            self.search_box.setText(self.last_results.did_you_mean)  # which searches for it
        elif link == "home":
            self.search_box.clear()
            first = self.tiles.itemAt(0)
            tile = first.widget() if first is not None else None
            if tile is not None:
                tile.setFocus()

    def _chosen(self, hit: SearchHit) -> None:
        if hit.kind == "wizard" and hit.wizard_id:
            self.open_wizard.emit(hit.wizard_id)
        else:
            highlight = self.last_results.highlight if self.last_results else frozenset()
            self.open_hit.emit(hit, highlight)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            showing = self.views.currentWidget() is self.results_view
            first_answer = self.glossary.first_button()
            if key == Qt.Key.Key_Down and showing and self.results.results_model.rowCount():
                self.results.enter_from_above()
                return True
            if key == Qt.Key.Key_Down and showing and first_answer is not None:
                first_answer.setFocus()  # no results, but a glossary term's guided answers
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                current = self.last_results is not None and (
                    self.last_results.query == self.search_box.text()
                )
                if not current:
                    self._open_first_when_shown = True
                    if self._asked != self.search_box.text():
                        self.search_now()  # none asked for yet (search was getting ready)
                elif showing:
                    self.open_current()
                return True
            if key == Qt.Key.Key_Escape and self.search_box.text():
                self.search_box.clear()
                return True
        return super().eventFilter(watched, event)
