"""The one place that knows where the app's data files are, in a checkout or a frozen bundle.

Nothing here (or anywhere) reads the current working directory.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _bundle_root() -> Path:
    """The folder that holds `content/` and `resources/`: the PyInstaller bundle when frozen,
    else the source checkout (the parent of the package)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return _PACKAGE_DIR.parent


def bundled_content_dir() -> Path:
    return _bundle_root() / "content"


def resources_dir() -> Path:
    return _bundle_root() / "resources"


def schema_dir() -> Path:
    return Path(__file__).resolve().parent / "schemas"
