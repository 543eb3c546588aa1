"""Node by node, every shipped guided answer: each option reaches its next node, unknown
answers are refused, every situation is reachable; and the golden transcript of every path for
every school matches the live content (regenerate with `make golden`, then review the diff)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library
from guidance_app.core.content.wizard_model import Question, Wizard
from guidance_app.core.errors import WizardError
from guidance_app.core.guidance.transcripts import path_records
from guidance_app.core.guidance.wizard_engine import WizardSession, all_paths
from tests.helpers import CONTENT

GOLDEN = Path(__file__).parent / "golden"
SHIPPED = [
    "friend-request",
    "photos",
    "parent-online",
    "bullied-online",
    "colleague-concern",
    "pupil-online",
    "my-job-online",
    "school-account",
    "school-day",
    "media-contact",
    "parent-contact",
    "looking-up",
    "ai-tools",
    "leaving",
]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT).library


def _wizard(library: Library, wizard_id: str) -> Wizard:
    wizard = library.wizard(wizard_id)
    assert wizard is not None, f"{wizard_id} did not load"
    return wizard


def _reach(library: Library, wizard: Wizard, target: str) -> WizardSession:
    """A session standing at question `target` (found through the wizard's own paths)."""
    for answers, _ in all_paths(wizard):
        walk = WizardSession(library, wizard, skip_irrelevant=False)
        for question, option in answers:
            if question.id == target:
                return walk
            walk.answer(option.id)
    raise AssertionError(f"question {target} is not reachable")


def test_the_shipped_wizards_are_exactly_these(library: Library) -> None:
    assert sorted(w.id for w in library.wizards) == sorted(SHIPPED)


@pytest.mark.parametrize("wizard_id", SHIPPED)
def test_every_option_reaches_its_next_node(library: Library, wizard_id: str) -> None:
    wizard = _wizard(library, wizard_id)
    for question in wizard.questions.values():
        for option in question.options:
            walk = _reach(library, wizard, question.id)
            assert walk.current_question == question
            walk.answer(option.id)
            if option.next:
                current: Question | None = walk.current_question
                assert current is not None and current.id == option.next
            else:
                assert walk.finished and walk.situation == option.situation


@pytest.mark.parametrize("wizard_id", SHIPPED)
def test_unknown_answers_are_refused_at_every_question(library: Library, wizard_id: str) -> None:
    wizard = _wizard(library, wizard_id)
    for question in wizard.questions.values():
        walk = _reach(library, wizard, question.id)
        before = walk.steps
        with pytest.raises(WizardError):
            walk.answer("not-an-answer")
        assert walk.steps == before and walk.current_question == question


@pytest.mark.parametrize("wizard_id", SHIPPED)
def test_every_situation_is_reached_and_questions_are_plain(
    library: Library, wizard_id: str
) -> None:
    wizard = _wizard(library, wizard_id)
    assert {situation for _, situation in all_paths(wizard)} == set(wizard.situations)
    for question in wizard.questions.values():
        assert question.text.endswith("?"), question.text
        assert len(question.text) <= 100, question.text
        assert all(len(option.label) <= 60 for option in question.options)


@pytest.mark.parametrize("wizard_id", SHIPPED)
def test_golden_transcript_matches(library: Library, wizard_id: str) -> None:
    golden = GOLDEN / f"{wizard_id}.json"
    live = path_records(library, _wizard(library, wizard_id), None)
    assert golden.exists(), "no golden transcript: run `make golden` and review it"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert live == expected, (
        f"{wizard_id}: the paths or outcomes changed; if intended, run "
        "`make golden` and review the diff"
    )
