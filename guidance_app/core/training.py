"""Training decks for induction sessions: scenarios built on the guided answers' situations.

A deck (`content/training/<deck-id>.yaml`) tells each situation as a short story with prompts
for the room. What the policy says is never written in the deck: it comes from the school's
rulings when the deck is shown, so a deck works for every school and cannot drift from policy.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from guidance_app.core.errors import Problem
from guidance_app.core.model import Library
from guidance_app.core.outcome import outcome_for
from guidance_app.core.render import outcome_html
from guidance_app.core.review import long_date
from guidance_app.core.schema import did_you_mean
from guidance_app.core.wizard_engine import leaves
from guidance_app.core.yamlsafe import Mark, YamlList, YamlMap

CHECK_QUESTION = "What does your school's policy say about this?"

# The self-check's answer choices, as (value, label), in the order they are offered.
CHECK_CHOICES: tuple[tuple[str, str], ...] = (
    ("must", "It is a rule: staff must (or must not) do something"),
    ("should", "It is strong advice: staff should (or should not)"),
    ("may", "It is allowed: it is your choice"),
    ("not-covered", "The policy does not cover it: ask the designated safeguarding lead"),
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

PAGE_BREAK = '<div style="page-break-before: always">'
NOTE_LINES = 5


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    wizard_id: str
    situation: str
    story: str
    prompts: tuple[str, ...]
    notes: str | None  # for the trainer only: never projected, never printed


@dataclass(frozen=True)
class Deck:
    id: str  # the file name without .yaml
    title: str
    summary: str | None
    school_id: str | None  # a deck fixed to one school; None: the school chosen in the app
    scenarios: tuple[Scenario, ...]
    path: Path

    def scenario(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def school_for(self, chosen_school_id: str) -> str:
        """The school the deck is shown for: its fixed school, else the one chosen in the app."""
        return self.school_id or chosen_school_id


@dataclass(frozen=True)
class CheckResult:
    """One answer of the self-check: what was chosen ("" if nothing), what the policy says."""

    scenario: Scenario
    chosen: str
    expected: str
    correct: bool


# --- loading ------------------------------------------------------------------------------------


def parse_deck(path: Path, data: YamlMap, library: Library) -> tuple[Deck | None, list[Problem]]:
    """Build a Deck from schema-checked data, checking it against the library's wizards and
    schools (which must be loaded first). None, with the problems, if anything is wrong."""
    problems: list[Problem] = []

    def at(mark: Mark, message: str) -> None:
        problems.append(Problem(path, mark.line, mark.col, message))

    school_id: str | None = data.get("school")
    if school_id is not None and library.school(school_id) is None:
        known = [s.id for s in library.schools]
        at(
            data.value_marks["school"],
            f"'school' names '{school_id}', which is not a school here; "
            f"{did_you_mean(school_id, known)}schools are: {', '.join(known) or 'none'}",
        )
    scenarios: list[Scenario] = []
    first_seen: dict[str, Mark] = {}
    raw_scenarios: YamlList = data["scenarios"]
    for raw in raw_scenarios:
        scenario = Scenario(
            id=raw["id"],
            title=raw["title"],
            wizard_id=raw["wizard"],
            situation=raw["situation"],
            story=raw["story"],
            prompts=tuple(raw["prompts"]),
            notes=raw.get("notes"),
        )
        id_mark = raw.value_marks["id"]
        if scenario.id in first_seen:
            at(
                id_mark,
                f"the scenario id '{scenario.id}' is already used at line "
                f"{first_seen[scenario.id].line}; every scenario in a deck needs its own id",
            )
        else:
            first_seen[scenario.id] = id_mark
        problems.extend(_reference_problems(path, raw, scenario, library))
        scenarios.append(scenario)
    if problems:
        return None, problems
    deck = Deck(
        id=path.stem,
        title=data["title"],
        summary=data.get("summary"),
        school_id=school_id,
        scenarios=tuple(scenarios),
        path=path,
    )
    return deck, []


def _reference_problems(
    path: Path, raw: YamlMap, scenario: Scenario, library: Library
) -> list[Problem]:
    """The scenario's wizard exists and can end in its situation (or in one under it)."""
    wizard = library.wizard(scenario.wizard_id)
    if wizard is None:
        known = sorted(w.id for w in library.wizards)
        mark = raw.value_marks["wizard"]
        return [
            Problem(
                path,
                mark.line,
                mark.col,
                f"the scenario '{scenario.id}' names the guided answer '{scenario.wizard_id}', "
                f"which does not exist; {did_you_mean(scenario.wizard_id, known)}guided answers "
                f"are: {', '.join(known) or 'none'}",
            )
        ]
    reachable = sorted(leaves(wizard, wizard.start))
    key = scenario.situation
    if key in reachable or any(leaf.startswith(key + "/") for leaf in reachable):
        return []
    mark = raw.value_marks["situation"]
    return [
        Problem(
            path,
            mark.line,
            mark.col,
            f"the guided answer '{wizard.id}' never ends in the situation '{key}'; "
            f"{did_you_mean(key, reachable)}its situations are: {', '.join(reachable)}",
        )
    ]


# --- the self-check -----------------------------------------------------------------------------


def expected_choice(library: Library, school_id: str, scenario: Scenario) -> str:
    """The right self-check answer for a scenario at one school: how binding its ruling is,
    or "not-covered" where the policy is silent."""
    outcome = outcome_for(library, school_id, scenario.situation)
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


# --- the printed handout ------------------------------------------------------------------------


def handout_html(library: Library, deck: Deck, school_id: str, today: date) -> str:
    """A printable handout in Qt's rich-text subset: the deck's title, school and date, then
    each scenario on its own page with its story, the guided answer's question, the prompts,
    what the school's policy says, and room for notes. Trainer notes are never included.
    A deck fixed to one school is printed for that school, whatever `school_id` says."""
    school_key = deck.school_for(school_id)
    school = library.school(school_key)
    if school is None:
        raise KeyError(school_key)
    when = long_date(today)
    parts = [f"<h1>{html.escape(deck.title)}</h1>"]
    parts.append(f"<p><b>{html.escape(school.name)}</b> &nbsp;·&nbsp; {html.escape(when)}</p>")
    if deck.summary:
        parts.append(f"<p>{html.escape(deck.summary)}</p>")
    for number, scenario in enumerate(deck.scenarios, start=1):
        page = _scenario_html(library, school_key, scenario, number, len(deck.scenarios))
        parts.append(f"{PAGE_BREAK}{page}</div>" if number > 1 else page)
    return "\n".join(parts)


def _scenario_html(
    library: Library, school_id: str, scenario: Scenario, number: int, total: int
) -> str:
    parts = [
        f"<p><i>Scenario {number} of {total}</i></p>",
        f"<h1>{html.escape(scenario.title)}</h1>",
        "<h2>The situation</h2>",
    ]
    parts.extend(f"<p>{html.escape(paragraph)}</p>" for paragraph in _paragraphs(scenario.story))
    wizard = library.wizard(scenario.wizard_id)
    if wizard is not None:
        parts.append(f"<p>The question it raises: <b>{html.escape(wizard.question)}</b></p>")
    parts.append("<h2>Talk about it</h2><ol>")
    parts.extend(f"<li>{html.escape(prompt)}</li>" for prompt in scenario.prompts)
    parts.append("</ol>")
    parts.append("<h2>What the policy says</h2>")
    parts.append(outcome_html(outcome_for(library, school_id, scenario.situation), links=False))
    parts.append("<h2>Your notes</h2>")
    ruled = '<p style="margin-top: 18px">' + "_" * 70 + "</p>"
    parts.extend(ruled for _ in range(NOTE_LINES))
    return "\n".join(parts)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


__all__ = [
    "BINDING_CHOICE",
    "CHECK_CHOICES",
    "CHECK_QUESTION",
    "CheckResult",
    "Deck",
    "Scenario",
    "expected_choice",
    "handout_html",
    "parse_deck",
    "score",
]
