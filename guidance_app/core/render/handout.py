"""The printed handout of a training deck: each scenario on its own page, with what the school's
policy says. Trainer notes are never printed."""

from __future__ import annotations

import html
from datetime import date

from guidance_app.core.content.decks import Deck, Scenario
from guidance_app.core.content.model import Library
from guidance_app.core.content.review_dates import long_date
from guidance_app.core.guidance.outcome import outcome_for
from guidance_app.core.render.html import outcome_html

PAGE_BREAK = '<div style="page-break-before: always">'
NOTE_LINES = 5


def handout_html(library: Library, deck: Deck, school_id: str, today: date) -> str:
    """A printable handout in Qt's rich-text subset: the deck's title, school and date, then
    each scenario on its own page with its story, the guided answer's question, the prompts,
    what the school's policy says, and room for notes. Trainer notes are never included.
    A deck fixed to one school is printed for that school, whatever `school_id` says."""
    school_key = deck.school_for(school_id)
    school = library.require_school(school_key)
    when = long_date(today)
    parts = [f"<h1>{html.escape(deck.title)}</h1>"]
    parts.append(f"<p><b>{html.escape(school.name)}</b> &nbsp;·&nbsp; {html.escape(when)}</p>")
    if deck.summary:
        parts.append(f"<p>{html.escape(deck.summary)}</p>")
    for number, scenario in enumerate(deck.scenarios, start=1):
        page = _scenario_html(library, school_key, scenario, number, len(deck.scenarios))
        parts.append(f"{PAGE_BREAK}{page}</div>" if number > 1 else page)
    return "\n".join(parts)


def _scenario_html(
    library: Library, school_id: str, scenario: Scenario, number: int, total: int
) -> str:
    parts = [
        f"<p><i>Scenario {number} of {total}</i></p>",
        f"<h1>{html.escape(scenario.title)}</h1>",
        "<h2>The situation</h2>",
    ]
    parts.extend(f"<p>{html.escape(paragraph)}</p>" for paragraph in _paragraphs(scenario.story))
    wizard = library.wizard(scenario.wizard_id)
    if wizard is not None:
        parts.append(f"<p>The question it raises: <b>{html.escape(wizard.question)}</b></p>")
    parts.append("<h2>Talk about it</h2><ol>")
    parts.extend(f"<li>{html.escape(prompt)}</li>" for prompt in scenario.prompts)
    parts.append("</ol>")
    parts.append("<h2>What the policy says</h2>")
    parts.append(outcome_html(outcome_for(library, school_id, scenario.situation), links=False))
    parts.append("<h2>Your notes</h2>")
    ruled = '<p style="margin-top: 18px">' + "_" * 70 + "</p>"
    parts.extend(ruled for _ in range(NOTE_LINES))
    return "\n".join(parts)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]
