"""`make screenshots`: PNGs of every screen, light and dark, for people to look at.

    python dev_tools/screenshots.py [OUT_DIR]      (default: build/screenshots)

GUIDANCE_APP_SCREENSHOTS=author shoots only the Edit answers screens (e.g. at several sizes).

Each look runs in its own process (the look is chosen when the app starts). Uses Qt's offscreen
platform unless QT_QPA_PLATFORM says otherwise (e.g. `xcb` under xvfb-run). Settings and the
search index go to a temporary folder, so nothing of the user's is touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCREENS = (
    "home",
    "search",
    "reader",
    "question",
    "outcome",
    "compare",
    "self-check",
    "problems",
    "kiosk",
    "author-list",
    "author-page",
)


def shoot(out: Path, look: str) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QWidget

    from guidance_app.core.content.loader import load_library
    from guidance_app.core.locations import bundled_content_dir
    from guidance_app.ui.app import create_app, problem_lines
    from guidance_app.ui.background import wait_for_background
    from guidance_app.ui.main_window import MainWindow

    create_app()

    def settle() -> None:
        for _ in range(30):
            wait_for_background()
            QCoreApplication.processEvents()

    def wait_until(condition: Callable[[], bool], seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit("timed out waiting for the app")
            QCoreApplication.processEvents()
            time.sleep(0.01)

    def save(widget: QWidget, name: str) -> None:
        settle()
        path = out / f"{name}-{look}.png"
        widget.grab().save(str(path))
        print(path)

    if os.environ.get("GUIDANCE_APP_SCREENSHOTS") == "author":  # only the author screens
        authoring(save)
        return
    library = load_library(bundled_content_dir()).library
    window = MainWindow(library)
    window.show()
    window.choose_school("wilnecote")
    window.start_search()
    wait_until(lambda: window.engine is not None)
    save(window, "home")
    window.home.search_box.setText("student added me on instagram")
    window.home.search_now()
    wait_until(lambda: window.home.last_results is not None)
    save(window, "search")
    results = window.home.last_results
    assert results is not None and results.hits, "the search found nothing"
    clause = next(h for h in results.hits if h.kind == "section")
    window.open_hit(clause, results.highlight)
    save(window, "reader")
    window.open_wizard("friend-request")
    save(window, "question")
    assert window.wizard_page is not None
    window.wizard_page.choose_number(1)  # a friend or follow request
    window.wizard_page.choose_number(2)  # someone who used to be a pupil
    window.wizard_page.choose_number(1)  # still of school age
    save(window, "outcome")
    window.open_wizard("pupil-online")
    window.wizard_page.choose_number(2)  # a nude image: the app's own national-guidance steps
    save(window, "outcome-app-advice")
    window.open_compare("friend-request/ex-pupil/adult")
    save(window, "compare")
    if library.decks:
        window.open_self_check(library.decks[0].id)
        save(window, "self-check")
        if look == "light":  # presenter mode has one high-contrast look
            presenter(window, save)

    with tempfile.TemporaryDirectory() as folder:
        broken = Path(folder) / "content"
        shutil.copytree(bundled_content_dir(), broken)
        (broken / "wizards" / "photos.yaml").write_text("title: [unclosed\n", encoding="utf-8")
        rulings = broken / "schools" / "westhaven" / "rulings.yaml"
        rulings.write_text(
            rulings.read_text(encoding="utf-8").replace("binding: must", "bindng: must", 1),
            encoding="utf-8",
        )
        result = load_library(broken)
        damaged = MainWindow(result.library)
        damaged.show()
        damaged.after_show(problem_lines(result.problems))
        assert damaged.problems_dialog is not None
        wait_until(lambda: damaged.engine is not None)
        save(damaged.problems_dialog, "problems")
        damaged.close()
    # a shared staff-room machine: school pinned by IT, kiosk mode, just cleared after idle time
    from guidance_app.core.machine.deployment import load_deployment
    from guidance_app.ui.settings import Settings

    deployment = load_deployment({"school": "stokes-wood", "kiosk_idle_minutes": "5"})
    kiosk = MainWindow(library, Settings(deployment))
    kiosk.show()
    kiosk.open_wizard("friend-request")
    kiosk.clear_for_next_person()
    save(kiosk, "kiosk")
    kiosk.close()
    window.close()
    authoring(save)


def authoring(save: Callable[..., None]) -> None:
    """Edit answers on a copy of the library: the school's situations (one marked to do, one
    under review), and one situation's page with a clause cited and a step being written."""
    from PySide6.QtCore import Qt

    from guidance_app.core.content.loader import load_library
    from guidance_app.core.content.ruling_writer import mark_needs_review, write_ruling
    from guidance_app.core.locations import bundled_content_dir
    from guidance_app.core.machine.deployment import load_deployment
    from guidance_app.ui.main_window import MainWindow
    from guidance_app.ui.settings import Settings

    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        shutil.copytree(bundled_content_dir(), content)
        rulings = content / "schools" / "westhaven" / "rulings.yaml"
        write_ruling(rulings, "friend-request/pupil", {"to_do": True})
        mark_needs_review(
            rulings, ["friend-request/pupil/relative"], "Social Media Policy 2.3 changed"
        )
        settings = Settings(load_deployment({"school": "westhaven", "edit_answers": "on"}))
        window = MainWindow(load_library(content).library, settings)
        window.show()
        listing = window.open_author_list()
        assert listing is not None, window.statusBar().currentMessage()
        save(window, "author-list")
        row = next(
            item.data(0, Qt.ItemDataRole.UserRole)
            for item in listing.rows()
            if item.data(0, Qt.ItemDataRole.UserRole).key == "friend-request/pupil"
        )
        page = window.open_situation(row)
        assert page is not None
        page.toggle_citation("social-media-and-networking#4.1.4")
        page.form.action.setPlainText("Decline the request and tell the DSL today.")
        page.form.binding.setCurrentIndex(page.form.binding.findData("must"))
        page.form.steps.setPlainText("Decline the request.\nTell the DSL.")
        page.form.tell_boxes["dsl"].setChecked(True)
        page.policy.show_clause("social-media-and-networking#4.1.4")
        save(window, "author-page")
        page.save()  # nothing is left unsaved to ask about as the window closes
        window.close()


def presenter(window: object, save: Callable[..., None]) -> None:
    """Presenter mode filling this screen: a question, its reveal (every slide of it), all
    schools side by side."""
    from guidance_app.ui.pages.presenter import PresenterWindow

    assert hasattr(window, "library") and hasattr(window, "school_id")
    shown = PresenterWindow(window.library, window.library.decks[0], window.school_id)
    shown.start()
    save(shown, "presenter-question")
    shown.next()
    for part in range(len(shown.parts)):
        save(shown, "presenter-reveal" + (f"-{part + 1}" if part else ""))
        shown.next()
    shown.previous()
    shown.toggle_compare()
    save(shown, "presenter-side-by-side")
    shown.close()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "build" / "screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    if os.environ.get("GUIDANCE_APP_SCREENSHOT_LOOK"):
        shoot(out, os.environ["GUIDANCE_APP_SCREENSHOT_LOOK"])
        return 0
    with tempfile.TemporaryDirectory() as private:
        for look in ("light", "dark"):
            env = {
                **os.environ,
                "GUIDANCE_APP_SCREENSHOT_LOOK": look,
                "GUIDANCE_APP_THEME": look,
                "GUIDANCE_APP_CONFIG_DIR": str(Path(private) / "config"),
                "GUIDANCE_APP_SYSTEM_CONFIG": str(Path(private) / "system.ini"),
                "GUIDANCE_APP_CACHE_DIR": str(Path(private) / "cache"),
            }
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
            subprocess.run([sys.executable, __file__, str(out)], env=env, check=True)
    print(f"{len(list(out.glob('*.png')))} screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
