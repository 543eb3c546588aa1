"""Checks that span files: citations resolve and still match, roles exist, every situation is
ruled on (or marked not covered) for every school, and situation keys are real."""

from __future__ import annotations

import os
from pathlib import Path

from guidance_app.core.content.model import Library
from guidance_app.core.content.rulings import Ruling, RulingState
from guidance_app.core.content.schema import did_you_mean
from guidance_app.core.content.wizard_model import parent_keys
from guidance_app.core.errors import Problem


def cross_check(library: Library) -> list[Problem]:
    problems: list[Problem] = []
    situations = library.situations
    known_prefixes = {
        key.rsplit("/", n)[0] for key in situations for n in range(key.count("/") + 1)
    }
    for school in library.schools:
        book = library.rulings.get(school.id)
        if book is None:
            if situations and not os.path.lexists(school.path / "rulings.yaml"):
                problems.append(
                    Problem(
                        school.path / "rulings.yaml",
                        1,
                        1,
                        f"{school.name} has no rulings.yaml; every school needs "
                        "a ruling (or 'not_covered') for each situation",
                    )
                )
            continue
        for key, ruling in book.rulings.items():
            if situations and key not in known_prefixes:
                problems.append(
                    Problem(
                        book.path,
                        ruling.mark.line,
                        ruling.mark.col,
                        f"no wizard ends in the situation '{key}' (or one "
                        "under it); check the key against the wizards' "
                        "'situations'",
                    )
                )
            problems.extend(_ruling_problems(library, school.id, ruling, book.path))
        for key in situations:
            if book.find(key) is None and not book.rejected.intersection(parent_keys(key)):
                problems.append(
                    Problem(
                        book.path,
                        1,
                        1,
                        f"no ruling for the situation "
                        f"'{key}': add one (or one for a coarser key such as "
                        f"'{key.split('/')[0]}'), or mark it 'not_covered' "
                        "where the policy is silent",
                    )
                )
    return problems


def _ruling_problems(library: Library, school_id: str, ruling: Ruling, path: Path) -> list[Problem]:
    school = library.school(school_id)
    assert school is not None
    problems: list[Problem] = []
    roles = list(school.roles)
    people = [("tell", role, ruling.mark) for role in ruling.tell]
    if ruling.ask is not None:
        people.append(("ask", ruling.ask, ruling.ask_mark or ruling.mark))
    for verb, role, mark in people:
        if role not in school.roles:
            problems.append(
                Problem.at(
                    path,
                    mark,
                    f"the ruling for '{ruling.situation}' says to {verb} "
                    f"'{role}', which is not a role in school.yaml; "
                    f"{did_you_mean(role, roles)}roles there are: {', '.join(roles)}",
                )
            )
    for citation in ruling.citations:
        where = (citation.mark.line, citation.mark.col)
        policy = school.policy(citation.policy_id)
        if policy is None:
            names = ", ".join(p.id for p in school.policies) or "none"
            problems.append(
                Problem(
                    path,
                    *where,
                    f"the citation '{citation.ref}' names a policy "
                    f"'{citation.policy_id}' that this school does not have "
                    f"(it has: {names})",
                )
            )
            continue
        clause = policy.clause(citation.clause_id)
        if ruling.state is RulingState.NEEDS_REVIEW and (
            clause is None or clause.fingerprint != citation.fingerprint
        ):
            continue  # the policy changed under it: counted as "needs review", not a problem
        if clause is None:
            problems.append(
                Problem(
                    path,
                    *where,
                    f"the citation '{citation.ref}' names a clause "
                    f"that is not in {policy.path.name}; check the clause id",
                )
            )
        elif citation.fingerprint is None:
            problems.append(
                Problem(
                    path,
                    *where,
                    f"the citation '{citation.ref}' has no fingerprint yet: add "
                    f"`fingerprint: '{clause.fingerprint}'` (new citation)",
                )
            )
        elif clause.fingerprint != citation.fingerprint:
            problems.append(
                Problem(
                    path,
                    *where,
                    f"the clause '{citation.ref}' has changed since "
                    "this ruling was written: reread the ruling against the "
                    "clause's text, then set its fingerprint to "
                    f"'{clause.fingerprint}'",
                )
            )
    return problems


def unfinished_answers(library: Library) -> list[str]:
    """For each school with answers still to write or to check again, one line saying how many
    ("Stokes Wood: 12 answers to do, 1 needs review"); these are work, not problems."""
    lines = []
    for school in library.schools:
        book = library.rulings.get(school.id)
        states = [ruling.state for ruling in book.rulings.values()] if book else []
        to_do = states.count(RulingState.TO_DO)
        review = states.count(RulingState.NEEDS_REVIEW)
        parts = []
        if to_do:
            parts.append(f"{to_do} answer{'s' if to_do != 1 else ''} to do")
        if review:
            parts.append(f"{review} need{'s' if review == 1 else ''} review")
        if parts:
            lines.append(f"{school.short_name}: {', '.join(parts)}")
    return lines
