"""The one place that knows where the app's data files are, in a checkout or a frozen bundle,
and where each user's own settings folder is.

Nothing here (or anywhere) reads the current working directory.
"""

from __future__ import annotations

import os
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
    return Path(__file__).resolve().parent / "content" / "schemas"


def user_config_dir() -> Path:
    """The current user's settings folder, the one that holds Qt's per-user INI file (see
    ui/settings.py): `$GUIDANCE_APP_CONFIG_DIR` if set, else `%APPDATA%\\GuidanceApp` on
    Windows and `$XDG_CONFIG_HOME/GuidanceApp` (default `~/.config/GuidanceApp`) elsewhere."""
    override = os.environ.get("GUIDANCE_APP_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / "GuidanceApp"
    xdg = os.environ.get("XDG_CONFIG_HOME")
    base_dir = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".config"
    return base_dir / "GuidanceApp"
