"""Guided answers: a wizard's questions, options and the situations it ends in, and the
checks on one wizard file (every option leads somewhere, every question reachable, no cycles)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from guidance_app.core.errors import Problem
from guidance_app.core.files.yamlsafe import Mark, YamlList, YamlMap


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    help: str | None
    next: str | None
    situation: str | None


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    help: str | None
    options: tuple[Option, ...]

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class Wizard:
    id: str
    title: str
    question: str
    keywords: tuple[str, ...]
    order: int
    start: str
    questions: dict[str, Question]
    situations: dict[str, str]  # situation key an option ends in -> plain title
    path: Path
    # titles of coarser keys (e.g. `photos/post`), where a skipped question can end
    group_titles: dict[str, str] = field(default_factory=dict)
    # situation key -> steps the app itself adds for every school (national guidance, marked
    # as the app's words), with "{dsl}" standing for the school's designated safeguarding lead
    app_advice: dict[str, tuple[str, ...]] = field(default_factory=dict)


def parse_wizard(path: Path, data: YamlMap) -> tuple[Wizard | None, list[Problem]]:
    """Build a Wizard from schema-checked data, checking its routing. None if it has problems."""
    problems: list[Problem] = []

    def at(mark: Mark, message: str) -> None:
        problems.append(Problem.at(path, mark, message))

    questions: dict[str, Question] = {}
    used_situations: set[str] = set()
    for question_id, raw in data["questions"].items():
        options = []
        seen: set[str] = set()
        raw_options: YamlList = raw["options"]
        for raw_option, mark in zip(raw_options, raw_options.item_marks, strict=True):
            option = _option(raw_option)
            if option.id in seen:
                at(mark, f"question '{question_id}' has two options with the id '{option.id}'")
            seen.add(option.id)
            if (option.next is None) == (option.situation is None):
                at(
                    mark,
                    f"option '{option.id}' must have exactly one of 'next' (the id of the "
                    "next question) or 'situation' (the situation key it ends in)",
                )
            elif option.next is not None and option.next not in data["questions"]:
                at(
                    raw_option.value_marks["next"],
                    f"option '{option.id}' leads to question "
                    f"'{option.next}', which does not exist; questions here are: "
                    f"{', '.join(data['questions'])}",
                )
            elif option.situation is not None:
                used_situations.add(option.situation)
                if option.situation not in data["situations"]:
                    at(
                        raw_option.value_marks["situation"],
                        f"option '{option.id}' ends in "
                        f"situation '{option.situation}', which is not listed under "
                        "'situations'; add it there with a title",
                    )
            options.append(option)
        questions[question_id] = Question(question_id, raw["text"], raw.get("help"), tuple(options))
    if data["start"] not in questions:
        at(
            data.value_marks["start"],
            f"'start' names question '{data['start']}', which does not exist",
        )
    titles = {key: value["title"] for key, value in data["situations"].items()}
    situations = {key: title for key, title in titles.items() if key in used_situations}
    group_titles = {key: title for key, title in titles.items() if key not in used_situations}
    for key in titles:  # a coarser key may be titled too: a skipped question ends there
        if key not in used_situations and not any(
            used.startswith(key + "/") for used in used_situations
        ):
            at(
                data["situations"].key_marks[key],
                f"the situation '{key}' is listed but no "
                "option ends in it; remove it or add an option that leads to it",
            )
    if not problems:
        problems.extend(_check_graph(path, data, questions))
    if problems:
        return None, problems
    keywords = tuple(data.get("keywords", ()))
    wizard = Wizard(
        path.stem,
        data["title"],
        data["question"],
        keywords,
        data.get("order", 100),
        data["start"],
        questions,
        situations,
        path,
        group_titles,
        {
            key: tuple(value["app_advice"])
            for key, value in data["situations"].items()
            if "app_advice" in value
        },
    )
    return wizard, []


def _option(raw: YamlMap) -> Option:
    return Option(raw["id"], raw["label"], raw.get("help"), raw.get("next"), raw.get("situation"))


def _check_graph(path: Path, data: YamlMap, questions: dict[str, Question]) -> list[Problem]:
    """Every question reachable from the start, and no way to loop back to an earlier one."""
    problems: list[Problem] = []
    reached: set[str] = set()
    on_path: list[str] = []
    reported_cycle = False

    def visit(question_id: str) -> None:
        nonlocal reported_cycle
        if question_id in on_path:
            if not reported_cycle:
                loop = " -> ".join([*on_path[on_path.index(question_id) :], question_id])
                mark = data["questions"].key_marks[question_id]
                problems.append(
                    Problem.at(
                        path,
                        mark,
                        "the questions go round in "
                        f"a circle ({loop}); every path must end in a situation",
                    )
                )
                reported_cycle = True
            return
        if question_id in reached:
            return
        reached.add(question_id)
        on_path.append(question_id)
        for option in questions[question_id].options:
            if option.next is not None:
                visit(option.next)
        on_path.pop()

    visit(data["start"])
    for question_id in questions:
        if question_id not in reached:
            mark = data["questions"].key_marks[question_id]
            problems.append(
                Problem.at(
                    path,
                    mark,
                    f"no answer leads to question "
                    f"'{question_id}', so nobody can reach it; link it from an "
                    "option's 'next' or remove it",
                )
            )
    return problems


def parent_keys(situation: str) -> list[str]:
    """The key and its coarser ancestors, finest first: a/b/c, a/b, a."""
    parts = situation.split("/")
    return ["/".join(parts[:n]) for n in range(len(parts), 0, -1)]


__all__ = ["Option", "Question", "Wizard", "parent_keys", "parse_wizard"]


def leaves(wizard: Wizard, question_id: str) -> set[str]:
    """Every situation reachable from a question."""
    found: set[str] = set()
    for option in wizard.questions[question_id].options:
        if option.situation is not None:
            found.add(option.situation)
        elif option.next is not None:
            found |= leaves(wizard, option.next)
    return found
