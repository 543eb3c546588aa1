"""Only regular files are read, never more than their limit: a named pipe, a device or a loop of
links where a content file or folder should be is a problem with file:line:col, never a hang or a
runaway read. (The command line's validate and --self-test: tests/test_hostile_files.py.)"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.files.safe_read import (
    FileTooLargeError,
    MissingFileError,
    NotRegularFileError,
    read_regular_file,
)
from tests.helpers import (
    HOSTILE,
    HOSTILE_MESSAGE,
    make_hostile,
    needs_posix_files,
    write_library,
)

pytestmark = needs_posix_files

CONTENT_FILES = {
    "a policy": "schools/example/policies/staff.md",
    "a wizard": "wizards/friend-request.yaml",
    "the synonyms": "synonyms.yaml",
    "a school.yaml": "schools/example/school.yaml",
}


def test_a_regular_file_and_a_link_to_one_are_read(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"hello")
    (tmp_path / "link.txt").symlink_to(real)
    assert read_regular_file(real, 5) == b"hello"  # exactly the limit is fine
    assert read_regular_file(tmp_path / "link.txt", 100) == b"hello"


@pytest.mark.parametrize("kind", HOSTILE)
def test_what_is_not_a_small_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "policy.md"
    make_hostile(path, kind)
    error = FileTooLargeError if kind == "too large" else NotRegularFileError
    with pytest.raises(error) as raised:
        read_regular_file(path, 2 * 1024 * 1024)
    assert raised.value.reason.startswith(HOSTILE_MESSAGE[kind])


def test_one_byte_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 11)
    with pytest.raises(FileTooLargeError, match=r"\(11 bytes; the limit is 10\)"):
        read_regular_file(path, 10)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.mkdir(), "this is not a regular file (it is a folder)"),
        (lambda p: p.symlink_to(p), "this is not a regular file (it is a loop of links)"),
        (
            lambda p: p.symlink_to(p.parent / "gone"),
            "this is not a regular file (it is a link to something missing)",
        ),
    ],
)
def test_folders_and_bad_links_are_refused(
    tmp_path: Path, make: Callable[[Path], object], reason: str
) -> None:
    path = tmp_path / "school.yaml"
    make(path)
    with pytest.raises(NotRegularFileError) as raised:
        read_regular_file(path, 100)
    assert raised.value.reason == reason


def test_a_missing_file_is_its_own_error(tmp_path: Path) -> None:
    with pytest.raises(MissingFileError):
        read_regular_file(tmp_path / "nothing.ini", 100)


@pytest.mark.parametrize("kind", HOSTILE)
@pytest.mark.parametrize("which", CONTENT_FILES)
def test_a_hostile_content_file_is_a_problem_and_the_rest_loads(
    tmp_path: Path, which: str, kind: str
) -> None:
    root = write_library(tmp_path / "content")
    relative = CONTENT_FILES[which]
    make_hostile(root / relative, kind)
    result = load_library(root)
    mine = [p for p in result.problems if p.path == root.resolve() / relative]
    assert len(mine) == 1, result.problems
    assert (mine[0].line, mine[0].col) == (1, 1)
    assert mine[0].message.startswith(HOSTILE_MESSAGE[kind])
    hint = "content files are short" if kind == "too large" else "must be ordinary text files"
    assert hint in mine[0].message
    if which != "a school.yaml":
        assert [s.id for s in result.library.schools] == ["example"]


def test_a_pipe_or_a_bad_link_in_place_of_a_folder_is_reported(tmp_path: Path) -> None:
    root = write_library(tmp_path / "content")
    os.mkfifo(root / "schools" / "pipe")
    (root / "schools" / "loop").symlink_to(root / "schools" / "loop")
    (root / "schools" / "README.txt").write_text("notes for IT\n")  # a plain file is fine
    os.rename(root / "wizards", root / "wizards-old")
    (root / "wizards").symlink_to(root / "wizards")
    (root / "training").symlink_to(tmp_path / "not-there")
    result = load_library(root)
    shown = sorted(
        f"{p.path.relative_to(root.resolve())}:{p.line}:{p.col}: {p.message}"
        for p in result.problems
        if "should be a folder" in p.message
    )
    assert shown == [
        "schools/loop:1:1: this should be a folder but it is a loop of links; "
        "each school is a folder",
        "schools/pipe:1:1: this should be a folder but it is a named pipe; each school is a folder",
        "training:1:1: this should be a folder but it is a link to something missing; "
        "training decks go in training/<deck-id>.yaml",
        "wizards:1:1: this should be a folder but it is a loop of links; "
        "guided answers go in wizards/<id>.yaml",
    ]
    assert [s.id for s in result.library.schools] == ["example"]
