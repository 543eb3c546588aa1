"""The bar across the top of the main window: Home, the app's name, your school, Edit answers
(shown only when this user may), Compare and Present (shown when the library has training
decks). The window connects the buttons.

In a narrow window (800 pixels) the app's name gives way first, so that every control stays in
the window; the window's title still names the app."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from guidance_app.core.content.model import Library
from guidance_app.ui import theme

SCHOOL_BOX_PADDING = 48  # the school box's frame and arrow, beside its text


class TopBar(QWidget):
    def __init__(self, app_name: str, library: Library) -> None:
        super().__init__()
        self.setObjectName("topBar")
        # A QWidget subclass draws its stylesheet background only when asked to.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.home_button = QPushButton(theme.icon("home"), "Home")
        self.home_button.setAccessibleName("Home: search and guided answers")
        self.home_button.setToolTip("Alt+Home")
        name = QLabel(app_name)
        name.setObjectName("appName")
        name.setMinimumWidth(1)  # it is hidden, not squeezed: see _fit_name
        self.app_name = name
        self.school_box = QComboBox()
        self.school_box.setAccessibleName("Your school")
        self.school_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.school_box.setMinimumContentsLength(8)
        self.school_box.setMaximumWidth(380)
        for school in library.schools:
            self.school_box.addItem(school.name, school.id)
        self.school_box.currentIndexChanged.connect(lambda _index: self._fit_name(self.width()))
        school_label = QLabel("Your &school:")
        school_label.setBuddy(self.school_box)
        self.compare_button = QPushButton(theme.icon("compare"), "Compare")
        self.compare_button.setAccessibleName("Compare schools")
        self.compare_button.setToolTip("Compare what each school's policy says")
        self.present_button = QPushButton(theme.icon("guide"), "Present")
        self.present_button.setAccessibleName("Present a training session (F5)")
        self.present_button.setToolTip("F5: presenter mode for induction sessions")
        self.present_button.setVisible(bool(library.decks))
        self.edit_button = QPushButton("Edit answers…")
        self.edit_button.setAccessibleName("Edit your school's answers")
        self.edit_button.setToolTip("Write what your school's policy says for each situation")
        self.edit_button.hide()  # shown only when this user may edit answers here
        layout = self.bar_layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.home_button)
        layout.addSpacing(8)
        layout.addWidget(name)
        layout.addStretch()
        layout.addWidget(school_label)
        layout.addWidget(self.school_box, stretch=1)  # wide enough for the name
        layout.addSpacing(8)
        layout.addWidget(self.edit_button)
        layout.addWidget(self.compare_button)
        layout.addWidget(self.present_button)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_name(event.size().width())

    def _fit_name(self, width: int) -> None:
        """Show the app's name only if the bar has room for it beside every control, the
        school's name shown whole. The width wanted is worked out the same whether the name is
        shown or not, so showing or hiding it never changes the answer."""
        box = self.school_box
        whole = box.fontMetrics().horizontalAdvance(box.currentText()) + SCHOOL_BOX_PADDING
        wanted = self.bar_layout.sizeHint().width()
        wanted += max(0, min(whole, box.maximumWidth()) - box.sizeHint().width())
        if self.app_name.isHidden():
            wanted += self.app_name.sizeHint().width() + max(self.bar_layout.spacing(), 0)
        self.app_name.setVisible(width >= wanted)
