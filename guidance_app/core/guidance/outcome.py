"""What a school's policy says for a situation, with the cited clauses' own words resolved."""

from __future__ import annotations

from dataclasses import dataclass, replace

from guidance_app.core.content.model import Clause, Library, Policy, School
from guidance_app.core.content.places import ClausePlace, citation, clause_place, lead_in_for
from guidance_app.core.content.rulings import BINDING_WORDS, Ruling, RulingState

DSL_FALLBACK = "the designated safeguarding lead"

# The app's own words, shown with every outcome and clearly marked as not the policy's: a
# guided answer about social media must never stand between a worried adult and the school's
# child protection procedures, whatever the policy happens to cover.
APP_REMINDER = (
    "A reminder from this app, not from your policy: if you think a child may be at risk of "
    "harm, follow your child protection procedures and tell {dsl} straight away."
)

# Heading for steps a guided answer adds for every school (`app_advice`): words no policy says
# but national guidance for all schools in England and Wales does, so marked as the app's own.
APP_ADVICE_HEADING = (
    "From this app, not from your policy: what national guidance for all schools says"
)


# A situation the school has not answered yet: the policy may well speak to it, so staff are
# never told it is silent ("not covered"); they are sent to the policy and to the DSL.
TO_DO_ACTION = "Your school has not written this answer yet. Speak to {dsl}."
TO_DO_STEPS = (
    "Search your school's policies for what they say about this.",
    "Speak to {dsl} before you act.",
)
# An answer whose cited clauses changed: the old answer may now be wrong, so it is not shown;
# the clauses' current words are.
REVIEW_ACTION = "Your school is reviewing this answer after the policy changed. Speak to {dsl}."
REVIEW_STEPS = (
    "Read what your policy says now, below.",
    "Speak to {dsl} before you act.",
)

QUOTES_HEADINGS = {
    RulingState.ANSWERED: "What your policy says",
    RulingState.NEEDS_REVIEW: "What your policy says now",
}
NEARBY_HEADING = "What your policy says nearby"


@dataclass(frozen=True)
class QuotedClause:
    """A cited clause, quoted from the policy itself (never from the ruling).

    `lead_in` is the sentence a bulleted clause completes ("...everyone must ensure that
    they:"): a bullet such as "Do not communicate with pupils" reads as the policy's rule only
    with it, so it is quoted alongside. None when there is none, or when the ruling cites the
    lead-in clause itself (it is quoted already, and quoting it twice would mislead).
    """

    policy: Policy
    clause: Clause
    heading: str
    lead_in: Clause | None = None

    @property
    def text(self) -> str:
        return self.clause.text

    @property
    def place(self) -> ClausePlace:
        """Where the words are in the policy, as its reader would find them ("4.1.4")."""
        return clause_place(self.policy, self.clause)

    @property
    def citation(self) -> str:
        """Where the words are: "Policy title, 4.1.4" or "Policy title, Aims, point 6"."""
        return citation(self.policy, self.clause)

    @property
    def full_text(self) -> str:
        """The clause's words after its lead-in, if any, so a bullet reads as a whole rule."""
        return self.text if self.lead_in is None else f"{self.lead_in.text} {self.text}"


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
    app_advice: tuple[str, ...] = ()  # the app's own steps, the school's DSL already named
    # How far the school's answer stands (no ruling at all counts as NOT_COVERED, as before).
    state: RulingState = RulingState.ANSWERED
    notice: str | None = None  # why an answer is under review, in the school's own words

    @property
    def quotes_heading(self) -> str:
        """Above the quoted clauses: nearby words must never look like a ruling."""
        return QUOTES_HEADINGS.get(self.state, NEARBY_HEADING)

    @property
    def dsl(self) -> str:
        """The school's own words for its designated safeguarding lead."""
        return self.school.roles.get("dsl", DSL_FALLBACK)

    @property
    def reminder(self) -> str:
        """The app's fixed safeguarding reminder, naming the school's own DSL."""
        return APP_REMINDER.format(dsl=self.dsl)

    @property
    def binding_words(self) -> str:
        return BINDING_WORDS.get(self.binding or "", "")

    def as_dict(self) -> dict[str, object]:
        return {
            "title": self.action,
            "covered": self.covered,
            "state": self.state.value,
            "notice": self.notice,
            "binding": self.binding,
            "steps": list(self.steps),
            "tell": list(self.tell),
            "not_covered": self.not_covered,
            "app_advice": list(self.app_advice),
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
    book = library.rulings.get(school_id)
    ruling = book.find(situation) if book else None
    return outcome_of_ruling(library, school_id, situation, ruling)


def outcome_of_ruling(
    library: Library, school_id: str, situation: str, ruling: Ruling | None
) -> Outcome:
    """The outcome a given ruling makes for `situation`, without reading the school's book:
    the wizard's (the book's ruling) and the author's live preview (an unsaved ruling)."""
    school = library.require_school(school_id)
    title = library.situation_title(situation)
    dsl = school.roles.get("dsl", DSL_FALLBACK)
    advice = tuple(line.replace("{dsl}", dsl) for line in library.situation_advice(situation))
    if ruling is not None and ruling.state in (RulingState.TO_DO, RulingState.NEEDS_REVIEW):
        return replace(_unfinished(school, situation, title, ruling, dsl), app_advice=advice)
    if ruling is None or not ruling.is_covered:
        return replace(_not_covered(school, situation, title, ruling, dsl), app_advice=advice)
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
        app_advice=advice,
    )


def _not_covered(
    school: School, situation: str, title: str, ruling: Ruling | None, dsl: str
) -> Outcome:
    said = (
        ruling.not_covered
        if ruling is not None
        else ("There is no guidance for this situation in your school's policy library yet.")
    )
    # Whom the policy names for such questions; by default (and always where the role is not
    # the school's, which validation reports) the DSL, the safe first port for anything that
    # touches a child. The app's reminder names the DSL whoever this is.
    ask = (school.roles.get(ruling.ask) if ruling and ruling.ask else None) or dsl
    return Outcome(
        school=school,
        situation=situation,
        situation_title=title,
        ruling_key=ruling.situation if ruling else None,
        covered=False,
        state=RulingState.NOT_COVERED,
        action=f"Your policy does not cover this. Speak to {ask}.",
        binding=None,
        steps=(f"Speak to {ask} before you act.",),
        tell=(ask,),
        quotes=_quotes(school, ruling) if ruling else (),
        not_covered=said,
    )


def _unfinished(school: School, situation: str, title: str, ruling: Ruling, dsl: str) -> Outcome:
    """A to-do or an answer under review: never the old action, always the DSL."""
    to_do = ruling.state is RulingState.TO_DO
    action, steps = (TO_DO_ACTION, TO_DO_STEPS) if to_do else (REVIEW_ACTION, REVIEW_STEPS)
    return Outcome(
        school=school,
        situation=situation,
        situation_title=title,
        ruling_key=ruling.situation,
        covered=False,
        action=action.format(dsl=dsl),
        binding=None,
        steps=tuple(step.format(dsl=dsl) for step in steps),
        tell=(dsl,),
        quotes=() if to_do else _quotes(school, ruling),
        not_covered=None,
        state=ruling.state,
        notice=ruling.needs_review,
    )


def _quotes(school: School, ruling: Ruling) -> tuple[QuotedClause, ...]:
    quotes = []
    cited = {(cite.policy_id, cite.clause_id) for cite in ruling.citations}
    for cite in ruling.citations:
        policy = school.policy(cite.policy_id)
        clause = policy.clause(cite.clause_id) if policy else None
        if policy is None or clause is None:
            continue  # validation reports it; the outcome shows only what resolves
        section = policy.section(clause.section_id)
        lead_in = lead_in_for(section, clause) if section else None
        if lead_in is not None and (policy.id, lead_in.id) in cited:
            lead_in = None
        quotes.append(QuotedClause(policy, clause, section.heading if section else "", lead_in))
    return tuple(quotes)
