"""What a school's policy says for a situation, with the cited clauses' own words resolved."""

from __future__ import annotations

from dataclasses import dataclass

from guidance_app.core.model import Clause, Library, Policy, School
from guidance_app.core.rulings import BINDING_WORDS, Ruling

DSL_FALLBACK = "the designated safeguarding lead"


@dataclass(frozen=True)
class QuotedClause:
    """A cited clause, quoted from the policy itself (never from the ruling)."""

    policy: Policy
    clause: Clause
    heading: str

    @property
    def text(self) -> str:
        return self.clause.text


@dataclass(frozen=True)
class Outcome:
    school: School
    situation: str
    situation_title: str
    ruling_key: str | None  # the key whose ruling answered (may be coarser than `situation`)
    covered: bool
    action: str
    binding: str | None
    steps: tuple[str, ...]
    tell: tuple[str, ...]  # the school's own words for the people to tell
    quotes: tuple[QuotedClause, ...]
    not_covered: str | None

    @property
    def binding_words(self) -> str:
        return BINDING_WORDS.get(self.binding or "", "")

    def as_dict(self) -> dict[str, object]:
        return {
            "title": self.action,
            "covered": self.covered,
            "binding": self.binding,
            "steps": list(self.steps),
            "tell": list(self.tell),
            "not_covered": self.not_covered,
            "ruling": self.ruling_key,
            "citations": [
                {
                    "policy": q.policy.id,
                    "section": q.clause.id,
                    "heading": q.heading,
                    "text": q.text,
                }
                for q in self.quotes
            ],
        }


def outcome_for(library: Library, school_id: str, situation: str) -> Outcome:
    """Resolve the ruling for `situation` at one school, quoting its cited clauses."""
    school = library.school(school_id)
    if school is None:
        raise KeyError(school_id)
    title = library.situations.get(situation, situation)
    book = library.rulings.get(school_id)
    ruling = book.find(situation) if book else None
    dsl = school.roles.get("dsl", DSL_FALLBACK)
    if ruling is None or not ruling.is_covered:
        return _not_covered(school, situation, title, ruling, dsl)
    return Outcome(
        school=school,
        situation=situation,
        situation_title=title,
        ruling_key=ruling.situation,
        covered=True,
        action=ruling.action or "",
        binding=ruling.binding,
        steps=ruling.steps,
        tell=tuple(school.roles.get(role, role) for role in ruling.tell),
        quotes=_quotes(school, ruling),
        not_covered=None,
    )


def _not_covered(
    school: School, situation: str, title: str, ruling: Ruling | None, dsl: str
) -> Outcome:
    said = (
        ruling.not_covered
        if ruling is not None
        else ("There is no guidance for this situation in your school's policy library yet.")
    )
    return Outcome(
        school=school,
        situation=situation,
        situation_title=title,
        ruling_key=ruling.situation if ruling else None,
        covered=False,
        action=f"Your policy does not cover this. Speak to {dsl}.",
        binding=None,
        steps=(f"Speak to {dsl} before you act.",),
        tell=(dsl,),
        quotes=_quotes(school, ruling) if ruling else (),
        not_covered=said,
    )


def _quotes(school: School, ruling: Ruling) -> tuple[QuotedClause, ...]:
    quotes = []
    for citation in ruling.citations:
        policy = school.policy(citation.policy_id)
        clause = policy.clause(citation.clause_id) if policy else None
        if policy is None or clause is None:
            continue  # validation reports it; the outcome shows only what resolves
        section = policy.section(clause.section_id)
        quotes.append(QuotedClause(policy, clause, section.heading if section else ""))
    return tuple(quotes)
