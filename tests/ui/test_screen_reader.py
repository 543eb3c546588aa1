"""A real screen-reader check: the app started as a user starts it (`python -m guidance_app`) on
an X server (Xvfb) with its own D-Bus session bus and Qt's accessibility bridge on, and read from
outside its process through AT-SPI, as Orca reads it (tests/ui/screen_reader_probe.py, run with
the system python, where Debian's python3-pyatspi lives).

On every screen (Home, search results, a guided answer's question and outcome, the policy
reader, compare, the self-check before and after an answer) every control shown has a role and a
name; one guided answer is completed by AT-SPI actions alone, and its outcome, read through the
Text interface, gives the school's rule in the policy's own words.

Needs the system packages xvfb, dbus, at-spi2-core, python3-pyatspi and gir1.2-atspi-2.0; .ci/run
installs them when missing. Skipped, saying which, only where they are missing outside CI.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.helpers import REPO, private_env

SYSTEM_PYTHON = "/usr/bin/python3"
PROBE = Path(__file__).with_name("screen_reader_probe.py")
BUS_LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
PACKAGES = "xvfb dbus at-spi2-core python3-pyatspi gir1.2-atspi-2.0"
SCREENS = (
    "home",
    "search results",
    "question",
    "outcome",
    "reader",
    "compare",
    "self-check",
    "self-check answered",
)
# Only a safety net for a hung process: every wait inside ends as soon as its condition holds.
START_S = 120
PROBE_S = 1800
ATTEMPTS = 8  # see the known fault in the test (about one read in three crashes on a busy machine)


def _missing() -> list[str]:
    """What of the system's screen-reader stack is not installed."""
    missing = [tool for tool in ("Xvfb", "dbus-daemon") if shutil.which(tool) is None]
    if not BUS_LAUNCHER.exists():
        missing.append(str(BUS_LAUNCHER))
    pyatspi = [SYSTEM_PYTHON, "-I", "-c", "import pyatspi"]
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(pyatspi, capture_output=True).returncode:
        missing.append(f"pyatspi for {SYSTEM_PYTHON}")
    return missing


def _read_line(stream: int, what: str) -> str:
    """The first line a starting process writes, as soon as it does."""
    data = b""
    while not data.endswith(b"\n"):
        ready, _, _ = select.select([stream], [], [], START_S)
        chunk = os.read(stream, 4096) if ready else b""
        if not chunk:
            pytest.fail(f"{what} did not start: it wrote {data!r}")
        data += chunk
    return data.decode().strip()


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _start(stack: ExitStack, args: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
    """Starts a process that is stopped when the test ends, however it ends."""
    process = subprocess.Popen(args, **kwargs)  # type: ignore[call-overload]
    stack.callback(_stop, process)
    return process  # type: ignore[no-any-return]


@pytest.fixture
def session(tmp_path: Path) -> Iterator[tuple[dict[str, str], ExitStack]]:
    """An environment with its own X display and D-Bus session bus (both stopped at the end),
    private folders, and Qt's accessibility bridge on."""
    missing = _missing()
    if missing:
        message = f"needs {', '.join(missing)} (apt-get install {PACKAGES}; .ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(f"CI should have installed these: {message}")
        pytest.skip(message)
    env = private_env(tmp_path)
    for key in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "AT_SPI_BUS_ADDRESS"):
        env.pop(key, None)
    with ExitStack() as stack:
        # Xvfb picks a free display itself and says which once it is ready
        read_end, write_end = os.pipe()
        stack.callback(os.close, read_end)
        x_server = ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1366x768x24"]
        _start(stack, [*x_server, "-nolisten", "tcp"], pass_fds=(write_end,), env=env)
        os.close(write_end)
        env["DISPLAY"] = ":" + _read_line(read_end, "Xvfb")
        # the session bus starts the accessibility bus (at-spi-bus-launcher) when first asked;
        # that launcher and its registry leave when this bus goes
        bus = ["dbus-daemon", "--session", "--nofork", "--print-address=1"]
        daemon = _start(stack, bus, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert daemon.stdout is not None
        env["DBUS_SESSION_BUS_ADDRESS"] = _read_line(daemon.stdout.fileno(), "dbus-daemon")
        env.update(
            QT_QPA_PLATFORM="xcb",
            QT_ACCESSIBILITY="1",
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        )
        yield env, stack


def _read_the_app(
    stack: ExitStack, env: dict[str, str], app_log: Path
) -> tuple[subprocess.CompletedProcess[str], bool, str]:
    """Start the app and read it with the probe: the probe's run, whether the app was still
    running at the end, and what both said."""
    with app_log.open("wb") as log:
        app = _start(
            stack,
            [sys.executable, "-m", "guidance_app", "--school", "westhaven"],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    probe_env = {key: value for key, value in env.items() if not key.startswith("PYTHON")}
    try:
        probe = subprocess.run(
            [SYSTEM_PYTHON, "-I", "-B", str(PROBE), str(app.pid)],
            env=probe_env,
            capture_output=True,
            text=True,
            timeout=PROBE_S,
        )
    finally:
        still_running = app.poll() is None
    if still_running:
        _stop(app)
    said = f"probe: {probe.stderr}\napp ({app.returncode}): {app_log.read_text(errors='replace')}"
    return probe, still_running, said


def test_a_screen_reader_finds_every_control_named_and_can_complete_a_guided_answer(
    session: tuple[dict[str, str], ExitStack], tmp_path: Path
) -> None:
    env, stack = session
    # The search index is built first, as on any machine after its first start.
    warm_up = [sys.executable, "-m", "guidance_app", "search", "friend", "--school", "westhaven"]
    built = subprocess.run(warm_up, cwd=REPO, env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    # A KNOWN, OPEN FAULT, not what this test checks: Qt's AT-SPI bridge (PySide6 6.11) can
    # crash the app (SIGSEGV in QAccessibleCache::idForObject, answering a screen reader's
    # request for an object already deleted) about one run in five here, as a guided answer
    # opens. The test reads the app afresh after such a crash, up to ATTEMPTS times, and warns
    # of every crash; it fails if no attempt gets through.
    crashes: list[str] = []
    for attempt in range(ATTEMPTS):
        probe, still_running, said = _read_the_app(stack, env, tmp_path / f"app-{attempt}.log")
        if still_running:
            break
        crashes.append(said[-600:])
    for crash in crashes:
        warnings.warn(f"the app crashed while a screen reader read it: {crash}", stacklevel=1)
    assert still_running, f"the app stopped every time ({ATTEMPTS}) while being read; {said}"
    assert probe.returncode == 0, said
    report = json.loads(probe.stdout)

    assert list(report["screens"]) == list(SCREENS)
    for screen, controls in report["screens"].items():
        assert controls, f"{screen}: no controls found"
        unnamed = [c for c in controls if not c["role"] or not c["name"].strip()]
        assert not unnamed, f"{screen}: controls a screen reader cannot name: {unnamed}"

    # the outcome, as the screen reader reads it: the rule, and the policy's own words
    outcome = report["outcome"]
    assert "A friend or follow request from a current pupil" in outcome
    assert "Must: this is a rule" in outcome
    assert "friendships/friend requests must be declined" in outcome
