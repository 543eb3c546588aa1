"""Quoted bullets carry the sentence they complete, and every outcome ends with the app's own
safeguarding reminder, naming the school's DSL in its own words."""

from __future__ import annotations

from dataclasses import replace

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library, Policy
from guidance_app.core.content.places import lead_in_for
from guidance_app.core.guidance.outcome import (
    DSL_FALLBACK,
    Outcome,
    QuotedClause,
    outcome_for,
)
from guidance_app.core.render.html import outcome_html
from tests.helpers import CONTENT

STOKES_LEAD_IN = (
    "In addition to the above everyone at Stokes Wood Primary School must ensure that they:"
)
STOKES_NOTE = (
    '<p class="app-note">A reminder from this app, not from your policy: if you think a child '
    "may be at risk of harm, follow your child protection procedures and tell the Designated "
    "Safeguarding Leads straight away.</p>"
)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT).library


def _quote(outcome: Outcome, clause_id: str) -> QuotedClause:
    found = [q for q in outcome.quotes if q.clause.id == clause_id]
    assert len(found) == 1, [q.clause.id for q in outcome.quotes]
    return found[0]


def _policy(library: Library, school_id: str) -> Policy:
    school = library.school(school_id)
    assert school is not None
    return school.policies[0]


def test_a_cited_stokes_wood_bullet_carries_its_lead_in(library: Library) -> None:
    outcome = outcome_for(library, "stokes-wood", "friend-request/pupil")
    quote = _quote(outcome, "aims-3.8")
    assert quote.lead_in is not None
    assert quote.lead_in.id == "aims-3"
    assert quote.lead_in.text == STOKES_LEAD_IN
    assert quote.full_text == (
        f"{STOKES_LEAD_IN} Ensure that personal social networking sites are set to private and "
        "pupils are never listed as approved contacts"
    )


def test_a_clause_that_is_not_a_bullet_has_no_lead_in(library: Library) -> None:
    outcome = outcome_for(library, "stokes-wood", "friend-request/pupil")
    quote = _quote(outcome, "aims-6")
    assert not quote.clause.blocks[0].is_list_item
    assert quote.lead_in is None
    assert quote.full_text == quote.text


def test_a_bullet_with_no_paragraph_before_it_has_no_lead_in(library: Library) -> None:
    quote = _quote(outcome_for(library, "stokes-wood", "friend-request/pupil"), "key-principles-3")
    assert quote.clause.blocks[0].is_list_item
    assert quote.lead_in is None


def test_a_lead_in_the_ruling_cites_itself_is_not_quoted_twice(library: Library) -> None:
    outcome = outcome_for(library, "stokes-wood", "friend-request/parent")
    assert [q.clause.id for q in outcome.quotes] == ["aims-6", "aims-3", "aims-3.4"]
    assert _quote(outcome, "aims-3.4").lead_in is None


def test_westhaven_bullets_lead_in_with_the_numbered_sentence(library: Library) -> None:
    outcome = outcome_for(library, "westhaven", "friend-request/ex-pupil/school-age")
    lead_in = _quote(outcome, "3.3.12").lead_in
    assert lead_in is not None and lead_in.id == "3.3"
    assert lead_in.text == "3.3 Colleagues at the school shall:"


def test_a_paragraph_that_does_not_end_in_a_colon_is_no_lead_in(library: Library) -> None:
    policy = _policy(library, "wybunbury-delves")
    clause = policy.clause("requirements-3")
    assert clause is not None and clause.blocks[0].is_list_item
    section = policy.section(clause.section_id)
    assert section is not None
    assert not section.clauses[0].text.endswith(":")
    assert lead_in_for(section, clause) is None


def test_lead_in_skips_earlier_bullets_back_to_the_paragraph(library: Library) -> None:
    policy = _policy(library, "stokes-wood")
    clause = policy.clause("aims-3.11")
    assert clause is not None
    section = policy.section(clause.section_id)
    assert section is not None
    lead_in = lead_in_for(section, clause)
    assert lead_in is not None and lead_in.id == "aims-3"
    aims_2_4 = policy.clause("aims-2.4")
    assert aims_2_4 is not None
    lead_in = lead_in_for(section, aims_2_4)
    assert lead_in is not None and lead_in.id == "aims-2"


def test_outcome_html_shows_the_lead_in_inside_the_quote(library: Library) -> None:
    page = outcome_html(outcome_for(library, "stokes-wood", "friend-request/pupil"))
    assert (
        f'<blockquote><p class="lead-in">{STOKES_LEAD_IN}</p><ul><li>Ensure that personal '
        "social networking sites are set to private"
    ) in page
    assert page.count('<p class="lead-in">') == 1


def test_the_app_note_ends_every_outcome_once_with_the_schools_dsl(library: Library) -> None:
    for situation in ("friend-request/pupil", "friend-request/governor"):  # covered, not
        outcome = outcome_for(library, "stokes-wood", situation)
        page = outcome_html(outcome)
        assert page.count('class="app-note"') == 1
        assert page.endswith(STOKES_NOTE)
    westhaven = outcome_html(outcome_for(library, "westhaven", "friend-request/pupil"))
    assert "tell the school designated safeguarding lead straight away.</p>" in westhaven


def test_the_dsl_is_the_schools_own_words_or_the_fallback(library: Library) -> None:
    outcome = outcome_for(library, "stokes-wood", "friend-request/pupil")
    assert outcome.dsl == "the Designated Safeguarding Leads"
    no_dsl = replace(outcome, school=replace(outcome.school, roles={}))
    assert no_dsl.dsl == DSL_FALLBACK == "the designated safeguarding lead"
    odd = replace(outcome, school=replace(outcome.school, roles={"dsl": "Ms <A> & Mr B"}))
    assert "tell Ms &lt;A&gt; &amp; Mr B straight away." in outcome_html(odd)


def test_as_dict_citations_keep_their_contract_fields(library: Library) -> None:
    citations = outcome_for(library, "stokes-wood", "friend-request/pupil").as_dict()["citations"]
    assert isinstance(citations, list)
    assert [sorted(c) for c in citations] == [["heading", "policy", "section", "text"]] * 3
