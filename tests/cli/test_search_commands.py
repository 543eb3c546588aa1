"""`guidance-app search`: JSON and readable output, filters, and any query without a crash."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidance_app.cli import main
from guidance_app.cli.search_commands import print_results
from guidance_app.core.content.loader import load_library
from guidance_app.core.search import SearchEngine
from guidance_app.core.search.deadline import Deadline
from tests.helpers import CONTENT, run_cli, ticking_clock, write_library

KEYS = {"kind", "school", "policy", "section", "heading", "text", "snippet", "score"}


@pytest.fixture(autouse=True)
def cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path_factory.getbasetemp() / "cli-cache"
    monkeypatch.setenv("GUIDANCE_APP_CACHE_DIR", str(path))
    return path


def test_json_lists_hits_best_first_wizard_first() -> None:
    result = run_cli("search", "friend", "request", "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits and all(set(hit) == KEYS for hit in hits)
    assert hits[0]["kind"] == "wizard" and hits[0]["section"] == "friend-request"
    assert hits[0]["school"] is None and hits[0]["policy"] is None
    clauses = [h for h in hits if h["kind"] == "section"]
    assert clauses and all(h["school"] and h["policy"] and h["section"] for h in clauses)
    scores = [h["score"] for h in clauses]
    assert scores == sorted(scores, reverse=True)


def test_filters_and_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["search", "photos", "--school", "westhaven", "--limit", "4", "--json"])
    assert code == 0
    hits = json.loads(capsys.readouterr().out)
    assert 0 < len(hits) <= 4
    assert {h["school"] for h in hits if h["kind"] == "section"} <= {"westhaven"}
    code = main(["search", "photos", "--policy", "social-media", "--json"])
    hits = json.loads(capsys.readouterr().out)
    assert hits and {h["policy"] for h in hits} == {"social-media"}


def test_the_listing_cites_clauses_as_staff_read_them_and_json_keeps_ids(
    capsys: pytest.CaptureFixture[str],
) -> None:
    query = ["search", "explicitly", "rejected", "--school", "stokes-wood"]
    assert main(query) == 0
    out = capsys.readouterr().out
    assert "Stokes Wood: Social Media Policy, Aims, point 6" in out
    assert "aims-6" not in out and "stokes-wood" not in out
    assert main([*query, "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert "aims-6" in [hit["section"] for hit in hits]


def test_unknown_school_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "photos", "--school", "nowhere"]) == 1
    assert "no school called 'nowhere'" in capsys.readouterr().err


def test_readable_listing_and_did_you_mean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "freind", "requests"]) == 0
    out = capsys.readouterr().out
    assert "Showing results for: friend requests" in out
    assert "Guided answer 'friend-request'" in out
    root = write_library(tmp_path / "content")
    # Corrected, but the school filter leaves nothing: the listing says what was meant.
    assert main(["search", "--content", str(root), "--policy", "staff", "requsts", "zzzzqqq"]) == 0
    out = capsys.readouterr().out
    assert "No matches." in out or "requests" in out
    assert main(["search", "--content", str(root), "qqqzzzxx"]) == 0
    assert capsys.readouterr().out.strip() == "No matches."


def test_no_match_with_a_correction_prints_did_you_mean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_library(tmp_path / "content")
    assert main(["search", "--content", str(root), '"former freinds"']) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == ["No matches.", 'Did you mean: "former friend"?']


NASTY = ['"', "AND OR NOT", "school:x (", "*?~2^", "[a TO z]", "😀", "\\", "'; DROP", "-x"]


@settings(max_examples=12, deadline=None)
@given(text=st.one_of(st.sampled_from(NASTY), st.text(min_size=1, max_size=40)))
def test_cli_never_crashes_on_any_query(text: str) -> None:
    if "\x00" in text:
        text = text.replace("\x00", " ")
    try:
        os.fsencode(text)
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    result = run_cli("search", "--json", "--", text)
    assert result.returncode == 0, result.stderr
    assert isinstance(json.loads(result.stdout), list)
    assert "Traceback" not in result.stderr


def test_a_search_cut_short_says_so_and_keeps_the_json_a_list(
    capsys: pytest.CaptureFixture[str],
) -> None:
    library = load_library(CONTENT).library
    with SearchEngine.open(library) as engine:
        text = '"must not" staff'
        engine.search(text)  # the index read once: the clock then ticks only for phrase checks
        early = engine.search(text, limit=5, budget=Deadline(20, ticking_clock()))
        none = engine.search(text, limit=5, budget=0)
    assert early.cut_short and early.hits and none.cut_short and not none.hits
    print_results(early, as_json=True, library=library)
    captured = capsys.readouterr()
    assert [hit["section"] for hit in json.loads(captured.out)] == [
        hit.as_json()["section"] for hit in early.hits
    ]
    assert "stopped early" in captured.err and "fewer or more specific words" in captured.err
    print_results(early, as_json=False, library=library)
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("Showing the best matches found so far.")
    print_results(none, as_json=False, library=library)
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "No matches found in time."
    assert "fewer or more specific words" in out
