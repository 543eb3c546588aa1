"""Replacing a file all at once: a crash leaves the old file or the new one, never half of each.

The new bytes are written beside the old file (same folder, so the same disk), flushed to disk,
given the old file's mode, and renamed over it; then the folder is flushed too, so the rename
itself survives a power cut. A file reached through a link is replaced where it really is.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from guidance_app.core.errors import ContentWriteError


def replace_file(path: Path, data: bytes) -> None:
    """Write `data` beside `path`, flush it to disk and swap it in, keeping the file's mode;
    ContentWriteError (the old file untouched) if it cannot be written."""
    path = path.resolve()
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        fd, aside = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ContentWriteError(_cannot_write(path, exc)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(aside, mode)
        os.replace(aside, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(aside)
        raise ContentWriteError(_cannot_write(path, exc)) from exc
    with contextlib.suppress(OSError, AttributeError):  # the rename itself, on disk (POSIX)
        folder = os.open(path.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _cannot_write(path: Path, exc: OSError) -> str:
    return (
        f"{path}: the file cannot be saved ({exc.strerror or exc}); check that the content "
        "folder is not read-only"
    )
