"""Where a clause is, in the words a reader of the policy would use: "4.1.4" where the policy
numbers its clauses, "Aims, point 6" where it does not.

A clause id is either the policy's own number (content/README.md: "where a policy numbers its
clauses, use its numbers") or a name we made for it (a heading slug and a counter, such as
`aims-6`). A made name means nothing to a teacher holding the printed policy, so it is never
shown: the place is worked out from the policy's structure instead (which heading, which
paragraph under it), which also holds where an author's counter skipped or counted bullets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from guidance_app.core.content.model import Clause, Policy, Section

_POLICY_NUMBER = re.compile(r"\d+(?:\.\d+)*")
_NUMBER_ID = re.compile(r"(\d+(?:\.\d+)*)(?:-\d+)?")
_WRITTEN_NUMBER = re.compile(r"(\d+(?:\.\d+)*)\.?\s")  # "3.2 Staff must...", "4. Staff..."


@dataclass(frozen=True)
class ClausePlace:
    """A clause's place. `heading` is the section heading it is counted under ("" when the
    policy's own numbering says where it is); `position` is the number or point within it."""

    heading: str
    position: str

    def __str__(self) -> str:
        return ", ".join(part for part in (self.heading, self.position) if part)


def is_policy_number(clause_id: str) -> bool:
    """Whether a clause id is the policy's own number ("4.1.4"), not a name we made."""
    return _POLICY_NUMBER.fullmatch(clause_id) is not None


def clause_place(policy: Policy, clause: Clause) -> ClausePlace:
    """The clause's place as a reader finds it in the policy: its own number; else the paragraph
    after the nearest numbered clause above it in its section; else its section's heading and
    its point (and bullet) under that heading."""
    shown = shown_number(clause)
    if shown:
        return ClausePlace("", shown)
    section = policy.section(clause.section_id)
    siblings = section.clauses if section is not None else (clause,)
    ids = [c.id for c in siblings]
    index = ids.index(clause.id) if clause.id in ids else 0
    for back, earlier in enumerate(reversed(siblings[:index]), start=1):
        if shown_number(earlier):
            return ClausePlace("", _after(shown_number(earlier), back))
    return ClausePlace(_heading(policy, section), _point(section, clause))


def shown_number(clause: Clause) -> str:
    """The number a reader sees for a clause: the one its text starts with where that is a
    number like its id's (after a policy update a renumbered clause keeps its old id, so its
    citations still hold, and shows its new number), else its id if that is a number; "" for a
    clause without a number of its own."""
    numbered = _NUMBER_ID.fullmatch(clause.id)  # "3.2", or "3.2-2": a new clause beside it
    if numbered is None:
        return ""
    base = numbered[1]
    written = _WRITTEN_NUMBER.match(clause.text)
    if written and written[1].count(".") == base.count("."):
        return written[1]
    return base if base == clause.id else ""


def citation(policy: Policy, clause: Clause) -> str:
    """Where quoted words are: "Social Media and Networking Policy, 4.1.4"."""
    return f"{policy.title}, {clause_place(policy, clause)}"


def name_clauses(text: str, policies: Sequence[Policy]) -> str:
    """Words a reviewer wrote naming clauses by id (an owner query: "... (aims-3.8) mean ...?"),
    each made id, alone or as `policy#id`, replaced by where the clause is ("Aims, point 3,
    bullet 8"; with the policy's title where there is more than one policy). Numbers stay."""
    places: dict[str, str] = {}
    for policy in policies:
        for clause in policy.clauses:
            if is_policy_number(clause.id):
                continue
            place = str(clause_place(policy, clause))
            named = citation(policy, clause) if len(policies) > 1 else place
            places[f"{policy.id}#{clause.id}"] = named
            places[clause.id] = named if clause.id not in places else ""  # "" where ambiguous
    names = sorted((name for name, place in places.items() if place), key=len, reverse=True)
    if not names:
        return text
    pattern = re.compile(rf"(?<![\w.#-])(?:{'|'.join(map(re.escape, names))})(?![\w-]|\.\w)")
    return pattern.sub(lambda found: places[found[0]], text)


def lead_in_for(section: Section, clause: Clause) -> Clause | None:
    """The clause a bulleted `clause` continues: the nearest earlier clause in its section that
    is not itself a bullet, if that clause ends with a colon. Only bullets have a lead-in."""
    if not _is_bullet(clause):
        return None
    ids = [c.id for c in section.clauses]
    if clause.id not in ids:
        return None
    for earlier in reversed(section.clauses[: ids.index(clause.id)]):
        if _is_bullet(earlier):
            continue
        return earlier if earlier.text.rstrip().endswith(":") else None
    return None


def _is_bullet(clause: Clause) -> bool:
    return bool(clause.blocks) and clause.blocks[0].is_list_item


def _after(number: str, back: int) -> str:
    """An unnumbered paragraph among numbered ones, counted from the number above it."""
    return f"the paragraph after {number}" if back == 1 else f"paragraph {back} after {number}"


def _heading(policy: Policy, section: Section | None) -> str:
    """The section's heading as written (less a closing colon), with its parent's heading
    where another section of the policy has the same words."""
    if section is None:
        return ""
    heading = section.heading.strip().rstrip(":").rstrip()
    same = [s for s in policy.sections if s.heading.strip() == section.heading.strip()]
    parent = policy.section(section.parent_id) if section.parent_id else None
    if len(same) > 1 and parent is not None:
        return f"{parent.heading.strip().rstrip(':').rstrip()} › {heading}"
    return heading


def _point(section: Section | None, clause: Clause) -> str:
    """The point ("point 3"), or for a bullet completing point 3's sentence, "point 3, bullet
    4"; empty when the section has only one point (its heading says where it is)."""
    if section is None:
        return ""
    points = 0
    bullets: dict[str, int] = {}  # bullets counted so far under each lead-in
    where: dict[str, tuple[int, int]] = {}
    for each in section.clauses:
        lead_in = lead_in_for(section, each)
        if lead_in is None:
            points += 1
            where[each.id] = (points, 0)
            continue
        bullets[lead_in.id] = bullets.get(lead_in.id, 0) + 1
        where[each.id] = (where[lead_in.id][0], bullets[lead_in.id])
    point, bullet = where.get(clause.id, (0, 0))
    if point == 0:
        return ""
    if bullet:
        return f"bullet {bullet}" if points == 1 else f"point {point}, bullet {bullet}"
    return "" if points == 1 else f"point {point}"
