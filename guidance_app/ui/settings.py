"""Settings: per OS user, under the deployment settings IT controls (core/deployment.py).

Per-user settings hold only preferences (school, text size, window geometry); never what anyone
searched for or answered. They live in QSettings' INI file: Linux and macOS
`~/.config/GuidanceApp/policy-guidance.ini`, Windows `%APPDATA%\\GuidanceApp\\policy-guidance.ini`,
or `$GUIDANCE_APP_CONFIG_DIR/policy-guidance.ini`.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from guidance_app.core.deployment import Deployment, load_deployment

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


class Settings:
    """The app's few remembered preferences."""

    def __init__(self, deployment: Deployment | None = None) -> None:
        self.user = _user_store()
        self.deployment = deployment or load_deployment()

    def _text(self, store: QSettings, key: str) -> str | None:
        value = store.value(key)
        return str(value).strip() if value not in (None, "") else None

    @property
    def pinned_school(self) -> str | None:
        """The school IT set for this machine (or a command-line flag for this run), if any."""
        return self.deployment.school

    @property
    def chosen_school(self) -> str | None:
        """The school this user chose (on first run, or in the bar)."""
        return self._text(self.user, "school")

    @property
    def school(self) -> str | None:
        return self.pinned_school or self.chosen_school

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
