"""What search finds on the bundled library: wizards first, synonyms, phrases, typos, filters."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.search import SearchEngine
from guidance_app.core.search.query import Speller, edit_distance, parse
from guidance_app.core.search.snippets import highlight_spans
from tests.helpers import CONTENT


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    library = load_library(CONTENT).library
    with SearchEngine.open(library, cache_dir=tmp_path_factory.mktemp("cache")) as opened:
        yield opened


def _plain(snippet: str) -> str:
    return html.unescape(re.sub(r"</?b>", "", snippet))


def test_friend_request_offers_the_wizard_first_then_clauses(engine: SearchEngine) -> None:
    hits = engine.search("friend request").hits
    assert (hits[0].kind, hits[0].wizard_id) == ("wizard", "friend-request")
    assert hits[0].heading and hits[0].text.endswith("?")
    assert hits[0].school_id is None and hits[0].clause_id is None
    assert [h.kind for h in hits[1:4]] == ["section"] * 3


def test_staff_synonyms_apply_at_query_time(engine: SearchEngine) -> None:
    hits = engine.search("DSL", school="westhaven").hits
    assert any("designated safeguarding lead" in h.text for h in hits)
    pics = engine.search("pics of pupils", school="wilnecote").hits
    assert any(h.clause_id == "posting-of-videos-or-photographs-of-students-1" for h in pics)


def test_uk_and_us_spellings_and_stems_meet(engine: SearchEngine) -> None:
    uk = {h.clause_id for h in engine.search("behaviour").hits}
    assert uk and uk == {h.clause_id for h in engine.search("behavior").hits}


def test_quoted_phrases_must_appear_as_written(engine: SearchEngine) -> None:
    hits = engine.search('"must not"', limit=50).hits
    assert hits
    assert all(re.search(r"must\s+not", h.text, re.IGNORECASE) for h in hits)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("freind", "friend"),
        ("safegaurding", "safeguarding"),
        ("defamtory", "defamatory"),
        ("instagarm", "instagram"),
        ("photgraphs", "photographs"),
    ],
)
def test_typos_are_corrected_against_the_index_vocabulary(
    engine: SearchEngine, typed: str, meant: str
) -> None:
    results = engine.search(f"{typed} ")
    assert results.did_you_mean == meant
    assert any(f"<b>{meant[:5]}" in h.snippet_html.lower() for h in results.hits[:3])


def test_known_words_are_never_corrected(engine: SearchEngine) -> None:
    assert engine.search("friend request ").did_you_mean is None


def test_the_word_being_typed_is_completed(engine: SearchEngine) -> None:
    results = engine.search("safegu")
    assert results.did_you_mean is None
    assert any("<b>safeguarding</b>" in h.snippet_html.lower() for h in results.hits)


def test_nonsense_finds_nothing(engine: SearchEngine) -> None:
    results = engine.search("qqqqzzzz xxyyzzq ")
    assert results.hits == () and results.did_you_mean is None


def test_filters_by_school_and_policy(engine: SearchEngine) -> None:
    hits = engine.search("friend request", school="westhaven", limit=30).hits
    assert {h.school_id for h in hits if h.kind == "section"} == {"westhaven"}
    assert any(h.kind == "wizard" for h in hits)  # guided answers serve every school
    only = engine.search("photos", school="stokes-wood", policy="social-media", limit=30).hits
    assert only and all((h.school_id, h.policy_id) == ("stokes-wood", "social-media") for h in only)
    assert engine.search("photos", school="no-such-school").hits == ()
    assert engine.search("photos", policy="no-such-policy").hits == ()


def test_limit_is_respected(engine: SearchEngine) -> None:
    assert len(engine.search("school", limit=3).hits) == 3
    assert len(engine.search("school", limit=0).hits) == 1


def test_snippets_escape_html_and_bold_only_matches(engine: SearchEngine) -> None:
    for hit in engine.search("friend requests pupils", limit=20).hits:
        snippet = hit.snippet_html
        assert "<b>" in snippet or hit.kind == "wizard"
        assert re.sub(r"</?b>", "", snippet).count("<") == 0
        words = " ".join(_plain(snippet).strip("…").split())
        assert words.split("…")[0].strip() in " ".join(hit.text.split())


def test_hits_carry_the_whole_clause_and_its_place(engine: SearchEngine) -> None:
    library = engine.library
    for hit in engine.search("photographs of pupils").hits:
        if hit.kind != "section":
            continue
        school = library.school(hit.school_id or "")
        policy = school.policy(hit.policy_id or "") if school else None
        clause = policy.clause(hit.clause_id or "") if policy else None
        assert clause is not None and clause.text == hit.text
        assert clause.section_id == hit.section_id


def test_edit_distance_counts_a_swap_as_one() -> None:
    assert edit_distance("freind", "friend") == 1
    assert edit_distance("defamtory", "defamatory") == 1
    assert edit_distance("abc", "xyzabc") == 3


def test_speller_finds_distance_two_words() -> None:
    speller = Speller({"safeguarding": 5, "safety": 9}, [])
    assert speller.correct("safgaurdng") is None  # three edits
    assert speller.correct("safegardng") == "safeguarding"


def test_search_results_as_json_shape(engine: SearchEngine, tmp_path: Path) -> None:
    record = engine.search("friend request").hits[1].as_json()
    assert set(record) == {
        "kind",
        "school",
        "policy",
        "section",
        "heading",
        "text",
        "snippet",
        "score",
    }


def test_a_typo_for_friend_never_marks_the_following_guidance(engine: SearchEngine) -> None:
    """Issue 17: "freind" (friend, and its staff synonyms such as "follow") marked "following"
    in "should follow the following guidance". "The following" is a grammar word there, like
    "in connection with": neither is found nor marked by staff vocabulary."""
    results = engine.search("freind", school="westhaven")
    assert results.did_you_mean == "friend" and results.hits
    marked = {
        word.lower()
        for hit in results.hits
        for word in re.findall(r"<b>([^<]*)</b>", hit.snippet_html)
    }
    assert "friends" in marked
    assert not marked & {"following", "connection"}
    text = "All colleagues at the school should follow the following guidance / procedures:"
    spans = [text[start:end] for start, end in highlight_spans(text, results.highlight)]
    assert spans == ["follow"]


def test_ranking_reads_only_the_shown_hits_words(engine: SearchEngine) -> None:
    """How much of the query each hit covers comes from the postings already read: on a large
    library, analysing every candidate's text was most of a plain search's time."""
    engine._analysed.clear()
    results = engine.search("pupil social media", limit=3)
    assert len(results.hits) == 3
    groups = parse("pupil social media", engine._speller, engine._synonyms).groups
    assert len(engine._scorer.candidates(groups, None)) > 3
    assert len(engine._analysed) == 3
