"""The glossary's box above the search results: what a term the search names means, in the app's
own words (marked as such, never passed off as the policy's), with buttons for the guided
answers that use it. It shows even where the school's policy never uses the term."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from guidance_app.core.content.glossary import GlossaryTerm
from guidance_app.core.content.model import Library
from guidance_app.core.search.glossary_match import terms_named
from guidance_app.ui import theme
from guidance_app.ui.widgets import WrapButton, clear_layout, plain_label

APP_WORDS = "From this app, not from your policy"
MAX_SHOWN = 2  # more would push the results out of sight on a small screen


def heading(term: GlossaryTerm) -> str:
    return f"{term.term}: {term.stands_for}" if term.stands_for else term.term


def other_names(term: GlossaryTerm) -> str:
    """ "Also called: DSL (designated safeguarding lead, the name used in England)", or ""."""
    if not term.also_called:
        return ""
    names = [f"{o.name} ({o.note})" if o.note else o.name for o in term.also_called]
    return "Also called: " + ", ".join(names)


class GlossaryBox(QWidget):
    """Empty and hidden until `show_terms` is given terms. Emits `open_wizard(id)`."""

    open_wizard = Signal(str)

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.terms: tuple[GlossaryTerm, ...] = ()
        self.buttons: list[WrapButton] = []
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(6)
        self.hide()

    def show_for(self, *searches: str | None) -> None:
        """The terms a search names (as typed, and as corrected), or nothing."""
        self.show_terms(terms_named(self.library.glossary, *searches))

    def show_terms(self, terms: Sequence[GlossaryTerm]) -> None:
        shown = tuple(terms[:MAX_SHOWN])
        if shown == self.terms:
            return  # the same box: keep focus where it is
        self.terms = shown
        self.buttons = []
        clear_layout(self.rows)
        for term in shown:
            self.rows.addWidget(self._card(term))
        self.setVisible(bool(shown))

    def _card(self, term: GlossaryTerm) -> QFrame:
        card = QFrame()
        card.setObjectName("statusCard")
        card.setAccessibleName(f"What {term.term} means: {APP_WORDS.lower()}")
        layout = QVBoxLayout(card)
        layout.setSpacing(4)
        source = plain_label(APP_WORDS)
        source.setObjectName("hint")
        title = plain_label(heading(term))
        title.setObjectName("glossaryTerm")
        title.setWordWrap(True)
        layout.addWidget(source)
        layout.addWidget(title)
        names = other_names(term)
        if names:
            also = plain_label(names)
            also.setObjectName("hint")
            also.setWordWrap(True)
            layout.addWidget(also)
        meaning = plain_label(term.meaning)
        meaning.setWordWrap(True)
        meaning.setAccessibleName(f"{heading(term)}. {term.meaning}")
        layout.addWidget(meaning)
        wizards = [w for w in map(self.library.wizard, term.guided_answers) if w is not None]
        if wizards:
            plural = "s that use" if len(wizards) > 1 else " that uses"
            layout.addWidget(plain_label(f"Guided answer{plural} it:"))
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            for wizard in wizards:
                # wraps rather than widening the window on a small screen
                button = WrapButton(wizard.title, theme.icon("guide"))
                button.setAccessibleName(f"Guided answer: {wizard.question}")
                button.clicked.connect(lambda _=False, w=wizard.id: self.open_wizard.emit(w))
                row.addWidget(button)
                self.buttons.append(button)
            row.addStretch()
            holder = QWidget()
            holder.setLayout(row)
            layout.addWidget(holder)
        return card

    def first_button(self) -> WrapButton | None:
        return self.buttons[0] if self.buttons else None

    def label_texts(self) -> list[str]:
        """Every text the box shows, in order (for tests and screen readers' checks)."""
        return [label.text() for label in self.findChildren(QLabel) if label.isVisibleTo(self)]
