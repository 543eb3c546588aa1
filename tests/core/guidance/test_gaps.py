"""Questions for a school's policy owner: every situation its policy is silent on (with what
staff are told and whom they are sent to), every ruling marked with an owner query, and every
clause no ruling cites; as plain text and as printable HTML with everything escaped."""

from __future__ import annotations

import datetime
from pathlib import Path

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library
from guidance_app.core.guidance.gaps import gaps_for
from guidance_app.core.render.gaps import gaps_html, gaps_text
from tests.helpers import MINIMAL_WIZARD, minimal_rulings, write_library

TODAY = datetime.date(2025, 1, 6)
# A third situation, which the school has no ruling for at all.
WIZARD = MINIMAL_WIZARD.replace(
    "      - id: ex-pupil\n",
    "      - id: parent\n        label: A parent\n        situation: friend-request/parent\n"
    "      - id: ex-pupil\n",
).replace(
    "situations:\n",
    "situations:\n  friend-request/parent:\n    title: A friend request from a parent\n",
)
QUERY = "Was 'pupils' meant to include <b>former</b> pupils & their siblings?"


def _library(tmp_path: Path) -> Library:
    root = write_library(tmp_path)
    (root / "wizards" / "friend-request.yaml").write_text(WIZARD, encoding="utf-8")
    pupil = minimal_rulings().split("  friend-request/ex-pupil:")[0]
    rulings = (
        pupil.replace("    tell: [dsl]\n", f'    tell: [dsl]\n    owner_query: "{QUERY}"\n')
        + "  friend-request/ex-pupil:\n"
        + "    not_covered: The policy says nothing about former pupils.\n"
        + "    ask: headteacher\n"
    )
    (root / "schools" / "example" / "rulings.yaml").write_text(rulings, encoding="utf-8")
    return load_library(root).library


def test_the_three_lists(tmp_path: Path) -> None:
    gaps = gaps_for(_library(tmp_path), "example")
    assert gaps.school.id == "example"
    assert [(s.situation, s.written, s.ask, s.guided_answer) for s in gaps.silences] == [
        ("friend-request/parent", False, "the designated safeguarding lead", "Friend requests"),
        ("friend-request/ex-pupil", True, "the Headteacher", "Friend requests"),
    ]
    assert gaps.silences[1].said == "The policy says nothing about former pupils."
    assert gaps.silences[1].title == "A friend request from a former pupil"
    assert [(q.situation, q.ruled, q.query) for q in gaps.queries] == [
        ("friend-request/pupil", "Must: this is a rule", QUERY)
    ]
    # friend-requests-2 was cited only by the former-pupil ruling, now not covered
    assert [(u.policy.id, u.clause.id, u.heading) for u in gaps.uncited] == [
        ("staff", "friend-requests-2", "Friend requests")
    ]


def test_the_text_groups_and_counts_them(tmp_path: Path) -> None:
    text = gaps_text(gaps_for(_library(tmp_path), "example"), TODAY)
    assert text.startswith("Questions for the policy owner\nExample Academy\n6 January 2025\n")
    assert (
        "2 situations the policy is silent on; 1 question only the school can answer; 1 clause "
        "no guided answer cites." in " ".join(text.split())
    )
    silent = text.index("1. Situations the policy is silent on (2)")
    queries = text.index("2. Questions only the school can answer (1)")
    uncited = text.index("3. Clauses no guided answer cites (1)")
    assert silent < text.index("Friend requests:") < queries < uncited
    assert "   - A friend request from a former pupil (friend-request/ex-pupil)\n" in text
    assert "       Staff are sent to: the Headteacher\n" in text
    assert "No ruling has been written for this situation yet." in text
    assert "Question: Was 'pupils' meant to include <b>former</b> pupils" in text
    assert "       Staff may accept requests from former pupils:\n" in text
    assert "         - after they have left\n" in text


def test_the_html_escapes_everything_it_is_given(tmp_path: Path) -> None:
    page = gaps_html(gaps_for(_library(tmp_path), "example"), TODAY)
    assert "<b>former</b>" not in page
    assert "Question:</i> Was &#x27;pupils&#x27; meant to include &lt;b&gt;former&lt;/b&gt;" in page
    assert "<h2>1. Situations the policy is silent on (2)</h2>" in page
    assert "<h3>Friend requests</h3>" in page
    assert "<li>after they have left</li>" in page  # the clause quoted as the policy has it


def test_a_school_with_nothing_to_ask_says_none(tmp_path: Path) -> None:
    root = write_library(tmp_path)
    gaps = gaps_for(load_library(root).library, "example")
    assert (gaps.silences, gaps.queries, gaps.uncited) == ((), (), ())
    text = gaps_text(gaps, TODAY)
    assert text.count("   None.") == 3


def test_a_shared_situation_is_listed_under_its_own_guided_answer_once() -> None:
    """A worrying private message ends in `pupil-online/safeguarding`, as the guided answer about
    worries over a pupil does: the owner sees it once, under that guided answer, in order."""
    from tests.helpers import CONTENT

    library = load_library(CONTENT).library
    gaps = gaps_for(library, "stokes-wood")
    shared = [s for s in gaps.silences if s.situation == "pupil-online/safeguarding"]
    assert [s.guided_answer for s in shared] == ["Worried about a pupil online"]
    titles = [w.title for w in library.wizards]
    groups = [s.guided_answer for s in gaps.silences]
    assert groups == sorted(groups, key=titles.index)  # each guided answer's group is whole
