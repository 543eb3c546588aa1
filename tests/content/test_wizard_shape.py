"""The guided answers' shape, as the first independent review asked (findings F1 to F15): each
test walks the shipped wizard the way a member of staff would and checks where the answers
lead. These hold whatever any school's policy rules."""

from __future__ import annotations

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library
from guidance_app.core.guidance.outcome import outcome_for
from guidance_app.core.guidance.wizard_engine import WizardSession, all_paths
from tests.helpers import CONTENT


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT).library


def _end(library: Library, wizard_id: str, *answers: str) -> str:
    """Answer a wizard's questions in order (all of them asked) and return the situation."""
    session = WizardSession(library, library.require_wizard(wizard_id), skip_irrelevant=False)
    for answer in answers:
        session.answer(answer)
    assert session.finished, f"{wizard_id}: {answers} did not finish"
    assert session.situation is not None
    return session.situation


def _labels(library: Library, wizard_id: str, question_id: str) -> list[str]:
    question = library.require_wizard(wizard_id).questions[question_id]
    return [option.label for option in question.options]


def test_f1_a_message_is_not_a_friend_request_and_a_worrying_one_goes_to_safeguarding(
    library: Library,
) -> None:
    assert _end(library, "friend-request", "request", "pupil", "not-relative") == (
        "friend-request/pupil"
    )
    assert _end(library, "friend-request", "message", "worried") == "pupil-online/safeguarding"
    assert _end(library, "friend-request", "message", "not-worried", "pupil", "personal") == (
        "message/pupil"
    )
    first = library.require_wizard("friend-request").questions["what"]
    worry = library.require_wizard("friend-request").questions["worry"]
    assert first.option("message") and first.option("message").next == "worry"  # type: ignore[union-attr]
    assert "worry you" in worry.text and "safety" in worry.text
    # no path through a message ends in a friend-request situation
    for answers, situation in all_paths(library.require_wizard("friend-request")):
        if answers[0][1].id == "message":
            assert not situation.startswith("friend-request/"), situation


def test_f2_not_sure_who_it_is(library: Library) -> None:
    assert _end(library, "friend-request", "request", "not-sure") == "friend-request/unknown"
    assert _end(library, "friend-request", "message", "not-worried", "not-sure") == (
        "message/unknown"
    )


def test_f3_accusations_are_worded_neutrally(library: Library) -> None:
    labels = _labels(library, "bullied-online", "what")
    assert not any("falsely" in label.lower() for label in labels)
    assert _end(library, "bullied-online", "accusation") == "bullied-online/accusation"


def test_f4_f5_school_platform_misuse_and_behaviour_elsewhere_are_separate(
    library: Library,
) -> None:
    labels = _labels(library, "pupil-online", "what")
    assert not any("school site" in label for label in labels)
    assert _end(library, "pupil-online", "misuse") == "pupil-online/misuse"
    assert _end(library, "pupil-online", "behaviour") == "pupil-online/behaviour"


def test_f6_a_concern_about_the_headteacher_is_asked_first(library: Library) -> None:
    wizard = library.require_wizard("colleague-concern")
    assert wizard.start == "headteacher"
    assert _end(library, "colleague-concern", "headteacher") == "colleague-concern/headteacher"
    assert _end(library, "colleague-concern", "someone-else", "risk-of-harm") == (
        "colleague-concern/risk-of-harm"
    )
    for school in library.schools:  # the national route is shown whatever the policy says
        outcome = outcome_for(library, school.id, "colleague-concern/headteacher")
        assert any("chair of governors" in line for line in outcome.app_advice)


def test_f7_where_a_parent_posted_is_asked(library: Library) -> None:
    assert _end(library, "parent-online", "school-page", "complaint") == (
        "parent-online/complaint/school-page"
    )
    assert _end(library, "parent-online", "elsewhere", "allegation") == (
        "parent-online/allegation/elsewhere"
    )


def test_f8_who_is_doing_the_bullying_is_asked(library: Library) -> None:
    ends = {
        _end(library, "bullied-online", "harassment", who)
        for who in ("pupil", "parent", "colleague", "unknown")
    }
    assert len(ends) == 4 and all(e.startswith("bullied-online/harassment/") for e in ends)


def test_f9_one_decision_per_option_in_my_job_online(library: Library) -> None:
    assert _end(library, "my-job-online", "write-about-work") == "my-job-online/write-about-work"
    assert _end(library, "my-job-online", "write-about-people") == (
        "my-job-online/write-about-people"
    )


def test_f10_school_day_asks_when_and_which_device_on_every_path(library: Library) -> None:
    assert _end(library, "school-day", "personal", "school-equipment", "break") == (
        "school-day/school-equipment/break"
    )
    assert _end(library, "school-day", "teaching", "own-device") == (
        "school-day/teaching/own-device"
    )


def test_f11_school_apps_for_parents_have_their_own_answer(library: Library) -> None:
    assert _end(library, "photos", "pupils", "post", "parent-app") == "photos/post/parent-app"
    assert "Tapestry" in " ".join(_labels(library, "photos", "where"))


def test_f12_plain_words_for_school_age(library: Library) -> None:
    question = library.require_wizard("friend-request").questions["under-18"]
    assert question.text == "Are they under 18, or still at school or college?"
    assert "school age" not in question.text.lower()


def test_f13_the_media_question_decides_something(library: Library) -> None:
    ends = {_end(library, "media-contact", a) for a in ("about-school", "own-post", "payment")}
    assert len(ends) == 3


def test_f15_photos_ask_who_is_in_them_and_consent_may_be_written(library: Library) -> None:
    assert library.require_wizard("photos").start == "who"
    assert _end(library, "photos", "colleagues") == "photos/colleagues"
    consent = library.require_wizard("photos").questions["consent"].text
    assert "written or signed consent" in consent


@pytest.mark.parametrize(
    ("wizard_id", "answers", "situation"),
    [
        ("parent-contact", ("class-group",), "parent-contact/class-group"),
        ("friend-request", ("message", "not-worried", "parent"), "parent-contact/personal-message"),
        ("friend-request", ("public-follow",), "public-account/pupil-follows"),
        (
            "friend-request",
            ("message", "not-worried", "pupil", "school-system"),
            "school-systems/pupil-message",
        ),
        ("bullied-online", ("filmed",), "staff-images/filmed"),
        ("bullied-online", ("impersonated",), "staff-images/impersonated"),
        ("bullied-online", ("tagged",), "staff-images/tagged"),
        ("photos", ("pupils", "post", "parent-app"), "photos/post/parent-app"),
        ("pupil-online", ("nude-images",), "pupil-online/nude-images"),
        ("looking-up", ("parent",), "looking-up/parent"),
        ("friend-request", ("gaming",), "gaming/pupil"),
        ("my-job-online", ("political",), "my-job-online/political"),
        ("my-job-online", ("business",), "my-job-online/business"),
        ("ai-tools", ("pupil-images",), "ai-tools/pupil-images"),
        ("leaving", ("pupils",), "leaving/pupils"),
        ("media-contact", ("about-school",), "media-contact/about-school"),
    ],
)
def test_the_situations_staff_meet_most_each_have_a_path(
    library: Library, wizard_id: str, answers: tuple[str, ...], situation: str
) -> None:
    assert _end(library, wizard_id, *answers) == situation
