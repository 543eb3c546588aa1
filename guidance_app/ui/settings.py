"""Settings: per OS user, with a system-wide file that IT can use to pin a school.

Per-user settings hold only preferences (school, text size, window geometry); never what anyone
searched for or answered. The system file, if present, wins for the keys it sets.

Where they live (QSettings, INI format):
- per user: Linux `~/.config/GuidanceApp/policy-guidance.ini`, Windows `%APPDATA%\\GuidanceApp\\`,
  or `$GUIDANCE_APP_CONFIG_DIR/policy-guidance.ini`;
- system-wide: Linux `/etc/xdg/GuidanceApp/policy-guidance.ini`, Windows
  `%PROGRAMDATA%\\GuidanceApp\\policy-guidance.ini`, or the file `$GUIDANCE_APP_SYSTEM_CONFIG`.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "GuidanceApp"
APPLICATION = "policy-guidance"
DEFAULT_TEXT_SIZE = 12
TEXT_SIZES = (9, 10, 11, 12, 13, 14, 16, 18, 20, 24, 28, 32)


def _user_store() -> QSettings:
    folder = os.environ.get("GUIDANCE_APP_CONFIG_DIR")
    if folder:
        return QSettings(str(Path(folder) / f"{APPLICATION}.ini"), QSettings.Format.IniFormat)
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def _system_store() -> QSettings:
    path = os.environ.get("GUIDANCE_APP_SYSTEM_CONFIG")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    store = QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.SystemScope, ORGANISATION, APPLICATION
    )
    store.setFallbacksEnabled(False)
    return store


class Settings:
    """The app's few remembered preferences."""

    def __init__(self) -> None:
        self.user = _user_store()
        self.system = _system_store()

    def _text(self, store: QSettings, key: str) -> str | None:
        value = store.value(key)
        return str(value).strip() if value not in (None, "") else None

    @property
    def pinned_school(self) -> str | None:
        """The school IT set for every user of this machine, if any."""
        return self._text(self.system, "school")

    @property
    def school(self) -> str | None:
        return self.pinned_school or self._text(self.user, "school")

    @school.setter
    def school(self, school_id: str) -> None:
        self.user.setValue("school", school_id)
        self.user.sync()

    @property
    def text_size(self) -> int:
        try:
            size = int(str(self.user.value("text_size", DEFAULT_TEXT_SIZE)))
        except ValueError:
            return DEFAULT_TEXT_SIZE
        return min(max(size, TEXT_SIZES[0]), TEXT_SIZES[-1])

    @text_size.setter
    def text_size(self, size: int) -> None:
        self.user.setValue("text_size", size)
        self.user.sync()

    @property
    def geometry(self) -> QByteArray | None:
        value = self.user.value("geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.user.setValue("geometry", value)
        self.user.sync()

    def problem(self) -> str | None:
        """Why preferences cannot be saved (a read-only profile), if so."""
        if self.user.status() != QSettings.Status.NoError or not self.user.isWritable():
            return f"Your preferences cannot be saved ({self.user.fileName()} is read-only)."
        return None
