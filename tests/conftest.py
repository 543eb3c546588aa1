"""Shared test set-up: Qt runs offscreen, and helpers for writing content into a temp folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from guidance_app.core import deployment

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def no_machine_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads this machine's deployment settings: each has its own (absent) system file,
    also passed on to the subprocesses it starts, and its own (empty) standard location."""
    path = tmp_path / "system.ini"
    monkeypatch.setenv("GUIDANCE_APP_SYSTEM_CONFIG", str(path))
    standard = tmp_path / "xdg" / "GuidanceApp" / "policy-guidance.ini"
    if sys.platform in ("win32", "darwin"):  # fixed places: in this process only
        monkeypatch.setattr(deployment, "standard_config_path", lambda: standard)
    else:  # as on a real Linux machine; subprocesses inherit it
        monkeypatch.setenv("XDG_CONFIG_DIRS", str(standard.parent.parent))
    return path


@pytest.fixture
def standard_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The standard (IT) settings file's place for this test, its folder made, and no
    $GUIDANCE_APP_SYSTEM_CONFIG; on Linux also for the subprocesses the test starts (through
    $XDG_CONFIG_DIRS)."""
    monkeypatch.delenv("GUIDANCE_APP_SYSTEM_CONFIG")
    standard = tmp_path / "xdg" / "GuidanceApp" / "policy-guidance.ini"
    standard.parent.mkdir(parents=True, exist_ok=True)
    assert deployment.standard_config_path() == standard
    return standard
