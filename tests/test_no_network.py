"""The app makes no network connection: the whole self-test (content, index, search, a guided
answer, the main window) passes with socket creation blocked, and in a machine with no network."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
