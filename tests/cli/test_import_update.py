"""`guidance-app import NEW --school ID --policy ID --update`: a new version of a policy comes in
clause by clause; ids stay stable when clauses are renumbered; exactly the answers citing a
changed or removed clause need review, and staff who reach one are never shown the old answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidance_app.cli.entry import main
from guidance_app.core.content.loader import load_library
from guidance_app.core.content.ruling_writer import write_ruling
from guidance_app.core.content.rulings import RulingState
from guidance_app.core.guidance.outcome import outcome_for
from tests.helpers import library_without_schools

SCHOOL = "oakfield"
VERSION_1 = """Oakfield Primary School Staff Conduct Policy

Approved by governors: 3 March 2024

1 Contact with pupils

1.1 Staff must not accept friend requests from pupils on any social networking site.

1.2 Staff must not give pupils their personal phone number.

1.3 Staff report any request from a pupil to the designated safeguarding lead.
"""
# 1.1 is unchanged; a new 1.2 comes in, so the old 1.2 is renumbered 1.3 with the same words;
# the old 1.3 (now 1.4) changes its words.
VERSION_2 = """Oakfield Primary School Staff Conduct Policy

Approved by governors: 2 December 2026

1 Contact with pupils

1.1 Staff must not accept friend requests from pupils on any social networking site.

1.2 Staff must not follow pupils on any social media account.

1.3 Staff must not give pupils their personal phone number.

1.4 Staff report any request from a pupil to the designated safeguarding lead on the same day.
"""


def _cli(content: Path, *args: str) -> int:
    return main([*args, "--content", str(content)])


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content folder with the bundled guided answers and one new school with version 1."""
    root = library_without_schools(tmp_path / "content")
    assert _cli(root, "new-school", SCHOOL, "--name", "Oakfield Primary School") == 0
    first = tmp_path / "conduct.txt"
    first.write_text(VERSION_1, encoding="utf-8")
    assert _cli(root, "import", str(first), "--school", SCHOOL, "--policy", "conduct") == 0
    return root


def _answer(content: Path, key: str, clause_id: str) -> None:
    policy = load_library(content).library.require_school(SCHOOL).policy("conduct")
    assert policy is not None
    clause = policy.clause(clause_id)
    assert clause is not None
    write_ruling(
        content / "schools" / SCHOOL / "rulings.yaml",
        key,
        {
            "action": "Do not accept it.",
            "binding": "must",
            "steps": ["Ignore the request."],
            "tell": ["dsl"],
            "cite": [{"clause": f"conduct#{clause_id}", "fingerprint": clause.fingerprint}],
        },
    )


def test_an_update_flags_exactly_the_answers_citing_a_changed_clause(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _answer(content, "friend-request/pupil", "1.1")  # unchanged
    _answer(content, "friend-request/parent", "1.2")  # renumbered, same words
    _answer(content, "message/pupil", "1.3")  # its words change
    capsys.readouterr()
    second = tmp_path / "conduct v2.txt"
    second.write_text(VERSION_2, encoding="utf-8")
    code = _cli(
        content, "import", str(second), "--school", SCHOOL, "--policy", "conduct", "--update"
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "1 answer needs review: message/pupil" in out
    assert "1.3 renumbered (was 1.2)" in out and "1.2 added" in out

    result = load_library(content)
    assert result.problems == []
    library = result.library
    book = library.rulings[SCHOOL]
    states = {key: book.rulings[key].state for key in book.rulings if not book.rulings[key].to_do}
    assert states == {
        "friend-request/pupil": RulingState.ANSWERED,
        "friend-request/parent": RulingState.ANSWERED,
        "message/pupil": RulingState.NEEDS_REVIEW,
    }
    policy = library.require_school(SCHOOL).policy("conduct")
    assert policy is not None
    # the renumbered clause kept its id, so the answer citing it still quotes the same words
    kept = outcome_for(library, SCHOOL, "friend-request/parent")
    assert kept.quotes[0].text == "1.3 Staff must not give pupils their personal phone number."
    assert kept.quotes[0].place.position.endswith("1.3")
    # the changed clause's answer shows its current words, never the old action
    review = outcome_for(library, SCHOOL, "message/pupil")
    assert "Do not accept it." not in (review.action, *review.steps)
    assert review.quotes[0].text.endswith("on the same day.")


def test_an_update_of_a_policy_the_school_does_not_have_is_refused(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    second = tmp_path / "conduct v2.txt"
    second.write_text(VERSION_2, encoding="utf-8")
    before = (content / "schools" / SCHOOL / "rulings.yaml").read_bytes()
    code = _cli(
        content, "import", str(second), "--school", SCHOOL, "--policy", "behaviour", "--update"
    )
    assert code == 1
    assert "no policy 'behaviour' to update (it has: conduct)" in capsys.readouterr().err
    assert not (content / "schools" / SCHOOL / "policies" / "behaviour.md").exists()
    assert (content / "schools" / SCHOOL / "rulings.yaml").read_bytes() == before
