"""The wizard engine on a small library: answer, back, change, start again, skip, outcome."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library
from guidance_app.core.errors import WizardError
from guidance_app.core.guidance.wizard_engine import WizardSession, all_paths
from tests.helpers import MINIMAL_WIZARD, write_library

DEEPER_WIZARD = (
    MINIMAL_WIZARD.replace("        situation: friend-request/ex-pupil\n", "        next: age\n")
    .replace(
        "situations:\n",
        "  age:\n    text: Are they still of school age?\n    options:\n"
        "      - {id: school-age, label: 'Yes', situation: friend-request/ex-pupil/school-age}\n"
        "      - {id: adult, label: 'No', situation: friend-request/ex-pupil/adult}\n"
        "situations:\n",
    )
    .replace(
        "  friend-request/ex-pupil:\n    title: A friend request from a former pupil\n",
        "  friend-request/ex-pupil/school-age:\n    title: From a former pupil of school age\n"
        "  friend-request/ex-pupil/adult:\n    title: From a former pupil who is an adult\n",
    )
)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    root = write_library(tmp_path)
    (root / "wizards" / "friend-request.yaml").write_text(DEEPER_WIZARD, encoding="utf-8")
    result = load_library(root)
    assert result.problems == []
    return result.library


def session(library: Library, school: str | None = "example", skip: bool = False) -> WizardSession:
    wizard = library.wizard("friend-request")
    assert wizard is not None
    return WizardSession(library, wizard, school, skip_irrelevant=skip)


def test_answers_lead_question_by_question_to_the_schools_outcome(library: Library) -> None:
    walk = session(library)
    assert walk.current_question is not None and walk.current_question.id == "who"
    walk.answer("ex-pupil")
    assert walk.current_question is not None and walk.current_question.id == "age"
    walk.answer("adult")
    assert walk.finished and walk.situation == "friend-request/ex-pupil/adult"
    outcome = walk.outcome()
    assert outcome is not None
    assert outcome.ruling_key == "friend-request/ex-pupil"  # a coarser ruling serves it
    assert outcome.action == "You may accept it."
    assert outcome.tell == ("the Headteacher",)
    assert [q.text for q in outcome.quotes] == [
        "Staff may accept requests from former pupils:\nafter they have left\nwith care"
    ]


def test_an_unknown_answer_is_refused(library: Library) -> None:
    walk = session(library)
    with pytest.raises(WizardError, match="'teacher' is not an answer to 'Who sent it\\?'"):
        walk.answer("teacher")
    assert walk.steps == ()


def test_answering_a_finished_wizard_is_refused(library: Library) -> None:
    walk = session(library)
    walk.answer("pupil")
    with pytest.raises(WizardError, match="finished"):
        walk.answer("pupil")


def test_back_undoes_the_last_answer(library: Library) -> None:
    walk = session(library)
    walk.answer("ex-pupil")
    walk.answer("adult")
    walk.back()
    assert walk.current_question is not None and walk.current_question.id == "age"
    assert [s.option.id for s in walk.steps if s.option] == ["ex-pupil"]
    walk.back()
    walk.back()  # going back past the start does nothing
    assert walk.current_question is not None and walk.current_question.id == "who"


def test_changing_an_earlier_answer_drops_answers_that_no_longer_apply(library: Library) -> None:
    walk = session(library)
    walk.answer("ex-pupil")
    walk.answer("school-age")
    walk.change("who", "pupil")
    assert walk.finished and walk.situation == "friend-request/pupil"
    assert [(s.question.id, s.option.id if s.option else None) for s in walk.steps] == [
        ("who", "pupil")
    ]
    walk.change("who", "ex-pupil")  # the age answer was dropped, so it is asked again
    assert walk.current_question is not None and walk.current_question.id == "age"


def test_change_refuses_an_unanswered_question(library: Library) -> None:
    with pytest.raises(WizardError, match="has not been answered"):
        session(library).change("age", "adult")


def test_start_again(library: Library) -> None:
    walk = session(library)
    walk.answer("pupil")
    walk.restart()
    assert walk.steps == () and not walk.finished


def test_a_question_that_cannot_change_the_outcome_is_skipped(library: Library) -> None:
    walk = session(library, skip=True)
    walk.answer("ex-pupil")  # both age answers get the same coarser ruling here
    assert walk.finished
    assert [(s.question.id, s.option) for s in walk.steps][-1] == ("age", None)
    assert walk.situation == "friend-request/ex-pupil"
    outcome = walk.outcome()
    assert outcome is not None and outcome.action == "You may accept it."
    walk.back()
    assert walk.current_question is not None and walk.current_question.id == "who"


def test_no_skipping_without_a_school(library: Library) -> None:
    walk = session(library, school=None, skip=True)
    walk.answer("ex-pupil")
    assert walk.current_question is not None and walk.current_question.id == "age"
    assert walk.outcome() is None


def test_not_covered_points_to_the_dsl(library: Library, tmp_path: Path) -> None:
    rulings = tmp_path / "schools" / "example" / "rulings.yaml"
    rulings.write_text(
        rulings.read_text().split("  friend-request/ex-pupil:")[0]
        + "  friend-request/ex-pupil:\n    not_covered: The policy is silent.\n"
    )
    walk = WizardSession(
        load_library(tmp_path).library, library.wizards[0], "example", skip_irrelevant=False
    )
    walk.answer("ex-pupil")
    walk.answer("adult")
    outcome = walk.outcome()
    assert outcome is not None and not outcome.covered
    assert outcome.action == (
        "Your policy does not cover this. Speak to the designated safeguarding lead."
    )
    assert outcome.not_covered == "The policy is silent."


def test_every_path_is_enumerated(library: Library) -> None:
    wizard = library.wizard("friend-request")
    assert wizard is not None
    assert [
        (tuple(o.id for _, o in answers), situation) for answers, situation in all_paths(wizard)
    ] == [
        (("pupil",), "friend-request/pupil"),
        (("ex-pupil", "school-age"), "friend-request/ex-pupil/school-age"),
        (("ex-pupil", "adult"), "friend-request/ex-pupil/adult"),
    ]


def test_a_skipped_question_ends_under_the_coarser_keys_own_title() -> None:
    from guidance_app.core.content.loader import load_library
    from tests.helpers import CONTENT

    library = load_library(CONTENT).library
    wizard = library.wizard("friend-request")
    assert wizard is not None
    session = WizardSession(library, wizard, "wilnecote")
    session.answer("request")
    session.answer("ex-pupil")  # Wilnecote rules the same for any former pupil: age is skipped
    outcome = session.outcome()
    assert session.situation == "friend-request/ex-pupil" and outcome is not None
    assert outcome.situation_title == "A friend or follow request from a former pupil"
    assert "friend-request/ex-pupil" not in library.situations  # a title, not a situation
    assert library.situation_title("school-day") == library.wizard("school-day").title  # type: ignore[union-attr]
