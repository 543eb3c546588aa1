"""The main window opened as the app opens it (remembered geometry restored, then shown) on a
screen of a given size, measured against that screen. Run by tests/ui/test_window_fit.py in a
subprocess, because Qt's screen is fixed when the application starts: the test gives Qt's
offscreen platform a screen of the size wanted (`offscreen:configfile=...`).

    python -m tests.ui.fit_session [--resize WxH]

Prints JSON: the screen's available area, the window's frame, each top-bar control's place on
the screen, and for each page shown (Home, a guided answer's question and outcome, the
self-check, compare) whether its controls are in view, and whether they can be scrolled into
view. With --resize the window is resized and closed, so its size is remembered as on quitting.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QCoreApplication, QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QScrollArea, QWidget

from guidance_app.core.content.loader import load_library
from guidance_app.core.locations import bundled_content_dir
from guidance_app.ui.app import create_app
from guidance_app.ui.main_window import MainWindow
from guidance_app.ui.settings import Settings

SCHOOL = "westhaven"


def settle() -> None:
    for _ in range(10):
        QCoreApplication.processEvents()


def on_screen(widget: QWidget) -> list[int]:
    """The widget's rectangle in screen coordinates, as [x, y, width, height]."""
    corner = widget.mapToGlobal(QPoint(0, 0))
    return [corner.x(), corner.y(), widget.width(), widget.height()]


def controls(page: QWidget) -> list[QWidget]:
    """The page's visible controls a user operates."""
    return [
        widget
        for widget in page.findChildren(QWidget)
        if isinstance(widget, (QAbstractButton, QComboBox, QLineEdit)) and widget.isVisible()
    ]


def _scroll_areas(widget: QWidget) -> list[QScrollArea]:
    """The scroll areas the widget is inside, innermost first."""
    found = []
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            found.append(parent)
        parent = parent.parentWidget()
    return found


def _seen(widget: QWidget) -> bool:
    """Whether the whole widget is in view: inside the window and every scroll area's view."""
    rect = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
    window = widget.window()
    views = [QRect(window.mapToGlobal(QPoint(0, 0)), window.size())] + [
        QRect(area.viewport().mapToGlobal(QPoint(0, 0)), area.viewport().size())
        for area in _scroll_areas(widget)
    ]
    return all(view.contains(rect) for view in views)


def page_report(window: MainWindow, name: str) -> dict[str, object]:
    """For the page shown: its controls in view now, and those that scrolling brings into view
    (each scroll area it is in, innermost first, scrolled to it)."""
    settle()
    page = window.pages.currentWidget()
    for area in _scroll_areas(page) + page.findChildren(QScrollArea):
        area.verticalScrollBar().setValue(0)
        area.horizontalScrollBar().setValue(0)
    settle()
    shown = controls(page)
    in_view = [label(widget) for widget in shown if _seen(widget)]
    reachable = []
    for widget in shown:
        for area in _scroll_areas(widget):
            area.ensureWidgetVisible(widget, 0, 0)
        if _seen(widget):
            reachable.append(label(widget))
    return {
        "page": name,
        "controls": [label(widget) for widget in shown],
        "in_view": in_view,
        "reachable": reachable,
    }


def label(widget: QWidget) -> str:
    return widget.accessibleName() or type(widget).__name__


def main(resize: str | None) -> int:
    create_app()
    library = load_library(bundled_content_dir()).library
    settings = Settings()
    settings.school = SCHOOL
    window = MainWindow(library, settings)
    window.restore_geometry()  # as ui/app.py opens it
    window.show()
    settle()
    if resize:
        width, height = (int(n) for n in resize.split("x"))
        window.resize(width, height)
        settle()
        window.close()  # remembers the size, as on quitting
        settle()
        return 0
    screen = window.screen()
    bar = window.home_button.parentWidget()
    report: dict[str, object] = {
        "available": [*screen.availableGeometry().getRect()],
        "frame": [*window.frameGeometry().getRect()],
        "inside": [*window.geometry().getRect()],
        "bar": {
            name: {"rect": on_screen(widget), "visible": widget.isVisible()}
            for name, widget in (
                ("Home", window.home_button),
                ("Your school", window.school_box),
                ("Compare", window.compare_button),
                ("Present", window.present_button),
            )
        },
        "bar_rect": on_screen(bar),
        "status_bar": on_screen(window.statusBar()),
    }
    pages = [page_report(window, "home")]
    window.open_wizard("friend-request")
    wizard = window.wizard_page
    assert wizard is not None
    pages.append(page_report(window, "question"))
    while not wizard.session.finished:
        wizard.choose_number(1)
    pages.append(page_report(window, "outcome"))
    window.open_self_check(library.decks[0].id)
    check = window.self_check
    assert check is not None
    check.choose("must")
    pages.append(page_report(window, "self-check"))
    window.open_compare()
    pages.append(page_report(window, "compare"))
    report["pages"] = pages
    print(json.dumps(report))
    window.close()
    settle()
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(args[args.index("--resize") + 1] if "--resize" in args else None))
