"""A school with more than one policy: all searchable together (and only at that school), each
listed on Home with its review status, each readable, and a ruling may cite any of them.

The second policy is written here, in the test: the bundled library stays the five real
policies, and no invented words are ever added to a real school's content.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import yaml
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library, fingerprint
from guidance_app.core.guidance.outcome import outcome_for
from guidance_app.core.search.engine import SearchEngine, SearchHit
from tests.helpers import CONTENT
from tests.ui.conftest import MakeWindow, typed_search

SCHOOL = "stokes-wood"
SITUATION = "school-account/for-pupils"
SECOND_POLICY = """\
---
title: Online Safety Policy
source: online-safety.docx
approved: September 2025
review_cycle: annually
next_review: September 2026
next_review_due: 2026-09
---

# Filtering and monitoring {#filtering}

{#4.1}
4.1 The school's filtering blocks harmful sites; staff report any site that gets through to
the online safety lead the same day.

# Remote learning {#remote-learning}

{#5.1}
5.1 Live lessons are recorded and staff never hold a live lesson with one pupil alone.
"""
CLAUSE_TEXT = (
    "4.1 The school's filtering blocks harmful sites; staff report any site that gets through "
    "to the online safety lead the same day."
)


def _library_with_second_policy(root: Path) -> Library:
    shutil.copytree(CONTENT, root, ignore=shutil.ignore_patterns("__pycache__"))
    school = root / "schools" / SCHOOL
    (school / "policies" / "online-safety.md").write_text(SECOND_POLICY, encoding="utf-8")
    rulings = school / "rulings.yaml"
    data = yaml.safe_load(rulings.read_text(encoding="utf-8"))
    assert SITUATION in data["rulings"]  # re-ruled here from the second policy
    data["rulings"][SITUATION] = {
        "action": "Report the site to the online safety lead the same day.",
        "binding": "must",
        "steps": ["Note the site's address and the time."],
        "tell": ["dsl"],
        "cite": [{"clause": "online-safety#4.1", "fingerprint": fingerprint(CLAUSE_TEXT)}],
    }
    rulings.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = load_library(root)
    assert result.problems == []
    return result.library


def test_a_ruling_may_cite_any_of_its_schools_policies(tmp_path: Path) -> None:
    library = _library_with_second_policy(tmp_path / "content")
    school = library.require_school(SCHOOL)
    assert sorted(p.id for p in school.policies) == ["online-safety", "social-media"]
    outcome = outcome_for(library, SCHOOL, SITUATION)
    assert [(q.policy.id, q.clause.id) for q in outcome.quotes] == [("online-safety", "4.1")]
    assert outcome.quotes[0].citation.startswith("Online Safety Policy")


def test_all_of_a_schools_policies_are_searched_together_and_only_there(tmp_path: Path) -> None:
    library = _library_with_second_policy(tmp_path / "content")
    with SearchEngine.open(library, tmp_path / "cache") as engine:
        mine = _clauses(engine.search("filtering harmful sites", school=SCHOOL).hits)
        assert mine[0] == ("online-safety", "4.1")
        # the school's first policy is still found in the same search space
        both = _clauses(engine.search("social networking parents", school=SCHOOL).hits)
        assert {policy for policy, _ in both} >= {"social-media"}
        other = engine.search("filtering harmful sites", school="westhaven").hits
        assert all(hit.policy_id != "online-safety" for hit in other)


def test_home_lists_every_policy_and_the_reader_opens_each(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    library = _library_with_second_policy(tmp_path / "content")
    window = make_window(school=SCHOOL, lib=library)
    reads = {
        button.accessibleName(): button
        for button in window.home.findChildren(QPushButton)
        if button.accessibleName().startswith("Read the ")
    }
    assert set(reads) == {"Read the Social Media Policy", "Read the Online Safety Policy"}
    statuses = [
        label.accessibleName()
        for label in window.home.findChildren(QLabel)
        if label.accessibleName().startswith("Online Safety Policy:")
    ]
    assert statuses and "September 2026" in statuses[0]
    reads["Read the Online Safety Policy"].click()
    assert window.pages.currentWidget() is window.reader
    assert "Live lessons are recorded" in window.reader.browser.toPlainText()

    results = typed_search(qtbot, window, "filtering harmful sites")
    assert _clauses(results.hits)[0] == ("online-safety", "4.1")


def _clauses(hits: Sequence[SearchHit]) -> list[tuple[str | None, str | None]]:
    """(policy, clause) of each clause found, best first (guided answers left out)."""
    return [(hit.policy_id, hit.clause_id) for hit in hits if hit.kind == "section"]
