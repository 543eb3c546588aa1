"""A large library's index built by two worker processes: exactly the results of a one-process
build, updated the same way afterwards, and a killed worker or app leaves no broken index."""

from __future__ import annotations

import multiprocessing
import os
import select
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library
from guidance_app.core.search import SearchEngine, parallel
from tests.core.search.test_index_updates import (
    _add_change_remove,
    _answers,
    _open,
    _policies,
    _policy,
)
from tests.helpers import REPO, write_library

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the index is built by forked workers on Linux"
)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = write_library(tmp_path / "content")
    for number in range(12):
        (_policies(root) / f"policy-{number}.md").write_text(_policy(number), encoding="utf-8")
    return root


@pytest.fixture
def two_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Even this small library is built by two workers (as 1,000 policies are)."""
    monkeypatch.setattr(parallel, "PARALLEL_FROM_DOCUMENTS", 0)
    monkeypatch.setattr(parallel, "CORES", 2)


def _one_process_answers(content: Path, cache_dir: Path) -> list[object]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parallel, "PARALLEL_FROM_DOCUMENTS", 10**9)
        with _open(content, cache_dir) as engine:
            assert _segments(engine) == 1
            return _answers(engine)


def _library(content: Path) -> Library:
    return load_library(content).library


def _segments(engine: SearchEngine) -> int:
    return len(list(engine._index.reader().leaf_readers()))


def _index_folders(cache: Path) -> list[Path]:
    return [p for p in (cache / "search").iterdir() if not p.name.startswith(".")]


def test_a_parallel_build_gives_exactly_what_a_one_process_build_gives(
    content: Path, cache: Path, tmp_path: Path, two_workers: None
) -> None:
    calls: list[tuple[int, int]] = []
    engine = SearchEngine.open(
        _library(content), progress=lambda done, total: calls.append((done, total))
    )
    with engine:
        assert _segments(engine) == 2, "two workers should each have written a segment"
        assert engine.notice is None
        parallel_answers = _answers(engine)
    assert parallel_answers == _one_process_answers(content, tmp_path / "one-process")
    assert calls[-1][0] == calls[-1][1] > 0
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    folder = _index_folders(cache)[0]
    assert not [p for p in folder.iterdir() if p.is_dir()], "the workers' folders are gone"
    with _open(content) as engine:  # opened as it is next time, the manifest checked
        assert not engine.updated
        assert _answers(engine) == parallel_answers


def test_a_parallel_built_index_updates_exactly_as_a_rebuild(
    content: Path, cache: Path, tmp_path: Path, two_workers: None
) -> None:
    with _open(content) as engine:
        assert _segments(engine) == 2
    _add_change_remove(content)
    with _open(content) as engine:
        assert engine.updated
        updated = _answers(engine)
    assert updated == _one_process_answers(content, tmp_path / "one-process")


def test_a_worker_killed_mid_build_leaves_the_build_to_one_process(
    content: Path, cache: Path, tmp_path: Path, two_workers: None
) -> None:
    killed: list[int] = []

    def kill_a_worker(done: int, total: int) -> None:
        workers = multiprocessing.active_children()
        if not killed and workers:
            killed.append(workers[0].pid or 0)
            os.kill(workers[0].pid or 0, signal.SIGKILL)

    with SearchEngine.open(_library(content), progress=kill_a_worker) as engine:
        assert killed, "a worker should have been killed part-way"
        assert engine.notice is None, "the index is still built on disk, in one process"
        assert _segments(engine) == 1
        answers = _answers(engine)
    assert answers == _one_process_answers(content, tmp_path / "one-process")
    assert len(_index_folders(cache)) == 1
    assert not [p for p in (cache / "search").iterdir() if p.name.startswith(".build-")]


_KILLED_APP = """
import multiprocessing, os, signal, sys
from pathlib import Path
from guidance_app.core.content.loader import load_library
from guidance_app.core.search import SearchEngine, parallel

parallel.PARALLEL_FROM_DOCUMENTS = 0
parallel.CORES = 2

def die(done: int, total: int) -> None:
    print(*(worker.pid for worker in multiprocessing.active_children()), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

SearchEngine.open(load_library(Path(sys.argv[1])).library, progress=die)
print("not killed")
"""


def _ends(pid: int) -> bool:
    """Whether the process `pid` (not a child of ours) ends within a minute."""
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        poller = select.poll()
        poller.register(handle, select.POLLIN)
        return bool(poller.poll(60_000))
    finally:
        os.close(handle)


@pytest.mark.usefixtures("two_workers")
def test_an_app_killed_mid_parallel_build_takes_its_workers_and_leaves_no_index(
    content: Path, cache: Path, tmp_path: Path
) -> None:
    run = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_KILLED_APP), str(content)],
        cwd=REPO,
        env={**os.environ, "GUIDANCE_APP_CACHE_DIR": str(cache)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == -signal.SIGKILL, run.stdout + run.stderr
    workers = [int(pid) for pid in run.stdout.split()]  # still running (one may be done)
    assert workers, run.stdout + run.stderr
    assert all(_ends(pid) for pid in workers), "the workers should end with the app"
    assert not _index_folders(cache), "a killed build must not leave an index in place"
    with _open(content) as engine:  # rebuilt whole; the abandoned build is no longer held
        assert not engine.updated
        assert engine.notice is None
        assert _answers(engine) == _one_process_answers(content, tmp_path / "one-process")
    assert not [p for p in (cache / "search").iterdir() if p.name.startswith(".build-")]
