"""A guided answer may add steps of its own for a situation (`app_advice`), for what no policy
says but national guidance for all schools does (e.g. "do not view, copy, forward or delete the
image"). They show on every school's outcome, under a heading that says they are the app's
words, with the school's own name for its DSL; the policy's ruling and quotes are unchanged."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library
from guidance_app.core.guidance.outcome import APP_ADVICE_HEADING, outcome_for
from guidance_app.core.render.html import outcome_html
from guidance_app.core.render.slip import outcome_text
from tests.helpers import CONTENT, MINIMAL_WIZARD, run_cli, write_library

ADVICE = """\
    app_advice:
      - Do not look at the image.
      - Tell {dsl} straight away.
"""


def _library(tmp_path: Path, wizard: str) -> Library:
    root = write_library(tmp_path)
    (root / "wizards" / "friend-request.yaml").write_text(wizard, encoding="utf-8")
    result = load_library(root)
    assert not result.problems, [p.format() for p in result.problems]
    return result.library


def _with_advice() -> str:
    marker = "    title: A friend request from a pupil\n"
    assert marker in MINIMAL_WIZARD
    return MINIMAL_WIZARD.replace(marker, marker + ADVICE)


def test_advice_shows_on_a_covered_outcome_with_the_schools_dsl(tmp_path: Path) -> None:
    library = _library(tmp_path, _with_advice())
    outcome = outcome_for(library, "example", "friend-request/pupil")
    assert outcome.covered and outcome.binding == "must"
    assert outcome.app_advice == (
        "Do not look at the image.",
        "Tell the designated safeguarding lead straight away.",
    )
    assert outcome.steps == ("Decline it.",)  # the ruling's own steps are untouched
    page = outcome_html(outcome)
    assert APP_ADVICE_HEADING in page
    assert (
        page.index("What to do")
        < page.index(APP_ADVICE_HEADING)
        < page.index("What your policy says")
    )
    text = outcome_text(outcome, (), datetime.date(2025, 1, 6))
    assert f"{APP_ADVICE_HEADING}:\n- Do not look at the image.\n" in text
    assert outcome.as_dict()["app_advice"] == list(outcome.app_advice)


def test_advice_belongs_to_its_situation_only(tmp_path: Path) -> None:
    library = _library(tmp_path, _with_advice())
    other = outcome_for(library, "example", "friend-request/ex-pupil")
    assert other.app_advice == ()
    assert APP_ADVICE_HEADING not in outcome_html(other)


def test_advice_shows_where_the_policy_is_silent_too(tmp_path: Path) -> None:
    library = _library(tmp_path, _with_advice())
    rulings = tmp_path / "schools" / "example" / "rulings.yaml"
    rulings.write_text(
        "rulings:\n  friend-request:\n    not_covered: The policy says nothing.\n",
        encoding="utf-8",
    )
    library = load_library(tmp_path).library
    outcome = outcome_for(library, "example", "friend-request/pupil")
    assert not outcome.covered
    assert outcome.app_advice[1] == "Tell the designated safeguarding lead straight away."


def test_a_malformed_advice_list_is_reported_at_its_place(tmp_path: Path) -> None:
    root = write_library(tmp_path)
    broken = _with_advice().replace(ADVICE, "    app_advice: Do not look.\n")
    (root / "wizards" / "friend-request.yaml").write_text(broken, encoding="utf-8")
    problems = [p.format() for p in load_library(root).problems]
    assert any("friend-request.yaml:" in p and "app_advice" in p for p in problems), problems


def test_the_bundled_nude_image_advice_follows_national_guidance() -> None:
    """Every school's outcome carries the steps that prevent harm, naming its own DSL."""
    library = load_library(CONTENT).library
    for school in library.schools:
        outcome = outcome_for(library, school.id, "pupil-online/nude-images")
        said = " ".join(outcome.app_advice)
        for words in ("Do not look at the image", "copy, forward", "Do not delete it"):
            assert words in said, (school.id, words)
        assert f"Tell {outcome.dsl} straight away." in outcome.app_advice


def test_the_cli_outcome_carries_the_advice() -> None:
    done = run_cli("paths", "pupil-online", "--school", "westhaven", "--json")
    assert done.returncode == 0, done.stderr
    assert "Do not look at the image" in done.stdout
