"""Grab the first window to a PNG (used while developing; run under Xvfb or offscreen)."""

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
    window.show()

    def grab() -> None:
        window.grab().save(str(out))
        app.quit()

    QTimer.singleShot(500, grab)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
