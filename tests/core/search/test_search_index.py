"""The search index's life: cached per user, rebuilt when stale or corrupt, safe to share."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library
from guidance_app.core.errors import SearchIndexError
from guidance_app.core.search import SearchEngine
from guidance_app.core.search.index import (
    INDEX_NAME,
    MANIFEST,
    default_cache_dir,
    library_entries,
    private_dir,
    schema,
)
from tests.helpers import REPO, write_library


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_library(tmp_path / "content")


def _library(content: Path) -> Library:
    return load_library(content).library


def _open(content: Path, calls: list[tuple[int, int]] | None = None) -> SearchEngine:
    progress = None if calls is None else (lambda done, total: calls.append((done, total)))
    return SearchEngine.open(_library(content), progress=progress)


def _index_folders(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "search").iterdir() if not p.name.startswith("."))


class _Exploit:
    """Unpickling this creates a marker file: proof that a planted TOC was loaded."""

    marker = ""

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (self.marker, "w"))


def test_env_var_chooses_the_cache_dir(cache: Path) -> None:
    assert default_cache_dir() == cache


def test_default_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GUIDANCE_APP_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert default_cache_dir() == tmp_path / "guidance-app"


def test_builds_a_private_index_named_by_fingerprint_and_reuses_it(
    content: Path, cache: Path
) -> None:
    calls: list[tuple[int, int]] = []
    with _open(content, calls) as engine:
        assert engine.location is not None and engine.location.parent == cache / "search"
        assert engine.search("friend requests").hits
    assert calls and calls[-1][0] == calls[-1][1] == len(library_entries(_library(content)))
    for folder in (cache, cache / "search", engine.location):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    again: list[tuple[int, int]] = []
    with _open(content, again) as second:
        assert second.location == engine.location
    assert again == []  # opened, not rebuilt


def test_a_content_edit_makes_the_index_stale_and_it_is_rebuilt(content: Path, cache: Path) -> None:
    with _open(content) as engine:
        old = engine.location
        assert engine.search("zeppelin").hits == ()
    policy = content / "schools" / "example" / "policies" / "staff.md"
    policy.write_text(
        policy.read_text(encoding="utf-8").replace("from pupils.", "from pupils or zeppelins."),
        encoding="utf-8",
    )
    with _open(content) as engine:
        assert engine.location != old
        hits = engine.search("zeppelin").hits
        assert [h.clause_id for h in hits] == ["friend-requests-1"]
        assert "<b>zeppelins</b>" in hits[0].snippet_html


@pytest.mark.parametrize("damage", ["truncate-segment", "delete-toc", "garbage-toc"])
def test_a_corrupt_index_is_rebuilt(content: Path, cache: Path, damage: str) -> None:
    with _open(content) as engine:
        folder = engine.location
    assert folder is not None
    if damage == "truncate-segment":
        segment = max(folder.glob("*.seg"), key=lambda p: p.stat().st_size)
        with segment.open("r+b") as handle:
            handle.truncate(segment.stat().st_size // 2)
    elif damage == "delete-toc":
        next(folder.glob("*.toc")).unlink()
    else:
        next(folder.glob("*.toc")).write_bytes(b"\x80\x04garbage")
    calls: list[tuple[int, int]] = []
    with _open(content, calls) as engine:
        assert calls, "the damaged index should have been rebuilt"
        assert engine.location == folder
        hits = engine.search("friend requests").hits
        assert next(h.clause_id for h in hits if h.kind == "section") == "friend-requests-1"


def test_an_abandoned_build_folder_does_no_harm(content: Path, cache: Path) -> None:
    with _open(content):
        pass
    leftover = cache / "search" / ".build-deadbeef-x"
    leftover.mkdir()
    (leftover / "_MAIN_1.toc").write_bytes(b"half written")
    os.utime(leftover, (0, 0))  # abandoned long ago
    with _open(content) as engine:
        assert engine.search("friend").hits
    assert not leftover.exists()


def test_an_index_folder_others_can_write_is_never_unpickled(
    content: Path, cache: Path, tmp_path: Path
) -> None:
    with _open(content) as engine:
        folder = engine.location
    assert folder is not None
    # Another user plants a malicious TOC and a manifest that agrees with it.
    marker = tmp_path / "pwned"
    _Exploit.marker = str(marker)
    toc = next(folder.glob("*.toc"))
    toc.unlink()
    generation = int(toc.stem.rsplit("_", 1)[1])
    TOC(schema(), _Exploit(), generation).write(FileStorage(str(folder)), INDEX_NAME)
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["files"][toc.name] = [toc.stat().st_size, hashlib.sha256(toc.read_bytes()).hexdigest()]
    (folder / MANIFEST).write_text(json.dumps(manifest))
    folder.chmod(0o777)
    with _open(content) as engine:
        assert engine.search("friend").hits
        assert engine.location == folder
    assert not marker.exists()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # rebuilt afresh, privately


def test_a_cache_folder_others_can_write_is_not_used(content: Path, cache: Path) -> None:
    with _open(content):
        pass
    (cache / "search").chmod(0o777)
    with pytest.raises(SearchIndexError, match="can be written by other users"):
        private_dir(cache / "search")
    calls: list[tuple[int, int]] = []
    with _open(content, calls) as engine:
        assert engine.location is None  # built in memory instead
        assert engine.notice is not None and "other users" in engine.notice
        assert calls and engine.search("friend").hits


def test_a_read_only_content_folder_works_and_nothing_is_written_into_it(
    tmp_path: Path, cache: Path
) -> None:
    content = tmp_path / "readonly"
    shutil.copytree(REPO / "content", content)

    def snapshot() -> dict[str, float]:
        return {str(p): p.stat().st_mtime for p in content.rglob("*")}

    for path in [content, *content.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    before = snapshot()
    try:
        with _open(content) as engine:
            assert engine.search("friend request").hits
            assert engine.location is not None and content not in engine.location.parents
    finally:
        for path in [content, *content.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    assert snapshot() == before


def test_two_processes_building_at_once_both_succeed(content: Path, cache: Path) -> None:
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from guidance_app.core.content.loader import load_library
        from guidance_app.core.search import SearchEngine
        library = load_library(Path({str(content)!r})).library
        for _ in range(3):
            with SearchEngine.open(library) as engine:
                assert engine.location is not None, engine.notice
                print(len(engine.search("friend requests").hits))
        """
    )
    env = {**os.environ, "GUIDANCE_APP_CACHE_DIR": str(cache)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            env=env,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        assert all(int(line) > 0 for line in out.split())
    assert len(_index_folders(cache)) == 1
    assert not [p for p in (cache / "search").iterdir() if p.name.startswith(".build-")]
    with _open(content) as engine:
        assert engine.search("friend requests").hits


def test_one_engine_can_be_shared_between_threads(content: Path, cache: Path) -> None:
    errors: list[BaseException] = []
    with _open(content) as engine:
        expected = engine.search("pupils friend").hits

        def work() -> None:
            try:
                for _ in range(50):
                    assert engine.search("pupils friend").hits == expected
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
