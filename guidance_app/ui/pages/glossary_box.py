"""The glossary's box above the search results: what a term the search names means, in the app's
own words (marked as such, never passed off as the policy's), with buttons for the guided
answers that use it. It shows even where the school's policy never uses the term."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

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


class GlossaryBox(QScrollArea):
    """Empty and hidden until `show_terms` is given terms. Emits `open_wizard(id)`.

    As tall as its words need, but never more than half the page it is on: on a small screen
    (800x600) it scrolls rather than squeezing its words or pushing the results out of sight."""

    open_wizard = Signal(str)

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.terms: tuple[GlossaryTerm, ...] = ()
        self.buttons: list[WrapButton] = []
        self.inner = QWidget()
        self.inner.setObjectName("page")
        self.rows = QVBoxLayout(self.inner)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(6)
        self.setWidget(self.inner)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a container: Tab goes to its buttons
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.hide()

    def sizeHint(self) -> QSize:
        width = max(self.viewport().width(), 200)
        height = self.inner.heightForWidth(width) if self.inner.hasHeightForWidth() else -1
        height = height if height > 0 else self.inner.sizeHint().height()
        return QSize(super().sizeHint().width(), height)

    def event(self, event: QEvent) -> bool:
        parent = self.parentWidget()
        if event.type() == QEvent.Type.ParentChange and parent is not None:
            parent.installEventFilter(self)
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if parent is not None and watched is parent and event.type() == QEvent.Type.Resize:
            self.setMaximumHeight(max(parent.height() // 2, 80))
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # words re-flow: a new height for the new width

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
        self.verticalScrollBar().setValue(0)
        self.updateGeometry()

    def _card(self, term: GlossaryTerm) -> QFrame:
        card = QFrame()
        card.setObjectName("statusCard")
        card.setAccessibleName(f"What {term.term} means: {APP_WORDS.lower()}")
        layout = QVBoxLayout(card)
        layout.setSpacing(4)
        title = plain_label(heading(term))
        title.setObjectName("glossaryTerm")
        title.setWordWrap(True)
        source = plain_label(APP_WORDS)  # the app's words, never passed off as the policy's
        source.setObjectName("hint")
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(source, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
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
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            plural = "s that use" if len(wizards) > 1 else " that uses"
            row.addWidget(plain_label(f"Guided answer{plural} it:"))
            for wizard in wizards:
                # wraps rather than widening the window on a small screen
                button = WrapButton(wizard.title, theme.icon("guide"))
                button.setAccessibleName(f"Guided answer: {wizard.question}")
                button.clicked.connect(lambda _=False, w=wizard.id: self.open_wizard.emit(w))
                row.addWidget(button)
                self.buttons.append(button)
            row.addStretch()
            layout.addLayout(row)
        return card

    def first_button(self) -> WrapButton | None:
        return self.buttons[0] if self.buttons else None

    def label_texts(self) -> list[str]:
        """Every text the box shows, in order (for tests and screen readers' checks)."""
        return [label.text() for label in self.findChildren(QLabel) if label.isVisibleTo(self)]
