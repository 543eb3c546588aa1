"""The glossary: terms staff meet (DSL, LADO, KCSIE, ...) explained in the app's own words,
not any school's policy, with the guided answers that use them. Which terms a search names is
worked out in core/search/glossary_match.py."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from guidance_app.core.errors import Problem
from guidance_app.core.files.yamlsafe import YamlList, YamlMap

MAX_SENTENCES = 3
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z(‘“'\"]|\s*$)")


@dataclass(frozen=True)
class OtherName:
    name: str
    note: str | None = None  # where or why this name is used ("the name used in Wales")


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    meaning: str
    stands_for: str | None = None
    also_called: tuple[OtherName, ...] = ()
    guided_answers: tuple[str, ...] = ()  # wizard ids
    everyday_word: bool = False

    @property
    def own_names(self) -> tuple[str, ...]:
        return (self.term,) if self.stands_for is None else (self.term, self.stands_for)


def parse_glossary(
    path: Path, data: YamlMap, wizard_ids: Iterable[str]
) -> tuple[list[GlossaryTerm], list[Problem]]:
    """Terms from schema-checked data, checked against the guided answers there are. A term
    with a problem is left out; the others are kept."""
    known = sorted(wizard_ids)
    problems: list[Problem] = []
    found: list[GlossaryTerm] = []
    seen: dict[str, str] = {}
    raw_terms: YamlList = data["terms"]
    for raw, mark in zip(raw_terms, raw_terms.item_marks, strict=True):
        before = len(problems)
        term = _term(raw)
        for name in term.own_names:  # another term may list it among its other names
            key = " ".join(name.lower().split())
            if key in seen:
                problems.append(
                    Problem.at(
                        path,
                        mark,
                        f"'{name}' is already the name of the term '{seen[key]}'; give each "
                        "term its own name (other names may repeat another term's)",
                    )
                )
            seen[key] = term.term
        sentences = len(_SENTENCE_END.findall(term.meaning.strip())) or 1
        if sentences > MAX_SENTENCES:
            problems.append(
                Problem.at(
                    path,
                    raw.value_marks["meaning"],
                    f"the meaning of '{term.term}' has {sentences} sentences; keep it to "
                    f"{MAX_SENTENCES} at most, so it can be read at a glance",
                )
            )
        answers: YamlList = raw.get("guided_answers", YamlList())
        for answer, answer_mark in zip(answers, getattr(answers, "item_marks", []), strict=True):
            if answer not in known:
                problems.append(
                    Problem.at(
                        path,
                        answer_mark,
                        f"'{term.term}' names a guided answer '{answer}' that does not exist; "
                        f"there are: {', '.join(known) or 'none'}",
                    )
                )
        if len(problems) == before:
            found.append(term)
    return found, problems


def _term(raw: YamlMap) -> GlossaryTerm:
    others = tuple(
        OtherName(item) if isinstance(item, str) else OtherName(item["name"], item.get("note"))
        for item in raw.get("also_called", ())
    )
    return GlossaryTerm(
        term=raw["term"],
        meaning=" ".join(raw["meaning"].split()),
        stands_for=raw.get("stands_for"),
        also_called=others,
        guided_answers=tuple(raw.get("guided_answers", ())),
        everyday_word=bool(raw.get("everyday_word", False)),
    )
