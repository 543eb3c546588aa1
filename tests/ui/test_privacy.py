"""Shared-machine privacy: nothing a user searched for, typed or answered is written to disk.

A real session (tests/ui/privacy_session.py) runs in a subprocess whose home, settings, cache,
data, state (logs), temp and working folders all lie in one folder. A warm-up run first builds the
search index there. Then every file in that folder is scanned: no file anywhere holds what was
typed, and no file the session created or changed holds what was typed or answered.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import private_env

FOLDERS = ("home", "config", "cache", "data", "state", "tmp", "cwd", "runtime")


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = private_env(root)
    result = subprocess.run(
        [sys.executable, "-m", "tests.ui.privacy_session", *args],
        cwd=root / "cwd",
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _files(root: Path) -> dict[Path, str]:
    return {
        path: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def _holding(paths: list[Path], words: list[str]) -> list[str]:
    """`path: word` for each file that holds one of the words, in any case, UTF-8 or UTF-16."""
    found = []
    for path in paths:
        data = path.read_bytes().lower()
        for word in words:
            lowered = word.lower()
            forms = {lowered.encode(), lowered.encode("utf-16-le"), lowered.encode("utf-16-be")}
            if any(form in data for form in forms):
                found.append(f"{path}: {word}")
    return found


def test_a_session_leaves_no_searches_or_answers_on_disk(tmp_path: Path) -> None:
    for folder in FOLDERS:
        (tmp_path / folder).mkdir(mode=0o700)
    _run(tmp_path, "--warm-up")
    before = _files(tmp_path)
    assert any(p.suffix == ".toc" for p in before), "the warm-up built no search index"

    session = _run(tmp_path)
    words = json.loads(session.stdout.strip().splitlines()[-1])
    typed: list[str] = words["typed"]
    answered: list[str] = words["answered"]
    assert len(typed) == 4 and len(answered) >= 6

    after = _files(tmp_path)
    written = [path for path, digest in after.items() if before.get(path) != digest]
    assert _holding(list(after), typed) == []
    assert _holding(written, answered) == []
    # what the session may write: the user's preferences, and nothing else
    assert [p.name for p in written] == ["policy-guidance.ini"]
    keys = {
        line.split("=", 1)[0]
        for line in written[0].read_text(encoding="utf-8").splitlines()
        if "=" in line
    }
    assert keys == {"school", "text_size", "geometry"}


def test_the_scan_finds_a_word_that_was_written(tmp_path: Path) -> None:
    """The scan itself works: it sees a word in any case, in UTF-8 and UTF-16."""
    (tmp_path / "a.log").write_text("Search: KAYLEIGH moorcroft", encoding="utf-8")
    (tmp_path / "b.dat").write_bytes("Zebedee".encode("utf-16-le"))
    (tmp_path / "c.txt").write_text("nothing here", encoding="utf-8")
    found = _holding(sorted(tmp_path.iterdir()), ["Kayleigh Moorcroft", "zebedee"])
    assert found == [f"{tmp_path / 'a.log'}: Kayleigh Moorcroft", f"{tmp_path / 'b.dat'}: zebedee"]
