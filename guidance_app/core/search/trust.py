"""Which index files may be trusted: only those this user's own copy of the app wrote.

Whoosh unpickles its files, so before any is read three things must hold. The folders are the
user's own and nobody else can write to them. Every file is a regular file (no link, pipe or
device), the user's own, and writable by nobody else. And the manifest listing each file's size
and SHA-256 carries an HMAC made with the user's index key, 32 random bytes kept in the user's
settings folder (not in the cache, so whoever could once write to the cache cannot vouch for
what they wrote there). A key that others could read or replace makes every index on disk
untrusted until it is deleted (the app then makes a new one).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import stat
import tempfile
from pathlib import Path
from typing import Any

from guidance_app.core.errors import SearchIndexError
from guidance_app.core.locations import user_config_dir

KEY_FILE = "search-index.key"
KEY_BYTES = 32
_MAC_CONTEXT = b"guidance-app search index manifest v1\n"
_CAN_CHECK_OWNER = hasattr(os, "geteuid")  # Windows: the user's folders are private by ACL
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)  # a pipe put in a file's place must not block the open
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


# --- folders and files ------------------------------------------------------------------------


def insecure_reason(path: Path, follow_symlinks: bool = False) -> str | None:
    """Why the folder `path` may not hold an index Whoosh will unpickle, or None if private."""
    try:
        info = os.stat(path) if follow_symlinks else os.lstat(path)
    except OSError as exc:
        return f"cannot be inspected ({exc.strerror})"
    if stat.S_ISLNK(info.st_mode):
        return "is a symbolic link"
    if not stat.S_ISDIR(info.st_mode):
        return "is not a folder"
    return _not_own(info)


def private_dir(path: Path, follow_symlinks: bool = False) -> Path:
    """Create `path` (mode 0700) if missing; raise SearchIndexError unless it is private."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise SearchIndexError(f"Cannot create the search index folder {path}: {exc}") from exc
    reason = insecure_reason(path, follow_symlinks)
    if reason:
        raise SearchIndexError(
            f"The search index folder {path} {reason}, so it is not used "
            f"(make it private to you, e.g. chmod 700 '{path}')."
        )
    return path


def _not_own(info: os.stat_result) -> str | None:
    if not _CAN_CHECK_OWNER:
        return None
    if info.st_uid != os.geteuid():
        return "belongs to another user"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "can be written by other users"
    return None


def _file_problem(info: os.stat_result) -> str | None:
    if stat.S_ISLNK(info.st_mode):
        return "is a symbolic link"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file"
    return _not_own(info)


def check_files(folder: Path) -> None:
    """Raise SearchIndexError unless everything in `folder` is a private regular file."""
    for path in folder.iterdir():
        problem = _file_problem(os.lstat(path))
        if problem:
            raise SearchIndexError(f"{path.name} {problem}")


def read_private_file(path: Path, limit: int) -> bytes:
    """The bytes of `path` (at most `limit`+1), checked on the open file itself as above."""
    problem = _file_problem(os.lstat(path))  # before opening: opening a device can act
    if problem is None:
        with open(os.open(path, _READ_FLAGS), "rb") as handle:
            problem = _file_problem(os.fstat(handle.fileno()))
            if problem is None:
                return handle.read(limit + 1)
    raise SearchIndexError(f"{path.name} {problem}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- the manifest -----------------------------------------------------------------------------


def manifest_mac(key: bytes, fingerprint: str, documents: int, files: dict[str, Any]) -> str:
    """The HMAC-SHA256 of what the manifest says: fingerprint, documents and every file."""
    body = {"fingerprint": fingerprint, "documents": documents, "files": files}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hmac.new(key, _MAC_CONTEXT + text.encode("ascii"), hashlib.sha256).hexdigest()


def signed_manifest(key: bytes, fingerprint: str, documents: int, folder: Path) -> str:
    """The manifest text for the finished index in `folder`: each file's size and SHA-256."""
    files = {p.name: [p.stat().st_size, _sha256(p)] for p in sorted(folder.iterdir())}
    mac = manifest_mac(key, fingerprint, documents, files)
    manifest = {"fingerprint": fingerprint, "documents": documents, "files": files, "mac": mac}
    return json.dumps(manifest)


def authentic_files(
    manifest: Any, key: bytes, fingerprint: str, documents: int
) -> dict[str, tuple[int, str]]:
    """The manifest's {name: (size, sha256)}, if its HMAC is right and it is the index wanted."""
    try:
        files = manifest["files"]
        listed = {str(name): (int(size), str(digest)) for name, (size, digest) in files.items()}
        mac = str(manifest["mac"])
        wanted = manifest_mac(key, fingerprint, documents, files)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise SearchIndexError(f"the manifest is not one the app writes ({exc!r})") from exc
    if not hmac.compare_digest(mac.encode("utf-8"), wanted.encode("ascii")):
        raise SearchIndexError("the manifest was not written by this user's copy of the app")
    return listed


def read_listed(folder: Path, listed: dict[str, tuple[int, str]]) -> dict[str, bytes]:
    """Each listed file's bytes, read once and checked against its size and SHA-256."""
    found: dict[str, bytes] = {}
    for name, (size, digest) in listed.items():
        data = read_private_file(folder / name, size)
        if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
            raise SearchIndexError(f"{name} does not match the manifest")
        found[name] = data
    return found


# --- the user's index key ---------------------------------------------------------------------


def index_key(config_dir: Path | None = None) -> bytes:
    """The user's index key, made on first use; SearchIndexError if it cannot be trusted."""
    path = (config_dir or user_config_dir()) / KEY_FILE
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise _key_error(path, f"cannot be read ({exc.strerror})") from exc
    try:
        _create_key(path)
        return _read_key(path)
    except OSError as exc:
        raise _key_error(path, f"cannot be created ({exc.strerror})") from exc


def _key_error(path: Path, problem: str) -> SearchIndexError:
    return SearchIndexError(
        f"The search index key {path} {problem}, so no search index saved on disk is trusted "
        "(delete that file and the app makes a new one)."
    )


def _key_problem(info: os.stat_result) -> str | None:
    problem = _file_problem(info)
    if problem is None and _CAN_CHECK_OWNER and stat.S_IMODE(info.st_mode) != 0o600:
        problem = f"has permissions {stat.S_IMODE(info.st_mode):o}, not 600 (yours alone)"
    return problem


def _read_key(path: Path) -> bytes:
    problem = _key_problem(os.lstat(path))
    if problem is None:
        with open(os.open(path, _READ_FLAGS), "rb") as handle:
            problem = _key_problem(os.fstat(handle.fileno()))
            key = handle.read(KEY_BYTES + 1)
            if problem is None and len(key) == KEY_BYTES:
                return key
    raise _key_error(path, problem or "is damaged")


def _create_key(path: Path) -> None:
    """Write a new key beside `path` (O_EXCL, mode 0600), then link it into place, so that a
    copy starting at the same moment never reads a half-written key; the first link wins."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{KEY_FILE}-", dir=path.parent)
    try:
        with open(handle, "wb") as out:
            out.write(secrets.token_bytes(KEY_BYTES))
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)
