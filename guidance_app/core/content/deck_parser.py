"""Reading a training deck's file into a Deck, checked against the library's schools and wizards."""

from __future__ import annotations

from pathlib import Path

from guidance_app.core.content.decks import Deck, Scenario
from guidance_app.core.content.model import Library
from guidance_app.core.content.schema import did_you_mean
from guidance_app.core.content.wizard_model import leaves
from guidance_app.core.errors import Problem
from guidance_app.core.files.yamlsafe import Mark, YamlList, YamlMap


def parse_deck(path: Path, data: YamlMap, library: Library) -> tuple[Deck | None, list[Problem]]:
    """Build a Deck from schema-checked data, checking it against the library's wizards and
    schools (which must be loaded first). None, with the problems, if anything is wrong."""
    problems: list[Problem] = []

    def at(mark: Mark, message: str) -> None:
        problems.append(Problem.at(path, mark, message))

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
            Problem.at(
                path,
                mark,
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
        Problem.at(
            path,
            mark,
            f"the guided answer '{wizard.id}' never ends in the situation '{key}'; "
            f"{did_you_mean(key, reachable)}its situations are: {', '.join(reachable)}",
        )
    ]
