"""One situation, every school side by side: what each policy says to do, how binding it is,
who to tell and the words it rests on.

Staff who work across schools (supply teachers, trust staff) need to see that the same question
has different answers; a school whose policy is silent must say so plainly in its column rather
than borrow another school's answer.
"""

from __future__ import annotations

import html

from guidance_app.core.content.model import Library
from guidance_app.core.content.rulings import RulingState
from guidance_app.core.content.wizard_model import leaves
from guidance_app.core.guidance.outcome import Outcome, QuotedClause, outcome_for

NO_VALUE = "—"
OWN_SCHOOL_MARK = "(your school)"


def compare(library: Library, situation: str) -> list[Outcome]:
    """Each school's outcome for `situation`, in library order."""
    return [outcome_for(library, school.id, situation) for school in library.schools]


def compare_html(library: Library, situation: str, own_school: str | None = None) -> str:
    """The comparison as a table for Qt's rich-text view: one column per school, the user's
    own school's (`own_school`) marked in words, so it is found without relying on colour."""
    outcomes = compare(library, situation)
    title = library.situation_title(situation)
    header = "".join(_header_cell(o, own_school) for o in outcomes)
    rows = [
        ("What to do", [_action_cell(o) for o in outcomes]),
        ("How binding", [_binding_cell(o) for o in outcomes]),
        ("Who to tell", [_tell_cell(o) for o in outcomes]),
        ("Policy words", [_words_cell(o) for o in outcomes]),
    ]
    parts = [
        f"<h2>{html.escape(title)}</h2>",
        '<table border="1" cellspacing="0" cellpadding="4">',
        f"<tr><th></th>{header}</tr>",
    ]
    for label, cells in rows:
        tds = "".join(f'<td valign="top">{cell}</td>' for cell in cells)
        parts.append(f"<tr><th>{label}</th>{tds}</tr>")
    parts.append("</table>")
    return "\n".join(parts)


def situations_by_wizard(library: Library) -> list[tuple[str, list[tuple[str, str]]]]:
    """For a chooser: each wizard's question (in home order) with the (key, title) of every
    situation its answers can reach, sorted by key."""
    grouped = []
    for wizard in library.wizards:
        keys = sorted(leaves(wizard, wizard.start))
        grouped.append((wizard.question, [(key, wizard.situations.get(key, key)) for key in keys]))
    return grouped


def _header_cell(outcome: Outcome, own_school: str | None) -> str:
    name = html.escape(outcome.school.short_name)
    if outcome.school.id == own_school:
        return f"<th>{name}<br>{OWN_SCHOOL_MARK}</th>"
    return f"<th>{name}</th>"


def _action_cell(outcome: Outcome) -> str:
    cell = f"<b>{html.escape(outcome.action)}</b>"
    # the policy's silence, or why the answer is under review, in the school's terms
    for said in (outcome.not_covered, outcome.notice):
        if said:
            cell += f"<br>{html.escape(said)}"
    return cell


def _binding_cell(outcome: Outcome) -> str:
    return (html.escape(outcome.binding_words) if outcome.covered else "") or NO_VALUE


def _tell_cell(outcome: Outcome) -> str:
    return "<br>".join(html.escape(person) for person in outcome.tell) or NO_VALUE


def _words_cell(outcome: Outcome) -> str:
    if not outcome.quotes:
        return NO_VALUE
    quotes = "".join(_quote(quote) for quote in outcome.quotes)
    if outcome.covered:
        return quotes
    if outcome.state is RulingState.NEEDS_REVIEW:
        return f"<i>The policy's words now (the answer is under review):</i>{quotes}"
    return f"<i>Nearby, not a ruling:</i>{quotes}"


def _quote(quote: QuotedClause) -> str:
    text = html.escape(quote.full_text).replace("\n", "<br>")
    return f"<p>{text} <small>({html.escape(str(quote.place))})</small></p>"
