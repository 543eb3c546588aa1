"""Shared test set-up: Qt runs offscreen, and helpers for writing content into a temp folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def no_machine_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads this machine's deployment settings: each has its own (absent) system file,
    also passed on to the subprocesses it starts."""
    path = tmp_path / "system.ini"
    monkeypatch.setenv("GUIDANCE_APP_SYSTEM_CONFIG", str(path))
    return path
