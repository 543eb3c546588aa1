"""An answer written in the app: its problems by field, its fingerprints computed from the
clause, the fields saved, and the outcome it makes (the wizard's own, from the unsaved ruling)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library
from guidance_app.core.content.ruling_draft import RulingDraft
from guidance_app.core.guidance.outcome import outcome_for, outcome_of_ruling
from guidance_app.core.render.html import outcome_html
from tests.helpers import CONTENT

SCHOOL = "westhaven"
KEY = "friend-request/pupil"
REF = "social-media-and-networking#4.1.4"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT).library


def test_an_empty_answer_names_each_missing_field_in_plain_words(library: Library) -> None:
    school = library.require_school(SCHOOL)
    problems = RulingDraft().problems(school)
    assert set(problems) == {"cite", "action", "binding", "steps", "tell"}
    assert problems["cite"].startswith("Cite at least one clause")
    silent = RulingDraft(covered=False).problems(school)
    assert set(silent) == {"not_covered"}


def test_roles_must_be_the_schools(library: Library) -> None:
    school = library.require_school(SCHOOL)
    draft = RulingDraft(True, "Decline it.", "must", ("Decline.",), ("dsl", "caretaker"), (REF,))
    assert draft.problems(school) == {"tell": "Not one of your school's roles: caretaker."}
    silent = RulingDraft(covered=False, not_covered="Not in the policy.", ask="janitor")
    assert silent.problems(school) == {"ask": "'janitor' is not one of your school's roles."}


def test_fields_carry_the_fingerprint_of_the_clause_as_it_reads_now(library: Library) -> None:
    school = library.require_school(SCHOOL)
    clause = school.policy("social-media-and-networking").clause("4.1.4")  # type: ignore[union-attr]
    assert clause is not None
    draft = RulingDraft(
        True, " Decline it. ", "must", ("Decline.", " ", "Report it."), ("dsl",), (REF,)
    )
    assert draft.problems(school) == {}
    assert draft.fields(school) == {
        "action": "Decline it.",
        "binding": "must",
        "steps": ["Decline.", "Report it."],
        "tell": ["dsl"],
        "cite": [{"clause": REF, "fingerprint": clause.fingerprint}],
    }
    silent = RulingDraft(covered=False, not_covered="Not in the policy.", ask="headteacher")
    assert silent.fields(school) == {"not_covered": "Not in the policy.", "ask": "headteacher"}


def test_toggling_cites_then_stops_citing(library: Library) -> None:
    draft = RulingDraft().toggled(REF).toggled("a#1")
    assert draft.cites == (REF, "a#1")
    assert draft.toggled(REF).cites == ("a#1",)


def test_a_saved_ruling_makes_the_same_draft_and_outcome_as_the_wizards(library: Library) -> None:
    school = library.require_school(SCHOOL)
    book = library.rulings[SCHOOL]
    ruling = book.rulings[KEY]
    draft = RulingDraft.of(ruling)
    assert draft.cites == tuple(c.ref for c in ruling.citations)
    rebuilt = outcome_of_ruling(library, SCHOOL, KEY, draft.ruling(school, KEY))
    assert outcome_html(rebuilt) == outcome_html(outcome_for(library, SCHOOL, KEY))
    changed = replace(draft, action="Something else entirely.")
    preview = outcome_of_ruling(library, SCHOOL, KEY, changed.ruling(school, KEY))
    assert "Something else entirely." in outcome_html(preview)
