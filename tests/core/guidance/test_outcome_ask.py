"""Where a school's policy is silent, staff are sent to the person the ruling's `ask` names (the
school's own words for that role), or to the DSL without one; the app's child-protection
reminder naming the DSL stays on every outcome whoever is asked."""

from __future__ import annotations

import datetime
from pathlib import Path

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library
from guidance_app.core.guidance.outcome import Outcome, outcome_for
from guidance_app.core.render.html import outcome_html
from guidance_app.core.render.slip import outcome_text
from tests.helpers import minimal_rulings, write_library

REMINDER = (
    "A reminder from this app, not from your policy: if you think a child may be at risk of "
    "harm, follow your child protection procedures and tell the designated safeguarding lead "
    "straight away."
)
TODAY = datetime.date(2025, 1, 6)
PUPIL_RULING = minimal_rulings().split("  friend-request/ex-pupil:")[0]


def _library(tmp_path: Path, rulings: str) -> Library:
    root = write_library(tmp_path)
    (root / "schools" / "example" / "rulings.yaml").write_text(rulings, encoding="utf-8")
    result = load_library(root)
    return result.library


def _says(outcome: Outcome) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    return outcome.action, outcome.steps, outcome.tell


def test_a_silent_policy_sends_staff_to_the_role_ask_names_else_the_dsl(tmp_path: Path) -> None:
    library = _library(
        tmp_path,
        "rulings:\n"
        "  friend-request/pupil:\n"
        "    not_covered: The policy says nothing about pupils.\n"
        "  friend-request/ex-pupil:\n"
        "    not_covered: The policy says nothing about former pupils.\n"
        "    ask: headteacher\n",
    )
    asked = outcome_for(library, "example", "friend-request/ex-pupil")
    assert not asked.covered
    assert _says(asked) == (
        "Your policy does not cover this. Speak to the Headteacher.",
        ("Speak to the Headteacher before you act.",),
        ("the Headteacher",),
    )
    assert asked.not_covered == "The policy says nothing about former pupils."
    default = outcome_for(library, "example", "friend-request/pupil")
    assert _says(default) == (
        "Your policy does not cover this. Speak to the designated safeguarding lead.",
        ("Speak to the designated safeguarding lead before you act.",),
        ("the designated safeguarding lead",),
    )
    for outcome in (asked, default):  # the DSL, whoever answers the gap
        assert outcome.reminder == REMINDER
        assert REMINDER in outcome_html(outcome)
        assert REMINDER in outcome_text(outcome, [], TODAY)


def test_ask_on_a_coarser_key_serves_the_situations_under_it(tmp_path: Path) -> None:
    library = _library(
        tmp_path, "rulings:\n  friend-request:\n    not_covered: Silent.\n    ask: headteacher\n"
    )
    for situation in ("friend-request/pupil", "friend-request/ex-pupil"):
        outcome = outcome_for(library, "example", situation)
        assert outcome.ruling_key == "friend-request"
        assert outcome.tell == ("the Headteacher",)


def test_an_ask_role_the_school_lacks_still_sends_staff_to_the_dsl(tmp_path: Path) -> None:
    library = _library(
        tmp_path,
        PUPIL_RULING + "  friend-request/ex-pupil:\n    not_covered: Silent.\n    ask: bursar\n",
    )
    outcome = outcome_for(library, "example", "friend-request/ex-pupil")
    assert outcome.not_covered == "Silent."  # the ruling was read; validation reports 'bursar'
    assert outcome.tell == ("the designated safeguarding lead",)
