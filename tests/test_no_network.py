"""The app makes no network connection: the whole self-test (content, index, search, a guided
answer, the main window) passes with socket creation blocked, and in a machine with no network; and,
watched system call by system call (strace), neither the self-test nor saving a handout, the
questions for the policy owner or a slip as a PDF makes a single socket call or loads Qt's print
support; nor does reading a school's PDF policy to import it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.helpers import REPO
from tests.pdf_fixtures import policy_blocks, write_policy_pdf

# Runs in the child: every socket the process tries to create or resolve raises, then the
# self-test runs; afterwards Qt's networking must not have been loaded. (Python's urllib.request
# is: Whoosh's compat module imports urlretrieve, which nothing calls; any use would be caught.)
BLOCKED_SELF_TEST = """
import sys

BLOCKED = {"socket.__new__", "socket.getaddrinfo", "socket.gethostbyname", "socket.connect",
           "socket.bind", "http.client.connect", "urllib.Request", "ftplib.connect"}
attempts = []

def no_network(event, args):
    if event in BLOCKED:
        attempts.append(event)
        raise OSError(f"network blocked by the test: {event}")

sys.addaudithook(no_network)
import socket
try:
    socket.socket(socket.AF_INET, socket.SOCK_STREAM)
except OSError:
    print("socket creation is blocked")
attempts.clear()

from guidance_app.cli import main
status = main(["--self-test"])
loaded = [m for m in ("PySide6.QtNetwork",) if m in sys.modules]
print("network attempts:", attempts, "network modules:", loaded)
sys.exit(status or bool(attempts) or bool(loaded))
"""


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "GUIDANCE_APP_CACHE_DIR": str(tmp_path / "cache"),
        "GUIDANCE_APP_CONFIG_DIR": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }


def test_the_self_test_passes_with_socket_creation_blocked(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCKED_SELF_TEST],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "socket creation is blocked" in result.stdout  # the block itself works
    assert "self-test passed" in result.stdout
    assert "network attempts: [] network modules: []" in result.stdout


def _can_unshare() -> bool:
    if sys.platform != "linux" or shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_unshare(), reason="needs Linux network namespaces (unshare -rn)")
def test_the_self_test_passes_in_a_network_namespace_with_no_network(tmp_path: Path) -> None:
    """Also catches a connection made below Python (by Qt itself): there is no network at all."""
    result = subprocess.run(
        ["unshare", "-rn", sys.executable, "-m", "guidance_app", "--self-test"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout


# --- system call by system call ----------------------------------------------------------------

# `PID name(...` or `PID <... name resumed>`: one system call in a `strace -f -o FILE` trace.
_SYSCALL = re.compile(r"^\d+\s+(?:<\.\.\. )?(\w+)[( ]")
_DECK = "social-media-and-you"


@pytest.fixture
def strace() -> str:
    found = shutil.which("strace")
    if found is None:
        pytest.skip("strace is not installed (Debian/Ubuntu: apt-get install strace)")
    tried = subprocess.run([found, "-f", "-o", os.devnull, "true"], capture_output=True, text=True)
    if tried.returncode != 0:
        pytest.skip(f"strace cannot trace here (ptrace denied?): {tried.stderr.strip()}")
    return found


def _traced_env(tmp_path: Path) -> dict[str, str]:
    """The child's own home and runtime folder, and no session bus or display inherited from a
    developer's desktop (offscreen Qt needs neither, and makes no socket call without them), so the
    same run is judged on every machine and no call is whitelisted. CUPS_SERVER names a print
    server: anything asking the print system, even for a PDF, would connect to it and be seen."""
    env = {
        key: value
        for key, value in _env(tmp_path).items()
        if not key.startswith(("XDG_", "DBUS_")) and key not in ("DISPLAY", "WAYLAND_DISPLAY")
    }
    for folder in ("home", "runtime"):
        (tmp_path / folder).mkdir(mode=0o700)
    env.update(
        HOME=str(tmp_path / "home"),  # unset, user lookups would ask nscd over a socket
        XDG_RUNTIME_DIR=str(tmp_path / "runtime"),  # no session bus socket in it
        CUPS_SERVER="127.0.0.1:631",
        PYTHONPATH=str(REPO),
    )
    return env


def _command(tmp_path: Path, run: str) -> list[str]:
    out = str(tmp_path / "out.pdf")
    if run == "handout":
        return ["-m", "guidance_app", "handout", _DECK, "--school", "westhaven", "--out", out]
    if run == "gaps":
        return ["-m", "guidance_app", "gaps", "--school", "westhaven", "--out", out]
    if run == "self-test":
        return ["-m", "guidance_app", "--self-test"]
    return ["-m", "tests.pdf_session", run, out]  # the slips, saved through the real window


def _traced(
    strace: str, trace: Path, args: list[str], tmp_path: Path
) -> subprocess.CompletedProcess[str]:
    """Python with `args` under strace (network and openat calls into `trace`); it must exit 0."""
    result = subprocess.run(
        [strace, "-f", "-e", "trace=network,openat", "-o", str(trace), sys.executable, *args],
        env=_traced_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.mark.parametrize("run", ["handout", "gaps", "slip", "self-check", "self-test"])
def test_no_socket_call_at_all_while_saving_pdfs_or_self_testing(
    strace: str, tmp_path: Path, run: str
) -> None:
    """Any socket-family system call fails the test (socket, connect, bind, sendto, ...): a PDF is
    written with QPdfWriter, not through the print system, which would connect to CUPS."""
    trace = tmp_path / "strace.txt"
    _traced(strace, trace, _command(tmp_path, run), tmp_path)
    if run != "self-test":
        assert (tmp_path / "out.pdf").read_bytes()[:5] == b"%PDF-"  # it really saved
    calls = _calls(trace)
    sockets = [line for name, line in calls if name != "openat"]
    assert sockets == [], "socket calls:\n" + "\n".join(sockets)
    printing = [line for name, line in calls if "printsupport" in line.lower()]
    assert printing == [], "Qt's print support was loaded:\n" + "\n".join(printing)
    opened = [line for name, line in calls if name == "openat"]
    seen = "installation_check" if run == "self-test" else "out.pdf"  # its module, or the PDF
    assert any(seen in line for line in opened)  # the trace did follow the work


def _calls(trace: Path) -> list[tuple[str, str]]:
    """Each system call in the trace: its name, and its line."""
    return [(m[1], line) for line in trace.read_text().splitlines() if (m := _SYSCALL.match(line))]


READ_PDF = """
import sys
from pathlib import Path
from guidance_app.core.importing.pdf import read_pdf
print("lines:", len(read_pdf(Path(sys.argv[1])).lines))
"""


def test_no_socket_call_at_all_while_reading_a_pdf_to_import(
    strace: str, qapp: QApplication, tmp_path: Path
) -> None:
    """pdfplumber and pdfminer read the policy from memory; neither asks the network for
    anything (a font, a colour profile, an update check)."""
    source = tmp_path / "policy.pdf"
    write_policy_pdf(source, policy_blocks(pages=2))
    trace = tmp_path / "strace.txt"
    result = _traced(strace, trace, ["-c", READ_PDF, str(source)], tmp_path)
    assert result.stdout.startswith("lines: ") and result.stdout.split()[1] != "0"
    calls = _calls(trace)
    assert [line for name, line in calls if name != "openat"] == []
    assert any("policy.pdf" in line for name, line in calls if name == "openat")
