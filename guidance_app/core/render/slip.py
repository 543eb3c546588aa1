"""What staff copy or print after a guided answer: the outcome, the answers that led to it and
the policy's own words, as plain text for the clipboard or as a printable slip.

A slip may end up in a staff room or an email, so it holds only what the library says plus the
labels of the questions and answers chosen: no names, no pupil details, nothing about the
computer it was made on (user, host, file paths). The only thing it adds is the date, so a
reader can tell how old the advice is.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

from guidance_app.core.content.model import Policy
from guidance_app.core.content.review_dates import long_date
from guidance_app.core.guidance.outcome import APP_ADVICE_HEADING, Outcome
from guidance_app.core.guidance.wizard_engine import WizardSession
from guidance_app.core.render.html import outcome_html

Answer = tuple[str, str]  # (question text, answer label)

NOT_NEEDED = "(not needed for your school)"
SLIP_TITLE = "Policy guidance slip"


def answers_of(session: WizardSession) -> list[Answer]:
    """The questions asked so far and the labels chosen; a question skipped because no answer
    changes this school's outcome is listed too, so the reader sees why it was not asked."""
    return [
        (step.question.text, step.option.label if step.option is not None else NOT_NEEDED)
        for step in session.steps
    ]


def outcome_text(outcome: Outcome, answers: Sequence[Answer], today: date) -> str:
    """The outcome as plain text for the clipboard; lines are not wrapped."""
    lines = [outcome.situation_title, outcome.school.name, long_date(today)]
    for policy in slip_policies(outcome):  # as on the printed slip: how current the policy is
        lines.append(
            f"{policy.title}: approved {policy.approved}; next review {policy.next_review}"
        )
    lines.append("")
    if answers:
        lines.append("Your answers:")
        lines.extend(f"- {question} {answer}" for question, answer in answers)
        lines.append("")
    lines.append(f"What to do: {outcome.action}")
    if outcome.covered and outcome.binding_words:
        lines.append(f"How binding: {outcome.binding_words}")
    lines.extend(said for said in (outcome.not_covered, outcome.notice) if said)
    lines.append("")
    lines.extend(f"{number}. {step}" for number, step in enumerate(outcome.steps, start=1))
    if outcome.tell:
        lines += ["", "Who to tell:"]
        lines.extend(f"- {person}" for person in outcome.tell)
    if outcome.app_advice:
        lines += ["", f"{APP_ADVICE_HEADING}:"]
        lines.extend(f"- {line}" for line in outcome.app_advice)
    if outcome.quotes:
        lines += ["", f"{outcome.quotes_heading}:"]
        for quote in outcome.quotes:
            lines += [f'"{quote.full_text}"', f"— {quote.citation}"]
    lines += ["", outcome.reminder]
    return "\n".join(lines) + "\n"


def slip_policies(outcome: Outcome) -> list[Policy]:
    """The policies the slip speaks for: those quoted, else every policy of the school."""
    quoted: list[Policy] = []
    for quote in outcome.quotes:
        if all(policy.id != quote.policy.id for policy in quoted):
            quoted.append(quote.policy)
    return quoted or list(outcome.school.policies)


def slip_html(outcome: Outcome, answers: Sequence[Answer], today: date) -> str:
    """A printable slip in the rich-text subset Qt prints (headings, paragraphs, lists, tables,
    bold, italic, blockquotes), every piece of text escaped."""
    when = html.escape(long_date(today))
    parts = [
        f"<html><head><title>{SLIP_TITLE}</title></head><body>",
        f"<h1>{SLIP_TITLE}</h1>",
        f"<p>{when}</p>",
        f"<p><b>{html.escape(outcome.school.name)}</b></p>",
    ]
    for policy in slip_policies(outcome):
        parts.append(
            f"<p><b>{html.escape(policy.title)}</b><br>"
            f"Approved: {html.escape(policy.approved)}<br>"
            f"Next review: {html.escape(policy.next_review)}</p>"
        )
    if answers:
        parts.append('<h3>Your answers</h3><table cellpadding="3">')
        parts.extend(
            f"<tr><td>{html.escape(question)}</td><td><b>{html.escape(answer)}</b></td></tr>"
            for question, answer in answers
        )
        parts.append("</table>")
    parts.append(outcome_html(outcome, links=False))
    parts.append(
        "<p><i>This slip holds no names or pupil details. "
        f"Printed from Policy Guidance on {when}.</i></p>"
    )
    parts.append("</body></html>")
    return "\n".join(parts)
