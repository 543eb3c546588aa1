"""The policy reader: contents on the left, the whole policy on the right, opened at a clause with
the searched words marked; find in page (Ctrl+F, F3, Shift+F3, Esc)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeySequence,
    QShortcut,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtGui import QTextDocument as Doc
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guidance_app.core.content.model import Policy
from guidance_app.core.render.html import clause_anchor, policy_html, section_anchor
from guidance_app.core.search.snippets import highlight_spans
from guidance_app.ui import theme
from guidance_app.ui.reading import make_browser, open_web_link
from guidance_app.ui.widgets import as_written, plain_label

_SECTION = Qt.ItemDataRole.UserRole


class FindBar(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("findBar")
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in this policy")
        self.field.setAccessibleName("Find in this policy")
        self.previous = QPushButton("Previous")
        self.previous.setAccessibleName("Previous match")
        self.next = QPushButton("Next")
        self.next.setAccessibleName("Next match")
        self.count = QLabel()
        self.count.setObjectName("muted")
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close find")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.field, stretch=1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous)
        layout.addWidget(self.next)
        layout.addWidget(self.close_button)


class ReaderPage(QWidget):
    """Emits `back_requested` for the Back button (to the results or the guided answer)."""

    back_requested = Signal()

    def __init__(self, colours: theme.Colours) -> None:
        super().__init__()
        self.setObjectName("page")
        self.colours = colours
        self.policy: Policy | None = None
        self.highlight: frozenset[str] = frozenset()
        self._anchors: dict[str, int] = {}
        self._band: list[QTextEdit.ExtraSelection] = []  # behind the clause opened at
        self._marks: list[QTextEdit.ExtraSelection] = []  # searched words
        self._found: list[QTextEdit.ExtraSelection] = []

        self.back_button = QPushButton(theme.icon("back"), "Back")
        self.back_button.setAccessibleName("Back to where you were")
        self.back_button.clicked.connect(self.back_requested)
        self.title = plain_label()
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, stretch=1)

        self.contents = QTreeWidget()
        self.contents.setHeaderHidden(True)
        self.contents.setAccessibleName("Contents of the policy")
        self.contents.itemActivated.connect(self._go_to_section)
        self.contents.itemClicked.connect(self._go_to_section)
        self.browser = make_browser("Policy text", colours)
        self.browser.anchorClicked.connect(open_web_link)

        self.find_bar = FindBar()
        self.find_bar.hide()
        self.find_bar.field.textChanged.connect(
            lambda _text: self.find_text(forward=True, fresh=True)
        )
        self.find_bar.field.returnPressed.connect(lambda: self.find_text(forward=True))
        self.find_bar.next.clicked.connect(lambda: self.find_text(forward=True))
        self.find_bar.previous.clicked.connect(lambda: self.find_text(forward=False))
        self.find_bar.close_button.clicked.connect(self.close_find)

        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(top)
        layout.addWidget(splitter, stretch=1)
        layout.addWidget(self.find_bar)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, action in (
            (QKeySequence.StandardKey.Find, self.open_find),
            (QKeySequence.StandardKey.FindNext, lambda: self.find_text(forward=True)),
            (QKeySequence.StandardKey.FindPrevious, lambda: self.find_text(forward=False)),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(context)
            shortcut.activated.connect(action)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.find_bar)
        escape.setContext(context)
        escape.activated.connect(self.close_find)

    def reset(self) -> None:
        """Show nothing: no policy, no marks, an empty find bar (kiosk mode, between people)."""
        self.policy = None
        self.highlight = frozenset()
        self._anchors = {}
        self._band, self._marks, self._found = [], [], []
        self.title.clear()
        self.contents.clear()
        self.browser.clear()
        self.browser.clearHistory()
        self.find_bar.field.setText("")
        self.find_bar.hide()

    # -- showing a policy --------------------------------------------------------------------
    def show_policy(
        self, policy: Policy, clause_id: str | None = None, highlight: frozenset[str] = frozenset()
    ) -> None:
        if policy is not self.policy:
            self.policy = policy
            self.title.setText(policy.title)
            self.browser.setHtml(policy_html(policy))
            self._anchors = anchor_positions(self.browser.document())
            self._fill_contents(policy)
        self.highlight = highlight
        self._marks = self._highlight_marks(highlight)
        self._band = self._clause_mark(clause_id) if clause_id else []
        if clause_id:
            cursor = QTextCursor(self.browser.document())
            cursor.setPosition(self._anchors.get(clause_anchor(clause_id), 0))
            self.browser.setTextCursor(cursor)  # keyboard reading starts at the clause
            self._scroll_to_clause(policy, clause_id)
        else:
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        self._apply_marks()

    def _scroll_to_clause(self, policy: Policy, clause_id: str) -> None:
        """Bring the clause into view with its heading above it when the heading is close,
        so the reader sees what the clause is about."""
        document = self.browser.document()
        layout = document.documentLayout()

        def top(anchor: str) -> float | None:
            position = self._anchors.get(anchor)
            if position is None:
                return None
            return layout.blockBoundingRect(document.findBlock(position)).top()

        clause_top = top(clause_anchor(clause_id))
        if clause_top is None:
            return
        clause = policy.clause(clause_id)
        heading_top = top(section_anchor(clause.section_id)) if clause else None
        target = clause_top - 48
        if heading_top is not None and clause_top - heading_top < self.browser.height() / 2:
            target = heading_top - 8
        self.browser.verticalScrollBar().setValue(int(max(0.0, target)))

    def _fill_contents(self, policy: Policy) -> None:
        self.contents.clear()
        parents: dict[str, QTreeWidgetItem] = {}
        for section in policy.sections:
            item = QTreeWidgetItem([section.heading])
            item.setData(0, _SECTION, section.id)
            item.setToolTip(0, as_written(section.heading))
            parent = parents.get(section.parent_id or "")
            if parent is not None:
                parent.addChild(item)
            else:
                self.contents.addTopLevelItem(item)
            parents[section.id] = item
        self.contents.expandAll()

    def _go_to_section(self, item: QTreeWidgetItem) -> None:
        section_id = item.data(0, _SECTION)
        if section_id:
            self.browser.scrollToAnchor(section_anchor(section_id))

    def _selection(self, start: int, end: int, colour: str) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format.setBackground(QColor(colour))
        return selection

    def _highlight_marks(self, highlight: frozenset[str]) -> list[QTextEdit.ExtraSelection]:
        if not highlight:
            return []
        marks = []
        block = self.browser.document().begin()
        while block.isValid():
            base = block.position()
            for start, end in highlight_spans(block.text(), highlight):
                marks.append(self._selection(base + start, base + end, self.colours.mark))
            block = block.next()
        return marks

    def _clause_mark(self, clause_id: str) -> list[QTextEdit.ExtraSelection]:
        """A soft band behind the clause a result or citation pointed to."""
        start = self._anchors.get(clause_anchor(clause_id))
        if start is None:
            return []
        later = [p for p in self._anchors.values() if p > start]
        end = min(later) - 1 if later else self.browser.document().characterCount() - 1
        band = self._selection(start, end, self.colours.accent_soft)
        band.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        return [band]

    def _apply_marks(self) -> None:
        # The clause band first, so that marked words are drawn on top of it.
        self.browser.setExtraSelections(self._band + self._marks + self._found)

    # -- find in page ------------------------------------------------------------------------
    def open_find(self) -> None:
        self.find_bar.show()
        self.find_bar.field.setFocus()
        self.find_bar.field.selectAll()

    def close_find(self) -> None:
        self.find_bar.hide()
        self._found = []
        self._apply_marks()
        self.browser.setFocus()

    def find_text(self, forward: bool, fresh: bool = False) -> bool:
        """Select the next (or previous) match, wrapping round; show 'n matches'."""
        text = self.find_bar.field.text()
        document = self.browser.document()
        self._found = []
        if not text:
            self.find_bar.count.setText("")
            self._apply_marks()
            return False
        cursor = document.find(text, 0)
        while not cursor.isNull():
            self._found.append(
                self._selection(cursor.selectionStart(), cursor.selectionEnd(), self.colours.mark)
            )
            cursor = document.find(text, cursor)
        count = len(self._found)
        self.find_bar.count.setText(
            "No matches" if not count else f"{count} match{'es' if count != 1 else ''}"
        )
        self._apply_marks()
        if not count:
            return False
        if fresh:
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        flags = Doc.FindFlag(0) if forward else Doc.FindFlag.FindBackward
        if not self.browser.find(text, flags):  # wrap round
            self.browser.moveCursor(
                QTextCursor.MoveOperation.Start if forward else QTextCursor.MoveOperation.End
            )
            self.browser.find(text, flags)
        return True


def anchor_positions(document: Doc) -> dict[str, int]:
    """Where each `<a name>` anchor starts in the document."""
    found: dict[str, int] = {}
    block = document.begin()
    while block.isValid():
        for name in block.charFormat().anchorNames():
            found.setdefault(name, block.position())
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            for name in fragment.charFormat().anchorNames():
                found.setdefault(name, fragment.position())
            fragments += 1
        block = block.next()
    return found
