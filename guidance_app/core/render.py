"""Turn a policy (or part of one) into simple HTML for Qt's rich-text widgets and printing.

Qt renders a subset of HTML 4; anchors are `<a name>` so the reader can scroll to a clause.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from guidance_app.core.model import Block, Clause, Policy

_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![*\w])\*(?=\S)([^*]+?)(?<=\S)\*(?![*\w])")
_AUTOLINK = re.compile(r"&lt;((?:https?://|mailto:)[^&\s]+)&gt;")


def inline_html(markdown: str) -> str:
    """Escape text, then turn **bold**, *italic* and <https://links> into HTML."""
    text = html.escape(markdown, quote=False)
    text = _STRONG.sub(r"<b>\1</b>", text)
    text = _EM.sub(r"<i>\1</i>", text)
    return _AUTOLINK.sub(r'<a href="\1">\1</a>', text)


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
    return f'<a name="{clause_anchor(clause.id)}"></a>{blocks_html(clause.blocks)}'


def policy_html(policy: Policy) -> str:
    """The whole policy: title, its stated dates, then headings and clauses with anchors."""
    parts = [f"<h1>{html.escape(policy.title)}</h1>"]
    facts = [
        ("Approved", policy.approved),
        ("Review cycle", policy.review_cycle),
        ("Next review", policy.next_review),
    ]
    parts.append(
        '<p class="facts">'
        + " &nbsp;·&nbsp; ".join(f"{label}: {html.escape(value)}" for label, value in facts)
        + "</p>"
    )
    for section in policy.sections:
        level = min(section.level + 1, 4)
        parts.append(
            f'<a name="{section_anchor(section.id)}"></a>'
            f"<h{level}>{html.escape(section.heading)}</h{level}>"
        )
        parts.extend(clause_html(clause) for clause in section.clauses)
    return "\n".join(parts)
