"""The copy and print slip: a real guided answer through the real friend-request wizard, with
the school's own words, the answers given and nothing about the person or the computer."""

from __future__ import annotations

import getpass
import os
import re
import socket
from datetime import date
from pathlib import Path

import pytest

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library
from guidance_app.core.guidance.outcome import Outcome, outcome_for
from guidance_app.core.guidance.wizard_engine import WizardSession
from guidance_app.core.render.html import inline_html
from guidance_app.core.render.slip import NOT_NEEDED, answers_of, outcome_text, slip_html
from tests.helpers import CONTENT, REPO

TODAY = date(2026, 11, 21)
WHAT = "What happened?"
REQUEST = "Someone sent me a friend request or a follow request"
WHO = "Who is the request from?"
FAMILY = "Is this pupil a member of your family?"
AGE = "Are they under 18, or still at school or college?"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT).library


def _walk(library: Library, school_id: str, *option_ids: str) -> tuple[WizardSession, Outcome]:
    wizard = library.wizard("friend-request")
    assert wizard is not None
    session = WizardSession(library, wizard, school_id)
    for option_id in option_ids:
        session.answer(option_id)
    outcome = session.outcome()
    assert session.finished and outcome is not None
    return session, outcome


def test_answers_list_a_skipped_question_as_not_needed(library: Library) -> None:
    session, outcome = _walk(library, "stokes-wood", "request", "pupil")
    assert outcome.situation == "friend-request/pupil"
    assert answers_of(session) == [
        (WHAT, REQUEST),
        (WHO, "A pupil at this school"),
        (FAMILY, NOT_NEEDED),
    ]


def test_answers_list_every_question_answered(library: Library) -> None:
    session, outcome = _walk(library, "westhaven", "request", "ex-pupil", "not-sure")
    assert outcome.situation == "friend-request/ex-pupil/school-age"
    assert answers_of(session) == [
        (WHAT, REQUEST),
        (WHO, "Someone who used to be a pupil here"),
        (AGE, "Not sure"),
    ]


def test_outcome_text_holds_the_answer_and_the_policys_words(library: Library) -> None:
    session, outcome = _walk(library, "stokes-wood", "request", "pupil")
    text = outcome_text(outcome, answers_of(session), TODAY)
    lines = text.splitlines()
    assert lines[:3] == [
        "A friend or follow request from a current pupil",
        "Stokes Wood Primary School",
        "21 November 2026",
    ]
    assert f"- {WHO} A pupil at this school" in lines
    assert f"- {FAMILY} (not needed for your school)" in lines
    assert (
        "What to do: Reject the request explicitly, and do not communicate with the pupil "
        "through social networking."
    ) in lines
    assert "How binding: Must: this is a rule" in lines
    assert "1. Reject the friend or follow request explicitly. Do not just ignore it." in lines
    assert "Who to tell:" not in lines  # this ruling names nobody
    assert [q.clause.id for q in outcome.quotes] == ["aims-6", "key-principles-3", "aims-3.8"]
    for quote in outcome.quotes:
        assert quote.text in text
    start = lines.index("What your policy says:")
    assert lines[start + 5 : start + 7] == [
        '"In addition to the above everyone at Stokes Wood Primary School must ensure that '
        "they: Ensure that personal social networking sites are set to private and pupils are "
        'never listed as approved contacts"',
        "— Social Media Policy, Aims, point 3, bullet 8",
    ]
    assert lines[start + 2] == "— Social Media Policy, Aims, point 6"
    assert lines[-1] == outcome.reminder
    assert "tell the Designated Safeguarding Leads straight away." in lines[-1]


def test_outcome_text_lists_who_to_tell_in_the_schools_words(library: Library) -> None:
    session, outcome = _walk(library, "westhaven", "request", "ex-pupil", "school-age")
    lines = outcome_text(outcome, answers_of(session), TODAY).splitlines()
    start = lines.index("Who to tell:")
    assert lines[start + 1 : start + 3] == [
        "- the Headteacher",
        "- the school designated safeguarding lead",
    ]
    assert '"3.3 Colleagues at the school shall: ' in "\n".join(lines)


def test_a_not_covered_outcome_says_so_and_quotes_only_nearby_words(library: Library) -> None:
    session, outcome = _walk(library, "stokes-wood", "request", "governor")
    text = outcome_text(outcome, answers_of(session), TODAY)
    assert (
        "What to do: Your policy does not cover this. Speak to the Designated Safeguarding "
        "Leads." in text
    )
    assert "How binding:" not in text
    assert outcome.not_covered is not None and outcome.not_covered in text
    assert "What your policy says nearby:" in text and "What your policy says:" not in text


def test_slip_html_has_the_dates_answers_outcome_and_quotes(library: Library) -> None:
    session, outcome = _walk(library, "westhaven", "request", "ex-pupil", "school-age")
    page = slip_html(outcome, answers_of(session), TODAY)
    assert "<h1>Policy guidance slip</h1>" in page
    assert "<p>21 November 2026</p>" in page
    assert "Westhaven" in outcome.school.name and outcome.school.name in page
    policy = outcome.quotes[0].policy
    assert (policy.approved, policy.next_review) == ("21/03/2024", "21/03/2026")
    assert "Approved: 21/03/2024" in page and "Next review: 21/03/2026" in page
    assert f"<td>{AGE}</td><td><b>Yes, under 18 or still at school or college</b></td>" in page
    assert f'<h2 class="action">{outcome.action}</h2>' in page
    assert "How binding: <b>Must: this is a rule</b>" in page
    for step in outcome.steps:
        assert f"<li>{step}</li>" in page
    assert "<li>the school designated safeguarding lead</li>" in page
    for quote in outcome.quotes:
        for block in quote.clause.blocks:
            assert inline_html(block.markdown) in page
        assert f"{quote.policy.title}, {quote.place}" in page
    assert '<a href="clause:' not in page  # paper has no links into the app
    assert page.rstrip().endswith(
        "<p><i>This slip holds no names or pupil details. Printed from Policy Guidance on "
        "21 November 2026.</i></p>\n</body></html>"
    )


def test_slip_html_with_nothing_quoted_lists_the_schools_policies(library: Library) -> None:
    outcome = outcome_for(library, "wilnecote", "friend-request/parent")
    assert not outcome.covered and outcome.quotes == ()
    page = slip_html(outcome, [(WHO, "A parent or carer of a pupil here")], TODAY)
    assert "<b>Social Networking Policy</b><br>Approved: February 2021<br>" in page
    assert "Next review: February 2023" in page
    assert "Your policy does not cover this." in page


def test_slip_html_escapes_everything(library: Library) -> None:
    outcome = outcome_for(library, "stokes-wood", "friend-request/pupil")
    page = slip_html(outcome, [("Is it <b>bold</b> & true?", "Yes <script>")], TODAY)
    assert "Is it &lt;b&gt;bold&lt;/b&gt; &amp; true?" in page
    assert "Yes &lt;script&gt;" in page and "<script>" not in page


def test_slip_html_tells_nothing_about_the_user_or_computer(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_user, real_home = getpass.getuser(), str(Path.home())
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(name, "zq-slip-user")
    monkeypatch.setenv("HOME", "/tmp/zq-slip-home")
    assert getpass.getuser() == "zq-slip-user"
    session, outcome = _walk(library, "stokes-wood", "request", "pupil")
    page = slip_html(outcome, answers_of(session), TODAY)
    library_text = "\n".join(q.policy.path.read_text(encoding="utf-8") for q in outcome.quotes)
    for name in ("zq-slip-user", real_user, socket.gethostname()):  # whole words: may be short
        if name and name not in library_text:
            assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", page) is None, name
    secrets = [
        "zq-slip-home",
        real_home,
        os.getcwd(),
        str(REPO),
        str(CONTENT),
        str(outcome.school.path),
        *(str(policy.path) for policy in outcome.school.policies),
        *(policy.source for policy in outcome.school.policies),
    ]
    for secret in secrets:
        if secret and secret not in library_text:
            assert secret not in page, secret
    path_like = re.compile(r"[A-Za-z]:\\|~/|(?<![<\w])/(?:home|Users|root|tmp|work|etc|var)\b")
    assert path_like.search(page) is None


def test_outcome_text_gives_the_policys_approval_and_review_dates_as_the_pdf_does(
    library: Library,
) -> None:
    outcome = outcome_for(library, "westhaven", "friend-request/pupil")
    text = outcome_text(outcome, [], TODAY)
    for policy in outcome.school.policies if not outcome.quotes else [outcome.quotes[0].policy]:
        assert policy.approved in text and policy.next_review in text
        assert policy.approved in slip_html(outcome, [], TODAY)
