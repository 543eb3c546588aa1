"""The author page's policy, as the reader shows it, where clicking a clause cites it.

A click on a clause's words (or moving the text cursor into it and pressing Enter or Space)
emits `toggled("policy#clause")`; the page decides what that does (cite, or stop citing). Cited
clauses are drawn bold on a tinted band, so they stand out without colour alone.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QTextCursor, QTextFormat
from PySide6.QtWidgets import QComboBox, QLabel, QTextBrowser, QTextEdit, QVBoxLayout, QWidget

from guidance_app.core.content.model import Policy, School
from guidance_app.core.render.html import clause_anchor, policy_html
from guidance_app.ui import theme
from guidance_app.ui.pages.reader_page import anchor_positions
from guidance_app.ui.reading import open_web_link, reading_pane

_CLAUSE = clause_anchor("")  # every clause's anchor starts so
_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


class ClauseBrowser(QTextBrowser):
    """A reading pane that reports where it was clicked (a click, not a drag that chose words
    to copy, nor a click on a web link) or where Enter or Space was pressed.

    Its own methods, not an event filter: a filter written in Python is called while the
    window is being destroyed, after its Python side is gone."""

    chosen = Signal(int)  # the position in the text

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        point = event.position().toPoint()
        if (
            event.button() == Qt.MouseButton.LeftButton
            and not self.textCursor().hasSelection()
            and not self.anchorAt(point)
        ):
            self.chosen.emit(self.cursorForPosition(point).position())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.chosen.emit(self.textCursor().position())
            return
        super().keyPressEvent(event)


class CitingPolicy(QWidget):
    """One school's policies (a chooser when it has several), one shown at a time."""

    toggled = Signal(str)  # "policy-id#clause-id"

    def __init__(self, school: School, colours: theme.Colours) -> None:
        super().__init__()
        self.school = school
        self.colours = colours
        self.policy: Policy | None = None
        self.cited: tuple[str, ...] = ()
        self._starts: list[int] = []  # where each anchor starts, in order
        self._names: list[str] = []  # the anchor starting there

        self.chooser = QComboBox()
        self.chooser.setAccessibleName("Which of your school's policies to show")
        for policy in school.policies:
            self.chooser.addItem(policy.title, policy.id)
        self.chooser.setVisible(len(school.policies) > 1)
        self.chooser.currentIndexChanged.connect(lambda _i: self._show_chosen())
        hint = QLabel(
            "Click the clause this answer rests on to cite it (or move to it and press "
            "Enter); click it again to stop citing it. Cited clauses are shaded here and "
            "listed beside."
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.browser = reading_pane(
            ClauseBrowser(), "Your policy: click a clause to cite it", colours
        )
        self.browser.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.browser.anchorClicked.connect(open_web_link)
        self.browser.chosen.connect(lambda position: self._toggle(self.clause_at(position)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chooser)
        layout.addWidget(hint)
        layout.addWidget(self.browser, stretch=1)
        self._show_chosen()

    def _show_chosen(self) -> None:
        policy = self.school.policy(str(self.chooser.currentData()))
        if policy is None:
            self.browser.setPlainText("Your school has no policy in the app yet.")
            self.policy, self._starts, self._names = None, [], []
            return
        self.policy = policy
        self.browser.setHtml(policy_html(policy))
        anchors = sorted(
            (start, name) for name, start in anchor_positions(self.browser.document()).items()
        )
        self._starts = [start for start, _ in anchors]
        self._names = [name for _, name in anchors]
        self.mark(self.cited)

    def show_clause(self, ref: str) -> None:
        """Show the policy holding a cited clause, scrolled to it."""
        policy_id, _, clause_id = ref.partition("#")
        index = self.chooser.findData(policy_id)
        if index >= 0:
            self.chooser.setCurrentIndex(index)
            self.browser.scrollToAnchor(clause_anchor(clause_id))

    # -- which clause is where --------------------------------------------------------------
    def clause_at(self, position: int) -> str | None:
        """The `policy#clause` whose words are at a position of the text, if any (a heading
        or the title is no clause)."""
        index = bisect.bisect_right(self._starts, position) - 1
        if self.policy is None or index < 0 or not self._names[index].startswith(_CLAUSE):
            return None
        return f"{self.policy.id}#{self._names[index][len(_CLAUSE) :]}"

    def clause_span(self, clause_id: str) -> tuple[int, int] | None:
        """Where a clause's words start and end in the text."""
        name = clause_anchor(clause_id)
        if name not in self._names:
            return None
        index = self._names.index(name)
        end = (
            self._starts[index + 1] - 1
            if index + 1 < len(self._starts)
            else self.browser.document().characterCount() - 1
        )
        return self._starts[index], end

    def clause_rect(self, clause_id: str) -> QRect | None:
        """Where a clause's first words are drawn in the viewport (for a click)."""
        span = self.clause_span(clause_id)
        if span is None:
            return None
        self.browser.scrollToAnchor(clause_anchor(clause_id))
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(min(span[0] + 2, span[1]))
        return self.browser.cursorRect(cursor)

    # -- citing ------------------------------------------------------------------------------
    def mark(self, cited: tuple[str, ...]) -> None:
        """Draw the cited clauses of the policy shown: bold, on a band."""
        self.cited = cited
        selections = []
        for ref in cited:
            policy_id, _, clause_id = ref.partition("#")
            span = (
                self.clause_span(clause_id) if self.policy and policy_id == self.policy.id else None
            )
            if span is None:
                continue
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.browser.document())
            cursor.setPosition(span[0])
            cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format.setBackground(QColor(self.colours.accent_soft))
            selection.format.setFontWeight(QFont.Weight.Bold)
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selections.append(selection)
        self.browser.setExtraSelections(selections)

    def _toggle(self, ref: str | None) -> None:
        if ref is not None:
            self.toggled.emit(ref)
