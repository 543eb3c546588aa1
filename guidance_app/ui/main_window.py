"""The first window: schools and their policies on the left, the chosen policy on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QMainWindow,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
)

from guidance_app.core.model import Library, Policy
from guidance_app.core.render import policy_html

_POLICY_ROLE = Qt.ItemDataRole.UserRole


class MainWindow(QMainWindow):
    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.setWindowTitle("Policy Guidance")
        self.resize(1100, 720)

        self.library_tree = QTreeWidget()
        self.library_tree.setHeaderHidden(True)
        self.library_tree.setAccessibleName("Schools and policies")
        self.library_tree.itemActivated.connect(self._open_item)
        self.library_tree.currentItemChanged.connect(lambda item, _previous: self._open_item(item))

        self.reader = QTextBrowser()
        self.reader.setAccessibleName("Policy text")
        self.reader.setOpenLinks(False)  # links open only on an explicit click, in the browser
        self.reader.document().setDocumentMargin(18)
        self.reader.document().setDefaultStyleSheet(
            "h1 { font-size: 20pt; } h2 { font-size: 15pt; margin-top: 14px; }"
            " h3 { font-size: 13pt; } p { margin-bottom: 8px; } .facts { color: #555; }"
        )

        splitter = QSplitter()
        splitter.addWidget(self.library_tree)
        splitter.addWidget(self.reader)
        splitter.setSizes([320, 780])
        self.setCentralWidget(splitter)
        self._fill_tree()

    def _fill_tree(self) -> None:
        for school in self.library.schools:
            school_item = QTreeWidgetItem([school.name])
            for policy in school.policies:
                policy_item = QTreeWidgetItem([policy.title])
                policy_item.setData(0, _POLICY_ROLE, (school.id, policy.id))
                school_item.addChild(policy_item)
            self.library_tree.addTopLevelItem(school_item)
            school_item.setExpanded(True)
        first_school = self.library_tree.topLevelItem(0)
        first_policy = first_school.child(0) if first_school is not None else None
        if first_policy is not None:
            self.library_tree.setCurrentItem(first_policy)

    def _open_item(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        ref = item.data(0, _POLICY_ROLE)
        if not ref:
            return
        school = self.library.school(ref[0])
        policy = school.policy(ref[1]) if school else None
        if policy is not None:
            self.open_policy(policy)

    def open_policy(self, policy: Policy) -> None:
        school = self.library.school(policy.school_id)
        self.setWindowTitle(f"{policy.title} — {school.name if school else ''} — Policy Guidance")
        self.reader.setHtml(policy_html(policy))
        self.current_policy = policy
