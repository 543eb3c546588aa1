"""The first window lists the schools and opens a policy as readable text."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from guidance_app.core.loader import load_library
from guidance_app.ui.main_window import MainWindow
from tests.helpers import CONTENT


def test_lists_every_school_and_opens_a_policy(qtbot: QtBot) -> None:
    library = load_library(CONTENT).library
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    tree = window.library_tree
    names = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert names == [s.name for s in library.schools]
    westhaven = next(
        i
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0) == "Westhaven School"
    )
    tree.setCurrentItem(tree.topLevelItem(westhaven).child(0))
    text = window.reader.toPlainText()
    assert "Social Media and Networking Policy" in text
    assert "Colleagues at the school must not accept pupils as friends" in text
