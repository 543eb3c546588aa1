"""The one way the app reads a file: only a regular file, and never more than a size limit.

A content folder, a settings file or a cache is not always what it seems: a named pipe blocks
whoever opens it for ever, and `/dev/zero` reports a size of 0 and then never ends. So the file is
checked with stat() before it is opened (a device is never opened at all), opened without
blocking, checked again on the open handle (it may have been swapped in between), and read only
up to its limit. Symbolic links to regular files are fine: content folders are often linked.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from guidance_app.core.errors import GuidanceError

# O_NONBLOCK: a pipe swapped in after the stat() cannot block the open (fstat then refuses it).
# O_NOCTTY: a terminal can never become ours. Windows has none of these: a plain binary open.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOCTTY", 0)
)
_CHUNK = 1024 * 1024

# Limits for the files the app ships (schemas, stylesheet, icons) and those it writes itself
# (the search index's manifest and vocabulary, which grow with the library).
MAX_BUNDLED_BYTES = 1024 * 1024
MAX_CACHE_JSON_BYTES = 64 * 1024 * 1024

_KINDS = (
    (stat.S_ISREG, "a regular file"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a disk device"),
    (stat.S_ISSOCK, "a socket"),
)


class UnreadableFileError(GuidanceError):
    """A file cannot be read safely; `reason` says why in words for a teacher or technician."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class MissingFileError(UnreadableFileError):
    """There is nothing at the path (a link to nothing is NotRegularFileError)."""


class NotRegularFileError(UnreadableFileError):
    """The path is a folder, pipe, device, socket, a link to nothing or a loop of links."""


class FileTooLargeError(UnreadableFileError):
    """The file is larger than its limit."""


def check_regular_file(path: Path) -> os.stat_result:
    """The file's stat (links followed) if it is a regular file; it is not opened."""
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        if os.path.islink(path):
            raise NotRegularFileError(path, _not_regular("a link to something missing")) from exc
        raise MissingFileError(path, "the file does not exist") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotRegularFileError(path, _not_regular("a loop of links")) from exc
        raise UnreadableFileError(path, _cannot_read(exc)) from exc
    _require_regular(path, info)
    return info


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; UnreadableFileError (one of its
    subclasses where it says more) for anything else."""
    _require_size(path, check_regular_file(path).st_size, max_bytes)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError as exc:
        raise MissingFileError(path, "the file does not exist") from exc
    except OSError as exc:
        raise UnreadableFileError(path, _cannot_read(exc)) from exc
    try:
        _require_regular(path, os.fstat(fd))
        chunks: list[bytes] = []
        left = max_bytes + 1  # one byte more than allowed tells a file that grew past it
        while left > 0:
            chunk = os.read(fd, min(left, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise UnreadableFileError(path, _cannot_read(exc)) from exc
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:  # it grew after the stat(), or it says a wrong size
        raise FileTooLargeError(path, f"file is too large (over the limit of {max_bytes:,} bytes)")
    return data


def what_is(path: Path) -> str:
    """What is at `path` in words ("a folder", "a named pipe", "a loop of links"...); nothing
    is opened."""
    try:
        return _kind(os.stat(path))
    except FileNotFoundError:
        return "a link to something missing" if os.path.islink(path) else "nothing"
    except OSError as exc:
        return "a loop of links" if exc.errno == errno.ELOOP else "something that cannot be read"


def _kind(info: os.stat_result) -> str:
    return next((name for test, name in _KINDS if test(info.st_mode)), "not a file")


def _require_regular(path: Path, info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFileError(path, _not_regular(_kind(info)))


def _require_size(path: Path, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise FileTooLargeError(
            path, f"file is too large ({size:,} bytes; the limit is {max_bytes:,})"
        )


def _not_regular(kind: str) -> str:
    return f"this is not a regular file (it is {kind})"


def _cannot_read(exc: OSError) -> str:
    return f"cannot read the file: {exc.strerror or exc}"
