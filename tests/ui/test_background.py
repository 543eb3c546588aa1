"""The one helper for slow work: results come back on the UI thread, errors are handed over (or
shown to the user when nobody takes them), nothing is delivered to a widget that has gone (a
window closed mid-search), and waiting for background work waits for all of it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from guidance_app.core.errors import SearchIndexError
from guidance_app.ui.background import (
    NewestOnly,
    run_in_background,
    serial_pool,
    wait_for_background,
)


def _settle() -> None:
    assert wait_for_background()
    for _ in range(5):
        QCoreApplication.processEvents()


def test_the_result_and_progress_arrive_on_the_ui_thread(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    seen: list[object] = []

    def work(progress: object) -> str:
        progress(1, 2)  # type: ignore[operator]
        return threading.current_thread().name

    run_in_background(
        owner,
        work,
        lambda name: seen.append(("done", name, threading.current_thread().name)),
        on_progress=lambda done, total: seen.append(("progress", done, total)),
    )
    _settle()
    assert seen[0] == ("progress", 1, 2)
    kind, worker, receiver = seen[1]  # type: ignore[misc]
    assert kind == "done" and worker != receiver == threading.main_thread().name


def test_an_error_is_handed_to_on_failed(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    failures: list[BaseException] = []

    def broken(_progress: object) -> None:
        raise ValueError("the index is locked")

    run_in_background(owner, broken, lambda _: None, failures.append)
    _settle()
    assert [str(f) for f in failures] == ["the index is locked"]


def test_nothing_is_delivered_to_a_widget_that_has_gone() -> None:
    owner = QWidget()
    gate = threading.Event()
    delivered: list[object] = []

    def slow(_progress: object) -> int:
        gate.wait(5)
        return 42

    run_in_background(owner, slow, delivered.append)
    shiboken6.delete(owner)  # the window is closed and destroyed while the work runs
    gate.set()
    _settle()
    assert delivered == []


def _messages() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def _broken(_progress: object) -> None:
    raise SearchIndexError("The search index could not be opened: the disk is full.")


def test_a_failure_nobody_takes_is_shown_over_the_owners_window(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    run_in_background(owner, _broken, lambda _: None)
    _settle()
    shown = _messages()
    assert [box.text() for box in shown] == [
        "The search index could not be opened: the disk is full."
    ]
    assert shown[0].parent() is owner and shown[0].icon() == QMessageBox.Icon.Warning
    shown[0].close()


def test_a_failure_is_shown_even_when_its_window_has_gone() -> None:
    owner = QWidget()
    gate = threading.Event()

    def broken_later(progress: object) -> None:
        gate.wait(5)
        _broken(progress)

    run_in_background(owner, broken_later, lambda _: None)
    shiboken6.delete(owner)
    gate.set()
    _settle()
    shown = _messages()
    assert [box.parent() for box in shown] == [None]
    assert "the disk is full" in shown[0].text()
    shown[0].close()


def _waits_for(pool: QThreadPool) -> None:
    """wait_for_background says work on `pool` is unfinished while it is, then waits for it."""
    owner = QWidget()
    release = threading.Event()
    ended: list[str] = []

    def held(_progress: object) -> None:
        release.wait(30)
        ended.append("ended")

    run_in_background(owner, held, lambda _: None, pool=pool)
    try:
        assert not wait_for_background(50)  # the job is held: it cannot have ended
    finally:
        release.set()
    assert wait_for_background()
    assert ended == ["ended"]
    _settle()


def test_waiting_for_background_work_waits_for_the_serial_search_pool() -> None:
    _waits_for(serial_pool())


def test_newest_only_skips_the_jobs_overtaken_while_waiting_and_runs_the_newest(
    qtbot: QtBot,
) -> None:
    """While one job runs, three are asked for in turn: only the last of them runs, the two
    overtaken never run nor report, and waiting for background work does not wait for them."""
    owner = QWidget()
    qtbot.addWidget(owner)
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    newest = NewestOnly(pool)
    started = threading.Event()
    release = threading.Event()
    ran: list[str] = []
    reported: list[str] = []

    def job(name: str) -> Callable[[object], str]:
        def work(_progress: object) -> str:
            ran.append(name)
            if name == "running":
                started.set()
                release.wait(30)
            return name

        return work

    newest.run(owner, job("running"), reported.append)
    assert started.wait(30)
    try:
        for name in ("first", "second", "third"):
            newest.run(owner, job(name), reported.append)
    finally:
        release.set()
    _settle()
    pool.waitForDone()
    assert ran == ["running", "third"]
    assert reported == ["running", "third"]
    assert (newest.ran, newest.skipped) == (2, 2)


def test_waiting_for_background_work_waits_for_a_pool_of_the_callers_own() -> None:
    pool = QThreadPool()
    _waits_for(pool)
    pool.waitForDone()


_CLOSE_MID_SEARCH = """
import sys, threading
import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtTest import QTest
from guidance_app.core.content.loader import load_library
from guidance_app.core.locations import bundled_content_dir
from guidance_app.ui.app import create_app
from guidance_app.ui.background import wait_for_background
from guidance_app.ui.main_window import MainWindow

app = create_app()
window = MainWindow(load_library(bundled_content_dir()).library)
window.choose_school("westhaven")
window.start_search()
while window.engine is None:
    QCoreApplication.processEvents()
engine = window.engine
search = engine.search
gate = threading.Event()

def slow_search(*args, **kwargs):
    gate.wait()  # the search is still running when the window goes
    return search(*args, **kwargs)

engine.search = slow_search
window.home.search_box.setText("friend request")
window.home.search_now()
threading.Timer(1.0, gate.set).start()  # the search then ends, whatever the UI thread does
window.deleteLater()
QTest.qWait(100)  # the window is destroyed in a Qt wait that holds Python's lock (as qtbot's do)
print("window closed" if not shiboken6.isValid(window) else "window still there", flush=True)
assert wait_for_background()
engine.close()
print("search finished", flush=True)
"""


def test_closing_a_window_during_a_search_does_not_freeze_the_app(tmp_path: Path) -> None:
    """A search pool owned by the window made its destruction wait for the search while holding
    Python's lock, which the search's thread needed to end: the test run froze for good."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "GUIDANCE_APP_CACHE_DIR": str(tmp_path / "cache"),
        "GUIDANCE_APP_CONFIG_DIR": str(tmp_path / "config"),
    }
    result = subprocess.run(
        [sys.executable, "-c", _CLOSE_MID_SEARCH],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,  # only a safety net: the old code never ended at all
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["window closed", "search finished"]
