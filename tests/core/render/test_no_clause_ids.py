"""No id we made for a clause ("aims-6", "friendships-with-students-1") reaches staff: not in an
outcome as shown, copied, printed or presented, not in the comparison, a handout, the questions
for the policy owner or a search result. Walked over every bundled school and situation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library, fold_whitespace
from guidance_app.core.content.places import is_policy_number
from guidance_app.core.guidance.compare import compare_html
from guidance_app.core.guidance.gaps import gaps_for
from guidance_app.core.guidance.outcome import outcome_for
from guidance_app.core.render.gaps import gaps_html, gaps_text
from guidance_app.core.render.handout import handout_html
from guidance_app.core.render.html import outcome_html
from guidance_app.core.render.results import hit_citation, hit_html
from guidance_app.core.render.slip import outcome_text, slip_html
from guidance_app.core.search import SearchEngine
from tests.helpers import CONTENT, write_library

TODAY = date(2026, 11, 21)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT).library


class _Visible(HTMLParser):
    """The words a reader sees: text outside tags (not link targets or anchor names)."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []

    def handle_data(self, data: str) -> None:
        self.words.append(data)


def visible(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    return fold_whitespace(" ".join(parser.words))


def made_ids(library: Library, school_id: str | None = None) -> re.Pattern[str]:
    """Every clause id of the school (or of all schools) that is not the policy's own number."""
    ids = {
        clause.id
        for school in library.schools
        if school_id in (None, school.id)
        for policy in school.policies
        for clause in policy.clauses
        if not is_policy_number(clause.id)
    }
    assert ids
    alternatives = "|".join(sorted((re.escape(i) for i in ids), key=len, reverse=True))
    return re.compile(rf"(?<![\w.-])(?:{alternatives})(?![\w-])")


def _situations(library: Library) -> list[str]:
    rulings = {key for book in library.rulings.values() for key in book.rulings}
    return sorted(set(library.situations) | rulings)


def _assert_none(pattern: re.Pattern[str], text: str, where: str) -> None:
    found = sorted(set(pattern.findall(text)))
    assert not found, f"{where} shows clause ids {found}"


def test_outcomes_on_screen_copied_and_printed_show_no_made_ids(library: Library) -> None:
    for school in library.schools:
        ids = made_ids(library, school.id)
        quoted = 0
        for situation in _situations(library):
            outcome = outcome_for(library, school.id, situation)
            quoted += len(outcome.quotes)
            where = f"{school.id} {situation}"
            _assert_none(ids, visible(outcome_html(outcome)), f"outcome pane, {where}")
            _assert_none(ids, outcome_text(outcome, [], TODAY), f"copied text, {where}")
            _assert_none(ids, visible(slip_html(outcome, [], TODAY)), f"slip, {where}")
        assert quoted, f"{school.id}: no quotes to check"


def test_the_comparison_shows_no_made_ids(library: Library) -> None:
    ids = made_ids(library)
    for situation in _situations(library):
        _assert_none(ids, visible(compare_html(library, situation)), f"compare {situation}")


def test_handouts_and_the_policy_owners_questions_show_no_made_ids(library: Library) -> None:
    for school in library.schools:
        ids = made_ids(library, school.id)
        gaps = gaps_for(library, school.id)
        assert gaps.uncited, f"{school.id}: no uncited clauses to check"
        _assert_none(ids, gaps_text(gaps, TODAY), f"gaps text, {school.id}")
        _assert_none(ids, visible(gaps_html(gaps, TODAY)), f"gaps PDF, {school.id}")
        for deck in library.decks:
            page = visible(handout_html(library, deck, school.id, TODAY))
            _assert_none(ids, page, f"handout {deck.id}, {school.id}")


def test_an_owner_query_naming_clauses_by_id_is_printed_with_their_places(
    tmp_path: Path,
) -> None:
    root = write_library(tmp_path / "content")
    rulings = root / "schools" / "example" / "rulings.yaml"
    text = rulings.read_text(encoding="utf-8")
    query = "    owner_query: Does friend-requests-2 still allow what friend-requests-1 forbids?\n"
    rulings.write_text(text.replace("    tell: [dsl]\n", "    tell: [dsl]\n" + query, 1))
    loaded = load_library(root)
    assert not loaded.problems, loaded.problems
    gaps = gaps_for(loaded.library, "example")
    asked = "Does Friend requests, point 2 still allow what Friend requests, point 1 forbids?"
    assert asked in fold_whitespace(gaps_text(gaps, TODAY))
    assert asked in visible(gaps_html(gaps, TODAY))


@pytest.fixture(scope="module")
def engine(library: Library, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    cache: Path = tmp_path_factory.mktemp("cache")
    with SearchEngine.open(library, cache_dir=cache) as opened:
        yield opened


@pytest.mark.parametrize("query", ["friend request", "photos of pupils", "personal use"])
def test_search_results_show_places_not_made_ids(
    library: Library, engine: SearchEngine, query: str
) -> None:
    for school in library.schools:
        ids = made_ids(library, school.id)
        hits = [h for h in engine.search(query, school.id, limit=30).hits if h.kind == "section"]
        assert hits, (query, school.id)
        for hit in hits:
            _assert_none(ids, visible(hit_html(hit, library)), f"result for {query!r}")
            _assert_none(ids, hit_citation(hit, library), f"result for {query!r}")


def test_a_search_result_names_the_clauses_place(library: Library, engine: SearchEngine) -> None:
    hits = engine.search("explicitly rejected not just ignored", "stokes-wood").hits
    first = next(hit for hit in hits if hit.kind == "section")
    assert first.clause_id == "aims-6"
    assert visible(hit_html(first, library)).startswith("Social Media Policy › Aims, point 6")
    assert hit_citation(first, library) == "Social Media Policy, Aims, point 6"
    numbered = next(h for h in engine.search("pupil-initiated", "westhaven").hits if h.clause_id)
    assert visible(hit_html(numbered, library)).startswith(
        "Social Media and Networking Policy › 4.0 USE OF SOCIAL NETWORKING SITES › 4.1.4"
    )
