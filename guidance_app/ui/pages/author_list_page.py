"""Edit answers: every situation of every guided answer for the school, grouped by guided
answer, each with its state in words and colour; a filter box, "only what still needs doing",
and the counts at the top. Arrows move, Enter (or a double click) opens one.

The row at the top holds the school's policy actions beside the title: "Import a policy…" (a
new policy from a document) and "Update a policy…" (a menu of the school's policies: a new
version of one); `import_requested` carries None or the id of the policy replaced.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guidance_app.core.content.model import Library, School
from guidance_app.core.content.rulings import RulingState
from guidance_app.core.guidance.authoring import SituationRow, situation_rows
from guidance_app.ui import theme
from guidance_app.ui.pages.author_states import COUNTED, OPEN_STATES, state_colour, state_words
from guidance_app.ui.widgets import clearable, plain_label

_ROW = Qt.ItemDataRole.UserRole


class AuthorListPage(QWidget):
    """Emits `open_situation(row)` when a situation is opened."""

    open_situation = Signal(object)  # SituationRow
    # A policy document to bring in: None for a new policy, else the id of the one it replaces.
    import_requested = Signal(object)

    def __init__(self, library: Library, school: School, colours: theme.Colours) -> None:
        super().__init__()
        self.setObjectName("page")
        self.library, self.school, self.colours = library, school, colours
        title = plain_label(f"Edit answers: {school.name}")
        title.setObjectName("sectionTitle")
        self.toolbar = QHBoxLayout()  # the lead's policy actions go here, beside the title
        self.toolbar.addWidget(title, stretch=1)
        self.import_button = QPushButton(theme.icon("policy"), "Import a policy…")
        self.import_button.setAccessibleName("Import a policy from a Word, PDF or text file")
        self.import_button.setToolTip(
            "Bring in one of your school's policies (.docx, .pdf, .txt or .md) as a new policy"
        )
        self.import_button.clicked.connect(lambda: self.import_requested.emit(None))
        self.toolbar.addWidget(self.import_button)
        self.update_button = QPushButton("Update a policy…")
        self.update_button.setAccessibleName("Update a policy with its new version")
        self.update_button.setToolTip(
            "Bring in a new version of a policy: what changed is listed, and the answers "
            "that cite a changed clause are marked needs review"
        )
        updates = QMenu(self.update_button)
        for policy in school.policies:
            action = updates.addAction(f"{policy.title}…")
            action.triggered.connect(lambda _=False, p=policy.id: self.import_requested.emit(p))
        self.update_button.setMenu(updates)
        self.update_button.setEnabled(bool(school.policies))
        self.toolbar.addWidget(self.update_button)
        self.counts = plain_label()
        self.counts.setObjectName("authorCounts")
        about = QLabel(
            "Each situation is one way a guided answer can end. Write what your school's "
            "policy says for each one: staff are given it as soon as you save."
        )
        about.setObjectName("hint")
        about.setWordWrap(True)
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter situations, e.g. photo")
        self.filter_box.setAccessibleName("Filter situations")
        clearable(self.filter_box, "Clear the filter")
        self.filter_box.textChanged.connect(lambda _text: self._filter())
        self.open_only = QCheckBox("Show only to do and needs review")
        self.open_only.setAccessibleName("Show only situations to do or needing review")
        self.open_only.toggled.connect(lambda _on: self._filter())
        filters = QHBoxLayout()
        filters.addWidget(self.filter_box, stretch=1)
        filters.addWidget(self.open_only)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Situation", "State"])
        self.tree.setAccessibleName("Situations: press Enter to write the answer for one")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._activated)
        hint = QLabel("Arrow keys move; Enter opens a situation to write its answer.")
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(self.toolbar)
        layout.addWidget(about)
        layout.addWidget(self.counts)
        layout.addLayout(filters)
        layout.addWidget(self.tree, stretch=1)
        layout.addWidget(hint)
        self.refresh()

    def refresh(self) -> None:
        """Read the states again (after a save), keeping the situation chosen."""
        chosen = self.current_key()
        self.tree.clear()
        counted: Counter[RulingState] = Counter()
        seen: set[str] = set()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for wizard, rows in situation_rows(self.library, self.school.id):
            group = QTreeWidgetItem([wizard.question, ""])
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for row in rows:
                if row.key not in seen:  # a situation two guided answers share counts once
                    counted[row.state] += 1
                    seen.add(row.key)
                item = QTreeWidgetItem([row.title, state_words(row)])
                item.setData(0, _ROW, row)
                item.setToolTip(0, row.key)
                item.setForeground(1, QBrush(QColor(state_colour(self.colours, row.state))))
                if row.state in OPEN_STATES:
                    item.setFont(1, bold)
                group.addChild(item)
                if row.key == chosen:
                    self.tree.setCurrentItem(item)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(1)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        self.counts.setText(
            ", ".join(
                f"{counted[state]} {one if counted[state] == 1 else more}"
                for state, one, more in COUNTED
                if counted[state]
            )
        )
        self._filter()

    def groups(self) -> list[QTreeWidgetItem]:
        """The guided answers' headings, in order."""
        found = (self.tree.topLevelItem(n) for n in range(self.tree.topLevelItemCount()))
        return [group for group in found if group is not None]

    def rows(self, group: QTreeWidgetItem | None = None) -> list[QTreeWidgetItem]:
        """The situations' items (of one guided answer, or all), in order."""
        found: list[QTreeWidgetItem] = []
        for heading in [group] if group is not None else self.groups():
            children = (heading.child(n) for n in range(heading.childCount()))
            found.extend(child for child in children if child is not None)
        return found

    def current_key(self) -> str | None:
        item = self.tree.currentItem()
        row = item.data(0, _ROW) if item is not None else None
        return row.key if isinstance(row, SituationRow) else None

    def _filter(self) -> None:
        words = self.filter_box.text().strip().lower().split()
        only_open = self.open_only.isChecked()
        for group in self.groups():
            shown = 0
            for item in self.rows(group):
                row: SituationRow = item.data(0, _ROW)
                text = f"{row.title} {row.key} {group.text(0)}".lower()
                hide = (only_open and row.state not in OPEN_STATES) or not all(
                    word in text for word in words
                )
                item.setHidden(hide)
                shown += not hide
            group.setHidden(shown == 0)
        current = self.tree.currentItem()
        if current is None or current.isHidden() or current.data(0, _ROW) is None:
            visible = [item for item in self.rows() if not item.isHidden()]
            if visible:
                self.tree.setCurrentItem(visible[0])

    def _activated(self, item: QTreeWidgetItem) -> None:
        row = item.data(0, _ROW)
        if isinstance(row, SituationRow):
            self.open_situation.emit(row)

    def focus_list(self) -> None:
        self.tree.setFocus()
