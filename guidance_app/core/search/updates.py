"""Updating an index instead of rebuilding it: only the policies and wizards that changed.

The newest older index that this user's app signed, for the same schema, app and Whoosh
versions, is read and checked against its manifest exactly as when it is opened, and those
checked bytes are written into the new build folder. There Whoosh deletes the documents of the
units (policies, wizards) that changed or went, and adds those that changed or came; the folder
is then sealed and switched into place like a whole build (index.py). The older index is never
written to, so a process killed at any point leaves it as it was, and the next start updates
again. With too much changed, or too many deleted documents still held in the segments, the
index is built whole instead.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage

from guidance_app.core.errors import SearchIndexError
from guidance_app.core.files.safe_read import MAX_CACHE_JSON_BYTES, read_regular_file
from guidance_app.core.search.documents import (
    INDEX_NAME,
    MANIFEST,
    UNITS,
    VOCABULARY,
    Entry,
    Progress,
    add_units,
    header,
    index_writer,
    schema,
    seal,
    units_of,
)
from guidance_app.core.search.trust import (
    authentic_files,
    check_files,
    insecure_reason,
    read_listed,
)
from guidance_app.core.search.unpickling import guard_whoosh

guard_whoosh()  # before Whoosh reads an older index's files: see unpickling.py

MAX_CHANGED_SHARE = 0.3  # of the units; past that a whole build is about as quick
MAX_DELETED_SHARE = 0.25  # of the documents held, deleted ones included: past that, rebuild
OLDER_TRIED = 4
UPDATE_MEMORY_MB = 64


def update_from_older(
    root: Path,
    folder: Path,
    fp: str,
    entries: list[Entry],
    key: bytes,
    progress: Progress | None,
    prints: dict[str, str],
) -> bool:
    """Make the index for `entries` in the empty build `folder` from an older index in `root`;
    False if there is none fit to update from (then it is built whole)."""
    units = units_of(entries)
    for older in _newest_first(root):
        try:
            found = _read_older(older, key)
        except (SearchIndexError, OSError, ValueError, TypeError, KeyError, AttributeError):
            continue  # not one to trust or to use: try the next, else build whole
        if found is None:
            continue
        table, vocabulary, files = found
        old_prints = {str(unit): str(row[0]) for unit, row in table.items()}
        gone = [unit for unit, print_ in old_prints.items() if prints.get(unit) != print_]
        new = {
            unit: numbers for unit, numbers in units.items() if old_prints.get(unit) != prints[unit]
        }
        if len({*gone, *new}) > MAX_CHANGED_SHARE * max(1, len(units)):
            return False
        for name, data in files.items():
            path = folder / name
            with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
                out.write(data)
        vocabularies = _rewrite(folder, gone, entries, new, progress)
        if vocabularies is None:
            return False
        total: Counter[str] = Counter(vocabulary)
        for unit in gone:
            total.subtract(table[unit][1])
        for words in vocabularies.values():
            total.update(words)
        kept = {unit: table[unit][1] for unit in units if unit not in new}
        seal(
            folder,
            fp,
            entries,
            key,
            kept | vocabularies,
            dict(sorted((word, count) for word, count in total.items() if count > 0)),
            prints,
        )
        return True
    return False


def _rewrite(
    folder: Path,
    gone: list[str],
    entries: list[Entry],
    new: dict[str, list[int]],
    progress: Progress | None,
) -> dict[str, dict[str, int]] | None:
    """Delete the `gone` units' documents from the index copied into `folder` and add the
    `new` ones; each new unit's words, or None if too many deleted documents are now held."""
    storage = FileStorage(str(folder))
    try:
        index = storage.open_index(INDEX_NAME, schema=schema())
        writer = index_writer(index, UPDATE_MEMORY_MB)
        try:
            for unit in gone:
                writer.delete_by_term("unit", unit)
            vocabularies = add_units(writer, entries, new, progress)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        index = storage.open_index(INDEX_NAME, schema=schema())
        held, live = index.doc_count_all(), index.doc_count()
        index.close()
    finally:
        storage.close()
    if held - live > MAX_DELETED_SHARE * max(1, held):
        return None
    return vocabularies


def _newest_first(root: Path) -> list[Path]:
    found: list[tuple[float, Path]] = []
    for path in root.iterdir():
        if not path.name.startswith("."):
            with contextlib.suppress(OSError):
                found.append((-path.lstat().st_mtime, path))
    return [path for _, path in sorted(found)[:OLDER_TRIED]]


def _read_older(
    folder: Path, key: bytes
) -> tuple[dict[str, Any], dict[str, int], dict[str, bytes]] | None:
    """An older index's units, vocabulary and Whoosh files, read once and checked against its
    signed manifest; None if it was made by another schema or version."""
    reason = insecure_reason(folder)
    if reason:
        raise SearchIndexError(f"the folder {reason}")
    check_files(folder)
    manifest = json.loads(read_regular_file(folder / MANIFEST, MAX_CACHE_JSON_BYTES))
    listed = authentic_files(
        manifest, key, str(manifest["fingerprint"]), int(manifest["documents"])
    )
    if {p.name for p in folder.iterdir()} != {*listed, MANIFEST}:
        raise SearchIndexError("its files are not the ones in the manifest")
    files = read_listed(folder, listed)
    units = json.loads(files.pop(UNITS).decode("utf-8"))
    vocabulary = json.loads(files.pop(VOCABULARY).decode("utf-8"))
    if units.get("header") != header():
        return None
    return dict(units["units"]), {str(w): int(c) for w, c in vocabulary.items()}, files
