"""The main window's training actions: presenter mode (and the window coming back after it), the
self-check page, and a deck's handout saved as a PDF.

`TrainingActions` is MainWindow's base class; it uses only what it declares below, which
MainWindow sets up, so nothing here imports the main window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow

from guidance_app.core.content.decks import Deck
from guidance_app.core.content.model import Library
from guidance_app.ui import theme
from guidance_app.ui.page_stack import PageStack
from guidance_app.ui.pages.presenter import PresenterWindow
from guidance_app.ui.pages.self_check_page import SelfCheckPage
from guidance_app.ui.pdf import save_pdf_as, write_handout_pdf


class TrainingActions(QMainWindow):
    # Set up by MainWindow.
    library: Library
    colours: theme.Colours
    pages: PageStack
    presenter: PresenterWindow | None  # while presenting
    self_check: SelfCheckPage | None  # the one self-check page kept, if any
    _geometry_before: QByteArray  # the window's, to come back to after presenting

    def __init__(self) -> None:
        super().__init__()
        self.presenter = None
        self.self_check = None

    @property
    def school_id(self) -> str:
        """The school chosen in the bar (MainWindow's)."""
        raise NotImplementedError

    def _deck(self, deck_id: str | None) -> Deck | None:
        """The deck asked for (UnknownNameError if the library has no such deck), or with no
        id the first deck, if there is one (the Present button and F5)."""
        if deck_id is None:
            return self.library.decks[0] if self.library.decks else None
        return self.library.require_deck(deck_id)

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
        home = self.screen()  # the trainer's: the slides go to another one, if there is one
        self.hide()
        presenter.start(home)
        return presenter

    def _presenter_left(self) -> None:
        self.presenter = None
        self.restoreGeometry(self._geometry_before)
        self.show()
        self.activateWindow()

    def open_self_check(self, deck_id: str) -> None:
        deck = self.library.require_deck(deck_id)
        page = SelfCheckPage(self.library, deck, self.school_id, self.colours)
        self.pages.replace(self.self_check, page)
        self.self_check = page
        page.refresh()

    def save_handout(self, deck_id: str, path: Path) -> int:
        """The deck's handout as a PDF for the active school; the number of pages."""
        deck = self.library.require_deck(deck_id)
        return write_handout_pdf(self.library, deck, self.school_id, path)

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
