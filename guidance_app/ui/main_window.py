"""The main window: a bar with Home, your school and Compare; the pages (Home with search and
guided answers, the policy reader, a guided answer, compare schools); the index build's progress.

In kiosk mode (deployment settings) the window clears itself after the idle time.

Keys: Ctrl+K (or Ctrl+L, F6) search; Alt+Home home; Ctrl + / Ctrl - / Ctrl 0 text size;
Alt+Left back from the reader or compare.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from guidance_app.core.deployment import COMMAND_LINE, FOLLOWS_PIN
from guidance_app.core.errors import GuidanceError
from guidance_app.core.model import Library, School
from guidance_app.core.search.engine import SearchEngine, SearchHit
from guidance_app.core.training import Deck, handout_html
from guidance_app.ui import theme
from guidance_app.ui.background import run_in_background
from guidance_app.ui.compare_page import ComparePage
from guidance_app.ui.dialogs import ChooseSchoolDialog, ProblemsDialog
from guidance_app.ui.home_page import HomePage
from guidance_app.ui.kiosk import IdleReset, take_back_clipboard
from guidance_app.ui.pdf import save_pdf_as, write_pdf
from guidance_app.ui.presenter import PresenterWindow
from guidance_app.ui.reader_page import ReaderPage, set_text_size
from guidance_app.ui.self_check import SelfCheckPage
from guidance_app.ui.settings import DEFAULT_TEXT_SIZE, TEXT_SIZES, Settings
from guidance_app.ui.wizard_page import WizardPage

APP_NAME = "Policy Guidance"


class MainWindow(QMainWindow):
    def __init__(self, library: Library, settings: Settings | None = None) -> None:
        super().__init__()
        self.library = library
        self.settings = settings or Settings()
        self.colours = theme.colours()
        self.engine: SearchEngine | None = None
        self.wizard_page: WizardPage | None = None
        self.self_check: SelfCheckPage | None = None
        self.presenter: PresenterWindow | None = None
        self.school_dialog: ChooseSchoolDialog | None = None
        self.problems_dialog: ProblemsDialog | None = None
        self._history: list[QWidget] = []
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(theme.icon("app"))
        self.resize(1180, 800)

        # -- the bar across the top ----------------------------------------------------------
        self.home_button = QPushButton(theme.icon("home"), "Home")
        self.home_button.setAccessibleName("Home: search and guided answers")
        self.home_button.setToolTip("Alt+Home")
        self.home_button.clicked.connect(self.go_home)
        app_name = QLabel(APP_NAME)
        app_name.setObjectName("appName")
        self.school_box = QComboBox()
        self.school_box.setAccessibleName("Your school")
        self.school_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.school_box.setMinimumContentsLength(8)
        self.school_box.setMaximumWidth(380)
        for school in library.schools:
            self.school_box.addItem(school.name, school.id)
        school_label = QLabel("Your &school:")
        school_label.setBuddy(self.school_box)
        self.compare_button = QPushButton(theme.icon("compare"), "Compare")
        self.compare_button.setAccessibleName("Compare schools")
        self.compare_button.setToolTip("Compare what each school's policy says")
        self.compare_button.clicked.connect(lambda: self.open_compare())
        self.present_button = QPushButton(theme.icon("guide"), "Present")
        self.present_button.setAccessibleName("Present a training session (F5)")
        self.present_button.setToolTip("F5: presenter mode for induction sessions")
        self.present_button.clicked.connect(lambda: self.present(None))
        self.present_button.setVisible(bool(library.decks))
        bar = QWidget()
        bar.setObjectName("topBar")
        bar_layout = QHBoxLayout(bar)
        bar_layout.setContentsMargins(12, 8, 12, 8)
        bar_layout.addWidget(self.home_button)
        bar_layout.addSpacing(8)
        bar_layout.addWidget(app_name)
        bar_layout.addStretch()
        bar_layout.addWidget(school_label)
        bar_layout.addWidget(self.school_box, stretch=1)  # wide enough for the name
        bar_layout.addSpacing(8)
        bar_layout.addWidget(self.compare_button)
        bar_layout.addWidget(self.present_button)

        # -- the pages -----------------------------------------------------------------------
        self.home = HomePage(library, self.colours)
        self.home.open_wizard.connect(self.open_wizard)
        self.home.open_hit.connect(self.open_hit)
        self.home.open_policy.connect(lambda policy_id: self.open_clause(policy_id, None))
        self.home.present_deck.connect(self.present)
        self.home.check_deck.connect(self.open_self_check)
        self.home.handout_deck.connect(self.choose_handout)
        self.reader = ReaderPage(self.colours)
        self.reader.back_requested.connect(self.go_back)
        self.compare = ComparePage(library, self.colours)
        self.pages = QStackedWidget()
        for page in (self.home, self.reader, self.compare):
            self.pages.addWidget(page)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.pages, stretch=1)
        self.setCentralWidget(central)

        self.progress = QProgressBar()
        self.progress.setAccessibleName("Preparing search")
        self.progress.setFormat("Preparing search… %p%")
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)

        for keys, action in (
            ("Ctrl+K", self.focus_search),
            ("Ctrl+L", self.focus_search),
            ("F6", self.focus_search),
            ("Alt+Home", self.go_home),
            ("F5", lambda: self.present(None)),
            ("Ctrl+=", lambda: self.change_text_size(+1)),
            ("Ctrl++", lambda: self.change_text_size(+1)),
            ("Ctrl+-", lambda: self.change_text_size(-1)),
            ("Ctrl+0", lambda: self.change_text_size(0)),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(action)
        for page in (self.reader, self.compare):
            back = QShortcut(QKeySequence("Alt+Left"), page)
            back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            back.activated.connect(self.go_back)

        self._set_up_school()
        self.kiosk: IdleReset | None = None
        idle_ms = self.settings.deployment.kiosk_idle_ms
        if idle_ms is not None:
            self.kiosk = IdleReset(idle_ms, self.clear_for_next_person, self)
            minutes = self.settings.deployment.kiosk_idle_minutes or 0
            notice = QLabel(f"Shared computer: clears after {minutes:g} min unused")
            notice.setObjectName("muted")
            notice.setAccessibleName(notice.text())
            self.statusBar().addPermanentWidget(notice)
        problem = self.settings.problem()
        if problem:
            self.statusBar().showMessage(problem + " Everything else works.")
        self.school_box.currentIndexChanged.connect(self._school_changed)
        self._apply_text_size()
        self.home.search_box.setFocus()

    # -- school ------------------------------------------------------------------------------
    def _set_up_school(self) -> None:
        deployment = self.settings.deployment
        pinned = self.settings.pinned_school
        locked = not deployment.school_switching
        if pinned and self.library.school(pinned) is None:
            set_by = (
                "The app was started with"
                if deployment.source("school") == COMMAND_LINE
                else "This computer is set to"
            )
            self.statusBar().showMessage(
                f"{set_by} the school '{pinned}', which is not in the library. Choose your school."
            )
            pinned = None
            locked = locked and deployment.source("school_switching") != FOLLOWS_PIN
        wanted = self._wanted_school()
        index = self.school_box.findData(wanted) if wanted else -1
        self.school_box.setCurrentIndex(max(index, 0))
        if locked:
            self.school_box.setEnabled(False)
            self.school_box.setToolTip(
                "Changing school is turned off on this computer by your IT team."
                if not pinned
                else "Set when the app was started."
                if deployment.source("school") == COMMAND_LINE
                else "Set for this computer by your IT team."
            )
        self._show_school()

    def _wanted_school(self) -> str | None:
        """The pinned school if the library has it, else the user's own choice."""
        pinned = self.settings.pinned_school
        if pinned and self.library.school(pinned) is not None:
            return pinned
        return self.settings.chosen_school

    @property
    def needs_school_choice(self) -> bool:
        wanted = self._wanted_school()
        return len(self.library.schools) > 1 and (
            wanted is None or self.library.school(wanted) is None
        )

    @property
    def school(self) -> School | None:
        return self.library.school(str(self.school_box.currentData()))

    @property
    def school_id(self) -> str:
        return str(self.school_box.currentData())

    def choose_school(self, school_id: str) -> None:
        index = self.school_box.findData(school_id)
        if index >= 0:
            self.school_box.setCurrentIndex(index)
            self.settings.school = school_id

    def _school_changed(self) -> None:
        if self.school_box.isEnabled():
            self.settings.school = self.school_id
        self._show_school()
        self.go_home()

    def _show_school(self) -> None:
        school = self.school
        if school is not None:
            self.home.set_school(school)
            self.setWindowTitle(f"{APP_NAME} — {school.name}")

    def ask_for_school(self) -> ChooseSchoolDialog:
        """The first-run dialog (window-modal); the choice is remembered for this OS user."""
        dialog = ChooseSchoolDialog(self.library.schools, self)
        dialog.accepted.connect(lambda: self.choose_school(dialog.school_id or self.school_id))
        dialog.finished.connect(lambda _result: self._back_from_dialog())
        self.school_dialog = dialog
        dialog.open()
        return dialog

    def _back_from_dialog(self) -> None:
        self.activateWindow()  # with no window manager (a kiosk) nothing else would
        self.home.search_box.setFocus()

    # -- start-up ----------------------------------------------------------------------------
    def after_show(self, problems: Sequence[str] = (), cache_dir: Path | None = None) -> None:
        """Once the window is up: content problems (once), the school choice, then search."""
        self.start_search(cache_dir)
        if problems:
            dialog = ProblemsDialog(problems, self)
            self.problems_dialog = dialog
            if self.needs_school_choice:
                dialog.finished.connect(lambda _result: self.ask_for_school())
            dialog.open()
        elif self.needs_school_choice:
            self.ask_for_school()

    def start_search(self, cache_dir: Path | None = None) -> None:
        """Open (building if needed) the search index in the background, showing progress."""
        self.progress.setRange(0, 0)
        self.progress.show()
        library = self.library

        def work(progress: object) -> SearchEngine:
            return SearchEngine.open(library, cache_dir, progress)  # type: ignore[arg-type]

        run_in_background(
            self, work, self._search_ready, self._search_failed, self._search_progress
        )

    def _search_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _search_ready(self, engine: SearchEngine) -> None:
        self.engine = engine
        self.progress.hide()
        self.home.set_engine(engine)
        if engine.notice:
            self.statusBar().showMessage(engine.notice)

    def _search_failed(self, error: BaseException) -> None:
        self.progress.hide()
        reason = str(error)
        self.home.set_engine(None, reason)
        self.statusBar().showMessage(f"Search is not available: {reason}")

    # -- pages -------------------------------------------------------------------------------
    def _show_page(self, page: QWidget, remember: bool = True) -> None:
        current = self.pages.currentWidget()
        if remember and current is not page and current is not None:
            self._history.append(current)
            del self._history[:-20]
        self.pages.setCurrentWidget(page)
        self.reader.back_button.setVisible(bool(self._history))

    def _drop_page(self, old: WizardPage | SelfCheckPage | None) -> None:
        if old is not None:
            self._history = [page for page in self._history if page is not old]
            self.pages.removeWidget(old)
            old.deleteLater()

    def _replace_page(
        self, old: WizardPage | SelfCheckPage | None, new: WizardPage | SelfCheckPage
    ) -> None:
        """Show a new guided answer or self-check in place of the previous one (one of each is
        kept, so Back never returns to a stale one)."""
        self._drop_page(old)
        new.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.pages.addWidget(new)
        self._apply_text_size()
        self._show_page(new)

    def go_back(self) -> None:
        while self._history:
            page = self._history.pop()
            if self.pages.indexOf(page) >= 0:
                self._show_page(page, remember=False)
                page.setFocus()
                return
        self.go_home()

    def go_home(self) -> None:
        self._history.clear()
        self._show_page(self.home, remember=False)
        self.home.search_box.setFocus()
        self.home.search_box.selectAll()

    def clear_for_next_person(self) -> None:
        """Kiosk mode, after the idle time: Home, with nothing of the last person's left on
        screen: dialogs closed, presenter left, search, guided answer, self-check, policy and
        comparison cleared, and the clipboard emptied if it still holds what the app copied."""
        for widget in QApplication.topLevelWidgets():
            # the first-run school choice holds nothing personal: it stays
            if (
                isinstance(widget, QDialog)
                and widget.isVisible()
                and widget is not self.school_dialog
            ):
                widget.reject()
        if self.presenter is not None:
            self.presenter.close()
        self._drop_page(self.wizard_page)
        self._drop_page(self.self_check)
        self.wizard_page = self.self_check = None
        for page in (self.home, self.reader, self.compare):
            page.reset()
        take_back_clipboard()
        self.go_home()
        self.statusBar().showMessage("The screen was cleared because it was not in use.")

    def focus_search(self) -> None:
        if self.pages.currentWidget() is not self.home:
            self._show_page(self.home)
        self.home.search_box.setFocus()
        self.home.search_box.selectAll()

    def open_wizard(self, wizard_id: str) -> None:
        wizard = self.library.wizard(wizard_id)
        if wizard is None:
            return
        page = WizardPage(self.library, wizard, self.school_id, self.colours)
        page.open_clause.connect(self.open_clause)
        page.compare_requested.connect(self.open_compare)
        self._replace_page(self.wizard_page, page)
        self.wizard_page = page
        page._focus_first()

    def open_hit(self, hit: SearchHit, highlight: frozenset[str]) -> None:
        if hit.policy_id:
            self.open_clause(hit.policy_id, hit.clause_id, highlight)

    def open_clause(
        self, policy_id: str, clause_id: str | None, highlight: frozenset[str] = frozenset()
    ) -> None:
        """Show a policy of the active school, at one clause if given."""
        school = self.school
        policy = school.policy(policy_id) if school else None
        if policy is None:
            return
        self._show_page(self.reader)
        self.reader.show_policy(policy, clause_id, highlight)
        self.reader.browser.setFocus()

    def open_compare(self, situation: str | None = None) -> None:
        self.compare.show_situation(situation or self.compare.situation)
        self._show_page(self.compare)
        self.compare.situation_box.setFocus()

    # -- training ------------------------------------------------------------------------------
    def _deck(self, deck_id: str | None) -> Deck | None:
        if deck_id is None:
            return self.library.decks[0] if self.library.decks else None
        return self.library.deck(deck_id)

    def present(self, deck_id: str | None) -> PresenterWindow | None:
        """Presenter mode (F5): the deck full screen; this window comes back when it ends."""
        deck = self._deck(deck_id)
        if deck is None:
            self.statusBar().showMessage("There are no training decks in this library.", 8000)
            return None
        presenter = PresenterWindow(self.library, deck, self.school_id)
        presenter.left.connect(self._presenter_left)
        self.presenter = presenter
        self._geometry_before = self.saveGeometry()
        self.hide()
        presenter.start()
        return presenter

    def _presenter_left(self) -> None:
        self.presenter = None
        self.restoreGeometry(self._geometry_before)
        self.show()
        self.activateWindow()

    def open_self_check(self, deck_id: str) -> None:
        deck = self._deck(deck_id)
        if deck is None:
            return
        page = SelfCheckPage(self.library, deck, self.school_id, self.colours)
        self._replace_page(self.self_check, page)
        self.self_check = page
        page.refresh()

    def save_handout(self, deck_id: str, path: Path) -> int:
        """The deck's handout as a PDF for the active school; the number of pages."""
        deck = self._deck(deck_id)
        if deck is None:
            raise GuidanceError(f"There is no training deck '{deck_id}'.")
        school = deck.school_id or self.school_id
        html = handout_html(self.library, deck, school, datetime.date.today())
        return write_pdf(html, path, f"{deck.title} — handout")

    def choose_handout(self, deck_id: str) -> None:
        pages: list[int] = []
        path = save_pdf_as(
            self,
            "the handout",
            f"{deck_id}-handout.pdf",
            lambda target: pages.append(self.save_handout(deck_id, target)),
        )
        if path is not None:
            self.statusBar().showMessage(f"Saved the handout ({pages[0]} pages) to {path}.", 8000)

    # -- text size and window ----------------------------------------------------------------
    def change_text_size(self, step: int) -> None:
        """Ctrl +/-: one step bigger or smaller; 0 resets. Remembered for next time."""
        size = self.settings.text_size
        if step == 0:
            size = DEFAULT_TEXT_SIZE
        else:
            bigger = [s for s in TEXT_SIZES if s > size]
            smaller = [s for s in TEXT_SIZES if s < size]
            if step > 0 and bigger:
                size = bigger[0]
            elif step < 0 and smaller:
                size = smaller[-1]
        self.settings.text_size = size
        self._apply_text_size()
        self.statusBar().showMessage(f"Text size {size} pt", 3000)

    def _apply_text_size(self) -> None:
        """Every reading pane of every page (the reader, outcomes, compare, the self-check)."""
        for browser in self.pages.findChildren(QTextBrowser):
            set_text_size(browser, self.settings.text_size)

    def restore_geometry(self) -> None:
        geometry = self.settings.geometry
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.geometry = self.saveGeometry()
        self.home.stop_searching()
        if self.engine is not None:
            self.engine.close()
            self.engine = None
        super().closeEvent(event)
