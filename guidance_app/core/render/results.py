"""A search result as the results list shows it: rich text (where it is, then the snippet with
the matched words marked) and the words a screen reader says for it."""

from __future__ import annotations

import html

from guidance_app.core.content.model import Library
from guidance_app.core.render import classes
from guidance_app.core.search.engine import SearchHit


def hit_html(hit: SearchHit, library: Library) -> str:
    """Where a result is, then its snippet (matches already in <b>)."""
    if hit.kind == "wizard":
        kind = f'<span class="{classes.KIND}">Guided answer</span>'
        where = f"{kind} · {html.escape(hit.heading)}"
        question = f'<p class="{classes.TITLE}">{hit.snippet_html}</p>'
        return f'<p class="{classes.WHERE}">{where}</p>{question}'
    school = library.school(hit.school_id or "")
    policy = school.policy(hit.policy_id or "") if school else None
    title = policy.title if policy else (hit.policy_id or "")
    where = f"{html.escape(title)} › <b>{html.escape(hit.heading)}</b>"
    return f'<p class="{classes.WHERE}">{where}</p><p>{hit.snippet_html}</p>'


def hit_plain(hit: SearchHit) -> str:
    """What a screen reader says for a result."""
    if hit.kind == "wizard":
        return f"Guided answer: {hit.text}"
    return f"{hit.heading}: {hit.text}"
