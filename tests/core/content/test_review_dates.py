"""Review dates as staff read them: overdue only once the stated date has passed, and honest
when the policy states none."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library, Policy
from guidance_app.core.content.review_dates import (
    NO_DATE,
    ReviewStatus,
    cycle_years,
    long_date,
    review_status,
    stated_date,
)
from tests.helpers import CONTENT


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT).library


def _policy(library: Library, school_id: str) -> Policy:
    school = library.school(school_id)
    assert school is not None
    return school.policies[0]


def _due(library: Library, due: str | None) -> Policy:
    """A policy that states no approval date or cycle, so nothing can be worked out, with
    `next_review_due` set to `due`."""
    return replace(_policy(library, "ewloe-green"), next_review_due=due)


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
    policy = _policy(library, "ewloe-green")
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


STOKES_HOW = (
    "April 2023: a year after its approval in April 2022, as the policy says "
    "(review cycle: annually)"
)


def test_stokes_wood_review_date_follows_from_its_approval_and_cycle(library: Library) -> None:
    policy = _policy(library, "stokes-wood")
    assert (policy.approved, policy.review_cycle, policy.next_review) == (
        "April 2022",
        "annually",
        "not stated",
    )
    assert review_status(policy, date(2023, 4, 30)) == ReviewStatus(
        "Next review due April 2023", overdue=False, known=True, derived=STOKES_HOW
    )
    assert review_status(policy, date(2026, 11, 21)) == ReviewStatus(
        "Review due April 2023 — overdue", overdue=True, known=True, derived=STOKES_HOW
    )


def test_every_bundled_policy_is_dated_honestly(library: Library) -> None:
    """A date is derived only where the policy states no next date; stated ones are as before."""
    derived = {
        school.id: review_status(school.policies[0], date(2026, 11, 21)).derived != ""
        for school in library.schools
    }
    assert derived == {
        "ewloe-green": False,  # states nothing
        "stokes-wood": True,
        "westhaven": False,  # states its next date
        "wilnecote": False,  # states its next date (and "Bi-annually" is unclear)
        "wybunbury-delves": False,  # states nothing
    }


@pytest.mark.parametrize(
    ("approved", "cycle", "today", "text", "how"),
    [
        (
            "21/03/2024",
            "Update frequency (years): 2",
            date(2026, 3, 21),
            "Next review due 21 March 2026",
            "21 March 2026: two years after its approval on 21 March 2024",
        ),
        (
            "29 February 2024",
            "annually",
            date(2025, 3, 1),
            "Review due 28 February 2025 — overdue",
            "28 February 2025: a year after its approval on 29 February 2024",
        ),
        (
            "September 2023",
            "every three years",
            date(2026, 9, 30),
            "Next review due September 2026",
            "September 2026: three years after its approval in September 2023",
        ),
    ],
)
def test_a_derived_date_counts_whole_years_from_approval(
    library: Library, approved: str, cycle: str, today: date, text: str, how: str
) -> None:
    policy = replace(_policy(library, "ewloe-green"), approved=approved, review_cycle=cycle)
    status = review_status(policy, today)
    assert (status.text, status.known) == (text, True)
    assert status.derived == f"{how}, as the policy says (review cycle: {cycle})"


UNCLEAR = [
    ("February 2021", "Bi-annually"),  # every two years, or twice a year?
    ("February 2021", "termly"),
    ("February 2021", "not stated"),
    ("not stated", "annually"),
    ("Spring term 2022", "annually"),
]


def test_nothing_is_derived_from_unclear_words(library: Library) -> None:
    policy = replace(_policy(library, "ewloe-green"), approved="February 2021")
    today = date(2026, 11, 21)
    clear = review_status(replace(policy, review_cycle="annually"), today)
    assert (clear.text, clear.known) == ("Review due February 2022 — overdue", True)
    for approved, cycle in UNCLEAR:
        unclear = replace(policy, approved=approved, review_cycle=cycle)
        assert review_status(unclear, today) == ReviewStatus(NO_DATE, False, False), cycle


def test_a_stated_next_date_is_never_replaced_by_a_derived_one(library: Library) -> None:
    policy = replace(_policy(library, "stokes-wood"), next_review="Summer 2024")
    assert review_status(policy, date(2026, 11, 21)).derived == ""


@pytest.mark.parametrize(
    ("text", "years"),
    [("annually", 1), ("Yearly", 1), ("every two years", 2), ("Biennially", 2), ("", None)],
)
def test_cycle_years(text: str, years: int | None) -> None:
    assert cycle_years(text) == years


def test_stated_dates_are_read_day_first() -> None:
    first = stated_date("03/04/2024")
    assert first is not None and first.words == "3 April 2024"
    assert stated_date("31/02/2024") is None
