"""Reading the system settings file IT writes, line by line, so that one bad line costs only
itself: a duplicate key, a line that is not UTF-8 or not `key = value` is reported with its line
and skipped, and every good line still counts. (configparser rejects the whole file for one
duplicate key or one bad byte, which silently turned kiosk mode and a pinned school off.)

The syntax: `key = value` (or `key: value`) lines, under `[General]` or with no section at all;
a line starting with `#` or `;` is a comment, and so is ` #` or ` ;` after a value. A file that
cannot be read at all (no permission, not a regular file, far too large, binary) is `unreadable`:
deployment.py then falls back to the settings for a shared computer. This module never imports Qt.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from guidance_app.core.content.schema import did_you_mean
from guidance_app.core.errors import Problem
from guidance_app.core.files.safe_read import (
    MissingFileError,
    UnreadableFileError,
    read_regular_file,
)

SECTION = "General"
KEYS = ("school", "content", "kiosk_idle_minutes", "school_switching", "locked")
MAX_SETTINGS_BYTES = 64 * 1024  # a real file is a few lines

_HEADER = re.compile(r"\[\s*(?P<name>[^\]]*?)\s*\]")
_SETTING = re.compile(r"(?P<key>[^=:\[\s][^=:]*?)\s*[=:]\s*(?P<value>.*)")
_INLINE_COMMENT = re.compile(r"(^|\s)[#;].*$")


@dataclass(frozen=True)
class SystemFile:
    """What the system settings file says: key -> (value, line), and what is wrong with it."""

    path: Path
    values: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    exists: bool = False
    unreadable: bool = False  # it exists but cannot be read at all

    def line_of(self, key: str) -> int:
        return self.values[key][1] if key in self.values else 1


def read_system_file(path: Path) -> SystemFile:
    """The settings in the file at `path`. A missing file is no settings and no problem; one
    that cannot be read is `unreadable`, with a problem saying why."""
    try:
        data = read_regular_file(path, MAX_SETTINGS_BYTES)
    except MissingFileError:
        return SystemFile(path)
    except UnreadableFileError as exc:
        return _unreadable(path, exc.reason)
    if b"\x00" in data:
        return _unreadable(path, "this looks like a binary file, not a settings file")
    values, problems = _parse(path, data.removeprefix(codecs.BOM_UTF8))
    return SystemFile(path, values, tuple(problems), exists=True)


def _unreadable(path: Path, reason: str) -> SystemFile:
    message = (
        f"{reason}; the settings file cannot be read, so this computer uses the settings for a "
        "shared computer until it is fixed: kiosk mode after 5 minutes and school switching off"
    )
    return SystemFile(path, {}, (Problem(path, 1, 1, message),), exists=True, unreadable=True)


def _parse(path: Path, data: bytes) -> tuple[dict[str, tuple[str, int]], list[Problem]]:
    found: dict[str, tuple[str, int]] = {}
    problems: list[Problem] = []
    in_general = True  # bare lines before any section count as [General]

    def problem(line: int, col: int, message: str) -> None:
        problems.append(Problem(path, line, col, message))

    # bytes.splitlines splits at \n, \r\n and \r only, as editors number lines
    for number, raw in enumerate(data.splitlines(), 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problem(
                number,
                exc.start + 1,
                f"this line is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read), so "
                "it is skipped; save the file as UTF-8",
            )
            continue
        text = line.strip()
        col = len(line) - len(line.lstrip()) + 1
        if not text or text[0] in "#;":
            continue
        if text.startswith("["):
            header = _HEADER.fullmatch(text)
            if header is None:  # which section was meant is unclear: the lines stay where they were
                problem(number, col, f"this section name is not closed; write [{SECTION}]")
                continue
            name = header.group("name")
            in_general = name.lower() == SECTION.lower()
            if not in_general:
                problem(number, col, f"unknown section [{name}]; put settings under [{SECTION}]")
            continue
        if not in_general:
            continue  # the section's heading was reported; its lines are not settings
        setting = _SETTING.fullmatch(text)
        if setting is None:
            problem(
                number,
                col,
                "this line is not a setting, so it is skipped; write key = value "
                "(e.g. kiosk_idle_minutes = 5)",
            )
            continue
        key = setting.group("key").strip().lower()
        value = _INLINE_COMMENT.sub("", setting.group("value")).strip().strip('"').strip()
        if key not in KEYS:
            hint = did_you_mean(key, list(KEYS)).strip()
            problem(number, col, f"unknown setting '{key}'" + (f"; {hint}" if hint else ""))
        elif key in found:
            first = found[key][1]
            problem(
                number,
                col,
                f"'{key}' is set twice: the first value (line {first}) is used and this line "
                "is ignored; remove one of them",
            )
        else:
            found[key] = (value, number)
    return found, problems
