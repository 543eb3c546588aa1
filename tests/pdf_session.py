"""Save a slip as a PDF through the real window, as the "Save as PDF…" buttons do, minus the dialog.

Run by tests/test_no_network.py under strace, so that every system call of a real save is seen:

    python -m tests.pdf_session slip OUT.pdf        # a guided answer's outcome slip
    python -m tests.pdf_session self-check OUT.pdf  # the self-check's completion slip
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from guidance_app.core.content.loader import load_library
from guidance_app.core.locations import bundled_content_dir
from guidance_app.ui.app import create_app
from guidance_app.ui.main_window import MainWindow

SCHOOL = "westhaven"


def main(what: str, out: Path) -> int:
    app = create_app()
    window = MainWindow(load_library(bundled_content_dir()).library)
    window.choose_school(SCHOOL)
    window.show()
    if what == "slip":
        window.open_wizard("friend-request")
        page = window.wizard_page
        assert page is not None
        while not page.session.finished:
            QTest.mouseClick(page.option_buttons()[0], Qt.MouseButton.LeftButton)
        page.save_pdf(out)  # what the "Save as PDF…" button calls with the chosen file
    elif what == "self-check":
        deck = window.library.decks[0]
        window.open_self_check(deck.id)
        check = window.self_check
        assert check is not None
        while not check.finished:
            QTest.mouseClick(check.choices[0], Qt.MouseButton.LeftButton)
            QTest.mouseClick(check.next_button, Qt.MouseButton.LeftButton)
        QTest.keyClicks(check.name, "Sam Taylor")
        check.save_pdf(out)  # what the "Save slip as PDF…" button calls with the chosen file
    else:
        raise SystemExit(f"unknown slip {what!r}: slip or self-check")
    window.close()
    app.processEvents()
    print(f"saved {what} to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2])))
