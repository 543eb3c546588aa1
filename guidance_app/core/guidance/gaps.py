"""Questions for a school's policy owner (its DSL and governors): the situations its policy is
silent on, the rulings only the school can settle, and the clauses no guided answer uses."""

from __future__ import annotations

from dataclasses import dataclass

from guidance_app.core.content.model import Clause, Library, Policy, School
from guidance_app.core.content.rulings import BINDING_WORDS, RulingState
from guidance_app.core.guidance.coverage import Cover, coverage_matrix, uncited_clauses
from guidance_app.core.guidance.outcome import outcome_for


@dataclass(frozen=True)
class Silence:
    """A situation the policy does not cover, or that has no ruling yet (`written` False)."""

    situation: str
    title: str
    guided_answer: str  # the title of the guided answer that ends in it
    ruling_key: str | None  # the not-covered ruling's key (coarser for a fallback); None if none
    said: str  # the ruling's not_covered text, or the app's words where there is no ruling
    ask: str  # whom staff are sent to, in the school's words
    written: bool


@dataclass(frozen=True)
class OwnerQuery:
    """A ruling marked with a question only the school can answer."""

    situation: str  # the ruling's own key
    title: str
    ruled: str  # what the ruling says now: its binding in words, or "Not covered"
    query: str


@dataclass(frozen=True)
class Unfinished:
    """A ruling the school has still to write (to do), or to check again (needs review)."""

    situation: str  # the ruling's own key
    title: str
    guided_answer: str
    state: RulingState
    reason: str  # why it needs review; "" for a to-do


@dataclass(frozen=True)
class UncitedClause:
    policy: Policy
    clause: Clause
    heading: str


@dataclass(frozen=True)
class Gaps:
    school: School
    silences: tuple[Silence, ...]
    queries: tuple[OwnerQuery, ...]
    uncited: tuple[UncitedClause, ...]
    unfinished: tuple[Unfinished, ...] = ()


def gaps_for(library: Library, school_id: str) -> Gaps:
    """Everything the school's policy owner should look at, in wizard and policy order."""
    school = library.require_school(school_id)
    silences = []
    unfinished: list[Unfinished] = []
    listed: set[str] = set()
    for situation, row in coverage_matrix(library).items():
        cell = row[school.id]
        if cell.cover in (Cover.TO_DO, Cover.NEEDS_REVIEW) and cell.key not in listed:
            assert cell.key is not None  # a to-do or needs-review cell comes from a ruling
            listed.add(cell.key)  # once, though it may serve finer situations too
            ruling = library.rulings[school.id].rulings[cell.key]
            unfinished.append(
                Unfinished(
                    situation=cell.key,
                    title=library.situation_title(cell.key),
                    guided_answer=_home_title(library, situation),
                    state=ruling.state,
                    reason=ruling.needs_review or "",
                )
            )
        if cell.cover not in (Cover.NOT_COVERED, Cover.MISSING):
            continue
        outcome = outcome_for(library, school.id, situation)  # the same words staff are shown
        silences.append(
            Silence(
                situation=situation,
                title=outcome.situation_title,
                guided_answer=_home_title(library, situation),
                ruling_key=cell.key,
                said=outcome.not_covered or "",
                ask=outcome.tell[0] if outcome.tell else outcome.dsl,
                written=cell.cover is Cover.NOT_COVERED,
            )
        )
    order = [wizard.title for wizard in library.wizards]
    silences.sort(key=lambda silence: order.index(silence.guided_answer))  # stable: keeps keys'
    book = library.rulings.get(school.id)
    queries = tuple(
        OwnerQuery(
            situation=ruling.situation,
            title=library.situation_title(ruling.situation),
            ruled=(
                BINDING_WORDS.get(ruling.binding or "", "") if ruling.is_covered else "Not covered"
            ),
            query=ruling.owner_query,
        )
        for ruling in (book.rulings.values() if book else ())
        if ruling.owner_query
    )
    uncited = tuple(
        UncitedClause(policy, clause, _heading(policy, clause))
        for owner, policy, clause in uncited_clauses(library)
        if owner == school.id
    )
    return Gaps(school, tuple(silences), queries, uncited, tuple(unfinished))


def _heading(policy: Policy, clause: Clause) -> str:
    section = policy.section(clause.section_id)
    return section.heading if section else ""


def _home_title(library: Library, situation: str) -> str:
    wizard = library.home_wizard(situation)
    assert wizard is not None  # the coverage matrix holds only situations a wizard ends in
    return wizard.title
