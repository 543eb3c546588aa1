"""Compare schools: for one situation, every school's ruling side by side (for trainers and
policy authors)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from guidance_app.core.content.model import Library
from guidance_app.core.guidance.compare import compare_html, situations_by_wizard
from guidance_app.ui import theme
from guidance_app.ui.reading import make_browser, open_web_link


class ComparePage(QWidget):
    back_requested = Signal()

    def __init__(self, library: Library, colours: theme.Colours) -> None:
        super().__init__()
        self.setObjectName("page")
        self.library = library
        self.own_school: str | None = None  # marked in the table
        title = QLabel("Compare schools")
        title.setObjectName("pageTitle")
        hint = QLabel(
            "What each school's own policy says about one situation. Useful for training and "
            "for policy authors; staff should follow their own school's answer."
        )
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        self.situation_box = QComboBox()
        self.situation_box.setAccessibleName("Situation to compare")
        self.situation_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.situation_box.setMinimumContentsLength(30)
        for question, situations in situations_by_wizard(library):
            for key, situation_title in situations:
                self.situation_box.addItem(f"{question} → {situation_title}", key)
        label = QLabel("&Situation:")
        label.setBuddy(self.situation_box)
        self.table = make_browser("Each school's answer", colours)
        self.table.anchorClicked.connect(open_web_link)

        chooser = QHBoxLayout()
        chooser.addWidget(label)
        chooser.addWidget(self.situation_box, stretch=1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(chooser)
        layout.addWidget(self.table, stretch=1)
        self._drawn: str | None = None  # the table is drawn when the page opens, not at start-up
        self.situation_box.currentIndexChanged.connect(self._show)

    @property
    def situation(self) -> str:
        return str(self.situation_box.currentData() or "")

    def show_situation(self, situation: str) -> None:
        index = self.situation_box.findData(situation)
        if index < 0:  # a coarser key, where a skipped question ended: offer it too
            self.situation_box.addItem(self.library.situation_title(situation), situation)
            index = self.situation_box.count() - 1
        self.situation_box.setCurrentIndex(index)
        self._show()

    def set_school(self, school_id: str) -> None:
        """The user's own school, whose column is marked."""
        if school_id != self.own_school:
            self.own_school = school_id
            self._drawn = None
            if self.isVisible():
                self._show()

    def reset(self) -> None:
        """Back to the first situation, not yet drawn (kiosk mode, between people)."""
        self.situation_box.blockSignals(True)
        self.situation_box.setCurrentIndex(0)
        self.situation_box.blockSignals(False)
        self.table.clear()
        self._drawn = None

    def _show(self) -> None:
        if self.situation and self.situation != self._drawn:
            self.table.setHtml(compare_html(self.library, self.situation, self.own_school))
            self._drawn = self.situation
