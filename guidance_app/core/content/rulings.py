"""A school's rulings: for each situation, what its policy says to do, with citations."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from guidance_app.core.content.wizard_model import parent_keys
from guidance_app.core.errors import Problem
from guidance_app.core.files.yamlsafe import Mark, YamlList, YamlMap

BINDING_WORDS = {  # how binding a ruling is, said plainly, in the policy's own terms
    "must": "Must: this is a rule",
    "should": "Should: expected unless there is a good reason",
    "strongly-advised": "Strongly advised",
    "advised": "Advised",
    "may": "May: allowed, your choice",
}


class RulingState(Enum):
    """Where a school's answer for a situation stands."""

    ANSWERED = "answered"  # cites the policy's clauses
    NOT_COVERED = "not covered"  # the policy is silent, and the school says so
    TO_DO = "to do"  # the school has not written this answer yet
    NEEDS_REVIEW = "needs review"  # answered, but a clause it cites changed since


@dataclass(frozen=True)
class Citation:
    policy_id: str
    clause_id: str
    fingerprint: str | None  # None for a new citation: validation prints the one to add
    mark: Mark

    @property
    def ref(self) -> str:
        return f"{self.policy_id}#{self.clause_id}"


@dataclass(frozen=True)
class Ruling:
    """What one school rules for one situation key. `not_covered` says the policy is silent;
    `ask` is then the role staff should ask (None: the DSL). `owner_query` is a question about
    the ruling that only the school can answer."""

    school_id: str
    situation: str
    action: str | None
    binding: str | None
    steps: tuple[str, ...]
    tell: tuple[str, ...]
    citations: tuple[Citation, ...]
    not_covered: str | None
    mark: Mark
    ask: str | None = None
    ask_mark: Mark | None = None  # where `ask` is written, for validation's messages
    owner_query: str | None = None
    note: str | None = None  # for reviewers, never shown to staff
    to_do: bool = False  # not written yet: neither an answer nor "not covered"
    needs_review: str | None = None  # why the answer must be checked again (a policy changed)

    @property
    def state(self) -> RulingState:
        if self.to_do:
            return RulingState.TO_DO
        if self.not_covered is not None:
            return RulingState.NOT_COVERED
        if self.needs_review is not None:
            return RulingState.NEEDS_REVIEW
        return RulingState.ANSWERED

    @property
    def is_covered(self) -> bool:
        """The school has written an answer (one under review included): not silence, not to do."""
        return self.state in (RulingState.ANSWERED, RulingState.NEEDS_REVIEW)


@dataclass(frozen=True)
class RulingBook:
    school_id: str
    path: Path
    rulings: dict[str, Ruling]
    rejected: frozenset[str] = frozenset()  # keys whose ruling had problems (already reported)

    def find(self, situation: str) -> Ruling | None:
        """The ruling for a situation: its own, or else the nearest coarser key's."""
        for key in parent_keys(situation):
            if key in self.rulings:
                return self.rulings[key]
        return None


def parse_rulings(path: Path, data: YamlMap) -> tuple[RulingBook, list[Problem]]:
    """Build a RulingBook from schema-checked data; a ruling with problems is left out."""
    school_id = path.parent.name
    problems: list[Problem] = []
    rulings: dict[str, Ruling] = {}
    rejected: set[str] = set()
    raw_rulings: YamlMap = data["rulings"]
    for key, raw in raw_rulings.items():
        mark = raw_rulings.key_marks[key]
        found = _shape_problems(path, key, raw, mark)
        problems.extend(found)
        if found:
            rejected.add(key)
            continue
        citations = []
        raw_cites: YamlList = raw.get("cite", YamlList())
        for cite, cite_mark in zip(raw_cites, getattr(raw_cites, "item_marks", []), strict=True):
            policy_id, clause_id = cite["clause"].split("#", 1)
            citations.append(Citation(policy_id, clause_id, cite.get("fingerprint"), cite_mark))
        rulings[key] = Ruling(
            school_id=school_id,
            situation=key,
            action=raw.get("action"),
            binding=raw.get("binding"),
            steps=tuple(raw.get("steps", ())),
            tell=tuple(raw.get("tell", ("dsl",) if "not_covered" in raw else ())),
            citations=tuple(citations),
            not_covered=raw.get("not_covered"),
            mark=mark,
            ask=raw.get("ask"),
            ask_mark=raw.value_marks.get("ask"),
            owner_query=raw.get("owner_query"),
            note=raw.get("note"),
            to_do=bool(raw.get("to_do", False)),
            needs_review=raw.get("needs_review"),
        )
    return RulingBook(school_id, path, rulings, frozenset(rejected)), problems


def _shape_problems(path: Path, key: str, raw: YamlMap, mark: Mark) -> list[Problem]:
    if "to_do" in raw:
        if len(raw) > 1:
            return [
                Problem.at(
                    path,
                    mark,
                    f"the ruling for '{key}' says 'to_do: true' but also gives "
                    f"{', '.join(k for k in raw if k != 'to_do')}; remove 'to_do' once the "
                    "answer is written",
                )
            ]
        return []
    if "needs_review" in raw and "not_covered" in raw:
        return [
            Problem.at(
                path,
                raw.value_marks.get("needs_review", mark),
                f"the ruling for '{key}' gives 'needs_review', which only goes with an "
                "answered ruling (one that cites clauses), not with 'not_covered'",
            )
        ]
    if "ask" in raw and "not_covered" not in raw:
        # A ruling says whom to tell in `tell`; `ask` is only for where the policy is silent.
        return [
            Problem.at(
                path,
                raw.value_marks.get("ask", mark),
                f"the ruling for '{key}' gives 'ask', which only goes with 'not_covered' "
                "(who staff should ask where the policy is silent); a ruling says whom to "
                "tell with 'tell'",
            )
        ]
    if "not_covered" in raw:
        extra = [k for k in ("action", "binding", "steps") if k in raw]
        if extra:
            return [
                Problem.at(
                    path,
                    mark,
                    f"the ruling for '{key}' says "
                    f"'not_covered' but also gives {', '.join(extra)}; a situation "
                    "the policy does not cover has no action of its own",
                )
            ]
        return []
    missing = [k for k in ("action", "binding", "steps", "tell", "cite") if k not in raw]
    if missing:
        return [
            Problem.at(
                path,
                mark,
                f"the ruling for '{key}' is missing "
                f"{', '.join(missing)}; give them all, or 'not_covered' if the "
                "policy does not address this situation",
            )
        ]
    if not raw["cite"]:
        return [
            Problem.at(
                path,
                mark,
                f"the ruling for '{key}' cites no clause; "
                "every ruling rests on the policy's own words",
            )
        ]
    return []
