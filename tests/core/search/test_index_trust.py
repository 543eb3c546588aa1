"""The search index never runs code someone else planted in it.

Whoosh unpickles its files, so an attacker who can get bytes into a user's index gets code run
as that user. These tests plant real pickles whose loading would create a marker file, in every
kind of file Whoosh unpickles, with a manifest made to match, and check the marker never
appears and the index is rebuilt; and they check the user's key, the file checks, the
restricted unpickler, the folder-swap race and the clean-up of killed builds.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import io
import json
import logging
import os
import pickle
import pkgutil
import shlex
import stat
import struct
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import whoosh
from whoosh.fields import Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library
from guidance_app.core.errors import SearchIndexError
from guidance_app.core.search import SearchEngine
from guidance_app.core.search import index as index_module
from guidance_app.core.search.index import (
    INDEX_NAME,
    MANIFEST,
    library_entries,
    open_index,
    schema,
)
from guidance_app.core.search.trust import KEY_FILE, index_key, manifest_mac
from guidance_app.core.search.unpickling import (
    ALLOWED,
    RestrictedUnpickler,
    restricted_load,
    restricted_loads,
)
from tests.helpers import CONTENT, REPO, write_library

NOBODY = 65534
POSIX_OWNERS = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing owners needs root on POSIX"
)
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and flock")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_library(tmp_path / "content")


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GUIDANCE_APP_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path / "config"


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    return tmp_path / "pwned"


@pytest.fixture
def rebuilds(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    with caplog.at_level(logging.INFO, logger="guidance_app.core.search.index"):
        yield caplog


def _library(content: Path) -> Library:
    return load_library(content).library


def _open(content: Path, calls: list[tuple[int, int]] | None = None) -> SearchEngine:
    progress = None if calls is None else (lambda done, total: calls.append((done, total)))
    return SearchEngine.open(_library(content), progress=progress)


def _built(content: Path) -> Path:
    with _open(content) as engine:
        assert engine.location is not None, engine.notice
        return engine.location


class _Exploit:
    """Unpickling this runs a shell command that creates the marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (os.system, (f"touch {shlex.quote(str(self.marker))}",))


class _ExploitSchema(Schema):
    """A schema whose pickle is an exploit (Whoosh stores the schema pickled in the TOC)."""

    marker = Path()

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return _Exploit(self.marker).__reduce__()


def _toc(folder: Path) -> tuple[Path, int]:
    toc = next(folder.glob("*.toc"))
    return toc, int(toc.stem.rsplit("_", 1)[1])


def _plant_toc_segments(folder: Path, marker: Path, content: Path) -> None:
    toc, generation = _toc(folder)
    toc.unlink()
    TOC(schema(), _Exploit(marker), generation).write(FileStorage(str(folder)), INDEX_NAME)


def _plant_toc_schema(folder: Path, marker: Path, content: Path) -> None:
    toc, generation = _toc(folder)
    segments = TOC.read(FileStorage(str(folder)), INDEX_NAME, schema=schema()).segments
    toc.unlink()
    evil = _ExploitSchema()
    evil.marker = marker
    TOC(evil, segments, generation).write(FileStorage(str(folder)), INDEX_NAME)


def _plant_segment_directory(folder: Path, marker: Path, content: Path) -> None:
    """Point the compound segment's directory (a pickle) at an exploit appended to it."""
    segment = next(folder.glob("*.seg"))
    data = segment.read_bytes()
    payload = pickle.dumps(_Exploit(marker))
    header = struct.pack("!q", len(data)) + struct.pack("!i", len(payload))
    segment.write_bytes(header + data[12:] + payload)


def _plant_stored_fields(folder: Path, marker: Path, content: Path) -> None:
    """Rewrite the index with the same documents, each storing an exploit as its `ref`."""
    entries = library_entries(_library(content))
    for path in folder.iterdir():
        if path.name not in (MANIFEST, "vocabulary.json"):
            path.unlink()
    storage = FileStorage(str(folder))
    writer = storage.create_index(schema(), indexname=INDEX_NAME).writer()
    for entry in entries:
        writer.add_document(ref=_Exploit(marker), kind=entry.kind, body=entry.text)
    writer.commit()
    storage.close()
    for leftover in folder.glob("*_WRITELOCK"):
        leftover.unlink()


PLANTS = {
    "toc-segments": _plant_toc_segments,
    "toc-schema": _plant_toc_schema,
    "segment-directory": _plant_segment_directory,
    "stored-fields": _plant_stored_fields,
}


def _reseal(folder: Path, key: bytes) -> None:
    """Make the manifest match the files as they now are, signed with `key`."""
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    files = {
        p.name: [p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest()]
        for p in sorted(folder.iterdir())
        if p.name != MANIFEST
    }
    manifest["files"] = files
    manifest["mac"] = manifest_mac(key, manifest["fingerprint"], manifest["documents"], files)
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def _rebuilt_here(content: Path, folder: Path) -> None:
    calls: list[tuple[int, int]] = []
    with _open(content, calls) as engine:
        assert calls, "the planted index should have been rebuilt"
        assert engine.location == folder
        assert engine.search("friend requests").hits


def _rebuild_reasons(log: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() for r in log.records if "is rebuilt" in r.getMessage())


# --- planted pickles --------------------------------------------------------------------------


@pytest.mark.parametrize("plant", sorted(PLANTS))
def test_a_planted_pickle_with_a_forged_manifest_never_runs(
    content: Path, cache: Path, config: Path, marker: Path, rebuilds: Any, plant: str
) -> None:
    folder = _built(content)
    PLANTS[plant](folder, marker, content)
    _reseal(folder, b"not the user's key, but 32 bytes")
    _rebuilt_here(content, folder)
    assert not marker.exists()
    assert "not written by this user's copy of the app" in _rebuild_reasons(rebuilds)


@pytest.mark.parametrize("plant", sorted(PLANTS))
def test_a_planted_pickle_never_runs_even_signed_with_the_users_key(
    content: Path, cache: Path, config: Path, marker: Path, plant: str
) -> None:
    """Were the key to leak, the restricted unpickler still stops the payload."""
    folder = _built(content)
    PLANTS[plant](folder, marker, content)
    _reseal(folder, index_key(config))
    with _open(content) as engine:
        assert engine.location == folder
        assert engine.search("friend requests").hits
    assert not marker.exists()


@POSIX_OWNERS
def test_files_another_user_owns_are_not_trusted_even_with_a_matching_manifest(
    content: Path, cache: Path, config: Path, marker: Path, rebuilds: Any
) -> None:
    folder = _built(content)
    _plant_toc_segments(folder, marker, content)
    _reseal(folder, index_key(config))
    for path in folder.iterdir():
        os.chown(path, NOBODY, NOBODY)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    _rebuilt_here(content, folder)
    assert not marker.exists()
    assert "belongs to another user" in _rebuild_reasons(rebuilds)


@posix_only
def test_a_cache_once_open_to_all_and_made_private_again_is_not_trusted(
    content: Path, cache: Path, config: Path, marker: Path, tmp_path: Path, rebuilds: Any
) -> None:
    """chmod -R 777; another user rewrites a file in place (so it stays the user's) and the
    manifest to match; chmod -R 700, as the app's own message suggests: then start again."""
    folder = _built(content)

    def chmod_r(mode: int) -> None:
        for path in [cache, *cache.rglob("*")]:
            path.chmod(mode)

    chmod_r(0o777)
    with _open(content) as engine:
        assert engine.location is None and engine.notice and "other users" in engine.notice
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    toc, generation = _toc(folder)
    TOC(schema(), _Exploit(marker), generation).write(FileStorage(str(scratch)), INDEX_NAME)
    with toc.open("r+b") as handle:  # in place: the file keeps its owner
        handle.truncate(0)
        handle.write((scratch / toc.name).read_bytes())
    _reseal(folder, b"the attacker cannot know the key")
    chmod_r(0o700)
    _rebuilt_here(content, folder)
    assert not marker.exists()
    assert "not written by this user's copy of the app" in _rebuild_reasons(rebuilds)


# --- the user's key ---------------------------------------------------------------------------


@posix_only
def test_the_key_is_made_private_once_and_the_index_is_reused_whatever_the_umask(
    content: Path, cache: Path, config: Path
) -> None:
    old_umask = os.umask(0o002)  # a common default: group-writable files
    try:
        folder = _built(content)
        calls: list[tuple[int, int]] = []
        with _open(content, calls) as engine:
            assert engine.location == folder
        assert calls == []  # opened, not rebuilt
    finally:
        os.umask(old_umask)
    key = config / KEY_FILE
    info = key.lstat()
    assert stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o600
    assert info.st_uid == os.geteuid() and len(key.read_bytes()) == 32
    assert [p.name for p in config.iterdir()] == [KEY_FILE]


@pytest.mark.parametrize("damage", ["mode-644", "owner-nobody", "symlink"])
@posix_only
def test_a_key_others_could_read_or_replace_means_no_index_on_disk_is_trusted(
    content: Path, cache: Path, config: Path, marker: Path, tmp_path: Path, damage: str
) -> None:
    folder = _built(content)
    key = config / KEY_FILE
    _plant_toc_segments(folder, marker, content)
    _reseal(folder, index_key(config))  # as anyone who could read the key could
    if damage == "mode-644":
        key.chmod(0o644)
    elif damage == "owner-nobody":
        if os.geteuid() != 0:
            pytest.skip("changing owners needs root")
        os.chown(key, NOBODY, NOBODY)
    else:
        elsewhere = tmp_path / "key-elsewhere"
        key.rename(elsewhere)
        key.symlink_to(elsewhere)
    calls: list[tuple[int, int]] = []
    with _open(content, calls) as engine:
        assert engine.location is None
        assert engine.notice is not None
        assert str(key) in engine.notice and "no search index saved on disk" in engine.notice
        assert calls and engine.search("friend").hits
    assert not marker.exists()


# --- the restricted unpickler -----------------------------------------------------------------


def test_the_allowed_classes_are_exactly_what_a_real_index_needs(
    cache: Path, config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: set[tuple[str, str]] = set()
    find_class = RestrictedUnpickler.find_class

    def recording(self: RestrictedUnpickler, module: str, name: str) -> Any:
        asked.add((module, name))
        return find_class(self, module, name)

    monkeypatch.setattr(RestrictedUnpickler, "find_class", recording)
    library = load_library(CONTENT).library
    for _ in range(2):  # built, then opened from disk
        with SearchEngine.open(library) as engine:
            assert engine.location is not None, engine.notice
            for text in ("friend request", '"friend request"', "mobile phone photos", "freind"):
                assert engine.search(text, school=library.schools[0].id).hits
    assert asked == ALLOWED


class _Call:
    def __init__(self, function: Any, *args: Any) -> None:
        self.function, self.args = function, args

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (self.function, self.args)


@pytest.mark.parametrize("protocol", [0, 2, pickle.HIGHEST_PROTOCOL])
@pytest.mark.parametrize(
    "call",
    ["os.system", "builtins.eval", "builtins.exec", "subprocess.Popen", "builtins.open", "getattr"],
)
def test_the_restricted_unpickler_refuses_anything_that_could_run_code(
    marker: Path, protocol: int, call: str
) -> None:
    touch = f"touch {shlex.quote(str(marker))}"
    code = f"__import__('os').system({touch!r})"
    payloads = {
        "os.system": _Call(os.system, touch),
        "builtins.eval": _Call(eval, code),
        "builtins.exec": _Call(exec, code),
        "subprocess.Popen": _Call(subprocess.Popen, ["touch", str(marker)]),
        "builtins.open": _Call(open, str(marker), "w"),
        "getattr": _Call(getattr, _Call(__import__, "os"), "system"),
    }
    data = pickle.dumps([{"ref": 1}, payloads[call]], protocol)
    with pytest.raises(SearchIndexError, match="never writes"):
        restricted_loads(data)
    with pytest.raises(SearchIndexError, match="never writes"):
        restricted_load(io.BytesIO(data))
    assert not marker.exists()


def test_the_restricted_unpickler_reads_plain_data_and_only_latin1_bytes() -> None:
    plain = [{"ref": 3, "w": 1.5, "b": b"\x00\xff"}, (1, 2), [None, True], "text"]
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert restricted_loads(pickle.dumps(plain, protocol)) == plain
    sets = {frozenset({1}), 2}  # Whoosh pickles with the newest protocol: sets need no class
    assert restricted_loads(pickle.dumps(sets, pickle.HIGHEST_PROTOCOL)) == sets
    utf7 = pickle.dumps(_Call(__import__("_codecs").encode, "text", "utf-7"), 2)
    with pytest.raises(SearchIndexError):
        restricted_loads(utf7)


def test_every_way_whoosh_unpickles_goes_through_the_restricted_unpickler() -> None:
    for info in pkgutil.walk_packages(whoosh.__path__, "whoosh."):
        with contextlib.suppress(ImportError):  # optional parts (App Engine, benchmarks)
            importlib.import_module(info.name)
    unrestricted = (pickle.load, pickle.loads, pickle._load, pickle._loads)
    found = sorted(
        f"{name}.{attribute}"
        for name, module in list(sys.modules.items())
        if name == "whoosh" or name.startswith("whoosh.")
        for attribute, value in vars(module).items()
        if value is pickle
        or any(value is function for function in unrestricted)
        or (
            isinstance(value, type)
            and issubclass(value, pickle.Unpickler)
            and not issubclass(value, RestrictedUnpickler)
        )
    )
    assert found == [
        "whoosh.compat.pickle",  # the module itself, re-exported for whoosh.index and multiproc
        "whoosh.externalsort.load",  # reads back only the runs a build spills, moments before
        "whoosh.multiproc.pickle",  # reads back only its own job files; never used here
        "whoosh.util.loading.RenamingUnpickler",  # whoosh.legacy's, replaced there
        "whoosh.util.loading.pickle",  # the base class of the above
    ]


def test_a_library_too_large_to_sort_in_memory_still_builds(
    content: Path, cache: Path, config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large library's build spills sorted runs to disk and reads them back (pickles holding
    bytes): the build must not refuse its own runs (the restricted unpickler did, at 1,000
    policies)."""
    monkeypatch.setattr(index_module, "WRITER_MEMORY_MB", 0.01)  # spill after ~10 KB
    library = load_library(CONTENT).library  # the bundled library: a few hundred KB of postings
    with SearchEngine.open(library) as engine:
        assert engine.location is not None  # built on disk, not given up for memory
        assert engine.search("friend request", school="westhaven").hits


# --- races and killed builds ------------------------------------------------------------------


def test_an_index_folder_replaced_after_opening_does_not_break_the_engine(
    content: Path, cache: Path, config: Path
) -> None:
    """Another copy may discard and rebuild the folder between opening and the first search
    (this used to raise whoosh's EmptyIndexError)."""
    library = _library(content)
    entries = library_entries(library)
    opened = open_index(entries)
    assert opened.folder is not None
    for path in opened.folder.iterdir():
        path.unlink()  # the folder as another copy leaves it mid-way
    with SearchEngine(library, entries, opened) as engine:
        assert engine.search("friend requests").hits


def _builder(content: Path, cache: Path, config: Path, then: str) -> subprocess.Popen[str]:
    """Another copy of the app that starts building the index and then does `then`."""
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from pathlib import Path
        from guidance_app.core.content.loader import load_library
        from guidance_app.core.search import SearchEngine

        def progress(done, total):
            if done == 0:
                print("building", flush=True)
                {then}

        library = load_library(Path({str(content)!r})).library
        with SearchEngine.open(library, progress=progress) as engine:
            assert engine.location is not None, engine.notice
            assert engine.search("friend requests").hits
        """
    )
    env = {
        **os.environ,
        "GUIDANCE_APP_CACHE_DIR": str(cache),
        "GUIDANCE_APP_CONFIG_DIR": str(config),
    }
    return subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=REPO,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def _build_folders(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "search").glob(".build-*") if p.is_dir())


@posix_only
def test_a_killed_build_is_cleared_at_the_next_start_but_a_live_one_is_left(
    content: Path, cache: Path, config: Path
) -> None:
    killed = _builder(content, cache, config, "os.kill(os.getpid(), signal.SIGKILL)")
    killed.communicate(timeout=120)
    assert killed.returncode == -9
    [abandoned] = _build_folders(cache)

    live = _builder(content, cache, config, "sys.stdin.readline()")
    assert live.stdout is not None and live.stdin is not None
    assert live.stdout.readline() == "building\n"  # now it holds its build lock, and waits
    [busy] = [p for p in _build_folders(cache) if p != abandoned]

    with _open(content) as engine:
        assert engine.location is not None and engine.search("friend requests").hits
    assert not abandoned.exists() and not abandoned.with_name(abandoned.name + ".lock").exists()
    assert busy.is_dir(), "a live build's folder must be left alone"

    live.stdin.write("go on\n")
    live.stdin.close()
    assert live.wait(timeout=120) == 0
    assert list((cache / "search").glob(".build-*")) == []
