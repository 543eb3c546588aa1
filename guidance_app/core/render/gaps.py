"""Questions for the policy owner, as plain text (`guidance-app gaps`) and as printable HTML (the
same, saved as a PDF from the command line or the Home page).

Like every paper the app makes, it holds only what the library says and the date: no names,
nothing about the computer it was made on.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass
from datetime import date

from guidance_app.core.content.model import Clause, Policy
from guidance_app.core.content.places import clause_place, name_clauses
from guidance_app.core.content.review_dates import long_date
from guidance_app.core.guidance.gaps import Gaps, Silence
from guidance_app.core.render.html import blocks_html

GAPS_TITLE = "Questions for the policy owner"
WIDTH = 88  # the text output's line length
NONE = "None."


Fact = tuple[str, str]  # (label, text); the label may be ""


@dataclass(frozen=True)
class _Entry:
    """One item of a list: its group (its guided answer, or its policy section), a headline
    (for a clause, its place in the policy), the situation key it is about, if any, labelled
    facts under it, and the clause it quotes, if any."""

    group: str
    headline: str
    key: str = ""
    facts: tuple[Fact, ...] = ()
    clause: Clause | None = None


@dataclass(frozen=True)
class _Part:
    title: str
    about: str
    entries: tuple[_Entry, ...]


def _parts(gaps: Gaps) -> tuple[_Part, ...]:
    unfinished = (
        _Part(
            "Answers to write or check again",
            "Staff who reach one of these are told that the school has not written the answer "
            "yet, or that it is being reviewed after the policy changed, and are sent to the "
            "designated safeguarding lead. Write or check the answer in the app (Edit answers).",
            tuple(
                _Entry(
                    u.guided_answer,
                    u.title,
                    u.situation,
                    (("Needs review", u.reason),) if u.reason else (("", "To do."),),
                )
                for u in gaps.unfinished
            ),
        ),
    )
    return (unfinished if gaps.unfinished else ()) + (
        _Part(
            "Situations the policy is silent on",
            "A member of staff who reaches one of these in a guided answer is told that the "
            "policy does not cover it, and whom to speak to. Should the policy say more, and is "
            "that the right person to ask?",
            tuple(
                _Entry(s.guided_answer, s.title, s.situation, _silence_facts(s))
                for s in gaps.silences
            ),
        ),
        _Part(
            "Questions only the school can answer",
            "Rulings where the policy's words can be read more than one way. Until the school "
            "says what it meant, staff are shown only what the text itself says.",
            tuple(
                _Entry(
                    "",
                    q.title,
                    q.situation,
                    (
                        ("The ruling now", _named(gaps, q.ruled)),
                        ("Question", _named(gaps, q.query)),
                    ),
                )
                for q in gaps.queries
            ),
        ),
        _Part(
            "Clauses no guided answer cites",
            "These clauses can be searched, but no guided answer quotes them. Does one of them "
            "bear on a situation above, or is a guided answer missing?",
            tuple(_uncited(gaps, u.policy, u.clause, u.heading) for u in gaps.uncited),
        ),
    )


def _named(gaps: Gaps, text: str) -> str:
    """A reviewer's words with the clauses they name by id named as the policy's reader would."""
    return name_clauses(text, gaps.school.policies)


def _uncited(gaps: Gaps, policy: Policy, clause: Clause, heading: str) -> _Entry:
    """An uncited clause under its section's heading, named as its reader would find it:
    "4.1.4", "Point 3, bullet 2", or the whole of the section."""
    place = clause_place(policy, clause)
    group = _where(gaps, policy, place.heading or heading)
    named = (place.position if place.heading else str(place)) or "all of this section"
    return _Entry(group, named[:1].upper() + named[1:], clause=clause)


def _where(gaps: Gaps, policy: Policy, heading: str) -> str:
    """A clause's section, named with its policy only where the school has more than one."""
    return heading if len(gaps.school.policies) == 1 else f"{policy.title}: {heading}"


def _silence_facts(silence: Silence) -> tuple[Fact, ...]:
    """What staff are told, whom they are sent to, and where the answer comes from."""
    facts = [("What staff are told", silence.said), ("Staff are sent to", silence.ask)]
    if not silence.written:
        facts.append(("", "No ruling has been written for this situation yet."))
    elif silence.ruling_key != silence.situation:
        facts.append(("", f"Answered by the ruling for '{silence.ruling_key}'."))
    return tuple(facts)


def _groups(entries: tuple[_Entry, ...]) -> list[tuple[str, list[_Entry]]]:
    """The entries in runs of the same group, in order."""
    runs: list[tuple[str, list[_Entry]]] = []
    for entry in entries:
        if not runs or runs[-1][0] != entry.group:
            runs.append((entry.group, []))
        runs[-1][1].append(entry)
    return runs


def _intro(gaps: Gaps) -> str:
    return (
        f"For the designated safeguarding lead and governors of {gaps.school.name}: what the "
        "guided answers in this app cannot answer from the school's own policies."
    )


def gaps_summary(gaps: Gaps) -> str:
    """The counts in one sentence."""
    unfinished = f"{_count(len(gaps.unfinished), 'answer')} to write or check again; "
    return (unfinished if gaps.unfinished else "") + (
        f"{_count(len(gaps.silences), 'situation')} the policy is silent on; "
        f"{_count(len(gaps.queries), 'question')} only the school can answer; "
        f"{_count(len(gaps.uncited), 'clause')} no guided answer cites."
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _policies(gaps: Gaps) -> list[str]:
    return [
        f"{p.title} (approved: {p.approved}; next review: {p.next_review})"
        for p in gaps.school.policies
    ]


# -- plain text --------------------------------------------------------------------------------


def gaps_text(gaps: Gaps, today: date) -> str:
    """The questions as plain text, wrapped for a terminal."""
    lines = [GAPS_TITLE, gaps.school.name, long_date(today), ""]
    lines += [*_wrap(_intro(gaps)), ""]
    lines += ["Policies:", *(f"- {line}" for line in _policies(gaps)), ""]
    lines += [*_wrap(gaps_summary(gaps)), ""]
    for number, part in enumerate(_parts(gaps), start=1):
        lines.append(f"{number}. {part.title} ({len(part.entries)})")
        lines += [*_wrap(part.about, "   ", "   "), ""]
        for group, entries in _groups(part.entries):
            lines += [f"   {group}:"] if group else []
            for entry in entries:
                lines += _entry_text(entry)
            lines.append("")
        lines += [f"   {NONE}", ""] if not part.entries else []
    return "\n".join(lines).rstrip() + "\n"


def _entry_text(entry: _Entry) -> list[str]:
    headline = f"{entry.headline} ({entry.key})" if entry.key else entry.headline
    lines = _wrap(headline, "   - ", "     ")
    for label, text in entry.facts:
        lines += _wrap(f"{label}: {text}" if label else text, "       ", "         ")
    for block in entry.clause.blocks if entry.clause else ():
        indent = "       " + "  " * block.level
        bullet = "- " if block.is_list_item else ""
        lines += _wrap(block.text, indent + bullet, indent + " " * len(bullet))
    return lines


def _wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )


# -- printable HTML ----------------------------------------------------------------------------


def gaps_html(gaps: Gaps, today: date) -> str:
    """The questions in the rich-text subset Qt prints, every piece of content escaped; the
    uncited clauses are quoted as the policy writes them."""
    esc = html.escape
    when = esc(long_date(today))
    parts = [
        f"<html><head><title>{esc(GAPS_TITLE)}</title></head><body>",
        f"<h1>{esc(GAPS_TITLE)}</h1>",
        f"<p><b>{esc(gaps.school.name)}</b> &nbsp;·&nbsp; {when}</p>",
        f"<p>{esc(_intro(gaps))}</p>",
        "<p>" + "<br>".join(esc(line) for line in _policies(gaps)) + "</p>",
        f"<p><b>{esc(gaps_summary(gaps))}</b></p>",
    ]
    for number, part in enumerate(_parts(gaps), start=1):
        parts.append(f"<h2>{number}. {esc(part.title)} ({len(part.entries)})</h2>")
        parts.append(f"<p><i>{esc(part.about)}</i></p>")
        for group, entries in _groups(part.entries):
            parts += [f"<h3>{esc(group)}</h3>"] if group else []
            parts += [_entry_html(entry) for entry in entries]
        parts += [f"<p>{NONE}</p>"] if not part.entries else []
    parts.append(
        "<p><i>This list holds only what the school's policies and the app's rulings say. "
        f"Made with Policy Guidance on {when}.</i></p></body></html>"
    )
    return "\n".join(parts)


def _entry_html(entry: _Entry) -> str:
    esc = html.escape
    # The key on a line of its own: Qt would break it at a slash or hyphen, mid-key (it does
    # so inside <nobr> and white-space: nowrap too).
    lines = [f"<b>{esc(entry.headline)}</b>"] + ([f"<i>{esc(entry.key)}</i>"] if entry.key else [])
    lines += [
        f"<i>{esc(label)}:</i> {esc(text)}" if label else esc(text) for label, text in entry.facts
    ]
    quoted = f"<blockquote>{blocks_html(entry.clause.blocks)}</blockquote>" if entry.clause else ""
    return "<p>" + "<br>".join(lines) + "</p>" + quoted
