"""The index's life: where it lives, what it holds, and building, checking and opening it.

An index lives in `<cache>/search/<fingerprint>/`, named by a digest of the content, the schema
and the app version. It is built in a private folder of its own (builds.py) and renamed into
place, so a killed build never leaves a broken index and two running copies never share a
Whoosh write lock. When only some policies or wizards changed, the new index is made from a copy
of the last one, with just those re-indexed (updates.py), and switched into place the same way.
Whoosh unpickles its files, so an index is opened only if everything about it shows this
user's own copy of the app wrote it (trust.py): private folders, private regular files, and a
manifest authenticated with the user's key. Its files are then read into memory once, and
Whoosh unpickles them only through a restricted unpickler (unpickling.py). Anything short of
that and the index is rebuilt.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage, RamStorage

from guidance_app.core.errors import SearchIndexError
from guidance_app.core.files.safe_read import MAX_CACHE_JSON_BYTES, read_regular_file
from guidance_app.core.search.builds import build_space, clear_abandoned
from guidance_app.core.search.documents import (
    INDEX_NAME,
    MANIFEST,
    UNITS,
    VOCABULARY,
    Entry,
    Progress,
    add_units,
    fingerprint,
    fingerprint_of,
    index_writer,
    library_entries,
    schema,
    seal,
    total_vocabulary,
    unit_fingerprints,
    units_of,
)
from guidance_app.core.search.parallel import fill_parallel, workers_for
from guidance_app.core.search.trust import (
    authentic_files,
    check_files,
    index_key,
    insecure_reason,
    private_dir,
    read_listed,
)
from guidance_app.core.search.unpickling import guard_whoosh
from guidance_app.core.search.updates import update_from_older

guard_whoosh()  # before Whoosh reads any index, in memory or on disk: see unpickling.py
_log = logging.getLogger(__name__)
__all__ = [
    "INDEX_NAME",
    "MANIFEST",
    "Entry",
    "Progress",
    "fingerprint",
    "library_entries",
    "schema",
]

KEEP_OLD_INDEXES = 3
# Postings a build keeps in memory before Whoosh sorts them in runs on disk (a large library)
WRITER_MEMORY_MB: float = 128

# --- where the index lives ------------------------------------------------------------------


def default_cache_dir() -> Path:
    """The app's per-user cache folder; GUIDANCE_APP_CACHE_DIR overrides it."""
    override = os.environ.get("GUIDANCE_APP_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "guidance-app" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "guidance-app"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base_dir = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base_dir / "guidance-app"


# --- building ---------------------------------------------------------------------------------


def _fill(
    storage: Any, entries: list[Entry], progress: Progress | None
) -> dict[str, dict[str, int]]:
    """Write every entry into a new index in `storage`; return each unit's words."""
    index = storage.create_index(schema(), indexname=INDEX_NAME)
    writer = index_writer(index, WRITER_MEMORY_MB)
    try:
        vocabularies = add_units(writer, entries, units_of(entries), progress)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    return vocabularies


def build_in_memory(entries: list[Entry], progress: Progress | None = None) -> OpenIndex:
    storage = RamStorage()
    vocabulary = total_vocabulary(_fill(storage, entries, progress))
    index = storage.open_index(INDEX_NAME, schema=schema())
    return OpenIndex(index, vocabulary, None, keys=_keys(index))


def _fill_folder(
    folder: Path,
    fp: str,
    entries: list[Entry],
    key: bytes,
    progress: Progress | None,
    prints: dict[str, str],
) -> None:
    """Build a complete index in the empty private `folder`, with its signed manifest."""
    count = workers_for(entries)
    vocabularies = None
    if count > 1:
        try:
            vocabularies = fill_parallel(
                folder, entries, units_of(entries), count, WRITER_MEMORY_MB, progress
            )
        except (SearchIndexError, OSError) as exc:
            _log.info("The search index is built in one process: %s", exc)
            _empty(folder)
    if vocabularies is None:
        storage = FileStorage(str(folder))
        vocabularies = _fill(storage, entries, progress)
        storage.close()
    seal(folder, fp, entries, key, vocabularies, total_vocabulary(vocabularies), prints)


def _empty(folder: Path) -> None:
    for path in folder.iterdir():
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


# --- opening ----------------------------------------------------------------------------------


@dataclass
class OpenIndex:
    """An opened Whoosh index, the vocabulary it was built from, and its folder (None: memory)."""

    index: Any
    vocabulary: dict[str, int]
    folder: Path | None
    notice: str | None = None
    keys: dict[int, str] = field(default_factory=dict)  # each live document's entry key (doc_keys)
    updated: bool = False  # made just now from an older index, re-indexing only what changed


def _keys(index: Any) -> dict[int, str]:
    """Each live document's entry key; reading them all also proves every stored-field pickle
    sound (a bad one means a rebuild now, not a dud search)."""
    with index.reader() as reader:
        return {
            doc + offset: str(fields["ref"])
            for leaf, offset in reader.leaf_readers()  # a segment at a time is much quicker
            for doc, fields in leaf.iter_docs()
        }


def _load(folder: Path, fp: str, documents: int, key: bytes) -> OpenIndex:
    """The index in `folder`, read into memory; SearchIndexError if it is not one this user's
    app wrote for these entries, or is incomplete or unreadable (then it is rebuilt)."""
    reason = insecure_reason(folder)
    if reason:
        raise SearchIndexError(f"the folder {reason}")
    try:
        check_files(folder)
        manifest = json.loads(read_regular_file(folder / MANIFEST, MAX_CACHE_JSON_BYTES))
        listed = authentic_files(manifest, key, fp, documents)
        if {p.name for p in folder.iterdir()} != {*listed, MANIFEST}:
            raise SearchIndexError("its files are not the ones in the manifest")
        files = read_listed(folder, listed)
        vocabulary = json.loads(files.pop(VOCABULARY).decode("utf-8"))  # checked just above
        files.pop(UNITS)
        # Whoosh reads only these checked bytes from now on: nothing another process does to
        # the folder afterwards (even replacing it) can reach the open index.
        storage = RamStorage()
        storage.files = files
        index = storage.open_index(INDEX_NAME, schema=schema())
        keys = _keys(index)
        if len(keys) != documents:
            raise SearchIndexError("it holds the wrong number of documents")
        words_seen = {str(k): int(v) for k, v in vocabulary.items()}
    except SearchIndexError:
        raise
    except Exception as exc:  # any other fault (EmptyIndexError, a bad pickle...): rebuild
        raise SearchIndexError(f"it cannot be read ({exc!r})") from exc
    return OpenIndex(index, words_seen, folder, keys=keys)


def _discard(folder: Path) -> None:
    """Move a folder out of the way atomically, then delete it (best effort)."""
    trash = folder.with_name(f".trash-{uuid.uuid4().hex}")
    try:
        os.rename(folder, trash)
    except OSError:
        return
    shutil.rmtree(trash, ignore_errors=True)


def _tidy(root: Path, current: Path) -> None:
    """Delete all but the most recently used other indexes."""
    others: list[tuple[float, Path]] = []
    for path in root.iterdir():
        if path != current and not path.name.startswith(".") and path.is_dir():
            with contextlib.suppress(OSError):
                others.append((-path.lstat().st_mtime, path))
    for _, path in sorted(others)[KEEP_OLD_INDEXES:]:
        _discard(path)


def open_index(
    entries: list[Entry], cache_dir: Path | None = None, progress: Progress | None = None
) -> OpenIndex:
    """Open the index for `entries`, building it first if missing, stale, corrupt or untrusted.

    If the cache folder is unusable (not private, read-only, full) or the user's index key
    cannot be trusted, the index is built in memory for this session and `notice` says why.
    """
    prints = unit_fingerprints(entries, units_of(entries))
    fp = fingerprint_of(prints)
    try:
        key = index_key()
        base = private_dir(cache_dir or default_cache_dir(), follow_symlinks=True)
        root = private_dir(base / "search")
        return _open_on_disk(root, fp, entries, key, progress, prints)
    except (SearchIndexError, OSError) as exc:
        opened = build_in_memory(entries, progress)
        opened.notice = f"{exc} The search index was built in memory for this session."
        return opened


def _open_on_disk(
    root: Path,
    fp: str,
    entries: list[Entry],
    key: bytes,
    progress: Progress | None,
    prints: dict[str, str],
) -> OpenIndex:
    clear_abandoned(root)
    final = root / fp
    with contextlib.ExitStack() as building:
        built: Path | None = None
        updated = whole = False
        for _ in range(4):
            try:
                opened = _load(final, fp, len(entries), key)
                opened.updated = updated
            except SearchIndexError as exc:
                if os.path.lexists(final):
                    _log.info("The search index in %s is rebuilt: %s", final, exc)
                    _discard(final)
                whole = whole or updated  # an update that fails its checks: build it whole
            else:
                with contextlib.suppress(OSError):
                    os.utime(final)
                    _tidy(root, final)
                return opened
            if built is None:
                built = building.enter_context(build_space(root, fp))
                updated = _update_or_fill(root, built, fp, entries, key, progress, prints, whole)
            try:
                _switch(built, final)
                built = None
            except OSError:
                time.sleep(0.05)
    raise SearchIndexError(f"The search index in {final} could not be built and opened.")


def _switch(built: Path, final: Path) -> None:
    os.rename(built, final)  # atomic; fails if another copy got there first


def _update_or_fill(
    root: Path,
    folder: Path,
    fp: str,
    entries: list[Entry],
    key: bytes,
    progress: Progress | None,
    prints: dict[str, str],
    whole: bool,
) -> bool:
    """Make the index for `entries` in the empty build `folder`: from a copy of an older one
    when only some units changed (True), else (or if `whole`) whole."""
    try:
        if not whole and update_from_older(root, folder, fp, entries, key, progress, prints):
            return True
    except Exception as exc:  # any fault in the older index or the update: build it whole
        _log.info("The search index is rebuilt whole, not updated: %s", exc)
    _empty(folder)
    _fill_folder(folder, fp, entries, key, progress, prints)
    return False
