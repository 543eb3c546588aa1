"""The one helper for slow work off the UI thread (building the index, searching).

    run_in_background(owner, work, on_done, on_failed, on_progress, pool)
    NewestOnly(pool).run(owner, work, on_done, on_failed)

`work(progress)` runs on a pool thread; `progress(done, total)` may be called from it. The
callbacks run later on the UI thread, and only while `owner` (the widget that asked) still exists:
a window closed while its search was running must not be handed the result. An error is handed
to `on_failed` as the exception; without `on_failed`, it is shown to the user in a message box,
never dropped. NewestOnly is for work where only the latest request matters (a search as the
user types): a job still waiting when a newer one is asked for is skipped, never run, so stale
work never delays the newest. `wait_for_background` waits for every job started here, on any pool.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

T = TypeVar("T")
Progress = Callable[[int, int], None]


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class _Count:
    """How many jobs have been started here and have not ended, on whichever pool."""

    def __init__(self) -> None:
        self._jobs = 0
        self._changed = threading.Condition()

    def add(self, jobs: int) -> None:
        with self._changed:
            self._jobs += jobs
            self._changed.notify_all()

    def wait_for_none(self, timeout_ms: int) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self._jobs == 0, timeout_ms / 1000)


_unfinished = _Count()


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], object], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def skip(self) -> None:
        """Never run: it reports nothing, and counts as ended (UI thread)."""
        _running.discard(self.relay)
        _unfinished.add(-1)

    def run(self) -> None:
        try:
            result = self.work(self.relay.progress.emit)
        except Exception as exc:  # handed to the UI thread; never lost
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)
        finally:
            _unfinished.add(-1)  # after the emit: the outcome is queued for the UI thread


_running: set[_Relay] = set()  # keeps each relay alive until its job reports
_serial: list[QThreadPool] = []  # the one pool that runs jobs one at a time, made on first use
_failures: set[QMessageBox] = set()  # failure messages on screen (one without a parent needs this)


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


def _show_failure(owner: QObject, error: BaseException) -> QMessageBox:
    """Tell the user some background work failed: a warning over the owner's window if it is
    still there, with the error's own message (the core's errors are written for a teacher)."""
    parent = owner if isinstance(owner, QWidget) and shiboken6.isValid(owner) else None
    message = str(error) or f"An unexpected error happened ({type(error).__name__})."
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Something went wrong",
        message,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _failures.add(box)
    box.finished.connect(lambda _result: _failures.discard(box))
    box.open()
    return box


def _job(
    owner: QObject,
    work: Callable[[Progress], T],
    on_done: Callable[[T], None],
    on_failed: Callable[[BaseException], None] | None,
    on_progress: Progress | None,
) -> _Job:
    relay = _Relay()
    _running.add(relay)
    queued = Qt.ConnectionType.QueuedConnection

    def done(result: T) -> None:
        _running.discard(relay)
        if shiboken6.isValid(owner):
            on_done(result)

    def failed(error: BaseException) -> None:
        _running.discard(relay)
        if on_failed is None:
            _show_failure(owner, error)
        elif shiboken6.isValid(owner):
            on_failed(error)

    def report(done: int, total: int) -> None:
        if on_progress is not None and shiboken6.isValid(owner):
            on_progress(done, total)

    relay.done.connect(done, queued)
    relay.failed.connect(failed, queued)
    relay.progress.connect(report, queued)
    _unfinished.add(1)
    return _Job(work, relay)


def run_in_background(
    owner: QObject,
    work: Callable[[Progress], T],
    on_done: Callable[[T], None],
    on_failed: Callable[[BaseException], None] | None = None,
    on_progress: Progress | None = None,
    pool: QThreadPool | None = None,
) -> None:
    job = _job(owner, work, on_done, on_failed, on_progress)
    (pool or QThreadPool.globalInstance()).start(job)


class _Turn(QRunnable):
    """A place in the pool's queue for NewestOnly: when the pool gets to it, it runs whichever
    job is newest then (or nothing, if an earlier turn already ran that one)."""

    def __init__(self, newest: NewestOnly) -> None:
        super().__init__()
        self.newest = newest

    def run(self) -> None:
        job = self.newest.take()
        if job is not None:
            job.run()


class NewestOnly:
    """At most one job waiting at a time: asking for a new one while another is still waiting
    skips the waiting one (it never runs, and its callbacks are never called); a job already
    running goes on to its end. Only the newest search is worth running when typing has moved on,
    and running each one asked for on the way made the last key's results wait for all of them.
    `ran` and `skipped` count the jobs so far."""

    def __init__(self, pool: QThreadPool) -> None:
        self.pool = pool
        self._lock = threading.Lock()  # the pool's thread takes what the UI thread puts
        self._waiting: _Job | None = None
        self.ran = 0
        self.skipped = 0

    def run(
        self,
        owner: QObject,
        work: Callable[[Progress], T],
        on_done: Callable[[T], None],
        on_failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        job = _job(owner, work, on_done, on_failed, None)
        with self._lock:
            stale, self._waiting = self._waiting, job
        if stale is not None:
            self.skipped += 1
            stale.skip()
        self.pool.start(_Turn(self))

    def take(self) -> _Job | None:
        with self._lock:
            job, self._waiting = self._waiting, None
            if job is not None:
                self.ran += 1
        return job


def wait_for_background(timeout_ms: int = 30000) -> bool:
    """Wait until every job started here has ended, whichever pool runs it (tests, shutdown);
    False if some were still running after `timeout_ms`."""
    return _unfinished.wait_for_none(timeout_ms)
