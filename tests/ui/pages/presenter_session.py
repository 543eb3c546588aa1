"""Presenter mode on the screens a test process cannot have: run by test_presenter_screens.py in a
subprocess whose Qt platform gives it the screens wanted (offscreen with a screen file, or a bare
X server with no window manager). F5 through the real main window, then every step of the deck
for every school, then the trainer's notes with keys sent wherever the system sends them (the
focus window). Prints what it saw as JSON; the test judges.

    python -m tests.ui.pages.presenter_session
"""

from __future__ import annotations

import contextlib
import json
from functools import partial
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication, QScreen, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from guidance_app.core.content.loader import load_library
from guidance_app.core.guidance.outcome import outcome_for
from guidance_app.core.training.self_check import CHECK_CHOICES
from guidance_app.ui.app import create_app
from guidance_app.ui.main_window import MainWindow
from guidance_app.ui.pages.presenter import PresenterWindow
from guidance_app.ui.settings import Settings
from tests.helpers import CONTENT
from tests.ui.conftest import DECK
from tests.ui.privacy_session import wait_until


def _rect(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def _on_screen(widget: Any) -> QRect:
    """Where a widget is, in screen coordinates."""
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def _fills(presenter: PresenterWindow, screen: QScreen) -> bool:
    return presenter.isVisible() and presenter.geometry() == screen.geometry()


def _words(text: str) -> str:
    return " ".join(text.split())


def _cut(document: QTextDocument, width: int, height: int) -> list[str]:
    """The text of every block of the slide not wholly inside its viewport (none, if it fits)."""
    cut = []
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        box = layout.blockBoundingRect(block)
        if block.text().strip() and (box.bottom() > height or box.right() > width):
            cut.append(block.text())
        block = block.next()
    return cut


def _keys_go_to_the_slides(presenter: PresenterWindow) -> dict[str, Any]:
    """PageDown and PageUp sent where the system sends keys: do they move the slides?"""
    start = presenter.position
    focus = QGuiApplication.focusWindow()
    if focus is not None:
        QTest.keyClick(focus, Qt.Key.Key_PageDown)
    moved = presenter.position
    if focus is not None:
        QTest.keyClick(focus, Qt.Key.Key_PageUp)
    return {
        "focus": focus.objectName() if focus is not None else None,
        "advanced": moved == start + 1,
        "back": presenter.position == start,
    }


def _steps(presenter: PresenterWindow, school: str) -> list[dict[str, Any]]:
    """Every slide of the deck in turn, Next by Next (a long answer has more than one). A
    self-check option or a quoted clause counts as shown only if it is whole on one slide of its
    step."""
    library = presenter.library
    seen: list[dict[str, Any]] = []
    texts: dict[int, list[str]] = {}
    while True:
        slide = presenter.slide
        viewport = slide.viewport()
        document = slide.document()
        texts.setdefault(presenter.position, []).append(_words(slide.toPlainText()))
        seen.append(
            {
                "school": school,
                "step": presenter.position,
                "part": presenter.part,
                "view": presenter.view,
                "points": getattr(slide, "points", None),  # what it shrank to
                "slide": _rect(_on_screen(viewport)),
                "document": [document.size().width(), document.size().height()],
                "viewport": [viewport.width(), viewport.height()],
                "scroll": slide.verticalScrollBar().maximum(),
                "cut": _cut(document, viewport.width(), viewport.height()),
            }
        )
        at = (presenter.position, presenter.part)
        presenter.next()
        QApplication.processEvents()
        if (presenter.position, presenter.part) == at:
            break  # the last slide
    for record in seen:
        scenario = presenter.deck.scenarios[presenter.steps[record["step"]].scenario]
        wanted = [label for _, label in CHECK_CHOICES] if record["view"] == "question" else []
        if record["view"] == "answer":
            outcome = outcome_for(library, school, scenario.situation)
            wanted = [_words(quote.clause.text) for quote in outcome.quotes]
        shown = texts[record["step"]]
        record["missing"] = [w for w in wanted if not any(_words(w) in text for text in shown)]
    return seen


def main() -> int:
    app = create_app()
    library = load_library(CONTENT).library
    window = MainWindow(library, Settings())
    home = QGuiApplication.primaryScreen()
    window.move(home.availableGeometry().topLeft())
    window.show()
    window.activateWindow()
    wait_until(window.isVisible, "the main window")
    report: dict[str, Any] = {"screens": [_rect(s.geometry()) for s in app.screens()]}
    steps: list[dict[str, Any]] = []
    for school in library.schools:
        window.choose_school(school.id)
        presenter = window.present(DECK)
        assert presenter is not None
        screen = presenter.screen()
        with contextlib.suppress(SystemExit):  # if it never does, the test says what it was
            wait_until(partial(_fills, presenter, screen), "the presenter to fill its screen", 20)
        if not report.get("presenter"):  # the first school's: the window as it opened
            report["presenter"] = _rect(presenter.geometry())
            report["screen"] = _rect(screen.geometry())
            report["available"] = _rect(screen.availableGeometry())
            report["full_screen"] = presenter.isFullScreen()
        steps.extend(_steps(presenter, school.id))
        presenter.close()
        wait_until(window.isVisible, "the main window back")
    report["steps"] = steps

    presenter = window.present(DECK)
    assert presenter is not None
    wait_until(presenter.isVisible, "the presenter")
    wait_until(lambda: QGuiApplication.focusWindow() is not None, "a window with the keys", 20)
    if not presenter.notes.isVisible():  # with two screens they open with the slides
        QTest.keyClick(QGuiApplication.focusWindow(), Qt.Key.Key_N)
    wait_until(presenter.notes.isVisible, "the trainer's notes")
    for _ in range(3):  # the window system's answers to showing the notes (focus, if taken)
        QApplication.processEvents()
    notes = presenter.notes
    report["notes"] = {
        "two_screens": getattr(presenter, "two_screens", None),
        "notes": _rect(_on_screen(notes)),
        "notes_screen": notes.screen().name(),
        "presenter_screen": presenter.screen().name(),
        "slide": _rect(_on_screen(presenter.slide)),
        "keys": _keys_go_to_the_slides(presenter),
    }
    if report["notes"]["two_screens"]:  # a key pressed in the notes window (after a click there)
        start = presenter.position
        QTest.keyClick(presenter.notes_window, Qt.Key.Key_PageDown)
        report["notes"]["forwarded"] = presenter.position == start + 1
    focus = QGuiApplication.focusWindow()
    if focus is not None:
        QTest.keyClick(focus, Qt.Key.Key_Escape)
    report["left"] = not presenter.isVisible() and not presenter.notes.isVisible()
    print(json.dumps(report))
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
