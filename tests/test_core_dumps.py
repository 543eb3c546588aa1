"""Nothing typed is left in a crash file: the app turns core dumps off for itself (soft and hard
limit 0) before anything else, in the window and on the command line. Each test starts the real app
as a process, from a test process that allows core dumps, and reads the app's /proc/PID/limits."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import private_env

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/PID/limits (Linux)")


@pytest.fixture(autouse=True)
def core_dumps_allowed() -> Iterator[None]:
    """Core dumps on for the processes started here, so that only the app can have turned them
    off (tests/conftest.py keeps in-process calls of `main` from turning them off for good)."""
    import resource

    before = resource.getrlimit(resource.RLIMIT_CORE)
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    except (ValueError, OSError):
        if before[1] == 0:
            pytest.skip("core dumps are off for good (hard limit 0) in this test run")
        resource.setrlimit(resource.RLIMIT_CORE, (before[1], before[1]))
    yield
    resource.setrlimit(resource.RLIMIT_CORE, before)


def _env(tmp_path: Path) -> dict[str, str]:
    """The app's own home, settings, cache and data folders, offscreen."""
    return private_env(tmp_path)


def _script(name: str) -> str:
    path = Path(sysconfig.get_path("scripts")) / name
    if not path.is_file():
        pytest.skip(f"the {name} launcher is not installed here (pip install -e .)")
    return str(path)


def _core_limit(pid: int) -> list[str]:
    """[soft, hard] of "Max core file size" in /proc/PID/limits."""
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max core file size"):
            return line.removeprefix("Max core file size").split()[:2]
    raise AssertionError(f"no core file size in /proc/{pid}/limits")


def _wait_for_qt(process: subprocess.Popen[str]) -> None:
    """Until the app has loaded Qt's platform plugin, well after its first line."""
    maps = Path(f"/proc/{process.pid}/maps")
    while "libqoffscreen" not in maps.read_text():
        if process.poll() is not None:
            _out, errors = process.communicate()
            raise AssertionError(f"the app ended early ({process.returncode}): {errors}")
        time.sleep(0.05)  # polls for the condition; not a guess at how long it takes


@pytest.mark.parametrize("launcher", ["python -m guidance_app", "guidance-app-gui"])
def test_the_window_runs_with_core_dumps_off(tmp_path: Path, launcher: str) -> None:
    if launcher == "guidance-app-gui":
        command = [_script("guidance-app-gui")]
    else:
        command = [sys.executable, "-m", "guidance_app"]
    with subprocess.Popen(
        [*command, "--school", "westhaven"],
        env=_env(tmp_path),
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as app:
        try:
            _wait_for_qt(app)
            assert _core_limit(app.pid) == ["0", "0"]
        finally:
            app.kill()
    assert _core_limit(os.getpid()) != ["0", "0"]  # the test's own limit was not the reason


def test_a_command_runs_with_core_dumps_off(tmp_path: Path) -> None:
    with subprocess.Popen(
        [_script("guidance-app"), "schools"],
        env=_env(tmp_path),
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
    ) as command:
        assert command.stdout is not None
        listed = command.stdout.read()  # to the end: the command has finished, not yet reaped
        limit = _core_limit(command.pid)  # so /proc still has it
    assert command.returncode == 0 and "westhaven" in listed
    assert limit == ["0", "0"]
