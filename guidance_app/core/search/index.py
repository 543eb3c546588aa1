"""The index's life: where it lives, what it holds, and building, checking and opening it.

An index lives in `<cache>/search/<fingerprint>/`, named by a digest of the content, the schema
and the app version. It is built in a private folder of its own (builds.py) and renamed into
place, so a killed build never leaves a broken index and two running copies never share a
Whoosh write lock. Whoosh unpickles its files, so an index is opened only if everything about
it shows this user's own copy of the app wrote it (trust.py): private folders, private regular
files, and a manifest authenticated with the user's key. Its files are then read into memory
once, and Whoosh unpickles them only through a restricted unpickler (unpickling.py). Anything
short of that and the index is rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import whoosh
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage, RamStorage

from guidance_app import __version__
from guidance_app.core.content.model import Library
from guidance_app.core.errors import SearchIndexError
from guidance_app.core.files.safe_read import MAX_CACHE_JSON_BYTES, read_regular_file
from guidance_app.core.search.analysis import StaffTokenizer, is_stop, words
from guidance_app.core.search.builds import build_space, clear_abandoned
from guidance_app.core.search.trust import (
    authentic_files,
    check_files,
    index_key,
    insecure_reason,
    private_dir,
    read_listed,
    signed_manifest,
)
from guidance_app.core.search.unpickling import guard_whoosh

guard_whoosh()  # before Whoosh reads any index, in memory or on disk: see unpickling.py
_log = logging.getLogger(__name__)

SCHEMA_VERSION = 2  # bump whenever the schema or the analysis changes
INDEX_NAME = "MAIN"
MANIFEST = "manifest.json"
VOCABULARY = "vocabulary.json"
KEEP_OLD_INDEXES = 3
# Postings a build keeps in memory before Whoosh sorts them in runs on disk (a large library)
WRITER_MEMORY_MB: float = 128

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Entry:
    """One searchable document: a policy clause, or a guided answer (wizard)."""

    kind: str  # "section" (a clause of a policy section) or "wizard"
    school: str | None
    policy: str | None
    section: str | None  # the section id holding the clause
    ref: str  # the clause id, or the wizard id
    heading: str  # the section heading, or the wizard's title
    text: str  # the whole clause text, or the wizard's question
    extra: str = ""  # more words to index but not to show (wizard keywords, options)


def library_entries(library: Library) -> list[Entry]:
    """Every wizard, then every clause of every policy, in library order."""
    entries: list[Entry] = []
    for wizard in library.wizards:
        extra: list[str] = list(wizard.keywords)
        for question in wizard.questions.values():
            extra.append(question.text)
            extra.extend(option.label for option in question.options)
        extra.extend(wizard.situations.values())
        entries.append(
            Entry(
                "wizard",
                None,
                None,
                None,
                wizard.id,
                wizard.title,
                wizard.question,
                "\n".join(extra),
            )
        )
    for school in library.schools:
        for policy in school.policies:
            for section in policy.sections:
                for clause in section.clauses:
                    entries.append(
                        Entry(
                            "section",
                            school.id,
                            policy.id,
                            section.id,
                            clause.id,
                            section.heading,
                            clause.text,
                        )
                    )
    return entries


def schema() -> Schema:
    analyzer = StaffTokenizer()
    return Schema(
        ref=STORED(),
        kind=ID(),
        school=ID(),
        policy=ID(),
        heading=TEXT(analyzer=analyzer, phrase=True),
        body=TEXT(analyzer=analyzer, phrase=True),
    )


def fingerprint(entries: Iterable[Entry]) -> str:
    """A digest of everything that shapes the index: content, schema, app and Whoosh versions."""
    digest = hashlib.sha256()
    header = f"schema={SCHEMA_VERSION};app={__version__};whoosh={whoosh.versionstring()}"
    digest.update(header.encode())
    for entry in entries:
        fields = (
            entry.kind,
            entry.school,
            entry.policy,
            entry.section,
            entry.ref,
            entry.heading,
            entry.text,
            entry.extra,
        )
        digest.update(json.dumps(fields, ensure_ascii=False).encode("utf-8", "replace"))
    return digest.hexdigest()[:20]


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


def _fill(storage: Any, entries: list[Entry], progress: Progress | None) -> Counter[str]:
    """Write every entry into a new index in `storage`; return the vocabulary seen."""
    index = storage.create_index(schema(), indexname=INDEX_NAME)
    vocabulary: Counter[str] = Counter()
    writer = index.writer(limitmb=WRITER_MEMORY_MB)
    try:
        total = len(entries)
        step = max(1, total // 100)
        for number, entry in enumerate(entries):
            body = f"{entry.text}\n{entry.extra}" if entry.extra else entry.text
            writer.add_document(
                ref=number,
                kind=entry.kind,
                school=entry.school or "",
                policy=entry.policy or "",
                heading=entry.heading,
                body=body,
            )
            for text in (entry.heading, body):
                vocabulary.update(w for w, _, _ in words(text) if w.isalpha() and not is_stop(w))
            if progress is not None and number % step == 0:
                progress(number, total)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    if progress is not None:
        progress(len(entries), len(entries))
    return vocabulary


def build_in_memory(entries: list[Entry], progress: Progress | None = None) -> OpenIndex:
    storage = RamStorage()
    vocabulary = _fill(storage, entries, progress)
    return OpenIndex(storage.open_index(INDEX_NAME, schema=schema()), dict(vocabulary), None)


def _fill_folder(
    folder: Path, fp: str, entries: list[Entry], key: bytes, progress: Progress | None
) -> None:
    """Build a complete index in the empty private `folder`, with its signed manifest."""
    storage = FileStorage(str(folder))
    vocabulary = _fill(storage, entries, progress)
    storage.close()
    for leftover in folder.glob("*_WRITELOCK"):
        leftover.unlink()
    (folder / VOCABULARY).write_text(
        json.dumps(dict(vocabulary), ensure_ascii=False), encoding="utf-8"
    )
    (folder / MANIFEST).write_text(signed_manifest(key, fp, len(entries), folder), encoding="utf-8")
    for path in folder.iterdir():
        path.chmod(0o600)  # whatever the umask: group-writable files would not be trusted
        with path.open("rb") as handle:
            os.fsync(handle.fileno())


# --- opening ----------------------------------------------------------------------------------


@dataclass
class OpenIndex:
    """An opened Whoosh index, the vocabulary it was built from, and its folder (None: memory)."""

    index: Any
    vocabulary: dict[str, int]
    folder: Path | None
    notice: str | None = None


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
        # Whoosh reads only these checked bytes from now on: nothing another process does to
        # the folder afterwards (even replacing it) can reach the open index.
        storage = RamStorage()
        storage.files = files
        index = storage.open_index(INDEX_NAME, schema=schema())
        with index.searcher() as searcher:
            if searcher.doc_count_all() != documents:
                raise SearchIndexError("it holds the wrong number of documents")
            for _ in searcher.all_stored_fields():
                pass  # stored fields are pickles: a bad one means a rebuild now, not a dud search
        words_seen = {str(k): int(v) for k, v in vocabulary.items()}
    except SearchIndexError:
        raise
    except Exception as exc:  # any other fault (EmptyIndexError, a bad pickle...): rebuild
        raise SearchIndexError(f"it cannot be read ({exc!r})") from exc
    return OpenIndex(index, words_seen, folder)


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
    fp = fingerprint(entries)
    try:
        key = index_key()
        base = private_dir(cache_dir or default_cache_dir(), follow_symlinks=True)
        root = private_dir(base / "search")
        return _open_on_disk(root, fp, entries, key, progress)
    except (SearchIndexError, OSError) as exc:
        opened = build_in_memory(entries, progress)
        opened.notice = f"{exc} The search index was built in memory for this session."
        return opened


def _open_on_disk(
    root: Path, fp: str, entries: list[Entry], key: bytes, progress: Progress | None
) -> OpenIndex:
    clear_abandoned(root)
    final = root / fp
    with contextlib.ExitStack() as building:
        built: Path | None = None
        for _ in range(4):
            try:
                opened = _load(final, fp, len(entries), key)
            except SearchIndexError as exc:
                if os.path.lexists(final):
                    _log.info("The search index in %s is rebuilt: %s", final, exc)
                    _discard(final)
            else:
                with contextlib.suppress(OSError):
                    os.utime(final)
                    _tidy(root, final)
                return opened
            if built is None:
                built = building.enter_context(build_space(root, fp))
                _fill_folder(built, fp, entries, key, progress)
            try:
                os.rename(built, final)  # atomic; fails if another copy got there first
                built = None
            except OSError:
                time.sleep(0.05)
    raise SearchIndexError(f"The search index in {final} could not be built and opened.")
