"""For each school, the friend-request guided answer gives that school's own rule for a current
pupil and for a former pupil, and every quoted clause is the seed policy's text word for word.

The expectations here were written from reading each seed policy, independently of rulings.yaml.
"""

from __future__ import annotations

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library, fold_whitespace
from guidance_app.core.guidance.outcome import Outcome
from guidance_app.core.guidance.wizard_engine import WizardSession, all_paths
from tests.content.test_fidelity import seed_lines
from tests.helpers import CONTENT

# school -> (current pupil: binding, words that must be quoted),
#           (adult former pupil: binding or None for "not covered", words quoted or None)
EXPECTED = {
    "wilnecote": (
        ("must", "employees are not personal 'friends' with current students"),
        ("may", "Employees may choose to be 'friends' on a social networking site with exstudents"),
    ),
    "stokes-wood": (
        ("must", "this must be explicitly rejected, not just ignored"),
        ("must", "must not add either parents or pupils (including ex-pupils) as friends"),
    ),
    "westhaven": (
        ("must", "friendships/friend requests must be declined and reported to the Headteacher"),
        (
            "strongly-advised",
            "strongly advised not to be friends (on or off line) with recent pupils",
        ),
    ),
    "ewloe-green": (
        ("must", "Staff members must decline 'friend requests' from pupils"),
        (None, None),
    ),
    "wybunbury-delves": (
        ("must", "Staff members must decline 'friend requests' from pupils"),
        (None, None),
    ),
}


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT).library


def _outcome(library: Library, school: str, *answers: str) -> Outcome:
    wizard = library.wizard("friend-request")
    assert wizard is not None
    walk = WizardSession(library, wizard, school, skip_irrelevant=False)
    for answer in answers:
        question = walk.current_question
        assert question is not None
        walk.answer(answer)
    outcome = walk.outcome()
    assert outcome is not None
    return outcome


def _assert_quotes_are_verbatim(outcome: Outcome, school: str) -> None:
    seed = " ".join(seed_lines(school))
    for quote in outcome.quotes:
        for block in quote.clause.blocks:
            assert fold_whitespace(block.markdown.replace("*", "")) in seed, block.markdown


@pytest.mark.parametrize("school", sorted(EXPECTED))
def test_current_pupil(library: Library, school: str) -> None:
    (binding, words), _ = EXPECTED[school]
    outcome = _outcome(library, school, *_path_to(library, "friend-request/pupil"))
    assert outcome.situation == "friend-request/pupil"
    assert outcome.covered and outcome.binding == binding
    assert any(words in fold_whitespace(q.text) for q in outcome.quotes), [
        q.text for q in outcome.quotes
    ]
    _assert_quotes_are_verbatim(outcome, school)


@pytest.mark.parametrize("school", sorted(EXPECTED))
def test_adult_former_pupil(library: Library, school: str) -> None:
    _, (binding, words) = EXPECTED[school]
    outcome = _outcome(library, school, *_path_to(library, "friend-request/ex-pupil/adult"))
    if binding is None:
        assert not outcome.covered
        assert outcome.action.startswith("Your policy does not cover this. Speak to ")
    else:
        assert outcome.covered and outcome.binding == binding
        assert any(words in fold_whitespace(q.text) for q in outcome.quotes)
    _assert_quotes_are_verbatim(outcome, school)


def _path_to(library: Library, situation: str) -> list[str]:
    wizard = library.wizard("friend-request")
    assert wizard is not None
    for answers, reached in all_paths(wizard):
        if reached == situation:
            return [option.id for _, option in answers]
    raise AssertionError(f"no path reaches {situation}")
