"""The index's life: where it lives, what it holds, and building, checking and opening it.

An index lives in `<cache>/search/<fingerprint>/`, named by a digest of the content, the schema
and the app version. It is built in a private temporary folder and renamed into place, so a
killed build never leaves a broken index and two running copies never share a Whoosh write
lock. Before Whoosh opens (and so unpickles) anything, the folders must belong to the current
user and be writable by nobody else, and every file must match the manifest written with it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import sys
import tempfile
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
from guidance_app.core.errors import SearchIndexError
from guidance_app.core.model import Library
from guidance_app.core.safe_read import MAX_CACHE_JSON_BYTES, read_regular_file
from guidance_app.core.search.analysis import StaffTokenizer, is_stop, words

SCHEMA_VERSION = 1  # bump whenever the schema or the analysis changes
INDEX_NAME = "MAIN"
MANIFEST = "manifest.json"
VOCABULARY = "vocabulary.json"
KEEP_OLD_INDEXES = 3
STALE_BUILD_SECONDS = 3600.0

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
    for wizard in sorted(library.wizards, key=lambda w: (w.order, w.id)):
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


def insecure_reason(path: Path, follow_symlinks: bool = False) -> str | None:
    """Why `path` may not hold an index Whoosh will unpickle, or None if it is private."""
    if not hasattr(os, "geteuid"):  # Windows: %LOCALAPPDATA% is private to the user by ACL
        return None
    try:
        info = os.stat(path) if follow_symlinks else os.lstat(path)
    except OSError as exc:
        return f"cannot be inspected ({exc.strerror})"
    if stat.S_ISLNK(info.st_mode):
        return "is a symbolic link"
    if not stat.S_ISDIR(info.st_mode):
        return "is not a folder"
    if info.st_uid != os.geteuid():
        return "belongs to another user"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "can be written by other users"
    return None


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


# --- building ---------------------------------------------------------------------------------


def _fill(storage: Any, entries: list[Entry], progress: Progress | None) -> Counter[str]:
    """Write every entry into a new index in `storage`; return the vocabulary seen."""
    index = storage.create_index(schema(), indexname=INDEX_NAME)
    vocabulary: Counter[str] = Counter()
    writer = index.writer(limitmb=128)
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
    return OpenIndex(storage.open_index(INDEX_NAME), dict(vocabulary), None)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _build_folder(root: Path, fp: str, entries: list[Entry], progress: Progress | None) -> Path:
    """Build a complete index in a new private folder under `root`; return the folder."""
    folder = Path(tempfile.mkdtemp(prefix=f".build-{fp}-", dir=root))  # mode 0700
    try:
        storage = FileStorage(str(folder))
        vocabulary = _fill(storage, entries, progress)
        storage.close()
        for leftover in folder.glob("*_WRITELOCK"):
            leftover.unlink()
        (folder / VOCABULARY).write_text(
            json.dumps(dict(vocabulary), ensure_ascii=False), encoding="utf-8"
        )
        files = {p.name: [p.stat().st_size, _sha256(p)] for p in sorted(folder.iterdir())}
        manifest = {"fingerprint": fp, "documents": len(entries), "files": files}
        (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        for path in folder.iterdir():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


# --- opening ----------------------------------------------------------------------------------


@dataclass
class OpenIndex:
    """An opened Whoosh index, the vocabulary it was built from, and its folder (None: memory)."""

    index: Any
    vocabulary: dict[str, int]
    folder: Path | None
    notice: str | None = None


def _verified(folder: Path, fp: str, documents: int) -> OpenIndex | None:
    """Open the index in `folder` if it is private, complete and the one wanted; else None."""
    if insecure_reason(folder) is not None:
        return None
    try:
        manifest = json.loads(read_regular_file(folder / MANIFEST, MAX_CACHE_JSON_BYTES))
        files: dict[str, list[Any]] = manifest["files"]
        if manifest["fingerprint"] != fp or manifest["documents"] != documents:
            return None
        present = {p.name for p in folder.iterdir()} - {MANIFEST}
        if present != set(files):
            return None
        for name, (size, digest) in files.items():
            path = folder / name
            if path.is_symlink() or path.stat().st_size != size or _sha256(path) != digest:
                return None
        vocabulary = json.loads(read_regular_file(folder / VOCABULARY, MAX_CACHE_JSON_BYTES))
        index = FileStorage(str(folder), readonly=True).open_index(INDEX_NAME)
        if index.doc_count_all() != documents:
            index.close()
            return None
    except Exception:  # anything wrong with the folder means: rebuild it
        return None
    if not isinstance(vocabulary, dict):
        return None
    return OpenIndex(index, {str(k): int(v) for k, v in vocabulary.items()}, folder)


def _discard(folder: Path) -> None:
    """Move a folder out of the way atomically, then delete it (best effort)."""
    trash = folder.with_name(f".trash-{uuid.uuid4().hex}")
    try:
        os.rename(folder, trash)
    except OSError:
        return
    shutil.rmtree(trash, ignore_errors=True)


def _tidy(root: Path, current: Path) -> None:
    """Delete abandoned builds and all but the most recently used other indexes."""
    now = time.time()
    others: list[tuple[float, Path]] = []
    for path in root.iterdir():
        try:
            age = now - path.lstat().st_mtime
        except OSError:
            continue
        if path.name.startswith((".build-", ".trash-")):
            if age > STALE_BUILD_SECONDS:
                shutil.rmtree(path, ignore_errors=True)
        elif path != current and path.is_dir():
            others.append((age, path))
    for _, path in sorted(others)[KEEP_OLD_INDEXES:]:
        _discard(path)


def open_index(
    entries: list[Entry], cache_dir: Path | None = None, progress: Progress | None = None
) -> OpenIndex:
    """Open the index for `entries`, building it first if missing, stale or corrupt.

    If the cache folder is unusable (not private, read-only, full) the index is built in
    memory for this session and `notice` says why.
    """
    fp = fingerprint(entries)
    try:
        base = private_dir(cache_dir or default_cache_dir(), follow_symlinks=True)
        root = private_dir(base / "search")
        return _open_on_disk(root, fp, entries, progress)
    except (SearchIndexError, OSError) as exc:
        opened = build_in_memory(entries, progress)
        opened.notice = f"{exc} The search index was built in memory for this session."
        return opened


def _open_on_disk(
    root: Path, fp: str, entries: list[Entry], progress: Progress | None
) -> OpenIndex:
    final = root / fp
    built: Path | None = None
    try:
        for _ in range(4):
            opened = _verified(final, fp, len(entries))
            if opened is not None:
                with contextlib.suppress(OSError):
                    os.utime(final)
                    _tidy(root, final)
                return opened
            if os.path.lexists(final):
                _discard(final)
            if built is None:
                built = _build_folder(root, fp, entries, progress)
            try:
                os.rename(built, final)  # atomic; fails if another copy got there first
                built = None
            except OSError:
                time.sleep(0.05)
    finally:
        if built is not None:
            shutil.rmtree(built, ignore_errors=True)
    raise SearchIndexError(f"The search index in {final} could not be built and opened.")
