"""Settings: per OS user, under the deployment settings IT controls (core/deployment.py).

Per-user settings hold only preferences (school, text size, window geometry, and
`edit_answers = true` for a school's safeguarding lead who writes its answers in the app: off
unless set, and never in force on a locked computer); never what anyone searched for or
answered. They live in QSettings' INI file, in the folder core/locations.py's
`user_config_dir` names: Linux and macOS
`~/.config/GuidanceApp/policy-guidance.ini` (or under $XDG_CONFIG_HOME), Windows
`%APPDATA%\\GuidanceApp\\policy-guidance.ini`, or `$GUIDANCE_APP_CONFIG_DIR/policy-guidance.ini`.

QSettings is given that one file by name: asked by organisation and application, it would also
read the system-wide files in $XDG_CONFIG_DIRS, which include IT's settings file, and hang there
if it were a named pipe. If the user's file is not a regular file (a pipe, a device), Qt would
hang or read garbage: it is reported and not touched, and this session keeps its preferences in
memory only.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from guidance_app.core.files.safe_read import UnreadableFileError, check_regular_file
from guidance_app.core.locations import user_config_dir
from guidance_app.core.machine.deployment import Deployment, load_deployment

ORGANISATION = "GuidanceApp"
APPLICATION = "policy-guidance"
DEFAULT_TEXT_SIZE = 12
TEXT_SIZES = (9, 10, 11, 12, 13, 14, 16, 18, 20, 24, 28, 32)


class SessionStore:
    """Preferences kept in memory for this session only: the stand-in for a preferences file
    that cannot be used. The few QSettings calls Settings makes, nothing written anywhere."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.values: dict[str, object] = {}

    def value(self, key: str, default: object = None) -> object:
        return self.values.get(key, default)

    def setValue(self, key: str, value: object) -> None:
        self.values[key] = value

    def sync(self) -> None:
        pass

    def fileName(self) -> str:
        return str(self.path)


def _user_store() -> tuple[QSettings | SessionStore, str | None]:
    """The user's preferences, and why they are in memory only if they are."""
    path = user_config_dir() / f"{APPLICATION}.ini"  # where QSettings' user scope puts it
    if os.path.lexists(path):
        try:
            check_regular_file(path)  # stat only: a pipe or a device is never opened
        except UnreadableFileError as exc:
            problem = (
                f"Your preferences file cannot be used: {exc.reason} ({path}). This session "
                "uses the default preferences and saves none."
            )
            return SessionStore(path), problem
    return QSettings(str(path), QSettings.Format.IniFormat), None


class Settings:
    """The app's few remembered preferences."""

    def __init__(self, deployment: Deployment | None = None) -> None:
        self.user, self.store_problem = _user_store()
        self.deployment = deployment or load_deployment()

    def _text(self, key: str) -> str | None:
        value = self.user.value(key)
        return str(value).strip() if value not in (None, "") else None

    @property
    def pinned_school(self) -> str | None:
        """The school IT set for this machine (or a command-line flag for this run), if any."""
        return self.deployment.school

    @property
    def chosen_school(self) -> str | None:
        """The school this user chose (on first run, or in the bar)."""
        return self._text("school")

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

    @property
    def edit_answers(self) -> bool:
        """This user asked for "Edit answers" (the `edit_answers` key, or `--edit-answers`)."""
        wanted = str(self.user.value("edit_answers", "")).strip().lower()
        return self.deployment.edit_answers or wanted in ("true", "yes", "on", "1")

    def problem(self) -> str | None:
        """Why preferences cannot be used or saved (not a regular file, read-only), if so."""
        if not isinstance(self.user, QSettings):
            return self.store_problem
        if self.user.status() != QSettings.Status.NoError or not self.user.isWritable():
            return f"Your preferences cannot be saved ({self.user.fileName()} is read-only)."
        return None
