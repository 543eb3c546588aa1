"""Which situations each school's policy rules on, by its own key or a coarser one, or not."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from guidance_app.core.content.model import Clause, Library, Policy
from guidance_app.core.content.rulings import RulingState


class Cover(Enum):
    RULED = "ruled"
    FALLBACK = "ruled by fallback"
    NOT_COVERED = "not covered"
    TO_DO = "to do"  # the school has not written the answer yet (not a silence of the policy)
    NEEDS_REVIEW = "needs review"  # answered, but a cited clause changed since
    MISSING = "missing"


_UNFINISHED = {RulingState.TO_DO: Cover.TO_DO, RulingState.NEEDS_REVIEW: Cover.NEEDS_REVIEW}


@dataclass(frozen=True)
class Cell:
    cover: Cover
    key: str | None  # the ruling's key (differs from the situation for a fallback)


def coverage_matrix(library: Library) -> dict[str, dict[str, Cell]]:
    """situation -> school id -> how it is covered."""
    matrix: dict[str, dict[str, Cell]] = {}
    for situation in library.situations:
        row: dict[str, Cell] = {}
        for school in library.schools:
            book = library.rulings.get(school.id)
            ruling = book.find(situation) if book else None
            if ruling is None:
                row[school.id] = Cell(Cover.MISSING, None)
            elif ruling.state in _UNFINISHED:
                row[school.id] = Cell(_UNFINISHED[ruling.state], ruling.situation)
            elif not ruling.is_covered:
                row[school.id] = Cell(Cover.NOT_COVERED, ruling.situation)
            elif ruling.situation == situation:
                row[school.id] = Cell(Cover.RULED, ruling.situation)
            else:
                row[school.id] = Cell(Cover.FALLBACK, ruling.situation)
        matrix[situation] = row
    return matrix


def uncited_clauses(library: Library) -> list[tuple[str, Policy, Clause]]:
    """(school id, policy, clause) for every clause no ruling cites."""
    cited = {
        (book.school_id, c.policy_id, c.clause_id)
        for book in library.rulings.values()
        for ruling in book.rulings.values()
        for c in ruling.citations
    }
    return [
        (school.id, policy, clause)
        for school in library.schools
        for policy in school.policies
        for clause in policy.clauses
        if (school.id, policy.id, clause.id) not in cited
    ]
