"""The main window: choose your school; guided answers and policies on the left; the chosen
guided answer or policy on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guidance_app.core.model import Library, Policy
from guidance_app.core.render import clause_anchor, policy_html
from guidance_app.ui.wizard_page import WizardPage

_ITEM_ROLE = Qt.ItemDataRole.UserRole
GUIDED_ANSWERS = "Guided answers"


class MainWindow(QMainWindow):
    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.current_policy: Policy | None = None
        self.wizard_page: WizardPage | None = None
        self.setWindowTitle("Policy Guidance")
        self.resize(1100, 760)

        self.school_box = QComboBox()
        self.school_box.setAccessibleName("Your school")
        for school in library.schools:
            self.school_box.addItem(school.name, school.id)
        school_label = QLabel("Your &school:")
        school_label.setBuddy(self.school_box)
        self.school_box.currentIndexChanged.connect(self._school_changed)

        self.library_tree = QTreeWidget()
        self.library_tree.setHeaderHidden(True)
        self.library_tree.setAccessibleName("Guided answers and policies")
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
        self.stack = QStackedWidget()
        self.stack.addWidget(self.reader)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        top = QHBoxLayout()
        top.addWidget(school_label)
        top.addWidget(self.school_box, stretch=1)
        left_layout.addLayout(top)
        left_layout.addWidget(self.library_tree)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setSizes([340, 760])
        self.setCentralWidget(splitter)
        self._fill_tree()

    @property
    def school_id(self) -> str:
        return str(self.school_box.currentData())

    def _fill_tree(self) -> None:
        self.library_tree.clear()
        answers = QTreeWidgetItem([GUIDED_ANSWERS])
        for wizard in sorted(self.library.wizards, key=lambda w: (w.order, w.id)):
            item = QTreeWidgetItem([wizard.question])
            item.setToolTip(0, wizard.title)
            item.setData(0, _ITEM_ROLE, ("wizard", wizard.id))
            answers.addChild(item)
        self.library_tree.addTopLevelItem(answers)
        answers.setExpanded(True)
        school = self.library.school(self.school_id)
        if school is not None:
            policies = QTreeWidgetItem([f"{school.short_name} policies"])
            for policy in school.policies:
                item = QTreeWidgetItem([policy.title])
                item.setData(0, _ITEM_ROLE, ("policy", policy.id))
                policies.addChild(item)
            self.library_tree.addTopLevelItem(policies)
            policies.setExpanded(True)
            first = policies.child(0)
            if first is not None:
                self.library_tree.setCurrentItem(first)

    def _school_changed(self) -> None:
        self._fill_tree()

    def _open_item(self, item: QTreeWidgetItem | None) -> None:
        ref = item.data(0, _ITEM_ROLE) if item is not None else None
        if not ref:
            return
        kind, identifier = ref
        if kind == "wizard":
            self.open_wizard(identifier)
        else:
            school = self.library.school(self.school_id)
            policy = school.policy(identifier) if school else None
            if policy is not None:
                self.open_policy(policy)

    def open_wizard(self, wizard_id: str) -> None:
        wizard = self.library.wizard(wizard_id)
        if wizard is None:
            return
        if self.wizard_page is not None:
            self.stack.removeWidget(self.wizard_page)
            self.wizard_page.deleteLater()
        self.wizard_page = WizardPage(self.library, wizard, self.school_id)
        self.wizard_page.open_clause.connect(self.open_clause)
        self.stack.addWidget(self.wizard_page)
        self.stack.setCurrentWidget(self.wizard_page)
        self.setWindowTitle(f"{wizard.title} — Policy Guidance")

    def open_policy(self, policy: Policy) -> None:
        school = self.library.school(policy.school_id)
        self.setWindowTitle(f"{policy.title} — {school.name if school else ''} — Policy Guidance")
        self.reader.setHtml(policy_html(policy))
        self.current_policy = policy
        self.stack.setCurrentWidget(self.reader)

    def open_clause(self, policy_id: str, clause_id: str) -> None:
        """Show a policy of the active school at one clause (from a quoted citation)."""
        school = self.library.school(self.school_id)
        policy = school.policy(policy_id) if school else None
        if policy is None:
            return
        self.open_policy(policy)
        self.reader.scrollToAnchor(clause_anchor(clause_id))
