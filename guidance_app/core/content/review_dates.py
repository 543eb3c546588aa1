"""Whether a policy is past its stated review date, said plainly.

Staff need to know when the words they are reading may be out of date, but the app must never
invent a date the policy does not state: a missing or unreadable date is reported as unknown,
not as overdue. Where a policy gives no next date but does give its approval date and a review
cycle in whole years ("April 2022", "annually"), the due date follows from the policy's own
words; it is shown with how it was worked out, so nobody mistakes it for a date the policy
states. Month names come from a fixed tuple so the wording never depends on the machine's
locale.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from guidance_app.core.content.model import NOT_STATED, Policy

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
    """What to tell staff about a policy's review date. `known` is False when none is stated
    or can be worked out; `derived` says how a date the policy does not state was worked out
    from what it does ("April 2023: a year after April 2022, as the policy says ..."), else ""."""

    text: str
    overdue: bool
    known: bool
    derived: str = ""


def long_date(day: datetime.date) -> str:
    """A date as staff write it ("21 November 2026"), with no leading zero and no locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def review_status(policy: Policy, today: datetime.date) -> ReviewStatus:
    """The review status of `policy` on `today`, from its machine-readable `next_review_due`.

    A month-only date ("2023-02") is due throughout that month, so it is overdue only once the
    month has ended; a full date is overdue from the day after. With no next date stated at
    all, the date is derived from the approval date and cycle where both are clear.
    """
    if policy.next_review_due is None and policy.next_review.strip().lower() == NOT_STATED:
        return derived_status(policy, today) or _unknown()
    due = (policy.next_review_due or "").strip()
    when = _iso_date(due)
    return _status(when, today) if when is not None else _unknown()


def derived_status(policy: Policy, today: datetime.date) -> ReviewStatus | None:
    """The review date that follows from the policy's approval date and its cycle, with how it
    was worked out; None unless both are stated and clear (see `stated_date`, `cycle_years`)."""
    approved = stated_date(policy.approved)
    years = cycle_years(policy.review_cycle)
    if approved is None or years is None:
        return None
    due = approved.years_later(years)
    if due is None:
        return None
    span = "a year" if years == 1 else f"{_NUMBER_WORDS.get(years, str(years))} years"
    how = (
        f"{due.words}: {span} after its approval {'on' if approved.day else 'in'} "
        f"{approved.words}, as the policy says "
        f"(review cycle: {policy.review_cycle.strip()})"
    )
    status = _status(due, today)
    return ReviewStatus(status.text, status.overdue, True, how)


@dataclass(frozen=True)
class StatedDate:
    """A date as precise as the policy gives it: a day, or a month (`day` 0)."""

    year: int
    month: int
    day: int = 0

    @property
    def words(self) -> str:
        month_year = f"{MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {month_year}" if self.day else month_year

    @property
    def last_day(self) -> datetime.date:
        """The last day it is due: the day itself, or the month's last day."""
        day = self.day or calendar.monthrange(self.year, self.month)[1]
        return datetime.date(self.year, self.month, day)

    def years_later(self, years: int) -> StatedDate | None:
        year = self.year + years
        if year > datetime.MAXYEAR:
            return None
        # 29 February a year on is the 28th: the last day of the same month.
        day = min(self.day, calendar.monthrange(year, self.month)[1]) if self.day else 0
        return StatedDate(year, self.month, day)


def _status(due: StatedDate, today: datetime.date) -> ReviewStatus:
    if today > due.last_day:
        return ReviewStatus(f"Review due {due.words} — overdue", True, True)
    return ReviewStatus(f"Next review due {due.words}", False, True)


def _iso_date(text: str) -> StatedDate | None:
    """`next_review_due`: YYYY-MM-DD or YYYY-MM; None if it is neither, or no real date."""
    if match := _FULL_DATE.fullmatch(text):
        return _checked(int(match[1]), int(match[2]), int(match[3]))
    if match := _MONTH_ONLY.fullmatch(text):
        return _checked(int(match[1]), int(match[2]), 0)
    return None


def _checked(year: int, month: int, day: int) -> StatedDate | None:
    try:
        datetime.date(year, month, day or 1)
    except ValueError:
        return None
    return StatedDate(year, month, day)


_MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTHS, start=1)}
_MONTH_NUMBERS.update({name[:3].lower(): n for name, n in zip(MONTHS, range(1, 13), strict=True)})
_MONTH_NUMBERS["sept"] = 9
_WORDED = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([A-Za-z]+)\.?,?\s+(\d{4})")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def stated_date(text: str) -> StatedDate | None:
    """A date as a policy writes it: "April 2022", "21 March 2024", "21/03/2024" (day first,
    as in the UK), or YYYY-MM(-DD); None for anything else ("not stated", "Spring term")."""
    text = text.strip()
    if match := _NUMERIC.fullmatch(text):
        return _checked(int(match[3]), int(match[2]), int(match[1]))
    if match := _WORDED.fullmatch(text):
        month = _MONTH_NUMBERS.get(match[2].lower())
        if month is None:
            return None
        return _checked(int(match[3]), month, int(match[1]) if match[1] else 0)
    return _iso_date(text)


_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
_YEARS_OF_WORD = {word: number for number, word in _NUMBER_WORDS.items()}
_EVERY_YEAR = re.compile(r"(?:reviewed\s+)?(?:annually|annual|yearly|every\s+year|each\s+year)")
_EVERY_N_YEARS = re.compile(r"every\s+(\d|one|two|three|four|five)\s+years?")
_YEARS_FIELD = re.compile(r".*\(years\)\s*:?\s*(\d)")  # "Update frequency (years): 2"
_BIENNIAL = re.compile(r"biennial(?:ly)?|two[\s-]yearly|2[\s-]yearly")


def cycle_years(text: str) -> int | None:
    """A review cycle in whole years, from the policy's words: "annually" is 1, "every two
    years" and "Update frequency (years): 2" are 2. None where the words are unclear: above
    all "bi-annually", which some schools use for every two years and others for twice a
    year, and cycles shorter than a year ("termly")."""
    words = " ".join(text.lower().replace(",", " ").split())
    if _EVERY_YEAR.fullmatch(words):
        return 1
    if _BIENNIAL.fullmatch(words):
        return 2
    if match := _EVERY_N_YEARS.fullmatch(words) or _YEARS_FIELD.fullmatch(words):
        count = match[1]
        years = int(count) if count.isdigit() else _YEARS_OF_WORD[count]
        return years if years >= 1 else None
    return None


def _unknown() -> ReviewStatus:
    return ReviewStatus(NO_DATE, overdue=False, known=False)
