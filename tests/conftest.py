"""Shared test set-up: Qt runs offscreen, and helpers for writing content into a temp folder."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from guidance_app.core.machine import deployment

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
    also passed on to the subprocesses it starts, and its own (empty) standard location."""
    path = tmp_path / "system.ini"
    monkeypatch.setenv("GUIDANCE_APP_SYSTEM_CONFIG", str(path))
    standard = tmp_path / "xdg" / "GuidanceApp" / "policy-guidance.ini"
    if sys.platform in ("win32", "darwin"):  # fixed places: in this process only
        monkeypatch.setattr(deployment, "standard_config_path", lambda: standard)
    else:  # as on a real Linux machine; subprocesses inherit it
        monkeypatch.setenv("XDG_CONFIG_DIRS", str(standard.parent.parent))
        # and no file IT put in /etc/xdg on this machine (in this process)
        monkeypatch.setattr(deployment, "LINUX_SYSTEM_DIR", tmp_path / "no-etc-xdg")
    return path


@pytest.fixture(autouse=True)
def core_dumps_left_to_the_app_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that calls `main` in this process does not turn core dumps off for the rest of the
    run: a hard limit of 0 cannot be raised again, and tests/test_core_dumps.py needs them on in
    the processes it starts, to see the app itself turn them off (in real subprocesses)."""
    monkeypatch.setattr("guidance_app.cli.entry.disable_core_dumps", lambda: None)


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
