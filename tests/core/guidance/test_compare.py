"""Comparing schools: every school's own answer to one situation, side by side, with a silent
policy shown as silent."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library
from guidance_app.core.guidance.compare import compare, compare_html, situations_by_wizard
from guidance_app.core.guidance.outcome import outcome_for
from tests.helpers import CONTENT

SHORT_NAMES = ["Ewloe Green", "Stokes Wood", "Westhaven", "Wilnecote", "Wybunbury Delves"]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT).library


class _Table(HTMLParser):
    """The text of each table cell, row by row (th and td alike)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _table(page: str) -> dict[str, list[str]]:
    parser = _Table()
    parser.feed(page)
    return {row[0]: row[1:] for row in parser.rows}


def test_compare_gives_each_schools_own_outcome_in_library_order(library: Library) -> None:
    outcomes = compare(library, "friend-request/pupil")
    assert [o.school.id for o in outcomes] == [s.id for s in library.schools]
    assert len(outcomes) == 5
    for outcome in outcomes:
        expected = outcome_for(library, outcome.school.id, "friend-request/pupil")
        assert outcome == expected
        assert outcome.covered


def test_compare_html_has_a_column_per_school_and_each_schools_action(library: Library) -> None:
    page = compare_html(library, "friend-request/pupil")
    assert page.startswith("<h2>A friend or follow request from a current pupil</h2>")
    table = _table(page)
    assert table[""] == SHORT_NAMES
    assert list(table) == ["", "What to do", "How binding", "Who to tell", "Policy words"]
    for column, school in enumerate(library.schools):
        outcome = outcome_for(library, school.id, "friend-request/pupil")
        assert table["What to do"][column] == outcome.action
        assert table["How binding"][column] == outcome.binding_words
    stokes = SHORT_NAMES.index("Stokes Wood")
    assert table["Who to tell"][stokes] == "—"
    westhaven = SHORT_NAMES.index("Westhaven")
    assert table["Who to tell"][westhaven].splitlines() == [
        "the Headteacher",
        "the school designated safeguarding lead",
    ]


def test_policy_words_include_the_lead_in_and_the_clauses_place(library: Library) -> None:
    table = _table(compare_html(library, "friend-request/pupil"))
    words = table["Policy words"][SHORT_NAMES.index("Stokes Wood")]
    assert (
        "In addition to the above everyone at Stokes Wood Primary School must ensure that they: "
        "Ensure that personal social networking sites are set to private and pupils are never "
        "listed as approved contacts (Aims, point 3, bullet 8)"
    ) in words
    assert words.startswith("Members of staff must not add either parents or pupils")
    page = compare_html(library, "friend-request/pupil")
    assert "<small>(Aims, point 3, bullet 8)</small>" in page
    assert "aims-3.8" not in page


def test_a_school_whose_policy_is_silent_says_so_in_its_column(library: Library) -> None:
    outcomes = compare(library, "friend-request/parent")
    assert [o.covered for o in outcomes] == [True, True, False, False, True]
    table = _table(compare_html(library, "friend-request/parent"))
    wilnecote = SHORT_NAMES.index("Wilnecote")
    action = table["What to do"][wilnecote]
    assert "does not cover" in action
    assert action.splitlines()[0] == (
        "Your policy does not cover this. Speak to the designated safeguarding lead."
    )
    assert outcomes[wilnecote].not_covered in action
    assert table["How binding"][wilnecote] == "—"
    assert table["Policy words"][wilnecote] == "—"
    assert table["Who to tell"][wilnecote] == "the designated safeguarding lead"
    stokes = SHORT_NAMES.index("Stokes Wood")
    assert "does not cover" not in table["What to do"][stokes]
    assert table["How binding"][stokes] == "Must: this is a rule"


def test_nearby_words_of_a_silent_policy_are_marked_as_not_a_ruling(library: Library) -> None:
    table = _table(compare_html(library, "friend-request/governor"))
    stokes = table["Policy words"][SHORT_NAMES.index("Stokes Wood")]
    assert stokes.startswith("Nearby, not a ruling:")
    assert "(Aims, point 3, bullet 4)" in stokes


def test_situations_by_wizard_groups_reachable_situations_for_a_chooser(
    library: Library,
) -> None:
    groups = situations_by_wizard(library)
    assert len(groups) == 14
    question, situations = groups[0]
    assert question == "A pupil sent me a friend request. What do I do?"
    assert [key for key, _ in situations] == [
        "friend-request/colleague",
        "friend-request/ex-pupil/adult",
        "friend-request/ex-pupil/school-age",
        "friend-request/governor",
        "friend-request/other-school-pupil",
        "friend-request/parent",
        "friend-request/pupil",
        "friend-request/pupil/relative",
        "friend-request/unknown",
        "gaming/pupil",
        "message/colleague",
        "message/ex-pupil",
        "message/other-school-pupil",
        "message/pupil",
        "message/unknown",
        "parent-contact/personal-message",  # shared with the guided answer about parents
        "public-account/pupil-follows",
        "pupil-online/safeguarding",  # a worrying message: shared with worries about a pupil
        "school-systems/pupil-message",
    ]
    assert dict(situations)["friend-request/pupil"] == (
        "A friend or follow request from a current pupil"
    )
    every = {key for _, pairs in groups for key, _ in pairs}
    assert every == set(library.situations)
