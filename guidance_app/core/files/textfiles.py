"""Reading content files defensively: regular files only, size limits, binary detection, UTF-8
with positions."""

from __future__ import annotations

from pathlib import Path

from guidance_app.core.errors import ContentFileError, Problem
from guidance_app.core.files.safe_read import (
    FileTooLargeError,
    NotRegularFileError,
    UnreadableFileError,
    read_regular_file,
)

# Real content is a few kilobytes; these limits only stop a wrong or hostile file quickly.
MAX_YAML_BYTES = 512 * 1024
MAX_POLICY_BYTES = 2 * 1024 * 1024


def read_text(path: Path, max_bytes: int) -> str:
    """Return the file's text, or raise ContentFileError saying plainly what is wrong with it."""
    try:
        data = read_regular_file(path, max_bytes)
    except FileTooLargeError as exc:
        raise ContentFileError(
            Problem(path, 1, 1, f"{exc.reason}: content files are short text files")
        ) from exc
    except NotRegularFileError as exc:
        raise ContentFileError(
            Problem(path, 1, 1, f"{exc.reason}; content files must be ordinary text files")
        ) from exc
    except UnreadableFileError as exc:
        raise ContentFileError(Problem(path, 1, 1, exc.reason)) from exc
    if b"\x00" in data:
        line, col = _position(data, data.index(b"\x00"))
        raise ContentFileError(
            Problem(
                path,
                line,
                col,
                "this looks like a binary file, not text; content files must be plain UTF-8 text",
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        raise ContentFileError(
            Problem(
                path,
                line,
                col,
                "the file is not valid UTF-8 text; save it as UTF-8 "
                f"(byte 0x{data[exc.start]:02x} cannot be read)",
            )
        ) from exc
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col
