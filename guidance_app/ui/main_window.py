"""The main window: the bar (top_bar.py: Home, your school, Compare, Present); the pages
(ui/pages/: Home with search and guided answers, the policy reader, a guided answer, compare
schools, the self-check) in a PageStack that knows the way back; the index build's progress.
Edit answers, presenter mode, the self-check and handouts come from its base classes.

In kiosk mode (deployment settings) the window clears itself after the idle time.

Keys: Ctrl+K (or Ctrl+L, F6) search; Alt+Home home; Ctrl + / Ctrl - / Ctrl 0 text size;
Alt+Left back from the reader or compare; F5 presenter mode; Ctrl+H hides every window at once
(ui/hide_now.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from guidance_app.core.content.model import Library, School
from guidance_app.core.machine.deployment import COMMAND_LINE, FOLLOWS_PIN
from guidance_app.core.search.engine import SearchEngine, SearchHit
from guidance_app.ui import hide_now, theme
from guidance_app.ui.background import Progress, run_in_background
from guidance_app.ui.dialogs import ChooseSchoolDialog, ProblemsDialog
from guidance_app.ui.kiosk import IdleReset, take_back_clipboard
from guidance_app.ui.page_stack import PageStack
from guidance_app.ui.pages.compare_page import ComparePage
from guidance_app.ui.pages.home_page import HomePage
from guidance_app.ui.pages.reader_page import ReaderPage
from guidance_app.ui.pages.self_check_page import SelfCheckPage
from guidance_app.ui.pages.wizard_page import WizardPage
from guidance_app.ui.policy_import_actions import PolicyImportActions
from guidance_app.ui.reading import next_text_size, set_text_sizes
from guidance_app.ui.settings import DEFAULT_TEXT_SIZE, TEXT_SIZES, Settings
from guidance_app.ui.top_bar import TopBar
from guidance_app.ui.window_fit import PageScroll, keep_on_screen, open_size

APP_NAME = "Policy Guidance"


class MainWindow(PolicyImportActions):
    """The bar, the pages and the status bar; PolicyImportActions, AuthorActions and
    TrainingActions the rest."""

    def __init__(self, library: Library, settings: Settings | None = None) -> None:
        super().__init__()
        self.library = library
        self.settings = settings or Settings()
        self.colours = theme.colours()
        self.engine: SearchEngine | None = None
        self.wizard_page: WizardPage | None = None
        self.school_dialog: ChooseSchoolDialog | None = None
        self.problems_dialog: ProblemsDialog | None = None
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(theme.icon("app"))
        open_size(self)

        # -- the bar across the top ----------------------------------------------------------
        bar = TopBar(APP_NAME, library)
        self.home_button, self.school_box = bar.home_button, bar.school_box
        self.compare_button, self.present_button = bar.compare_button, bar.present_button
        self.home_button.clicked.connect(self.home_pressed)
        self.compare_button.clicked.connect(lambda: self.open_compare())
        self.present_button.clicked.connect(lambda: self.present(None))

        # -- the pages -----------------------------------------------------------------------
        self.home = HomePage(library, self.colours)
        self.home.open_wizard.connect(self.open_wizard)
        self.home.open_hit.connect(self.open_hit)
        self.home.open_policy.connect(lambda policy_id: self.open_clause(policy_id, None))
        self.home.present_deck.connect(self.present)
        self.home.check_deck.connect(self.open_self_check)
        self.home.handout_deck.connect(self.choose_handout)
        self.home.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.reader = ReaderPage(self.colours)
        self.reader.back_requested.connect(self.go_back)
        self.compare = ComparePage(library, self.colours)
        self.pages = PageStack()
        for page in (self.home, self.reader, self.compare):
            self.pages.addWidget(page)
        self.pages.moved.connect(self.reader.back_button.setVisible)
        self.pages.added.connect(self._page_added)

        self.page_scroll = PageScroll(self.pages)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.page_scroll, stretch=1)
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
            ("Alt+Home", self.home_pressed),
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

        hide_now.install()  # Ctrl+H, for every window of the app
        self._set_up_school()
        self.set_up_authoring(bar.edit_button)
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
        set_text_sizes(self.pages, self.settings.text_size)
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
        """A guided answer or self-check under way keeps its answers and shows what the new
        school's policy says (asking any question that school needs); compare stays, with the
        new school marked; a policy of the old school (or its answers, see AuthorActions) is
        left for Home."""
        if not self.authoring_follows_school(self.school_box):
            return
        if self.school_box.isEnabled():
            self.settings.school = self.school_id
        self._show_school()
        answering = [page for page in (self.wizard_page, self.self_check) if page is not None]
        for page in answering:
            page.set_school(self.school_id)
        current = self.pages.currentWidget()
        if current is self.compare or any(current is page for page in answering):
            return
        self.go_home()

    def _show_school(self) -> None:
        school = self.school
        if school is not None:
            self.home.set_school(school)
            self.compare.set_school(school.id)
            self.setWindowTitle(f"{APP_NAME} — {school.name}")

    def refresh_school(self) -> None:
        """The library was read again (a policy imported): show the school anew, and its answers
        being edited from the new reading."""
        self._show_school()
        if self.author_page is not None or self.author_list is not None:
            showing = self.pages.currentWidget() in (self.author_page, self.author_list)
            for page in (self.author_page, self.author_list):
                self.pages.drop(page)
            self.author_page = self.author_list = None
            if showing:
                self.open_author_list()

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
        self.search_cache_dir = cache_dir  # an import opens it again, in the same place
        self.progress.setRange(0, 0)
        self.progress.show()
        library = self.library

        def work(progress: Progress) -> SearchEngine:
            return SearchEngine.open(library, cache_dir, progress)

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
    def _page_added(self, page: QWidget) -> None:
        """A guided answer or self-check put in: its messages, the reading size."""
        if isinstance(page, (WizardPage, SelfCheckPage)):
            page.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        set_text_sizes(self.pages, self.settings.text_size)

    def go_back(self) -> None:
        if not self.pages.back():
            self.go_home()

    def home_pressed(self) -> None:
        """Home (the button, Alt+Home): Home, and pressed on Home, a fresh start there."""
        if self.pages.currentWidget() is self.home:
            self.home.reset()
        self.go_home()

    def go_home(self) -> None:
        self.pages.forget()
        self.pages.show_page(self.home, remember=False)
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
        self.pages.drop(self.wizard_page, at_once=True)  # called by the idle timer only
        self.pages.drop(self.self_check, at_once=True)
        self.wizard_page = self.self_check = None
        for page in (self.home, self.reader, self.compare):
            page.reset()
        take_back_clipboard()
        self.go_home()
        self.statusBar().showMessage("The screen was cleared because it was not in use.")

    def focus_search(self) -> None:
        if self.pages.currentWidget() is not self.home:
            self.pages.show_page(self.home)
        self.home.search_box.setFocus()
        self.home.search_box.selectAll()

    def open_wizard(self, wizard_id: str) -> None:
        wizard = self.library.wizard(wizard_id)
        if wizard is None:
            return
        page = WizardPage(self.library, wizard, self.school_id, self.colours)
        page.open_clause.connect(self.open_clause)
        page.compare_requested.connect(self.open_compare)
        self.pages.replace(self.wizard_page, page)
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
        self.pages.show_page(self.reader)
        self.reader.show_policy(policy, clause_id, highlight)
        self.reader.browser.setFocus()

    def open_compare(self, situation: str | None = None) -> None:
        self.compare.show_situation(situation or self.compare.situation)
        self.pages.show_page(self.compare)
        self.compare.situation_box.setFocus()

    # -- text size and window ----------------------------------------------------------------
    def change_text_size(self, step: int) -> None:
        """Ctrl +/-: one step bigger or smaller; 0 resets. Remembered for next time."""
        size = self.settings.text_size
        size = next_text_size(TEXT_SIZES, size, step) if step else DEFAULT_TEXT_SIZE
        self.settings.text_size = size
        set_text_sizes(self.pages, self.settings.text_size)
        self.statusBar().showMessage(f"Text size {size} pt", 3000)

    def restore_geometry(self) -> None:
        """The size and place remembered from last time, within this screen's available area."""
        geometry = self.settings.geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
            keep_on_screen(self)

    def showEvent(self, event: QShowEvent) -> None:
        keep_on_screen(self)  # now the frame's size is known (and after presenting, too)
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_leave_authoring():
            event.ignore()
            return
        self.settings.geometry = self.saveGeometry()
        self.home.stop_searching()
        if self.engine is not None:
            self.engine.close()
            self.engine = None
        super().closeEvent(event)
