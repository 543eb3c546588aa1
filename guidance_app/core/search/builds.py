"""Build folders, and telling a live build from one that was killed half-way.

A build happens in `<root>/.build-<fingerprint>-<random>/` and ends by renaming that folder into
place. Beside it lies `<same name>.lock`, created first and locked (flock, or msvcrt on Windows)
for as long as the build runs. The operating system drops the lock when the builder dies,
however it dies, so at the next start a build folder whose lock can be taken (or that has no
lock file) belongs to nobody and is deleted, while another copy's live build is left alone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from guidance_app.core.errors import SearchIndexError

_LOCK = ".lock"
_OPEN_LOCK = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _try_lock(handle: int) -> bool:
    """Take the lock on the open file `handle` without waiting; False if another holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _still_named(handle: int, path: Path) -> bool:
    """Whether `path` is still the file open as `handle` (a tidy-up may have deleted it)."""
    try:
        named, held = os.stat(path), os.fstat(handle)
    except OSError:
        return False
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


@contextlib.contextmanager
def build_space(root: Path, fingerprint: str) -> Iterator[Path]:
    """A new empty private folder to build in, marked as live until the context ends; then
    it is deleted unless it was renamed away meanwhile."""
    for _ in range(8):
        handle, name = tempfile.mkstemp(prefix=f".build-{fingerprint}-", suffix=_LOCK, dir=root)
        lock = Path(name)
        # Between creating the file and locking it, another copy's clear_abandoned may have
        # taken it for a dead build's and deleted it: then try again with a new name.
        if _try_lock(handle) and _still_named(handle, lock):
            break
        os.close(handle)
    else:
        raise SearchIndexError(f"No build folder could be set up in {root}.")
    folder = lock.with_name(lock.name.removesuffix(_LOCK))
    try:
        folder.mkdir(mode=0o700)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            lock.unlink()
        os.close(handle)


def clear_abandoned(root: Path) -> None:
    """Delete build folders no live builder holds, and folders left half-deleted."""
    builds: set[str] = set()
    for path in root.iterdir():
        if path.name.startswith(".trash-"):  # renamed away to be deleted: nobody uses it
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.startswith(".build-"):
            builds.add(path.name.removesuffix(_LOCK))
    for name in builds:
        lock = root / f"{name}{_LOCK}"
        try:
            handle: int | None = os.open(lock, _OPEN_LOCK)
        except FileNotFoundError:
            handle = None  # a builder makes its lock first and deletes it last: none is live
        except OSError:
            continue
        try:
            if handle is None or _try_lock(handle):
                shutil.rmtree(root / name, ignore_errors=True)
                if handle is not None:
                    with contextlib.suppress(OSError):
                        lock.unlink()
        finally:
            if handle is not None:
                os.close(handle)
