"""A policy replaced by its new version: clauses matched by their words, ids kept stable through
renumbering, and exactly the answers citing a changed or removed clause marked for review."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import fingerprint
from guidance_app.core.content.places import clause_place
from guidance_app.core.content.policy_parser import parse_policy_file
from guidance_app.core.content.policy_update import (
    ChangeKind,
    apply_policy_update,
    compare_policies,
)
from guidance_app.core.content.rulings import RulingState
from guidance_app.core.errors import ContentWriteError
from guidance_app.core.guidance.outcome import outcome_for
from guidance_app.core.render.html import outcome_html
from tests.helpers import REPO, write_library

TODAY = date(2026, 12, 2)
FRONT = """\
---
title: Staff Policy
source: staff.docx
approved: January 2026
review_cycle: annually
next_review: January 2027
---
"""
OLD = (
    FRONT
    + """
# 1 Purpose {#1}

{#1.1}
1.1 This policy keeps pupils and staff safe online.

# 2 Friend requests {#2}

{#2.1}
2.1 Staff must not accept friend requests from pupils.

{#2.2}
2.2 Staff should tell the designated safeguarding lead about any request.

{#2.3}
2.3 Staff may accept requests from former pupils who are adults.

# 3 Messages {#3}

{#3.1}
3.1 Staff must not message pupils from personal accounts.
"""
)
# 2.1 reworded; a new 2.2; the old 2.2 and 2.3 renumbered; section 3 gone.
NEW = (
    FRONT
    + """
# 1 Purpose {#1}

{#1.1}
1.1 This policy keeps pupils and staff safe online.

# 2 Friend requests {#2}

{#2.1}
2.1 Staff must not accept friend or follow requests from pupils.

{#2.2}
2.2 Staff must check the age of anyone who sends them a request.

{#2.3}
2.3 Staff should tell the designated safeguarding lead about any request.

{#2.4}
2.4 Staff may accept requests from former pupils who are adults.
"""
)
WORDS = {
    "1.1": "1.1 This policy keeps pupils and staff safe online.",
    "2.1": "2.1 Staff must not accept friend requests from pupils.",
    "2.2": "2.2 Staff should tell the designated safeguarding lead about any request.",
    "2.3": "2.3 Staff may accept requests from former pupils who are adults.",
    "3.1": "3.1 Staff must not message pupils from personal accounts.",
}


def _cite(*ids: str) -> str:
    return "".join(
        f"      - clause: staff#{i}\n        fingerprint: '{fingerprint(WORDS[i])}'\n" for i in ids
    )


RULINGS = f"""\
rulings:
  # Cites only a clause that is removed.
  friend-request:
    action: Do not message pupils.
    binding: must
    steps: [Do not message them.]
    tell: [dsl]
    cite:
{_cite("3.1")}  friend-request/pupil:
    action: Decline the request.
    binding: must
    steps: [Decline it.]
    tell: [dsl]
    cite:
{_cite("2.1", "2.2")}  # Cites an unchanged clause and a renumbered one: stays as it is.
  friend-request/ex-pupil:
    action: You may accept it.
    binding: may
    steps: [Take care.]
    tell: [headteacher]
    cite:
{_cite("1.1", "2.3")}"""


@pytest.fixture
def school(tmp_path: Path) -> Path:
    root = write_library(tmp_path / "content")
    folder = root / "schools" / "example"
    (folder / "policies" / "staff.md").write_text(OLD, encoding="utf-8")
    (folder / "rulings.yaml").write_text(RULINGS, encoding="utf-8")
    assert load_library(root).problems == []
    return folder


def _policy(path: Path, text: str) -> object:
    path.write_text(text, encoding="utf-8")
    policy, problems = parse_policy_file(path, "example")
    assert problems == []
    return policy


def test_clauses_are_matched_by_their_words_whatever_their_number(tmp_path: Path) -> None:
    old = _policy(tmp_path / "old.md", OLD)
    new = _policy(tmp_path / "new.md", NEW)
    changes = compare_policies(old, new)  # type: ignore[arg-type]
    found = [
        (c.kind, c.old.id if c.old else None, c.new.id if c.new else None) for c in changes.clauses
    ]
    assert found == [
        (ChangeKind.UNCHANGED, "1.1", "1.1"),
        (ChangeKind.CHANGED, "2.1", "2.1"),
        (ChangeKind.ADDED, None, "2.2"),
        (ChangeKind.RENUMBERED, "2.2", "2.3"),
        (ChangeKind.RENUMBERED, "2.3", "2.4"),
        (ChangeKind.REMOVED, "3.1", None),
    ]
    assert changes.summary() == "1 changed, 1 added, 1 removed, 2 renumbered"
    assert changes.lines() == [
        "2.1 changed",
        "2.2 added",
        "2.3 renumbered (was 2.2)",
        "2.4 renumbered (was 2.3)",
        "3.1 removed",
    ]


def test_an_update_flags_exactly_the_answers_citing_changed_or_removed_clauses(
    school: Path,
) -> None:
    update = apply_policy_update(school, "staff", NEW, TODAY)
    assert update.marked == ("friend-request", "friend-request/pupil")
    assert update.summary() == (
        "1 changed, 1 added, 1 removed, 2 renumbered; 2 answers need review: "
        "friend-request, friend-request/pupil"
    )
    result = load_library(school.parent.parent)
    assert result.problems == []  # renumbered citations' fingerprints follow the new words
    book = result.library.rulings["example"]
    states = {key: ruling.state for key, ruling in book.rulings.items()}
    assert states == {
        "friend-request": RulingState.NEEDS_REVIEW,
        "friend-request/pupil": RulingState.NEEDS_REVIEW,
        "friend-request/ex-pupil": RulingState.ANSWERED,
    }
    assert book.rulings["friend-request/pupil"].needs_review == (
        "Staff Policy 2.1 changed when the policy was updated on 2 December 2026"
    )
    assert book.rulings["friend-request"].needs_review == (
        "Staff Policy 3.1 was removed when the policy was updated on 2 December 2026"
    )
    text = (school / "rulings.yaml").read_text(encoding="utf-8")
    assert "  # Cites an unchanged clause and a renumbered one: stays as it is.\n" in text
    assert "  # Cites only a clause that is removed.\n" in text

    outcome = outcome_for(result.library, "example", "friend-request/pupil")
    assert outcome.state is RulingState.NEEDS_REVIEW
    assert [str(q.place) for q in outcome.quotes] == ["2.1", "2.3"]  # as the new text numbers
    page = outcome_html(outcome)
    assert "friend or follow requests" in page and "Decline the request." not in page
    removed = outcome_for(result.library, "example", "friend-request")
    assert removed.quotes == ()  # the clause it cited is gone
    assert "Staff Policy 3.1 was removed" in outcome_html(removed)
    assert "Do not message pupils." not in outcome_html(removed)


def test_renumbered_clauses_keep_their_ids_and_show_their_new_numbers(school: Path) -> None:
    apply_policy_update(school, "staff", NEW, TODAY)
    written = (school / "policies" / "staff.md").read_text(encoding="utf-8")
    assert "{#2.2}\n2.3 Staff should tell" in written  # old id, new number
    assert "{#2.3}\n2.4 Staff may accept" in written
    assert "{#2.2-2}\n2.2 Staff must check" in written  # a free id: never a removed one's
    assert "{#3.1}" not in written
    policy = load_library(school.parent.parent).library.require_school("example").policies[0]
    places = {c.id: str(clause_place(policy, c)) for c in policy.clauses}
    assert places == {"1.1": "1.1", "2.1": "2.1", "2.2-2": "2.2", "2.2": "2.3", "2.3": "2.4"}


def test_a_draft_that_does_not_load_changes_nothing(school: Path) -> None:
    before = {p.name: p.read_bytes() for p in (school / "policies").iterdir()}
    rulings = (school / "rulings.yaml").read_bytes()
    with pytest.raises(ContentWriteError, match="the new version does not load"):
        apply_policy_update(school, "staff", NEW.replace("{#2.4}", "{#2.1}"), TODAY)
    assert {p.name: p.read_bytes() for p in (school / "policies").iterdir()} == before
    assert (school / "rulings.yaml").read_bytes() == rulings


SCRIPT = """
import sys, datetime
from pathlib import Path
from guidance_app.core.content.policy_update import apply_policy_update
from guidance_app.core.errors import ContentWriteError
try:
    apply_policy_update(Path(sys.argv[1]), "staff", sys.stdin.read(), datetime.date(2026, 12, 2))
except ContentWriteError as exc:
    print(exc)
    sys.exit(1)
"""


@pytest.mark.parametrize("read_only", ["the school folder", "the policies folder"])
def test_a_failure_mid_way_leaves_the_old_policy_and_answers(
    tmp_path: Path, read_only: str
) -> None:
    """Run as `nobody`: with the school folder read-only, the answers cannot be marked; with the
    policies folder read-only, the answers are marked first, then put back."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run the update as another user")
    outer = Path(tempfile.mkdtemp(prefix="policy-update-"))  # pytest's folders are root's only
    try:
        os.chmod(outer, 0o755)
        root = write_library(outer / "content")
        school = root / "schools" / "example"
        (school / "policies" / "staff.md").write_text(OLD, encoding="utf-8")
        (school / "rulings.yaml").write_text(RULINGS, encoding="utf-8")
        policies = (school / "policies", school / "policies" / "staff.md")
        answers = (school, school / "rulings.yaml")
        for path in policies if read_only == "the school folder" else answers:
            os.chown(path, 65534, 65534)  # nobody may write here; not in the other folder
        as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        result = subprocess.run(
            [*as_nobody, sys.executable, "-c", SCRIPT, str(school)],
            input=NEW,
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "HOME": str(outer)},
            check=False,
        )
        assert result.returncode == 1, result.stdout + result.stderr
        assert "check that the content folder is not read-only" in result.stdout
        assert (school / "policies" / "staff.md").read_text(encoding="utf-8") == OLD
        assert (school / "rulings.yaml").read_text(encoding="utf-8") == RULINGS
    finally:
        shutil.rmtree(outer)
