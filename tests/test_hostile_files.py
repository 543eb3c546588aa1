"""`validate`, `settings` and `--self-test` as real subprocesses, with a named pipe, a device or
an oversized file where a content file or IT's settings file should be: each ends, reports the
file (with line and column) and exits 1. Before, a pipe hung them for ever and /dev/zero grew
the process until it was killed. The timeouts below are only a safety net."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import HOSTILE, HOSTILE_MESSAGE, make_hostile, needs_posix_files, write_library

pytestmark = needs_posix_files

CONTENT_FILES = (
    "schools/example/policies/staff.md",
    "wizards/friend-request.yaml",
    "synonyms.yaml",
    "schools/example/school.yaml",
)
SAFETY_NET = 120  # seconds; each run takes about one


def guidance_app(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GUIDANCE_APP_CACHE_DIR": str(tmp_path / "cache"),
        "GUIDANCE_APP_CONFIG_DIR": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [sys.executable, "-m", "guidance_app", *args],
        capture_output=True,
        text=True,
        timeout=SAFETY_NET,
        env=env,
        cwd=tmp_path,
    )


@pytest.mark.parametrize("kind", HOSTILE)
@pytest.mark.parametrize("relative", CONTENT_FILES)
def test_validate_and_self_test_report_a_hostile_content_file(
    tmp_path: Path, relative: str, kind: str
) -> None:
    root = write_library(tmp_path / "content")
    make_hostile(root / relative, kind)
    expected = f"content/{relative}:1:1: {HOSTILE_MESSAGE[kind]}"

    checked = guidance_app(tmp_path, "validate", "--content", str(root))
    assert checked.returncode == 1, checked.stderr
    assert expected in checked.stdout

    tested = guidance_app(tmp_path, "--content", str(root), "--self-test")
    assert tested.returncode == 1, tested.stderr
    assert "FAIL  content:" in tested.stdout and f"/{relative}:1:1: " in tested.stdout


@pytest.mark.parametrize("kind", ["named pipe", "link to /dev/zero"])
def test_a_hostile_settings_file_means_shared_computer_settings_and_exit_1(
    tmp_path: Path, standard_settings: Path, kind: str
) -> None:
    make_hostile(standard_settings, kind)
    reason = HOSTILE_MESSAGE[kind]

    shown = guidance_app(tmp_path, "settings")
    assert shown.returncode == 1
    where = standard_settings.relative_to(tmp_path)  # as printed: relative to where it ran
    assert f"{where}:1:1: {reason}; the settings file cannot be read" in shown.stderr
    assert "kiosk_idle_minutes = 5    (shared-computer default" in shown.stdout
    assert "school_switching = off    (shared-computer default" in shown.stdout
    assert "locked = yes" in shown.stdout

    tested = guidance_app(tmp_path, "--self-test")
    assert tested.returncode == 1
    assert f"FAIL  settings: {standard_settings}:1:1: {reason}" in tested.stdout

    checked = guidance_app(tmp_path, "validate")  # the content is fine, and it says so
    assert checked.returncode == 0 and checked.stdout.startswith("Content is valid")
