"""Deployment settings for IT: one system-wide file, then the command line.

What decides each setting, first match wins:

1. a command-line flag (`--school`, `--content`, `--kiosk-minutes`, `--school-switching`);
2. the system-wide settings file, one per machine, written by IT (below);
3. for the school only, the choice each user made on first run (per OS user, in the UI);
4. the built-in default: the bundled library, no kiosk mode, school switching allowed.

The system file is plain INI (`#` or `;` starts a comment), read before the user's settings:

    Windows  %PROGRAMDATA%\\GuidanceApp\\policy-guidance.ini
    macOS    /Library/Application Support/GuidanceApp/policy-guidance.ini
    Linux    /etc/xdg/GuidanceApp/policy-guidance.ini  (or the first found in $XDG_CONFIG_DIRS)
    any      the file named by $GUIDANCE_APP_SYSTEM_CONFIG

    [General]
    school = stokes-wood                    # pin the school for every user; it cannot be changed
    content = //fileserver/policies/content # a content folder, e.g. a read-only network share
    kiosk_idle_minutes = 5                  # idle this long: back to Home, the screen cleared
    school_switching = off                  # users keep the school chosen on first run

A problem in the file (an unknown key, a bad value) is reported with its line and that setting is
ignored; the app still starts. This module never imports Qt.
"""

from __future__ import annotations

import configparser
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from guidance_app.core.errors import Problem
from guidance_app.core.schema import did_you_mean

SYSTEM_CONFIG_ENV = "GUIDANCE_APP_SYSTEM_CONFIG"
FILE_NAME = "policy-guidance.ini"
SECTION = "General"
KEYS = ("school", "content", "kiosk_idle_minutes", "school_switching")
COMMAND_LINE = "command line"
DEFAULT = "default"
FOLLOWS_PIN = "the school is pinned"
_TRUE = {"on", "true", "yes", "1"}
_FALSE = {"off", "false", "no", "0"}
MAX_IDLE_MINUTES = 24 * 60


@dataclass(frozen=True)
class Deployment:
    """The settings IT controls, each with where it came from (for `guidance-app settings`)."""

    school: str | None = None
    content: Path | None = None
    kiosk_idle_minutes: float | None = None
    school_switching: bool = True
    sources: Mapping[str, str] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    @property
    def kiosk_idle_ms(self) -> int | None:
        if self.kiosk_idle_minutes is None:
            return None
        return max(1, round(self.kiosk_idle_minutes * 60_000))

    def source(self, key: str) -> str:
        return self.sources.get(key, DEFAULT)


def system_config_path() -> Path:
    """The system-wide settings file for this platform (it need not exist)."""
    override = os.environ.get(SYSTEM_CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(base) / "GuidanceApp" / FILE_NAME
    if sys.platform == "darwin":
        return Path("/Library/Application Support/GuidanceApp") / FILE_NAME
    folders = [f for f in os.environ.get("XDG_CONFIG_DIRS", "").split(":") if os.path.isabs(f)]
    candidates = [Path(f) / "GuidanceApp" / FILE_NAME for f in folders or ["/etc/xdg"]]
    return next((c for c in candidates if c.is_file()), candidates[0])


def read_system_file(path: Path) -> tuple[dict[str, tuple[str, int]], list[Problem]]:
    """The file's settings as key -> (value, line), and what is wrong with it. A missing file
    is no settings and no problem; an unreadable one is a problem."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return {}, [Problem(path, 1, 1, f"the settings file cannot be read ({reason})")]
    lines = text.splitlines()
    offset = 0
    if not any(line.strip().startswith("[") for line in lines):
        text, offset = f"[{SECTION}]\n{text}", 1  # a file of bare `key = value` lines is fine
    parser = configparser.ConfigParser(
        interpolation=None, comment_prefixes=("#", ";"), inline_comment_prefixes=("#", ";")
    )
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as exc:
        line = getattr(exc, "lineno", 1) or 1
        message = str(exc).splitlines()[0]
        return {}, [Problem(path, max(1, line - offset), 1, f"not a settings file: {message}")]
    problems: list[Problem] = []
    found: dict[str, tuple[str, int]] = {}
    for section in parser.sections():
        if section.lower() != SECTION.lower():
            line = _line_of(lines, rf"\[\s*{re.escape(section)}\s*\]")
            message = f"unknown section [{section}]; put settings under [{SECTION}]"
            problems.append(Problem(path, line, 1, message))
            continue
        for key, value in parser.items(section):
            line = _line_of(lines, rf"{re.escape(key)}\s*[=:]")
            if key not in KEYS:
                hint = did_you_mean(key, list(KEYS)).strip()
                message = f"unknown setting '{key}'" + (f"; {hint}" if hint else "")
                problems.append(Problem(path, line, 1, message))
                continue
            found[key] = (value.strip().strip('"').strip(), line)
    return found, problems


def _line_of(lines: list[str], pattern: str) -> int:
    regex = re.compile(rf"^\s*{pattern}", re.IGNORECASE)
    return next((n for n, line in enumerate(lines, 1) if regex.match(line)), 1)


def parse_switch(text: str) -> bool | None:
    """`on`/`off` (or true/false, yes/no, 1/0) as a bool; None if it is neither."""
    word = text.strip().lower()
    return True if word in _TRUE else False if word in _FALSE else None


def parse_idle_minutes(text: str) -> float | None:
    """Minutes as a positive number, `0`/`off` meaning no kiosk mode. ValueError if invalid."""
    if parse_switch(text) is False:
        return None
    try:
        minutes = float(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a number of minutes (e.g. 5, 0.5, or off)") from None
    if not 0 < minutes <= MAX_IDLE_MINUTES:
        limit = f"more than 0, at most {MAX_IDLE_MINUTES}"
        raise ValueError(f"{text} minutes is out of range ({limit})")
    return minutes


def resolve(
    command_line: Mapping[str, str | None],
    system: Mapping[str, tuple[str, int]],
    system_path: Path,
    problems: list[Problem] | None = None,
) -> Deployment:
    """Combine the command line (wins) and the system file; bad values in the file are
    reported and skipped. Command-line values are assumed checked by the argument parser."""
    problems = list(problems or [])
    values: dict[str, str] = {}
    sources: dict[str, str] = {}
    for key in KEYS:
        given = command_line.get(key)
        if given is not None:
            values[key], sources[key] = given, COMMAND_LINE
        elif key in system and system[key][0]:
            values[key], sources[key] = system[key][0], f"{system_path}:{system[key][1]}"

    def bad(key: str, message: str) -> None:
        if sources.get(key, "").startswith(str(system_path)):
            problems.append(Problem(system_path, system[key][1], 1, f"{key}: {message}"))
        sources.pop(key, None)
        values.pop(key, None)

    content: Path | None = None
    if "content" in values:
        content = Path(os.path.expandvars(values["content"])).expanduser()
        if not content.is_absolute() and sources["content"] != COMMAND_LINE:
            content = system_path.parent / content  # relative to the settings file
    idle: float | None = None
    if "kiosk_idle_minutes" in values:
        try:
            idle = parse_idle_minutes(values["kiosk_idle_minutes"])
        except ValueError as exc:
            bad("kiosk_idle_minutes", str(exc))
    school = values.get("school")
    switching = school is None  # a pinned school cannot be changed unless a flag says so
    if school is not None and "school_switching" not in values:
        sources["school_switching"] = FOLLOWS_PIN
    if "school_switching" in values:
        parsed = parse_switch(values["school_switching"])
        if parsed is None:
            bad("school_switching", f"'{values['school_switching']}' is not on or off")
        else:
            switching = parsed
    return Deployment(school, content, idle, switching, sources, tuple(problems))


def load_deployment(command_line: Mapping[str, str | None] | None = None) -> Deployment:
    """The deployment settings of this machine, with the command line's flags on top."""
    path = system_config_path()
    system, problems = read_system_file(path)
    return resolve(command_line or {}, system, path, problems)


def describe(deployment: Deployment) -> list[str]:
    """One line per setting, with its value and where it came from."""
    shown = {
        "school": deployment.school or "(each user chooses on first run)",
        "content": str(deployment.content) if deployment.content else "(the bundled library)",
        "kiosk_idle_minutes": (
            f"{deployment.kiosk_idle_minutes:g}" if deployment.kiosk_idle_minutes else "off"
        ),
        "school_switching": "on" if deployment.school_switching else "off",
    }
    return [f"{key} = {shown[key]}    ({deployment.source(key)})" for key in KEYS]
