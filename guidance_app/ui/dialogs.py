"""The two dialogs shown at start: choosing your school (first run) and content problems."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from guidance_app.core.content.model import School
from guidance_app.ui.kiosk import copy_to_clipboard


class ChooseSchoolDialog(QDialog):
    """First run: which school's policies should the app answer from? Remembered per user."""

    def __init__(self, schools: Sequence[School], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose your school")
        self.setAccessibleName("Choose your school")
        self.setMinimumWidth(460)
        title = QLabel("Welcome. Which school do you work at?")
        title.setObjectName("pageTitle")
        title.setWordWrap(True)
        hint = QLabel(
            "Answers will come from your school's own policies. You can change this later "
            "from the bar at the top of the window."
        )
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        self.schools = QListWidget()
        self.schools.setAccessibleName("Schools")
        for school in schools:
            item = QListWidgetItem(school.name)
            item.setData(Qt.ItemDataRole.UserRole, school.id)
            self.schools.addItem(item)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Use this school")
        ok.setIcon(QIcon())
        ok.setObjectName("primary")
        ok.setAccessibleName("Use this school")
        ok.setEnabled(False)
        self.schools.currentItemChanged.connect(lambda item, _old: ok.setEnabled(item is not None))
        self.schools.itemActivated.connect(lambda _item: self.accept())
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.schools)
        layout.addWidget(self.buttons)
        self.schools.setFocus()

    @property
    def school_id(self) -> str | None:
        item = self.schools.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None


class ReportDialog(QDialog):
    """A summary and a list of lines to read (and copy), closed with Close or Esc."""

    def __init__(
        self, title: str, summary: str, lines: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.resize(720, 380)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.details = QPlainTextEdit("\n".join(lines))
        self.details.setReadOnly(True)
        self.details.setAccessibleName("The list, one item per line")
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(
            "Copy the list", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setAccessibleName("Copy the list")
        self.copy_button.clicked.connect(lambda: copy_to_clipboard(self.details.toPlainText()))
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, stretch=1)
        layout.addWidget(buttons)


class ProblemsDialog(ReportDialog):
    """Every problem found at start (content or this computer's settings file), once, each with
    file:line:col."""

    def __init__(self, lines: Sequence[str], parent: QWidget | None = None) -> None:
        count = len(lines)
        super().__init__(
            "Some files could not be used",
            f"<b>{count} problem{'s' if count != 1 else ''} in the policy library or this "
            "computer's settings.</b> Everything else has loaded and works. Please pass this "
            "list on to whoever looks after the app (it says which file and line to fix).",
            lines,
            parent,
        )
        self.setAccessibleName("Content problems")
        self.details.setAccessibleName("The problems, one per line")
        self.copy_button.setAccessibleName("Copy the list of problems")
