"""Citations as staff read them: the policy's own numbers ("4.1.4"), else its heading and the
point under it ("Aims, point 6"); the ids we made for clauses never reach a screen or paper."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Clause, Library, Policy
from guidance_app.core.content.places import (
    citation,
    clause_place,
    is_policy_number,
    name_clauses,
)
from guidance_app.core.content.policy_parser import parse_policy_file
from guidance_app.core.guidance.outcome import outcome_for
from tests.helpers import CONTENT


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT).library


def _clause(library: Library, school_id: str, clause_id: str) -> tuple[Policy, Clause]:
    policy = library.require_school(school_id).policies[0]
    clause = policy.clause(clause_id)
    assert clause is not None, clause_id
    return policy, clause


def _place(library: Library, school_id: str, clause_id: str) -> str:
    return str(clause_place(*_clause(library, school_id, clause_id)))


@pytest.mark.parametrize(
    ("clause_id", "number"),
    [("4.1.4", True), ("1", True), ("3.3.10", True), ("aims-6", False), ("2.3-induction", False)],
)
def test_only_a_number_is_taken_for_the_policys_own(clause_id: str, number: bool) -> None:
    assert is_policy_number(clause_id) is number


def test_a_numbered_clause_is_cited_by_the_policys_number(library: Library) -> None:
    assert citation(*_clause(library, "westhaven", "4.1.4")) == (
        "Social Media and Networking Policy, 4.1.4"
    )
    assert _place(library, "westhaven", "3.3.10") == "3.3.10"


@pytest.mark.parametrize(
    ("school_id", "clause_id", "place"),
    [
        ("stokes-wood", "aims-6", "Aims, point 6"),
        ("stokes-wood", "key-principles-3", "Key Principles, point 3"),  # bullets, no lead-in
        ("stokes-wood", "aims-3", "Aims, point 3"),
        ("stokes-wood", "aims-3.8", "Aims, point 3, bullet 8"),  # completes point 3's sentence
        ("stokes-wood", "safeguarding-1", "Safeguarding"),  # the heading's only point
        # the heading's closing colon is not part of a citation
        (
            "stokes-wood",
            "procedure-if-inappropriate-use-continues-2",
            "Procedure the school will follow if inappropriate use continues, point 2",
        ),
        ("wilnecote", "friendships-with-students-1", "Friendships with students, point 1"),
        ("ewloe-green", "personal-use-of-social-media-4", "Personal use of Social Media, point 4"),
        # the author's counter ran on through the bullets; the reader counts the paragraphs
        ("wybunbury-delves", "principles-4", "4. Principles, point 3, bullet 1"),
        ("wybunbury-delves", "principles-10", "4. Principles, point 4"),
    ],
)
def test_an_unnumbered_clause_is_cited_by_its_heading_and_point(
    library: Library, school_id: str, clause_id: str, place: str
) -> None:
    assert _place(library, school_id, clause_id) == place


def test_an_unnumbered_paragraph_among_numbered_ones_is_placed_by_the_number_above_it(
    library: Library,
) -> None:
    assert _place(library, "westhaven", "2.3-induction") == "the paragraph after 2.3"
    assert _place(library, "westhaven", "4.1-note") == "the paragraph after 4.1"
    assert _place(library, "westhaven", "8-closing") == "paragraph 2 after 8.1"
    assert _place(library, "westhaven", "7-list") == "7.0. RELEVANT POLICIES / GUIDANCE"


POLICY = """\
---
title: Staff Code
source: example.txt
approved: not stated
review_cycle: not stated
next_review: not stated
---

# Pupils {#pupils}

## Contact {#pupils-contact}

{#contact-a}
Staff must not message pupils.

## Photos {#photos}

{#photos-1}
Staff may take photos:

{#photos-1.1}
- on school cameras

{#photos-1.2}
- with consent

# Parents {#parents}

## Contact {#parents-contact}

{#contact-b}
Staff use school email with parents.

{#contact-c}
Never give out a personal number.
"""


def test_a_repeated_heading_is_named_with_the_heading_above_it(tmp_path: Path) -> None:
    path = tmp_path / "code.md"
    path.write_text(POLICY, encoding="utf-8")
    policy, problems = parse_policy_file(path, "example")
    assert policy is not None and not problems
    places = {clause.id: str(clause_place(policy, clause)) for clause in policy.clauses}
    assert places == {
        "contact-a": "Pupils › Contact",
        "photos-1": "Photos",
        "photos-1.1": "Photos, bullet 1",
        "photos-1.2": "Photos, bullet 2",
        "contact-b": "Parents › Contact, point 1",
        "contact-c": "Parents › Contact, point 2",
    }


def test_quoted_words_are_cited_by_place(library: Library) -> None:
    outcome = outcome_for(library, "stokes-wood", "friend-request/pupil")
    assert [q.citation for q in outcome.quotes][:1] == ["Social Media Policy, Aims, point 6"]
    for quote in outcome.quotes:
        assert quote.clause.id not in quote.citation


def test_a_reviewers_words_name_clauses_by_place_not_id(library: Library, tmp_path: Path) -> None:
    """Owner queries, printed for the policy owner, are written by reviewers who think in ids."""
    stokes = library.require_school("stokes-wood").policies
    asked = (
        "Does 'never listed' (aims-3.8) cover other schools, as social-media#aims-6 and "
        "key-principles-3 do not, unlike Westhaven's 4.1.2? (aims-3.80 is no clause.)"
    )
    assert name_clauses(asked, stokes) == (
        "Does 'never listed' (Aims, point 3, bullet 8) cover other schools, as Aims, point 6 "
        "and Key Principles, point 3 do not, unlike Westhaven's 4.1.2? (aims-3.80 is no clause.)"
    )
    second = tmp_path / "other.md"
    second.write_text(POLICY, encoding="utf-8")
    other, _ = parse_policy_file(second, "stokes-wood")
    assert other is not None
    both = (*stokes, other)
    assert name_clauses("See aims-6 and photos-1.", both) == (
        "See Social Media Policy, Aims, point 6 and Staff Code, Photos."
    )
