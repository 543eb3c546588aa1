"""The scorer that replaced Whoosh's own matching loop: it must give Whoosh's BM25F scores,
choose the strictest candidates that are enough, bound its memory and honour quoted phrases."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh import query as wq

from guidance_app.core.content.loader import load_library
from guidance_app.core.search import SearchEngine
from guidance_app.core.search.query import Group, parse
from guidance_app.core.search.scoring import (
    ENOUGH,
    FIELDS,
    PostingCache,
    _all_but_one,
    _block,
    _intersect,
    _lengths,
    _SizedCache,
    phrases_hold,
)
from guidance_app.core.search.unpickling import RestrictedUnpickler
from tests.helpers import CONTENT


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    library = load_library(CONTENT).library
    with SearchEngine.open(library, cache_dir=tmp_path_factory.mktemp("cache")) as opened:
        yield opened


def _groups(engine: SearchEngine, text: str) -> list[Group]:
    return parse(text, engine._speller, engine._synonyms).groups


def _whoosh_query(groups: list[Group]) -> wq.Query:
    return wq.Or(
        [
            wq.Term(fieldname, alternative[0], boost=boost * weight)
            for group in groups
            for alternative, boost in zip(group.alternatives, group.boosts, strict=True)
            for fieldname, weight in FIELDS
        ]
    )


@pytest.mark.parametrize(
    "text",
    ["instagram", "passwords", "facebook twitter", "email address", "media logo wikipedia"],
)
def test_scores_equal_whooshs_own_bm25f(engine: SearchEngine, text: str) -> None:
    """The formula, checked on queries of single words (Whoosh rewrites an OR that holds a
    word both alone and inside a phrase, so those differ by design, not by formula)."""
    groups = _groups(engine, text)
    assert all(len(alt) == 1 for group in groups for alt in group.alternatives)
    candidates = engine._scorer.candidates(groups, None)
    ours = dict(engine._scorer.ranked(groups, candidates))
    found = engine._searcher.search(_whoosh_query(groups), limit=None, filter=set(candidates))
    theirs = {hit.docnum: hit.score for hit in found}
    assert ours.keys() == theirs.keys() and ours
    assert all(ours[d] == pytest.approx(theirs[d], rel=1e-6) for d in ours)


def test_candidates_are_the_documents_with_every_idea_when_there_are_enough(
    engine: SearchEngine,
) -> None:
    groups = _groups(engine, "pupil friend")
    every = engine._scorer.candidates(groups, None)
    assert len(every) >= ENOUGH
    for doc in every:
        terms = engine._analysis(engine._ref(doc)).terms
        for group in groups:
            assert any(all(t in terms for t in alt) for alt in group.alternatives)


def test_looser_candidates_only_when_the_strict_ones_are_too_few(engine: SearchEngine) -> None:
    groups = _groups(engine, "instagram wikipedia passwords")
    candidates = engine._scorer.candidates(groups, None)
    strict = engine._scorer.candidates(groups[:1], None)
    assert len(candidates) >= len(strict) > 0


def test_a_filter_keeps_candidates_inside_it(engine: SearchEngine) -> None:
    groups = _groups(engine, "pupil")
    allowed = set(list(engine._scorer.candidates(groups, None))[:3])
    assert engine._scorer.candidates(groups, allowed) <= allowed


def test_the_cache_drops_the_least_recently_used_past_its_budget() -> None:
    cache: _SizedCache[str, tuple[int, ...]] = _SizedCache(budget=5)
    cache.put("a", (1, 2))
    cache.put("b", (3, 4))
    assert cache.get("a") == (1, 2)  # now the most recently used
    cache.put("c", (5, 6))
    assert cache.get("b") is None and cache.get("a") == (1, 2) and cache.get("c") == (5, 6)


def test_quoted_phrases_must_stand_word_after_word() -> None:
    quoted = [Group((("must", "not"),), (1.0,), quoted=True)]
    assert phrases_hold(quoted, lambda: [["staff", "must", "not", "post"]])
    assert not phrases_hold(quoted, lambda: [["must", "always", "not"], ["not", "must"]])
    assert phrases_hold([Group((("must",),), (1.0,))], lambda: [])


def test_search_results_for_a_phrase_all_hold_it(engine: SearchEngine) -> None:
    results = engine.search('"must not"', limit=50)
    assert results.hits
    for hit in results.hits:
        words = " ".join(hit.text.lower().replace("**", "").split())
        assert "must not" in words or "must not" in hit.heading.lower()


@given(st.lists(st.frozensets(st.integers(0, 40)), min_size=3, max_size=9))
def test_all_but_one_is_the_union_of_leaving_out_each_set_in_turn(
    sets: list[frozenset[int]],
) -> None:
    """The quick way (running intersections from both ends) gives the plain definition's
    answer; the plain one, n x n intersections, took a tenth of a second on long queries."""
    plain = frozenset().union(*(_intersect(sets[:i] + sets[i + 1 :]) for i in range(len(sets))))
    assert _all_but_one(sets) == plain


def test_reading_postings_builds_no_object_through_the_unpickler(
    engine: SearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Posting blocks hold each posting's positions as bytes: written so that they are read
    back as plain data, not one class lookup (and Python call) per posting."""
    asked: list[tuple[str, str]] = []
    find_class = RestrictedUnpickler.find_class

    def recording(self: RestrictedUnpickler, module: str, name: str) -> Any:
        asked.append((module, name))
        return find_class(self, module, name)

    monkeypatch.setattr(RestrictedUnpickler, "find_class", recording)
    cache = PostingCache(engine._scorer._reader)
    for fieldname, _ in FIELDS:
        assert cache.postings(fieldname, "pupil")
    assert asked == []


def test_field_lengths_read_in_one_run_are_whooshs_own(engine: SearchEngine) -> None:
    reader = engine._scorer._reader
    for fieldname, _ in FIELDS:
        for leaf, _ in reader.leaf_readers():
            each = [leaf.doc_field_length(doc, fieldname, 0) for doc in range(leaf.doc_count_all())]
            assert _lengths(leaf, fieldname) == each
            assert len(set(each)) > 3


def test_each_block_is_read_as_whoosh_reads_it(engine: SearchEngine) -> None:
    reader = engine._scorer._reader
    blocks = 0
    for fieldname, term in reader.all_terms():
        ours, whooshs = reader.postings(fieldname, term), reader.postings(fieldname, term)
        while not ours._atend:
            ids, weights = _block(ours)
            whooshs._read_ids()
            whooshs._read_weights()
            assert list(ids) == list(whooshs._ids)
            assert list(weights) == list(whooshs._weights)
            ours._next_block()
            whooshs._next_block()
            blocks += 1
    assert blocks > 1000
