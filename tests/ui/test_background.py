"""The one helper for slow work: results come back on the UI thread, errors are handed over,
and nothing is delivered to a widget that has gone (a window closed mid-search)."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from guidance_app.ui.background import run_in_background, wait_for_background


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
