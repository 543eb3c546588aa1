"""Turn a policy (or part of one) into simple HTML for Qt's rich-text widgets and printing.

Qt renders a subset of HTML 4; anchors are `<a name>` so the reader can scroll to a clause. Class
names come from `classes`, where the app's stylesheets find them too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from guidance_app.core.content.model import Block, Clause, Policy
from guidance_app.core.guidance.outcome import APP_ADVICE_HEADING, Outcome
from guidance_app.core.render import classes

_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![*\w])\*(?=\S)([^*]+?)(?<=\S)\*(?![*\w])")
# On escaped text: an address holds no space, no tag (as bold or italic may have added) and
# no escaped character other than &amp; (so a `<` or `>` in it ends it).
_AUTOLINK = re.compile(r"&lt;((?:https?://|mailto:)(?:[^&\s<>]|&amp;)+)&gt;")


def inline_html(markdown: str) -> str:
    """Escape text, then turn **bold**, *italic* and <https://links> into HTML."""
    text = html.escape(markdown, quote=False)
    text = _STRONG.sub(r"<b>\1</b>", text)
    text = _EM.sub(r"<i>\1</i>", text)
    return _AUTOLINK.sub(_link, text)


def _link(address: re.Match[str]) -> str:
    """The text was escaped for reading, where quotes are harmless; in an attribute a quote
    would end the href and begin an attribute of the policy author's choosing."""
    return f'<a href="{_attribute(html.unescape(address[1]))}">{address[1]}</a>'


def _attribute(value: str) -> str:
    """A value escaped to stand between double quotes in a tag (ids are slugs, but the rule
    holds for every attribute so that no future value can break out)."""
    return html.escape(value, quote=True)


def blocks_html(blocks: Iterable[Block]) -> str:
    parts: list[str] = []
    depth = 0
    for block in blocks:
        level = block.level if block.is_list_item else 0
        while depth < level:
            parts.append("<ul>")
            depth += 1
        while depth > level:
            parts.append("</ul>")
            depth -= 1
        if block.is_list_item:
            parts.append(f"<li>{inline_html(block.markdown)}</li>")
        else:
            parts.append(f"<p>{inline_html(block.markdown)}</p>")
    parts.extend("</ul>" for _ in range(depth))
    return "".join(parts)


def clause_anchor(clause_id: str) -> str:
    return f"clause-{clause_id}"


def section_anchor(section_id: str) -> str:
    return f"section-{section_id}"


def clause_html(clause: Clause) -> str:
    return f'<a name="{_attribute(clause_anchor(clause.id))}"></a>{blocks_html(clause.blocks)}'


def policy_html(policy: Policy) -> str:
    """The whole policy: title, its stated dates, then headings and clauses with anchors."""
    parts = [f"<h1>{html.escape(policy.title)}</h1>"]
    facts = [
        ("Approved", policy.approved),
        ("Review cycle", policy.review_cycle),
        ("Next review", policy.next_review),
    ]
    parts.append(
        f'<p class="{classes.FACTS}">'
        + " &nbsp;·&nbsp; ".join(f"{label}: {html.escape(value)}" for label, value in facts)
        + "</p>"
    )
    for section in policy.sections:
        level = min(section.level + 1, 4)
        parts.append(
            f'<a name="{_attribute(section_anchor(section.id))}"></a>'
            f"<h{level}>{html.escape(section.heading)}</h{level}>"
        )
        parts.extend(clause_html(clause) for clause in section.clauses)
    return "\n".join(parts)


def outcome_html(outcome: Outcome, links: bool = True) -> str:
    """An outcome as staff read it: what to do, how binding, steps, who to tell, then the
    policy's own words, each linking to its place in the reader (`clause:policy#clause`)
    unless `links` is False (for paper)."""
    return "\n".join(outcome_sections(outcome, links))


def outcome_sections(outcome: Outcome, links: bool = True) -> list[str]:
    """The outcome in the pieces a page may break between, in order: the headline, what to
    do, who to tell, the app's advice, each quoted clause (the first with its heading) and the
    app's reminder. Presenter mode lays them out a screenful at a time."""
    school = html.escape(outcome.school.name)
    headline = [
        f'<p class="{classes.SITUATION}">{html.escape(outcome.situation_title)} — {school}</p>',
        f'<h2 class="{classes.ACTION}">{html.escape(outcome.action)}</h2>',
    ]
    if outcome.covered and outcome.binding_words:
        headline.append(
            f'<p class="{classes.BINDING}">How binding: <b>{outcome.binding_words}</b></p>'
        )
    for said in (outcome.not_covered, outcome.notice):
        if said:
            headline.append(f'<p class="{classes.GAP}">{html.escape(said)}</p>')
    sections = ["".join(headline)]
    sections.append(
        "<h3>What to do</h3><ol>"
        + "".join(f"<li>{html.escape(step)}</li>" for step in outcome.steps)
        + "</ol>"
    )
    if outcome.tell:
        sections.append(
            "<h3>Who to tell</h3><ul>"
            + "".join(f"<li>{html.escape(person)}</li>" for person in outcome.tell)
            + "</ul>"
        )
    if outcome.app_advice:
        sections.append(
            f'<div class="{classes.APP_ADVICE}"><h3>{html.escape(APP_ADVICE_HEADING)}</h3><ul>'
            + "".join(f"<li>{html.escape(line)}</li>" for line in outcome.app_advice)
            + "</ul></div>"
        )
    heading = outcome.quotes_heading
    for number, quote in enumerate(outcome.quotes):
        target = _attribute(f"clause:{quote.policy.id}#{quote.clause.id}")
        lead_in = (
            f'<p class="{classes.LEAD_IN}">{inline_html(quote.lead_in.text)}</p>'
            if quote.lead_in
            else ""
        )
        source = html.escape(quote.citation)
        if links:
            source = f'<a href="{target}">{source}</a>'
        sections.append(
            (f"<h3>{heading}</h3>" if number == 0 else "")
            + f"<blockquote>{lead_in}{blocks_html(quote.clause.blocks)}"
            + f'<p class="{classes.SOURCE}"><i>{source}</i></p></blockquote>'
        )
    sections.append(f'<p class="{classes.APP_NOTE}">{html.escape(outcome.reminder)}</p>')
    return sections
