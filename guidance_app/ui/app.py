"""Start the desktop app: the window first, then (after it is on screen) content problems, the
school choice on first run, and the search index opened in the background."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from guidance_app import __version__
from guidance_app.core.content.loader import load_library
from guidance_app.core.errors import ContentNotFoundError, Problem
from guidance_app.core.machine.deployment import Deployment
from guidance_app.ui import theme
from guidance_app.ui.background import wait_for_background
from guidance_app.ui.main_window import APP_NAME, MainWindow
from guidance_app.ui.settings import ORGANISATION, Settings

EXIT_WAIT_MS = 15000
STARTUP_PROBE = "GUIDANCE_APP_STARTUP_PROBE"  # set by `make bench`: print when shown, then quit


def create_app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("policy-guidance")  # matches the Linux menu entry (Wayland app id)
    theme.apply(app)
    return app


def problem_lines(problems: Sequence[Problem]) -> list[str]:
    """Content problems as the command line prints them: `file:line:col: message`."""
    return [p.format() for p in problems]


def startup_problems(settings: Settings, content_problems: Sequence[Problem]) -> list[str]:
    """What the problems dialog shows once the window is up: IT's settings (a refused flag, a
    settings file that cannot be read), the user's preferences file, then the content."""
    lines = problem_lines(settings.deployment.problems)
    if settings.store_problem:
        lines.append(settings.store_problem)
    return lines + problem_lines(content_problems)


def run(content: Path, deployment: Deployment | None = None) -> int:
    app = create_app()
    settings = Settings(deployment)
    try:
        result = load_library(content)
    except ContentNotFoundError as exc:
        QMessageBox.critical(None, "No policy library", str(exc))
        return 2
    window = MainWindow(result.library, settings)
    window.restore_geometry()
    window.show()
    window.raise_()
    window.activateWindow()  # keys go to the app at once, even with no window manager (kiosks)
    if os.environ.get(STARTUP_PROBE):
        QTimer.singleShot(0, lambda: (print(f"shown {time.time():.6f}", flush=True), app.quit()))
        return app.exec()
    problems = startup_problems(settings, result.problems)
    QTimer.singleShot(0, lambda: window.after_show(problems))
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: theme.apply(app))
    status = app.exec()
    wait_for_background(EXIT_WAIT_MS)  # an index build still running finishes cleanly
    return status
