"""Start the desktop app: QApplication, the main window, and content problems shown once."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from guidance_app import __version__
from guidance_app.core.errors import ContentNotFoundError
from guidance_app.core.loader import LoadResult, load_library
from guidance_app.ui.main_window import MainWindow


def create_app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Policy Guidance")
    app.setOrganizationName("GuidanceApp")
    app.setApplicationVersion(__version__)
    return app


def show_problems(window: MainWindow, result: LoadResult) -> None:
    """Content problems, all of them, in one dialog after the window is up."""
    if not result.problems:
        return
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Some content could not be loaded")
    count = len(result.problems)
    box.setText(
        f"{count} problem{'s' if count != 1 else ''} in the policy library. "
        "Everything else has loaded and works. Please pass this on to whoever looks "
        "after the app's content."
    )
    box.setDetailedText("\n".join(str(p) for p in result.problems))
    box.setAccessibleName("Content problems")
    box.open()


def run(content: Path) -> int:
    app = create_app()
    try:
        result = load_library(content)
    except ContentNotFoundError as exc:
        QMessageBox.critical(None, "No policy library", str(exc))
        return 2
    window = MainWindow(result.library)
    window.show()
    QTimer.singleShot(0, lambda: show_problems(window, result))
    return app.exec()
