"""Helpers shared by the tests: paths to the repository's real content and seeds."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
# Each bundled school's source document (the seed text its policy was made from), kept in the
# school's own folder under sources/ and named by the policy's `source:`.
SEED_OF_SCHOOL = {
    "wilnecote": "000_e1490d58190edc5a",
    "stokes-wood": "001_0acaafaaa07fe037",
    "westhaven": "002_d0b767b1a0f05ab3",
    "ewloe-green": "003_de39eb931a253d4a",
    "wybunbury-delves": "004_f5936891a9da21bc",
}


def seed_file(school_id: str) -> Path:
    """The seed text of a bundled school, inside the repository."""
    return CONTENT / "schools" / school_id / "sources" / f"{SEED_OF_SCHOOL[school_id]}.txt"


MINIMAL_POLICY = """\
---
title: Staff Social Media Policy
source: example.txt
approved: January 2024
review_cycle: annually
next_review: January 2025
next_review_due: 2025-01
---

# Friend requests {#friend-requests}

{#friend-requests-1}
Staff **must not** accept friend requests from pupils.

{#friend-requests-2}
Staff may accept requests from former pupils:

- after they have left
- with care
"""

MINIMAL_SCHOOL = """\
name: Example Academy
short_name: Example
roles:
  dsl: the designated safeguarding lead
  headteacher: the Headteacher
"""

MINIMAL_WIZARD = """\
title: Friend requests
question: A pupil sent me a friend request. What do I do?
start: who
questions:
  who:
    text: Who sent it?
    options:
      - id: pupil
        label: A pupil
        situation: friend-request/pupil
      - id: ex-pupil
        label: A former pupil
        situation: friend-request/ex-pupil
situations:
  friend-request/pupil:
    title: A friend request from a pupil
  friend-request/ex-pupil:
    title: A friend request from a former pupil
"""

MINIMAL_SYNONYMS = """\
groups:
  - [pupil, student]
"""


def minimal_rulings() -> str:
    """Rulings whose fingerprints match MINIMAL_POLICY's clauses."""
    from guidance_app.core.content.model import fingerprint

    first = fingerprint("Staff must not accept friend requests from pupils.")
    second = fingerprint(
        "Staff may accept requests from former pupils:\nafter they have left\nwith care"
    )
    return f"""\
rulings:
  friend-request/pupil:
    action: Decline the request.
    binding: must
    steps:
      - Decline it.
    tell: [dsl]
    cite:
      - clause: staff#friend-requests-1
        fingerprint: {first}
  friend-request/ex-pupil:
    action: You may accept it.
    binding: may
    steps:
      - Take care.
    tell: [headteacher]
    cite:
      - clause: staff#friend-requests-2
        fingerprint: {second}
"""


def write_library(root: Path) -> Path:
    """A small, valid content folder: one school, one policy, one wizard, rulings, synonyms."""
    school = root / "schools" / "example"
    (school / "policies").mkdir(parents=True)
    (school / "school.yaml").write_text(MINIMAL_SCHOOL, encoding="utf-8")
    (school / "policies" / "staff.md").write_text(MINIMAL_POLICY, encoding="utf-8")
    (school / "rulings.yaml").write_text(minimal_rulings(), encoding="utf-8")
    (root / "wizards").mkdir()
    (root / "wizards" / "friend-request.yaml").write_text(MINIMAL_WIZARD, encoding="utf-8")
    (root / "synonyms.yaml").write_text(MINIMAL_SYNONYMS, encoding="utf-8")
    return root


# What a careless or hostile machine may put where a file should be. The oversized file is
# larger than every cap (content, policy, settings file).
HOSTILE = ("named pipe", "link to /dev/zero", "link to /dev/urandom", "too large")
HOSTILE_MESSAGE = {
    "named pipe": "this is not a regular file (it is a named pipe)",
    "link to /dev/zero": "this is not a regular file (it is a device)",
    "link to /dev/urandom": "this is not a regular file (it is a device)",
    "too large": "file is too large (3,000,000 bytes; the limit is ",
}
needs_posix_files = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(os, "mkfifo"),
    reason="named pipes and /dev/zero are POSIX things",
)


def make_hostile(path: Path, kind: str) -> None:
    """Replace the file at `path` (if any) with one of HOSTILE."""
    path.unlink(missing_ok=True)
    if kind == "named pipe":
        os.mkfifo(path)
    elif kind.startswith("link to "):
        path.symlink_to(kind.removeprefix("link to "))
    else:
        path.write_bytes(b"# padding\n" * 300_000)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """`guidance-app ARGS` as a real subprocess from the repository, with this test's environment
    (its own settings and cache folders)."""
    return subprocess.run(
        [sys.executable, "-m", "guidance_app", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env=dict(os.environ),
    )


def ticking_clock() -> Callable[[], float]:
    """A clock that moves on one second each time it is read: `Deadline(n, ticking_clock())`
    passes after about n of a search's checks, the same on any machine however busy."""
    ticks = itertools.count()
    return lambda: float(next(ticks))


def private_env(root: Path) -> dict[str, str]:
    """An environment for an app process whose home, settings, cache, data, state, runtime and
    temporary folders are all under `root` (made here, private), with no settings file of this
    machine, nothing of the caller's XDG or app variables, offscreen."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "GUIDANCE_APP_")) and key not in ("HOME", "TMPDIR")
    }
    for folder in ("home", "config", "cache", "data", "state", "runtime", "tmp"):
        (root / folder).mkdir(mode=0o700, parents=True, exist_ok=True)
    env.update(
        HOME=str(root / "home"),
        XDG_CONFIG_HOME=str(root / "config"),
        XDG_CACHE_HOME=str(root / "cache"),
        XDG_DATA_HOME=str(root / "data"),
        XDG_STATE_HOME=str(root / "state"),
        XDG_RUNTIME_DIR=str(root / "runtime"),
        TMPDIR=str(root / "tmp"),
        GUIDANCE_APP_SYSTEM_CONFIG=str(root / "no-system-settings.ini"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(REPO),
    )
    return env


def library_without_schools(root: Path) -> Path:
    """A content folder at `root` with the bundled guided answers, synonyms and glossary and an
    empty schools folder, for a school made in the test (`new-school`)."""
    (root / "schools").mkdir(parents=True)
    shutil.copytree(CONTENT / "wizards", root / "wizards")
    for name in ("synonyms.yaml", "glossary.yaml"):
        shutil.copyfile(CONTENT / name, root / name)
    return root
