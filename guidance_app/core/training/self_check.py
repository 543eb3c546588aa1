"""The self-check: the choices offered for each scenario, and marking the answers against the
school's rulings."""

from __future__ import annotations

from dataclasses import dataclass

from guidance_app.core.content.decks import Deck, Scenario
from guidance_app.core.content.model import Library
from guidance_app.core.guidance.outcome import outcome_for

CHECK_QUESTION = "What does your school's policy say about this?"

# The self-check's answer choices, as (value, label), in the order they are offered.
CHECK_CHOICES: tuple[tuple[str, str], ...] = (
    ("must", "It is a rule: staff must (or must not) do something"),
    ("should", "It is strong advice: staff should (or should not)"),
    ("may", "It is allowed: it is your choice"),
    ("not-covered", "The policy does not cover it: ask before you act"),
)

# A ruling's binding (see rulings.BINDING_WORDS) -> the self-check choice it counts as.
BINDING_CHOICE: dict[str, str] = {
    "must": "must",
    "should": "should",
    "strongly-advised": "should",
    "advised": "should",
    "may": "may",
}
NOT_COVERED = "not-covered"


@dataclass(frozen=True)
class CheckResult:
    """One answer of the self-check: what was chosen ("" if nothing), what the policy says."""

    scenario: Scenario
    chosen: str
    expected: str
    correct: bool


def expected_choice(library: Library, school_id: str, scenario: Scenario) -> str:
    """The right self-check answer for a scenario at one school: how binding its ruling is,
    or "not-covered" where the policy is silent."""
    outcome = outcome_for(library, school_id, scenario.situation)
    # An answer not written yet, or under review, has no binding to learn: as where the policy
    # is silent, the right thing for staff is to ask before they act.
    if not outcome.covered:
        return NOT_COVERED
    assert outcome.binding is not None  # every covered ruling states one (rulings schema)
    return BINDING_CHOICE[outcome.binding]


def score(
    library: Library, school_id: str, deck: Deck, answers: dict[str, str]
) -> list[CheckResult]:
    """Mark the self-check, in deck order. `answers` maps scenario id -> chosen value; a
    scenario with no answer counts as wrong, with chosen "". A deck fixed to one school is
    marked against that school, whatever `school_id` says."""
    school = deck.school_for(school_id)
    results = []
    for scenario in deck.scenarios:
        chosen = answers.get(scenario.id, "")
        expected = expected_choice(library, school, scenario)
        results.append(CheckResult(scenario, chosen, expected, chosen == expected))
    return results
