"""Shared test set-up: Qt runs offscreen, and helpers for writing content into a temp folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session", autouse=True)
def own_config_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No test writes into this machine's per-user settings folder (the search index key lives
    there); tests/ui/conftest.py gives each UI test a folder of its own on top."""
    with pytest.MonkeyPatch.context() as patch:
        path = tmp_path_factory.mktemp("config")
        patch.setenv("GUIDANCE_APP_CONFIG_DIR", str(path))
        yield path


@pytest.fixture(autouse=True)
def no_machine_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads this machine's deployment settings: each has its own (absent) system file,
    also passed on to the subprocesses it starts."""
    path = tmp_path / "system.ini"
    monkeypatch.setenv("GUIDANCE_APP_SYSTEM_CONFIG", str(path))
    return path
