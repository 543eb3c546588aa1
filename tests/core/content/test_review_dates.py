"""Review dates as staff read them: overdue only once the stated date has passed, and honest
when the policy states none."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library, Policy
from guidance_app.core.content.review_dates import ReviewStatus, long_date, review_status
from tests.helpers import CONTENT


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT).library


def _policy(library: Library, school_id: str) -> Policy:
    school = library.school(school_id)
    assert school is not None
    return school.policies[0]


def _due(library: Library, due: str | None) -> Policy:
    return replace(_policy(library, "stokes-wood"), next_review_due=due)


def test_the_bundled_wilnecote_policy_is_overdue(library: Library) -> None:
    policy = _policy(library, "wilnecote")
    assert policy.next_review_due == "2023-02"
    assert review_status(policy, date(2026, 11, 21)) == ReviewStatus(
        "Review due February 2023 — overdue", overdue=True, known=True
    )


def test_the_bundled_westhaven_policy_has_a_full_date(library: Library) -> None:
    policy = _policy(library, "westhaven")
    assert review_status(policy, date(2026, 3, 21)) == ReviewStatus(
        "Next review due 21 March 2026", overdue=False, known=True
    )
    assert review_status(policy, date(2026, 3, 22)) == ReviewStatus(
        "Review due 21 March 2026 — overdue", overdue=True, known=True
    )


def test_a_bundled_policy_with_no_date_is_unknown_not_overdue(library: Library) -> None:
    policy = _policy(library, "stokes-wood")
    assert policy.next_review_due is None
    assert review_status(policy, date(2030, 1, 1)) == ReviewStatus(
        "No review date is stated in the policy", overdue=False, known=False
    )


@pytest.mark.parametrize(
    ("today", "text", "overdue"),
    [
        (date(2023, 1, 31), "Next review due February 2023", False),
        (date(2023, 2, 1), "Next review due February 2023", False),
        (date(2023, 2, 28), "Next review due February 2023", False),
        (date(2023, 3, 1), "Review due February 2023 — overdue", True),
        (date(2024, 2, 15), "Review due February 2023 — overdue", True),
    ],
)
def test_a_month_is_due_until_its_last_day(
    library: Library, today: date, text: str, overdue: bool
) -> None:
    assert review_status(_due(library, "2023-02"), today) == ReviewStatus(text, overdue, True)


def test_a_leap_year_february_ends_on_the_29th(library: Library) -> None:
    policy = _due(library, "2024-02")
    assert not review_status(policy, date(2024, 2, 29)).overdue
    assert review_status(policy, date(2024, 3, 1)).overdue


def test_a_december_due_month_rolls_into_the_next_year(library: Library) -> None:
    policy = _due(library, "2026-12")
    assert review_status(policy, date(2026, 12, 31)).text == "Next review due December 2026"
    assert review_status(policy, date(2027, 1, 1)).text == "Review due December 2026 — overdue"


@pytest.mark.parametrize(
    ("due", "today", "text", "overdue"),
    [
        ("2027-03-21", date(2026, 11, 21), "Next review due 21 March 2027", False),
        ("2026-03-21", date(2026, 3, 21), "Next review due 21 March 2026", False),
        ("2026-03-21", date(2026, 11, 21), "Review due 21 March 2026 — overdue", True),
        ("2027-09-05", date(2026, 11, 21), "Next review due 5 September 2027", False),
    ],
)
def test_a_full_date_is_overdue_from_the_next_day(
    library: Library, due: str, today: date, text: str, overdue: bool
) -> None:
    assert review_status(_due(library, due), today) == ReviewStatus(text, overdue, True)


@pytest.mark.parametrize(
    "due", [None, "", "soon", "2023-13", "2023-00", "2023-02-30", "0000-05", "2023/02", "23-02"]
)
def test_a_missing_or_unreadable_date_is_unknown(library: Library, due: str | None) -> None:
    status = review_status(_due(library, due), date(2026, 11, 21))
    assert status == ReviewStatus("No review date is stated in the policy", False, False)


def test_long_date_has_no_leading_zero_and_english_month_names() -> None:
    assert long_date(date(2026, 11, 21)) == "21 November 2026"
    assert long_date(date(2027, 1, 5)) == "5 January 2027"
