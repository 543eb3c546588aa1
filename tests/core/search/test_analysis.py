"""Indexing's quicker analysis gives exactly the terms that queries and snippets are given."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from guidance_app.core.search.analysis import (
    StaffTokenizer,
    analyse,
    index_terms,
    is_stop,
    vocabulary_words,
    words,
)

WORDS = "the following as follows in connection with e-mail on-line Pupils organise behaviour"
MORE = "İstanbul ΣΑΣ x.y 3.5 a - . , DSL's The Following"
PIECES = st.sampled_from([*f"{WORDS} {MORE}".split(), "\n"])
TEXTS = st.one_of(st.text(), st.lists(PIECES, max_size=30).map(" ".join))


@given(TEXTS)
def test_index_terms_are_the_analysed_terms(text: str) -> None:
    expected = [term for term, _, _ in analyse(text)]
    assert index_terms(text) == expected
    indexed = [(t.text, t.pos) for t in StaffTokenizer()(text, positions=True)]
    assert indexed == [(term, pos) for pos, term in enumerate(expected)]
    with_chars = [(t.text, t.startchar, t.endchar) for t in StaffTokenizer()(text, chars=True)]
    assert with_chars == analyse(text)


@given(TEXTS)
def test_vocabulary_words_are_the_letter_words_that_are_not_stop_words(text: str) -> None:
    assert vocabulary_words(text) == [
        w for w, _, _ in words(text) if w.isalpha() and not is_stop(w)
    ]
