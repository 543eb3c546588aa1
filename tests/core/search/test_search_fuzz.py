"""Any text at all gives results or none, never an exception."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidance_app.core.content.loader import load_library
from guidance_app.core.search import SearchEngine, SearchResults
from tests.helpers import CONTENT

SYNTAX = [
    '"',
    "'",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "AND",
    "OR",
    "NOT",
    "and",
    "or",
    "not",
    "*",
    "?",
    "~",
    "~2",
    "^",
    "^3",
    ":",
    "school:",
    "policy:westhaven",
    "heading:",
    "body:",
    "[a TO z]",
    "{1 to 5]",
    "<",
    ">",
    "\\",
    "/",
    "-",
    "+",
    "!",
    "&&",
    "||",
    "\x00",
    "\x1b[31m",
    "\t",
    "\n",
    "\u2028",
    "\ud800",
    "\udfff",
    "😀",
    "👩‍🏫",
    "ﬁ",
    "İ",
    "ß",
    "\u0301",
    "“friend”",
    "friend",
    "freind",
    "request",
    "pupil",
    "safegaurding",
    "DSL",
    "must",
    "e-mail",
    "4.1.2",
    " ",
    "  ",
    "%",
    "$",
    "#",
    "@",
    "=",
    "|",
    ";",
    ",",
    ".",
    "...",
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    library = load_library(CONTENT).library
    with SearchEngine.open(library, cache_dir=tmp_path_factory.mktemp("cache")) as opened:
        yield opened


queries = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF)),
    st.lists(st.sampled_from(SYNTAX), max_size=12).map("".join),
    st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(max_size=5)), max_size=12).map(" ".join),
)


def _check(results: SearchResults, limit: int) -> None:
    assert isinstance(results, SearchResults)
    assert len(results.hits) <= max(1, limit)
    for hit in results.hits:
        assert hit.kind in {"section", "wizard"}
        hit.snippet_html.encode("utf-8")  # valid text, shown as is
    if results.did_you_mean is not None:
        results.did_you_mean.encode("utf-8")


@settings(max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=queries, limit=st.integers(min_value=-5, max_value=60))
def test_search_never_raises(engine: SearchEngine, text: str, limit: int) -> None:
    _check(engine.search(text, limit=limit), limit)


@settings(max_examples=300, deadline=None)
@given(
    text=queries,
    school=st.one_of(st.none(), st.sampled_from(["westhaven", "stokes-wood", "", "x:y", "*"])),
    policy=st.one_of(st.none(), st.sampled_from(["social-media", "", "(", "nope"])),
)
def test_search_with_filters_never_raises(
    engine: SearchEngine, text: str, school: str | None, policy: str | None
) -> None:
    _check(engine.search(text, school=school, policy=policy), 20)


@pytest.mark.parametrize("size", [10_000, 100_000])
def test_huge_queries_are_handled(engine: SearchEngine, size: int) -> None:
    _check(engine.search(("friend request " * size)[:size]), 20)
    _check(engine.search('"' * size), 20)
    _check(engine.search("\ud800" * size), 20)
