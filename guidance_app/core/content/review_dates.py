"""Whether a policy is past its stated review date, said plainly.

Staff need to know when the words they are reading may be out of date, but the app must never
invent a date the policy does not state: a missing or unreadable date is reported as unknown,
not as overdue. Month names come from a fixed tuple so the wording never depends on the
machine's locale.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from guidance_app.core.content.model import Policy

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

NO_DATE = "No review date is stated in the policy"

_MONTH_ONLY = re.compile(r"(\d{4})-(\d{2})")
_FULL_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class ReviewStatus:
    """What to tell staff about a policy's review date. `known` is False when none is stated."""

    text: str
    overdue: bool
    known: bool


def long_date(day: datetime.date) -> str:
    """A date as staff write it ("21 November 2026"), with no leading zero and no locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def review_status(policy: Policy, today: datetime.date) -> ReviewStatus:
    """The review status of `policy` on `today`, from its machine-readable `next_review_due`.

    A month-only date ("2023-02") is due throughout that month, so it is overdue only once the
    month has ended; a full date is overdue from the day after.
    """
    due = (policy.next_review_due or "").strip()
    if match := _FULL_DATE.fullmatch(due):
        try:
            day = datetime.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return _unknown()
        if today > day:
            return ReviewStatus(f"Review due {long_date(day)} — overdue", True, True)
        return ReviewStatus(f"Next review due {long_date(day)}", False, True)
    if match := _MONTH_ONLY.fullmatch(due):
        year, month = int(match[1]), int(match[2])
        if not (1 <= month <= 12 and year >= datetime.MINYEAR):
            return _unknown()
        last_day = datetime.date(year, month, calendar.monthrange(year, month)[1])
        words = f"{MONTHS[month - 1]} {year}"
        if today > last_day:
            return ReviewStatus(f"Review due {words} — overdue", True, True)
        return ReviewStatus(f"Next review due {words}", False, True)
    return _unknown()


def _unknown() -> ReviewStatus:
    return ReviewStatus(NO_DATE, overdue=False, known=False)
