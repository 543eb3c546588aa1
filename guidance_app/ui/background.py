"""The one helper for slow work off the UI thread (building the index, searching).

    run_in_background(owner, work, on_done, on_failed, on_progress)

`work(progress)` runs on a pool thread; `progress(done, total)` may be called from it. The
callbacks run later on the UI thread, and only while `owner` (the widget that asked) still exists:
a window closed while its search was running must not be handed the result. Errors are passed
to `on_failed` as the exception.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

Progress = Callable[[int, int], None]


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work(self.relay.progress.emit)
        except Exception as exc:  # handed to the UI thread; never lost
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


_running: set[_Relay] = set()  # keeps each relay alive until its job reports
_serial: list[QThreadPool] = []  # the one pool that runs jobs one at a time, made on first use


def serial_pool() -> QThreadPool:
    """A pool for the whole app that runs one job at a time (searches, so a newer one starts
    as soon as the one before ends). It belongs to no widget on purpose: a pool owned by a
    widget is destroyed with it, and its destructor then blocks the UI thread, holding Python's
    lock, until the running job ends, while that job's thread needs the same lock to finish:
    the app froze when a window closed during a search."""
    if not _serial:
        pool = QThreadPool()
        pool.setMaxThreadCount(1)
        _serial.append(pool)
    return _serial[0]


def run_in_background(
    owner: QObject,
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[BaseException], None] | None = None,
    on_progress: Progress | None = None,
    pool: QThreadPool | None = None,
) -> None:
    relay = _Relay()
    _running.add(relay)
    queued = Qt.ConnectionType.QueuedConnection

    def finish(callback: Callable[[Any], None] | None, value: object) -> None:
        _running.discard(relay)
        if callback is not None and shiboken6.isValid(owner):
            callback(value)

    def report(done: int, total: int) -> None:
        if on_progress is not None and shiboken6.isValid(owner):
            on_progress(done, total)

    relay.done.connect(lambda value: finish(on_done, value), queued)
    relay.failed.connect(lambda exc: finish(on_failed, exc), queued)
    relay.progress.connect(report, queued)
    (pool or QThreadPool.globalInstance()).start(_Job(work, relay))


def wait_for_background(timeout_ms: int = 30000) -> bool:
    """Wait for every pool's jobs (tests, shutdown); False if some were still running."""
    return all(pool.waitForDone(timeout_ms) for pool in (QThreadPool.globalInstance(), *_serial))
