"""Deployment settings for IT: one system-wide file, then the command line.

What decides each setting, first match wins:

1. a command-line flag (`--school`, `--content`, `--kiosk-minutes`, `--school-switching`;
   `--edit-answers`, which the file cannot set),
   except that a locked file (`locked = yes`) lets flags only make the app stricter (below);
2. the system-wide settings file, one per machine, written by IT (below);
3. for the school only, the choice each user made on first run (per OS user, in the UI);
4. the built-in default: the bundled library, no kiosk mode, school switching allowed.

The system file is plain INI (`#` or `;` starts a comment; see settings_file.py), read before the
user's settings. The standard place for this platform is read first:

    Windows  %PROGRAMDATA%\\GuidanceApp\\policy-guidance.ini
    macOS    /Library/Application Support/GuidanceApp/policy-guidance.ini
    Linux    /etc/xdg/GuidanceApp/policy-guidance.ini  (or the first found in $XDG_CONFIG_DIRS)

and $GUIDANCE_APP_SYSTEM_CONFIG names a file to use instead, unless the standard file is locked
or cannot be read (then the variable is ignored, and that is reported).

    [General]
    school = stokes-wood                    # pin the school for every user; it cannot be changed
    content = //fileserver/policies/content # a content folder, e.g. a read-only network share
    kiosk_idle_minutes = 5                  # idle this long: back to Home, the screen cleared
    school_switching = off                  # users keep the school chosen on first run
    locked = yes                            # flags may make these stricter, never weaker

A problem in the file (an unknown key, a bad value, a duplicate) is reported with its line and that
line is ignored; the app still starts. A file that exists but cannot be read at all means the
settings for a shared computer: kiosk mode after 5 minutes, school switching off, locked.
This module never imports Qt.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from guidance_app.core.content.model import Library
from guidance_app.core.errors import Problem, SettingValueError
from guidance_app.core.machine.settings_file import KEYS, SystemFile, read_system_file

SYSTEM_CONFIG_ENV = "GUIDANCE_APP_SYSTEM_CONFIG"
FILE_NAME = "policy-guidance.ini"
COMMAND_LINE = "command line"
DEFAULT = "default"
FOLLOWS_PIN = "the school is pinned"
UNREADABLE = "shared-computer default: the settings file cannot be read"
_TRUE = {"on", "true", "yes", "1"}
_FALSE = {"off", "false", "no", "0"}
MAX_IDLE_MINUTES = 24 * 60
# What a shared computer gets when its settings file cannot be read: the strict choice.
SHARED_COMPUTER = {"kiosk_idle_minutes": "5", "school_switching": "off", "locked": "yes"}
FLAGS = {
    "school": "--school",
    "content": "--content",
    "kiosk_idle_minutes": "--kiosk-minutes",
    "school_switching": "--school-switching",
    # the command line only, never in IT's file; a locked computer refuses it where it is used
    # (core/machine/edit_access.py), saying why in the status bar
    "edit_answers": "--edit-answers",
}
_VARIABLE = re.compile(r"\$|%[^%]+%|^~")


@dataclass(frozen=True)
class Deployment:
    """The settings IT controls, each with where it came from (for `guidance-app settings`)."""

    school: str | None = None
    content: Path | None = None
    kiosk_idle_minutes: float | None = None
    school_switching: bool = True
    sources: Mapping[str, str] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    locked: bool = False
    system_path: Path | None = None  # the system settings file in force (it need not exist)
    edit_answers: bool = False  # `--edit-answers`: the school's answers may be written in the app

    @property
    def kiosk_idle_ms(self) -> int | None:
        if self.kiosk_idle_minutes is None:
            return None
        return max(1, round(self.kiosk_idle_minutes * 60_000))

    def source(self, key: str) -> str:
        return self.sources.get(key, DEFAULT)


LINUX_SYSTEM_DIR = Path("/etc/xdg")  # where IT puts the file on Linux (XDG's default)


def standard_config_path() -> Path:
    """The system-wide settings file's standard place on this platform (it need not exist)."""
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(base) / "GuidanceApp" / FILE_NAME
    if sys.platform == "darwin":
        return Path("/Library/Application Support/GuidanceApp") / FILE_NAME
    # IT's file in the fixed place wins: $XDG_CONFIG_DIRS is the user's to set, so it may add
    # places but never hide a locked file from the app.
    fixed = LINUX_SYSTEM_DIR / "GuidanceApp" / FILE_NAME
    if os.path.lexists(fixed):
        return fixed
    folders = [f for f in os.environ.get("XDG_CONFIG_DIRS", "").split(":") if os.path.isabs(f)]
    candidates = [Path(f) / "GuidanceApp" / FILE_NAME for f in folders] or [fixed]
    # lexists: a pipe or a broken link in the first folder is found and reported, not passed by
    return next((c for c in candidates if os.path.lexists(c)), candidates[0])


def machine_settings() -> tuple[SystemFile, list[Problem]]:
    """The system settings file in force, and a problem if $GUIDANCE_APP_SYSTEM_CONFIG was
    ignored because the standard file is locked or cannot be read."""
    standard = read_system_file(standard_config_path())
    override = os.environ.get(SYSTEM_CONFIG_ENV)
    if not override:
        return standard, []
    path = Path(override).expanduser()
    if path == standard.path:
        return standard, []
    if is_locked(standard):
        message = (
            f"{SYSTEM_CONFIG_ENV}={override} is ignored: this computer's settings file is "
            "locked" + (" (it cannot be read)" if standard.unreadable else "")
        )
        return standard, [Problem(standard.path, standard.line_of("locked"), 1, message)]
    return read_system_file(path), []


def system_config_path() -> Path:
    """The system settings file in force (it need not exist)."""
    return machine_settings()[0].path


def is_locked(system: SystemFile) -> bool:
    """Locked: `locked = yes`, a `locked` value that is not on or off (safer to assume it is
    meant), or a file that cannot be read."""
    value = system.values.get("locked", ("", 0))[0]
    return system.unreadable or (bool(value) and parse_switch(value) is not False)


def parse_switch(text: str) -> bool | None:
    """`on`/`off` (or true/false, yes/no, 1/0) as a bool; None if it is neither."""
    word = text.strip().lower()
    return True if word in _TRUE else False if word in _FALSE else None


def parse_idle_minutes(text: str) -> float | None:
    """Minutes as a positive number, `0`/`off` meaning no kiosk mode. SettingValueError (a
    GuidanceError) saying what would be right if invalid."""
    if parse_switch(text) is False:
        return None
    try:
        minutes = float(text)
    except ValueError:
        raise SettingValueError(
            f"'{text}' is not a number of minutes (e.g. 5, 0.5, or off)"
        ) from None
    if not 0 < minutes <= MAX_IDLE_MINUTES:
        limit = f"more than 0, at most {MAX_IDLE_MINUTES}"
        raise SettingValueError(f"{text} minutes is out of range ({limit})")
    return minutes


def resolve(
    command_line: Mapping[str, str | None],
    system: SystemFile,
    problems: list[Problem] | None = None,
    for_app: bool = True,
) -> Deployment:
    """Combine the command line and the system file. Bad values in the file are reported and
    skipped. If the file is locked, a flag that would weaken it is reported and refused; that
    holds for the app, `settings` and `--self-test` (`for_app`), not for the commands that only
    print what content says (`validate`, `search`...), which change nothing on the computer.
    Command-line values are assumed checked by the argument parser."""
    problems = [*system.problems, *(problems or [])]
    locked = is_locked(system)
    if system.unreadable:
        in_file = {key: (value, UNREADABLE) for key, value in SHARED_COMPUTER.items()}
    else:
        where = f"{system.path}:"
        in_file = {k: (v, f"{where}{line}") for k, (v, line) in system.values.items() if v}
    given = {key: value for key, value in command_line.items() if value is not None}
    given = {key: value for key, value in given.items() if key in FLAGS}
    if locked and for_app:
        base = _settle(in_file, system, locked, [])  # its problems are reported below
        for key, value in list(given.items()):
            refusal = _refusal(key, value, base)
            if refusal:
                del given[key]
                message = f"{FLAGS[key]} {value} is refused: this computer's settings are locked"
                line = system.line_of("locked")
                problems.append(Problem(system.path, line, 1, f"{message}; {refusal}"))
    values = dict(in_file)
    values.update((key, (value, COMMAND_LINE)) for key, value in given.items())
    if "locked" in in_file and parse_switch(in_file["locked"][0]) is None:
        message = f"locked: '{in_file['locked'][0]}' is not on or off, so the file counts as locked"
        problems.append(Problem(system.path, system.line_of("locked"), 1, message))
    return _settle(values, system, locked, problems)


def _refusal(key: str, value: str, base: Deployment) -> str | None:
    """Why a flag would weaken the locked settings `base`, or None if it does not."""
    if key == "content" and Path(value).expanduser() != base.content:
        return f"the app uses {_shown_content(base)}"
    if key == "school":
        if base.school is not None and value != base.school:
            return f"the school stays '{base.school}'"
        if base.school is None and not base.school_switching:
            return "school switching is off, so each user keeps their own school"
    if key == "school_switching" and parse_switch(value) and not base.school_switching:
        return "school switching stays off"
    if key == "kiosk_idle_minutes" and base.kiosk_idle_minutes is not None:
        minutes = parse_idle_minutes(value)
        if minutes is None or minutes > base.kiosk_idle_minutes:
            return (
                f"kiosk mode stays at {base.kiosk_idle_minutes:g} minutes "
                "(a flag may only shorten it)"
            )
    return None


def _settle(
    values: Mapping[str, tuple[str, str]], system: SystemFile, locked: bool, problems: list[Problem]
) -> Deployment:
    """The settings from raw `values` (key -> (text, source)). A bad value from the file is
    reported and dropped; in a locked file the shared-computer default takes its place."""
    sources = {key: source for key, (_, source) in values.items()}
    text = {key: value for key, (value, _) in values.items()}

    def bad(key: str, message: str) -> str:
        """Report the bad value; returns the text to use instead ("" for none)."""
        fallback = SHARED_COMPUTER.get(key, "") if locked else ""
        if fallback:
            message += f"; as the file is locked, {fallback} is used instead"
            sources[key] += " (a bad value, so the shared-computer default)"
        else:
            del sources[key]
        problems.append(Problem(system.path, system.line_of(key), 1, f"{key}: {message}"))
        return fallback

    content: Path | None = None
    if "content" in text:
        content, mistake = _content_folder(text["content"], sources["content"], system, locked)
        if mistake:
            bad("content", mistake)
    idle: float | None = None
    if "kiosk_idle_minutes" in text:
        try:
            idle = parse_idle_minutes(text["kiosk_idle_minutes"])
        except SettingValueError as exc:
            replacement = bad("kiosk_idle_minutes", str(exc))
            idle = parse_idle_minutes(replacement) if replacement else None
    school = text.get("school")
    switching = school is None  # a pinned school cannot be changed unless a setting says so
    if school is not None and "school_switching" not in text:
        sources["school_switching"] = FOLLOWS_PIN
    if "school_switching" in text:
        parsed = parse_switch(text["school_switching"])
        if parsed is None:
            message = f"'{text['school_switching']}' is not on or off"
            replacement = bad("school_switching", message)
            parsed = parse_switch(replacement) if replacement else switching
        switching = bool(parsed)
    edit_answers = parse_switch(text.get("edit_answers", "off")) is True
    return Deployment(
        school,
        content,
        idle,
        switching,
        sources,
        tuple(problems),
        locked,
        system.path,
        edit_answers,
    )


def _content_folder(
    value: str, source: str, system: SystemFile, locked: bool
) -> tuple[Path | None, str | None]:
    """The content folder a setting names, or None and what is wrong with it."""
    if source == COMMAND_LINE:
        return Path(value).expanduser(), None
    if locked and _VARIABLE.search(value):
        # a variable (or ~, which is $HOME) is whatever the person at the keyboard sets it to
        mistake = "a locked file cannot use $VARIABLES, %VARIABLES% or ~; write the folder in full"
        return None, mistake
    content = Path(os.path.expandvars(value)).expanduser()
    return (content if content.is_absolute() else system.path.parent / content), None


def load_deployment(
    command_line: Mapping[str, str | None] | None = None, for_app: bool = True
) -> Deployment:
    """The deployment settings of this machine, with the command line's flags on top."""
    system, problems = machine_settings()
    return resolve(command_line or {}, system, problems, for_app)


def pinned_school_problem(deployment: Deployment, library: Library) -> str | None:
    """What is wrong if the school pinned for this computer is not in the library, else None."""
    school = deployment.school
    if school is None or library.school(school) is not None:
        return None
    return (
        f"The school '{school}' is set ({deployment.source('school')}) but is not in the "
        f"library at {library.root}. {library.no_such_school(school)}"
    )


def _shown_content(deployment: Deployment) -> str:
    return str(deployment.content) if deployment.content else "the bundled library"


def describe(deployment: Deployment) -> list[str]:
    """One line per setting, with its value and where it came from."""
    shown = {
        "school": deployment.school or "(each user chooses on first run)",
        "content": str(deployment.content) if deployment.content else "(the bundled library)",
        "kiosk_idle_minutes": (
            f"{deployment.kiosk_idle_minutes:g}" if deployment.kiosk_idle_minutes else "off"
        ),
        "school_switching": "on" if deployment.school_switching else "off",
        "locked": "yes" if deployment.locked else "no",
    }
    return [f"{key} = {shown[key]}    ({deployment.source(key)})" for key in KEYS]
