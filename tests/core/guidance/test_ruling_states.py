"""A ruling may be to do (not written yet) or need review (a cited clause changed): each state
end to end, on a copy of the bundled content with one school's rulings.yaml edited. Staff are
never told a to-do is "not covered" (a claim that the policy is silent), and never shown an
answer under review as if it were current."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from guidance_app.cli import main
from guidance_app.core.content.decks import Scenario
from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library
from guidance_app.core.content.ruling_writer import mark_needs_review, write_ruling
from guidance_app.core.content.rulings import RulingState
from guidance_app.core.guidance.compare import compare_html
from guidance_app.core.guidance.coverage import Cover, coverage_matrix
from guidance_app.core.guidance.gaps import gaps_for
from guidance_app.core.guidance.outcome import outcome_for
from guidance_app.core.render.gaps import gaps_text
from guidance_app.core.render.html import outcome_html
from guidance_app.core.render.slip import outcome_text
from guidance_app.core.training.self_check import NOT_COVERED, expected_choice
from tests.helpers import CONTENT

SCHOOL = "westhaven"
DSL = "the school designated safeguarding lead"
TO_DO = "friend-request/pupil"
REVIEW = "message/pupil"
REASON = "Social Media Policy 4.1.4 changed when the policy was updated on 2 December 2026"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    rulings = root / "schools" / SCHOOL / "rulings.yaml"
    write_ruling(rulings, TO_DO, {"to_do": True})
    mark_needs_review(rulings, [REVIEW], REASON)
    return root


def _library(root: Path) -> Library:
    result = load_library(root)
    assert result.problems == []
    return result.library


def test_a_to_do_tells_staff_the_answer_is_not_written_yet(content: Path) -> None:
    library = _library(content)
    ruling = library.rulings[SCHOOL].rulings[TO_DO]
    assert ruling.state is RulingState.TO_DO and not ruling.is_covered
    outcome = outcome_for(library, SCHOOL, TO_DO)
    assert outcome.state is RulingState.TO_DO
    assert not outcome.covered and outcome.not_covered is None
    assert outcome.action == f"Your school has not written this answer yet. Speak to {DSL}."
    assert outcome.steps[0] == "Search your school's policies for what they say about this."
    assert outcome.tell == (DSL,)
    assert outcome.as_dict()["state"] == "to do"
    for shown in (
        outcome_html(outcome),
        outcome_text(outcome, [], date(2026, 12, 2)),
        compare_html(library, TO_DO),
    ):
        assert "has not written this answer yet" in shown
    page = outcome_html(outcome) + outcome_text(outcome, [], date(2026, 12, 2))
    assert "does not cover" not in page
    assert "Decline the request" not in page


def test_an_answer_under_review_shows_the_clauses_words_now_not_the_old_answer(
    content: Path,
) -> None:
    library = _library(content)
    old = library.rulings[SCHOOL].rulings[REVIEW]
    assert old.state is RulingState.NEEDS_REVIEW and old.needs_review == REASON
    outcome = outcome_for(library, SCHOOL, REVIEW)
    assert outcome.state is RulingState.NEEDS_REVIEW
    assert outcome.action == (
        f"Your school is reviewing this answer after the policy changed. Speak to {DSL}."
    )
    assert outcome.binding is None and outcome.notice == REASON
    school = library.require_school(SCHOOL)
    policies = {policy.id: policy for policy in school.policies}
    current = [policies[c.policy_id].clause(c.clause_id) for c in old.citations]
    assert [quote.clause for quote in outcome.quotes] == current
    page = outcome_html(outcome)
    assert "What your policy says now" in page and REASON in page
    assert old.action is not None and old.action not in page
    assert all(step not in page for step in old.steps)
    text = outcome_text(outcome, [], date(2026, 12, 2))
    assert old.action not in text and "What your policy says now:" in text
    assert "under review" in compare_html(library, REVIEW)
    assert outcome.as_dict()["state"] == "needs review"


def test_coverage_gaps_and_self_check_know_both_states(content: Path) -> None:
    library = _library(content)
    matrix = coverage_matrix(library)
    assert matrix[TO_DO][SCHOOL].cover is Cover.TO_DO
    assert matrix[REVIEW][SCHOOL].cover is Cover.NEEDS_REVIEW
    assert matrix[TO_DO]["stokes-wood"].cover is Cover.RULED
    gaps = gaps_for(library, SCHOOL)
    assert [(u.situation, u.state) for u in gaps.unfinished] == [
        (TO_DO, RulingState.TO_DO),
        (REVIEW, RulingState.NEEDS_REVIEW),
    ]
    assert TO_DO not in [silence.situation for silence in gaps.silences]
    text = " ".join(gaps_text(gaps, date(2026, 12, 2)).split())  # unwrapped
    assert "Answers to write or check again (2)" in text and REASON in text
    scenario = Scenario("s", "t", "friend-request", TO_DO, "A pupil asks.", (), None)
    assert expected_choice(library, SCHOOL, scenario) == NOT_COVERED


def test_validate_counts_to_dos_and_reviews_and_passes(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Content is valid:")
    assert "Westhaven: 1 answer to do, 1 needs review" in out.splitlines()
    assert main(["coverage", "--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert "TO DO" in out and "NEEDS REVIEW" in out and "to do: 1, needs review: 1" in out


def test_a_new_citation_without_a_fingerprint_is_told_which_to_add(content: Path) -> None:
    rulings = content / "schools" / SCHOOL / "rulings.yaml"
    text = rulings.read_text(encoding="utf-8")
    rulings.write_text(text.replace("\n        fingerprint: '99e0d6b9040b'", "", 1), "utf-8")
    messages = [problem.message for problem in load_library(content).problems]
    assert messages == [
        "the citation 'social-media-and-networking#4.1.4' has no fingerprint yet: add "
        "`fingerprint: '99e0d6b9040b'` (new citation)"
    ]


@pytest.mark.parametrize(
    ("ruling", "message"),
    [
        ("    to_do: true\n    action: Decline.\n", "says 'to_do: true' but also gives action"),
        (
            "    not_covered: Silent.\n    needs_review: changed\n",
            "gives 'needs_review', which only goes with an answered ruling",
        ),
    ],
)
def test_mixed_states_are_problems(content: Path, ruling: str, message: str) -> None:
    rulings = content / "schools" / SCHOOL / "rulings.yaml"
    text = rulings.read_text(encoding="utf-8")
    start = text.index(f"  {TO_DO}:\n")
    end = text.index("\n  friend-request/", start + 5)
    rulings.write_text(text[:start] + f"  {TO_DO}:\n" + ruling + text[end + 1 :], "utf-8")
    messages = [problem.message for problem in load_library(content).problems]
    assert any(message in found for found in messages), messages
