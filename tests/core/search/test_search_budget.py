"""Every search has a time budget: when it is up, the search returns the best hits it has found,
marked cut short, never an error. Not timed: budgets of 0, or a clock that ticks once per reading,
make each run the same on any machine."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.search import SearchEngine, SearchHit, SearchResults
from guidance_app.core.search.deadline import Deadline, TimeUp
from guidance_app.core.search.query import Speller
from guidance_app.core.search.scoring import PostingCache
from tests.helpers import CONTENT, ticking_clock

QUERIES = [
    "friend request",
    '"must not"',
    "freind reqest",
    'staff "social media" pupils photos',
    "safegaurding training for staff",
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    library = load_library(CONTENT).library
    with SearchEngine.open(library, cache_dir=tmp_path_factory.mktemp("cache")) as opened:
        yield opened


def _key(hit: SearchHit) -> tuple[str | None, str | None, str | None]:
    return (hit.policy_id, hit.clause_id, hit.wizard_id)


@pytest.mark.parametrize("school", [None, "westhaven"])
@pytest.mark.parametrize("text", QUERIES)
def test_a_search_with_no_time_returns_at_once_marked_cut_short(
    engine: SearchEngine, text: str, school: str | None
) -> None:
    results = engine.search(text, school=school, limit=30, budget=0)
    assert isinstance(results, SearchResults)
    assert results.cut_short and results.query == text
    full = engine.search(text, school=school, limit=30)
    assert {_key(hit) for hit in results.hits} <= {_key(hit) for hit in full.hits}


@pytest.mark.parametrize("text", QUERIES)
def test_an_ordinary_search_is_not_cut_short(engine: SearchEngine, text: str) -> None:
    results = engine.search(text)
    assert results.hits and not results.cut_short


def test_a_phrase_search_cut_part_way_shows_real_matches_of_the_full_results(
    engine: SearchEngine,
) -> None:
    text = '"must not"'
    full = engine.search(text, limit=30, budget=math.inf)
    assert len(full.hits) == 30 and not full.cut_short
    part_way = []
    for checks in range(60):
        results = engine.search(text, limit=30, budget=Deadline(checks, ticking_clock()))
        assert {_key(hit) for hit in results.hits} <= {_key(hit) for hit in full.hits}
        for hit in results.hits:  # the phrase is still enforced on what is shown
            assert re.search(r"must\s+not", f"{hit.heading} {hit.text}", re.IGNORECASE)
        if results.cut_short and 0 < len(results.hits) < len(full.hits):
            part_way.append(len(results.hits))
    assert len(set(part_way)) > 5  # more time, more hits found


@pytest.mark.parametrize("text", QUERIES)
def test_a_search_with_time_enough_gives_the_unlimited_results(
    engine: SearchEngine, text: str
) -> None:
    """Wherever time runs out, the search ends normally; with enough, nothing differs."""
    full = engine.search(text, limit=10, budget=math.inf)
    for checks in range(0, 400, 7):
        results = engine.search(text, limit=10, budget=Deadline(checks, ticking_clock()))
        assert len(results.hits) <= 10
        if not results.cut_short:
            assert results == full


def test_out_of_time_typos_stay_as_typed_and_the_speller_carries_on_next_time() -> None:
    vocabulary = {"safeguarding": 5, "safety": 9, "designated": 3, "lead": 7, "pupils": 4}
    speller = Speller(vocabulary, [])
    assert speller.correct("safegardng", Deadline(0)) is None  # searched as typed
    clock = ticking_clock()
    searches = 1
    while speller.correct("safegardng", Deadline(3, clock)) is None:
        searches += 1
        assert searches < 50
    assert searches > 2  # each search went on where the last one stopped
    assert speller.correct("safegardng") == "safeguarding"
    assert Speller(vocabulary, []).correct("safegardng") == "safeguarding"


def test_a_word_too_long_to_read_in_one_search_is_read_over_several(
    engine: SearchEngine,
) -> None:
    """On a large library, on a slow machine, a common word's postings may take longer to read
    than a search may; each search goes on where the last stopped, so the word is not dropped
    from every search for ever."""
    reader = engine._searcher.reader()
    whole = PostingCache(reader).postings("body", "school")
    cache = PostingCache(reader)
    clock = ticking_clock()
    searches = 1
    while True:
        try:
            found = cache.postings("body", "school", Deadline(2, clock))  # a block per search
            break
        except TimeUp:
            searches += 1
            assert cache.postings("body", "pupil")  # other words are read meanwhile
            assert searches < 50
    assert searches > 1 and len(whole) > 128
    assert found == whole
