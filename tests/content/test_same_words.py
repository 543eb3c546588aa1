"""Same words, same rulings (the first review's X6): where two schools' policies say the same
thing in the same or nearly the same words, and one school's ruling for a situation rests on
those words, the other school's ruling binds alike (and is not "not covered"), or a ruling's
`note` explains the difference."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache
from itertools import combinations

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Clause, Library, School
from guidance_app.core.content.rulings import Ruling
from tests.helpers import CONTENT

NEARLY_THE_SAME = 0.85  # difflib ratio of two clauses' words, school names taken out


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT).library


def _words(school: School, clause: Clause) -> str:
    text = clause.text.lower()
    for name in {school.name, school.short_name}:
        text = text.replace(name.lower(), "the school")
    return " ".join(re.findall(r"[a-z']+", text))


def _cited(library: Library, school: School, ruling: Ruling) -> list[str]:
    words = []
    for citation in ruling.citations:
        policy = school.policy(citation.policy_id)
        clause = policy.clause(citation.clause_id) if policy else None
        if clause is not None:
            words.append(_words(school, clause))
    return words


@cache
def _nearly_the_same(a: str, b: str) -> bool:
    if len(a) <= 40:
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= NEARLY_THE_SAME
        and matcher.quick_ratio() >= NEARLY_THE_SAME
        and matcher.ratio() >= NEARLY_THE_SAME
    )


def _share_words(one: list[str], other: list[str]) -> bool:
    return any(_nearly_the_same(a, b) for a in one for b in other)


def test_rulings_on_the_same_words_bind_alike_or_say_why(library: Library) -> None:
    disagreements = []
    compared = 0
    for situation in library.situations:
        for first, second in combinations(library.schools, 2):
            one = library.rulings[first.id].find(situation)
            other = library.rulings[second.id].find(situation)
            if one is None or other is None or not (one.is_covered or other.is_covered):
                continue
            if one.is_covered and other.is_covered:
                shared = _share_words(_cited(library, first, one), _cited(library, second, other))
            else:  # one is silent: does its own policy hold the words the other rests on?
                ruled, silent_school = (one, second) if one.is_covered else (other, first)
                ruled_school = first if ruled is one else second
                shared = _share_words(
                    _cited(library, ruled_school, ruled),
                    [_words(silent_school, c) for p in silent_school.policies for c in p.clauses],
                )
            if not shared:
                continue
            compared += 1
            said = [r.binding if r.is_covered else "not covered" for r in (one, other)]
            if said[0] != said[1] and not (one.note or other.note):
                disagreements.append(f"{situation}: {first.id} {said[0]} vs {second.id} {said[1]}")
    assert compared > 0  # the bundled schools do share wording (Ewloe Green, Wybunbury Delves)
    assert disagreements == []
