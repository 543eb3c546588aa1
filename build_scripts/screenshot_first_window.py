"""Screenshots of the main window while developing: a policy, a wizard question, an outcome.

Run under Xvfb (`xvfb-run -a python build_scripts/screenshot_first_window.py OUT_DIR`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from guidance_app.core.loader import load_library
from guidance_app.core.locations import bundled_content_dir
from guidance_app.ui.app import create_app
from guidance_app.ui.main_window import MainWindow


def main(out: Path) -> int:
    app = create_app()
    window = MainWindow(load_library(bundled_content_dir()).library)
    window.school_box.setCurrentIndex(window.school_box.findData("westhaven"))
    window.show()
    out.mkdir(parents=True, exist_ok=True)

    def shoot(name: str) -> None:
        app.processEvents()
        window.grab().save(str(out / f"{name}.png"))

    def run() -> None:
        shoot("policy")
        window.open_wizard("friend-request")
        shoot("wizard-question")
        assert window.wizard_page is not None
        window.wizard_page.choose_number(1)
        window.wizard_page.choose_number(2)
        shoot("wizard-outcome")
        app.quit()

    QTimer.singleShot(400, run)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
