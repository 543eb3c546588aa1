"""What the search tests share."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The per-user cache folder, in the test's own folder (GUIDANCE_APP_CACHE_DIR)."""
    path = tmp_path / "cache"
    monkeypatch.setenv("GUIDANCE_APP_CACHE_DIR", str(path))
    return path
