"""Small widgets the pages share, and content shown as written.

Qt reads a label's or a tooltip's text as rich text when it looks like markup, so a question or a
title holding `<b>` or `&` would be drawn as HTML. Content goes into a `plain_label` (never rich
text), a tooltip through `as_written`, and into rich text only through `html.escape`.
"""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
)


class WrapButton(QPushButton):
    """A large button whose text wraps onto more lines instead of widening the window (a guided
    answer's tile, an answer to a question): long questions must fit a 1024-pixel projector."""

    def __init__(self, text: str, icon: QIcon | None = None, lead: str = "") -> None:
        super().__init__()
        self.label = plain_label(text)
        self.label.setWordWrap(True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(10)
        if lead:  # e.g. the key that picks this answer
            number = QLabel(lead)
            number.setObjectName("buttonLead")
            number.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(number, 0, Qt.AlignmentFlag.AlignVCenter)
        if icon is not None:
            picture = QLabel()
            picture.setPixmap(icon.pixmap(QSize(18, 18)))
            picture.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(picture, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.label, 1)
        self.setAccessibleName(text)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        return self.label.text()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return layout.heightForWidth(width) if layout is not None else super().heightForWidth(width)

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        hint = layout.minimumSize() if layout is not None else super().minimumSizeHint()
        return QSize(min(hint.width(), 220), hint.height())


def plain_label(text: str = "") -> QLabel:
    """A label that shows its text as written, never as rich text."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def clearable(line_edit: QLineEdit, name: str) -> None:
    """Gives the line edit Qt's clear button, named: Qt leaves it unnamed, so a screen reader
    would say only "button"."""
    line_edit.setClearButtonEnabled(True)
    for button in line_edit.findChildren(QToolButton):
        button.setAccessibleName(name)


def as_written(text: str) -> str:
    """`text` for a tooltip, shown as written: as rich text with the markup escaped if Qt would
    take it for rich text, else unchanged."""
    rich = QtGui.Qt.mightBeRichText(text)
    return QtGui.Qt.convertFromPlainText(text) if rich else text


def clear_layout(layout: QBoxLayout) -> None:
    """Remove and delete every widget of a layout (answers, rows) before it is filled again."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()  # at once: deletion waits for the event loop
            widget.deleteLater()
