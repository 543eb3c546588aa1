"""The bar across the top of the main window: Home, the app's name, your school, Compare and
Present (shown when the library has training decks). The window connects the buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from guidance_app.core.content.model import Library
from guidance_app.ui import theme


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
        self.school_box = QComboBox()
        self.school_box.setAccessibleName("Your school")
        self.school_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.school_box.setMinimumContentsLength(8)
        self.school_box.setMaximumWidth(380)
        for school in library.schools:
            self.school_box.addItem(school.name, school.id)
        school_label = QLabel("Your &school:")
        school_label.setBuddy(self.school_box)
        self.compare_button = QPushButton(theme.icon("compare"), "Compare")
        self.compare_button.setAccessibleName("Compare schools")
        self.compare_button.setToolTip("Compare what each school's policy says")
        self.present_button = QPushButton(theme.icon("guide"), "Present")
        self.present_button.setAccessibleName("Present a training session (F5)")
        self.present_button.setToolTip("F5: presenter mode for induction sessions")
        self.present_button.setVisible(bool(library.decks))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.home_button)
        layout.addSpacing(8)
        layout.addWidget(name)
        layout.addStretch()
        layout.addWidget(school_label)
        layout.addWidget(self.school_box, stretch=1)  # wide enough for the name
        layout.addSpacing(8)
        layout.addWidget(self.compare_button)
        layout.addWidget(self.present_button)
