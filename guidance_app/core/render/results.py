"""A search result as the results list shows it: rich text (where it is, then the snippet with
the matched words marked) and the words a screen reader says for it."""

from __future__ import annotations

import html

from guidance_app.core.content.model import Clause, Library, Policy
from guidance_app.core.content.places import citation, clause_place
from guidance_app.core.render import classes
from guidance_app.core.search.engine import SearchHit


def hit_html(hit: SearchHit, library: Library) -> str:
    """Where a result is, then its snippet (matches already in <b>)."""
    if hit.kind == "wizard":
        kind = f'<span class="{classes.KIND}">Guided answer</span>'
        where = f"{kind} · {html.escape(hit.heading)}"
        question = f'<p class="{classes.TITLE}">{hit.snippet_html}</p>'
        return f'<p class="{classes.WHERE}">{where}</p>{question}'
    policy, clause = _located(hit, library)
    title = html.escape(policy.title if policy else (hit.policy_id or ""))
    place = clause_place(policy, clause) if policy and clause else None
    # A place counted under its heading names the heading already; a numbered one ("4.1.4")
    # follows it, the heading saying what the numbered part is about.
    if place is not None and place.heading:
        where = f"{title} › <b>{html.escape(str(place))}</b>"
    else:
        where = f"{title} › <b>{html.escape(hit.heading)}</b>"
        where += f" › {html.escape(str(place))}" if place is not None else ""
    return f'<p class="{classes.WHERE}">{where}</p><p>{hit.snippet_html}</p>'


def hit_plain(hit: SearchHit) -> str:
    """What a screen reader says for a result."""
    if hit.kind == "wizard":
        return f"Guided answer: {hit.text}"
    return f"{hit.heading}: {hit.text}"


def hit_citation(hit: SearchHit, library: Library) -> str:
    """Where a policy result is, in plain words ("Social Media Policy, Aims, point 6")."""
    policy, clause = _located(hit, library)
    if policy is not None and clause is not None:
        return citation(policy, clause)
    return f"{policy.title if policy else hit.policy_id}, {hit.heading}"


def _located(hit: SearchHit, library: Library) -> tuple[Policy | None, Clause | None]:
    school = library.school(hit.school_id or "")
    policy = school.policy(hit.policy_id or "") if school else None
    return policy, policy.clause(hit.clause_id or "") if policy else None
