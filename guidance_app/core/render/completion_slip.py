"""The self-check's completion slip: which deck, which school, the date, the score and each
scenario's answer. The name on it is typed by the user at the moment of printing and is never
stored anywhere."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

from guidance_app.core.content.decks import Deck
from guidance_app.core.content.model import School
from guidance_app.core.content.review_dates import long_date
from guidance_app.core.training.self_check import CHECK_CHOICES, CheckResult

CHOICE_WORDS = dict(CHECK_CHOICES)


def completion_html(
    deck: Deck, school: School, results: Sequence[CheckResult], name: str, today: date
) -> str:
    right = sum(1 for result in results if result.correct)
    who = html.escape(name.strip()) or "&nbsp;" * 40
    rows = "".join(
        f"<tr><td>{html.escape(r.scenario.title)}</td>"
        f"<td>{'Right' if r.correct else 'Not yet'}</td>"
        f"<td>{html.escape(CHOICE_WORDS.get(r.expected, r.expected))}</td></tr>"
        for r in results
    )
    return (
        "<html><body><h1>Self-check completed</h1>"
        f"<p><b>{html.escape(deck.title)}</b><br>{html.escape(school.name)}<br>"
        f"{html.escape(long_date(today))}</p>"
        f"<p>Name: <b>{who}</b></p>"
        f"<h2>Score: {right} of {len(results)}</h2>"
        '<table border="1" cellspacing="0" cellpadding="4">'
        "<tr><th>Scenario</th><th>Result</th><th>What the policy says</th></tr>"
        f"{rows}</table>"
        "<p><i>Printed from Policy Guidance. The app keeps no record of this self-check or "
        "of the name on this slip.</i></p></body></html>"
    )
