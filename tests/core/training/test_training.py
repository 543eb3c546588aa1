"""Training decks: the bundled starter deck, content errors at the exact place, the self-check
and the printed handout."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from guidance_app.core.content.decks import Deck, Scenario
from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library, fold_whitespace
from guidance_app.core.content.rulings import BINDING_WORDS
from guidance_app.core.content.schema import SUPPORTED_KEYWORDS, check
from guidance_app.core.content.wizard_model import leaves
from guidance_app.core.files.yamlsafe import load_yaml_file
from guidance_app.core.guidance.outcome import outcome_for
from guidance_app.core.guidance.wizard_engine import WizardSession, all_paths
from guidance_app.core.locations import schema_dir
from guidance_app.core.render.handout import PAGE_BREAK, handout_html
from guidance_app.core.training.self_check import (
    BINDING_CHOICE,
    CHECK_CHOICES,
    NOT_COVERED,
    expected_choice,
    score,
)
from tests.core.content.test_schemas import _keywords
from tests.helpers import CONTENT, write_library

STARTER = "social-media-and-you"
DECK = "training/induction.yaml"
TODAY = date(2025, 9, 3)

MINIMAL_DECK = """\
title: Induction
scenarios:
  - id: pupil
    title: A pupil
    wizard: friend-request
    situation: friend-request/pupil
    story: A pupil sends you a request.
    prompts:
      - What now?
    notes: Only for the trainer.
  - id: former
    title: A former pupil
    wizard: friend-request
    situation: friend-request/ex-pupil
    story: A former pupil sends you a request.
    prompts: [Would you accept?]
"""


@pytest.fixture(scope="module")
def bundled() -> Library:
    result = load_library(CONTENT)
    assert result.problems == []
    return result.library


def _starter(library: Library) -> Deck:
    deck = library.deck(STARTER)
    assert deck is not None
    return deck


def _with_deck(tmp_path: Path, text: str, name: str = "induction.yaml") -> Path:
    root = write_library(tmp_path)
    (root / "training").mkdir(exist_ok=True)
    (root / "training" / name).write_text(text, encoding="utf-8")
    return root


def problems_after(tmp_path: Path, text: str) -> list[str]:
    root = _with_deck(tmp_path, text)
    result = load_library(root)
    assert result.library.decks == []  # a deck with a mistake is skipped
    return [
        f"{p.path.relative_to(root.resolve())}:{p.line}:{p.col}: {p.message}"
        for p in result.problems
    ]


# --- the schema ---------------------------------------------------------------------------------


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        (schema_dir() / "training.schema.json").read_text(encoding="utf-8")
    )
    return schema


def test_schema_is_valid_json_schema_inside_our_subset() -> None:
    jsonschema.Draft202012Validator.check_schema(_schema())
    assert set(_keywords(_schema())) <= SUPPORTED_KEYWORDS


def test_bundled_decks_pass_both_validators() -> None:
    paths = sorted(CONTENT.glob("training/*.yaml"))
    assert paths
    validator = jsonschema.Draft202012Validator(_schema())
    for path in paths:
        data = load_yaml_file(path)
        assert check(data, "training", path) == []
        assert list(validator.iter_errors(json.loads(json.dumps(data)))) == []


# --- the starter deck ---------------------------------------------------------------------------


def test_starter_deck_loads_with_its_scenarios_in_order(bundled: Library) -> None:
    deck = _starter(bundled)
    assert deck.title == "Social media and you"
    assert deck.school_id is None
    assert deck.path == CONTENT.resolve() / "training" / f"{STARTER}.yaml"
    assert [s.situation for s in deck.scenarios] == [
        "friend-request/pupil",
        "friend-request/ex-pupil/adult",
        "photos/post/personal-account",
        "parent-online/complaint/elsewhere",
        "colleague-concern/risk-of-harm",
    ]
    for scenario in deck.scenarios:
        assert 2 <= len(scenario.prompts) <= 3
        assert scenario.notes and "DSL" in scenario.notes


def test_every_starter_situation_resolves_for_every_school(bundled: Library) -> None:
    assert len(bundled.schools) == 5
    for scenario in _starter(bundled).scenarios:
        wizard = bundled.wizard(scenario.wizard_id)
        assert wizard is not None
        assert scenario.situation in leaves(wizard, wizard.start)
        for school in bundled.schools:
            assert bundled.rulings[school.id].find(scenario.situation) is not None
            outcome = outcome_for(bundled, school.id, scenario.situation)
            assert outcome.situation_title == wizard.situations[scenario.situation]
            assert expected_choice(bundled, school.id, scenario) in dict(CHECK_CHOICES)


def test_no_training_folder_means_no_decks(tmp_path: Path) -> None:
    result = load_library(write_library(tmp_path))
    assert result.problems == []
    assert result.library.decks == []
    assert result.library.deck(STARTER) is None


def test_a_minimal_deck_loads(tmp_path: Path) -> None:
    result = load_library(_with_deck(tmp_path, MINIMAL_DECK))
    assert result.problems == []
    deck = result.library.deck("induction")
    assert deck is not None
    assert [s.id for s in deck.scenarios] == ["pupil", "former"]
    assert deck.scenarios[0] == Scenario(
        id="pupil",
        title="A pupil",
        wizard_id="friend-request",
        situation="friend-request/pupil",
        story="A pupil sends you a request.",
        prompts=("What now?",),
        notes="Only for the trainer.",
    )
    assert deck.scenarios[1].notes is None
    assert (deck.summary, deck.school_id) == (None, None)


def test_a_coarser_situation_key_is_allowed(tmp_path: Path) -> None:
    text = MINIMAL_DECK.replace("situation: friend-request/ex-pupil", "situation: friend-request")
    result = load_library(_with_deck(tmp_path, text))
    assert result.problems == []
    assert [d.id for d in result.library.decks] == ["induction"]


# --- mistakes, at the exact place ---------------------------------------------------------------


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    text = MINIMAL_DECK.replace("    story: A pupil", "    storey: A pupil")
    assert problems_after(tmp_path, text) == [
        f"{DECK}:3:5: item 1 of 'scenarios' is missing 'story': the situation told as a short "
        "story in plain words; never the policy's own words",
        f"{DECK}:7:5: unknown key 'storey' in item 1 of 'scenarios'; did you mean 'story'? "
        "allowed keys are: id, notes, prompts, situation, story, title, wizard",
    ]


def test_unknown_top_level_key(tmp_path: Path) -> None:
    text = MINIMAL_DECK.replace("title: Induction\n", "title: Induction\nsumary: Short.\n")
    assert problems_after(tmp_path, text) == [
        f"{DECK}:2:1: unknown key 'sumary' in the file; did you mean 'summary'? allowed keys "
        "are: scenarios, school, summary, title",
    ]


def test_unknown_wizard(tmp_path: Path) -> None:
    text = MINIMAL_DECK.replace(
        "wizard: friend-request\n    situation: friend-request/ex-pupil",
        "wizard: friend-requests\n    situation: friend-request/ex-pupil",
    )
    assert problems_after(tmp_path, text) == [
        f"{DECK}:13:13: the scenario 'former' names the guided answer 'friend-requests', which "
        "does not exist; did you mean 'friend-request'? guided answers are: friend-request",
    ]


def test_situation_the_wizard_never_ends_in(tmp_path: Path) -> None:
    text = MINIMAL_DECK.replace(
        "situation: friend-request/ex-pupil", "situation: friend-request/ex-pupils"
    )
    assert problems_after(tmp_path, text) == [
        f"{DECK}:14:16: the guided answer 'friend-request' never ends in the situation "
        "'friend-request/ex-pupils'; did you mean 'friend-request/ex-pupil'? its situations "
        "are: friend-request/ex-pupil, friend-request/pupil",
    ]


def test_situation_of_another_wizard(tmp_path: Path) -> None:
    text = MINIMAL_DECK.replace("situation: friend-request/ex-pupil", "situation: photos/post")
    assert problems_after(tmp_path, text)[0].startswith(
        f"{DECK}:14:16: the guided answer 'friend-request' never ends in the situation "
        "'photos/post'; "
    )


def test_unknown_school(tmp_path: Path) -> None:
    text = MINIMAL_DECK.replace("scenarios:\n", "school: exmaple\nscenarios:\n", 1)
    assert problems_after(tmp_path, text) == [
        f"{DECK}:2:9: 'school' names 'exmaple', which is not a school here; did you mean "
        "'example'? schools are: example",
    ]


def test_duplicate_scenario_id(tmp_path: Path) -> None:
    text = MINIMAL_DECK.replace("id: former", "id: pupil")
    assert problems_after(tmp_path, text) == [
        f"{DECK}:11:9: the scenario id 'pupil' is already used at line 3; every scenario in a "
        "deck needs its own id",
    ]


def test_deck_without_prompts(tmp_path: Path) -> None:
    text = MINIMAL_DECK.replace("prompts: [Would you accept?]", "prompts: []")
    assert problems_after(tmp_path, text) == [
        f"{DECK}:16:14: 'prompts' needs at least 1 item(s) (for example 'What would you do "
        "first?')",
    ]


def test_invalid_deck_file_name(tmp_path: Path) -> None:
    root = _with_deck(tmp_path, MINIMAL_DECK, name="My Deck.yaml")
    result = load_library(root)
    assert [f"{p.line}:{p.col}: {p.message}" for p in result.problems] == [
        "1:1: the file name 'My Deck.yaml' is not a valid deck id: use lowercase letters, "
        "digits and hyphens, ending in .yaml",
    ]
    assert result.library.decks == []


def test_a_broken_deck_is_skipped_and_the_rest_still_loads(tmp_path: Path) -> None:
    root = _with_deck(tmp_path, MINIMAL_DECK)
    (root / "training" / "broken.yaml").write_text("title: [\n", encoding="utf-8")
    (root / "training" / "bad-wizard.yaml").write_text(
        MINIMAL_DECK.replace("wizard: friend-request", "wizard: photos"), encoding="utf-8"
    )
    result = load_library(root)
    assert sorted({p.path.name for p in result.problems}) == ["bad-wizard.yaml", "broken.yaml"]
    assert [d.id for d in result.library.decks] == ["induction"]
    assert [s.id for s in result.library.schools] == ["example"]
    assert [w.id for w in result.library.wizards] == ["friend-request"]
    assert set(result.library.rulings) == {"example"}


# --- the self-check -----------------------------------------------------------------------------


def test_every_binding_maps_to_a_choice() -> None:
    assert set(BINDING_CHOICE) == set(BINDING_WORDS)
    assert set(BINDING_CHOICE.values()) | {"not-covered"} == {v for v, _ in CHECK_CHOICES}
    assert [v for v, _ in CHECK_CHOICES] == ["must", "should", "may", "not-covered"]


def _scenario(library: Library, situation: str) -> Scenario:
    return next(s for s in _starter(library).scenarios if s.situation == situation)


@pytest.mark.parametrize(
    ("school_id", "situation", "expected"),
    [
        ("westhaven", "friend-request/pupil", "must"),
        ("westhaven", "friend-request/ex-pupil/adult", "should"),  # strongly-advised
        ("wilnecote", "friend-request/ex-pupil/adult", "may"),
        ("wilnecote", "photos/post/personal-account", "should"),
        ("ewloe-green", "parent-online/complaint/elsewhere", "not-covered"),
        ("ewloe-green", "friend-request/ex-pupil/adult", "not-covered"),
    ],
)
def test_expected_choice(bundled: Library, school_id: str, situation: str, expected: str) -> None:
    assert expected_choice(bundled, school_id, _scenario(bundled, situation)) == expected


def test_expected_choice_for_advised_counts_as_should(bundled: Library) -> None:
    outcome = outcome_for(bundled, "wybunbury-delves", "colleague-concern/policy-breach")
    assert outcome.binding == "advised"
    scenario = Scenario("x", "X", "colleague-concern", outcome.situation, "s", ("p",), None)
    assert expected_choice(bundled, "wybunbury-delves", scenario) == "should"


def test_score_counts_right_wrong_and_missing(bundled: Library) -> None:
    deck = _starter(bundled)
    answers = {
        "friend-request-pupil": "must",  # right
        "friend-request-former-pupil": "may",  # wrong: strongly advised
        "parent-complaint-online": "not-covered",  # right
        "colleague-contact-pupil": "should",  # wrong: a rule
    }  # photos-personal-account: not answered
    results = score(bundled, "westhaven", deck, answers)
    assert [r.scenario for r in results] == list(deck.scenarios)
    assert [(r.chosen, r.expected, r.correct) for r in results] == [
        ("must", "must", True),
        ("may", "should", False),
        ("", "must", False),
        ("not-covered", "not-covered", True),
        ("should", "must", False),
    ]
    assert sum(r.correct for r in results) == 2


def test_score_uses_the_decks_fixed_school(tmp_path: Path) -> None:
    text = MINIMAL_DECK.replace("scenarios:\n", "school: example\nscenarios:\n", 1)
    library = load_library(_with_deck(tmp_path, text)).library
    deck = library.deck("induction")
    assert deck is not None and deck.school_id == "example"
    results = score(library, "somewhere-else", deck, {"pupil": "must", "former": "may"})
    assert [r.correct for r in results] == [True, True]


# --- the handout --------------------------------------------------------------------------------


def _plain(markup: str) -> str:
    return fold_whitespace(html.unescape(re.sub(r"<[^>]+>", " ", markup)))


@pytest.mark.parametrize("school_id", ["westhaven", "stokes-wood", "ewloe-green"])
def test_handout(bundled: Library, school_id: str) -> None:
    deck = _starter(bundled)
    page = handout_html(bundled, deck, school_id, TODAY)
    school = bundled.school(school_id)
    assert school is not None
    assert page.count("page-break") == len(deck.scenarios) - 1
    assert page.count(PAGE_BREAK) == len(deck.scenarios) - 1
    assert page.index(html.escape(deck.scenarios[0].title)) < page.index(PAGE_BREAK)
    plain = _plain(page)
    assert deck.title in plain and school.name in plain and "3 September 2025" in plain
    quoted = 0
    for scenario in deck.scenarios:
        assert html.escape(fold_whitespace(scenario.story)) in page
        assert fold_whitespace(scenario.story) in plain
        for prompt in scenario.prompts:
            assert prompt in plain
        assert scenario.notes and fold_whitespace(scenario.notes) not in plain
        wizard = bundled.wizard(scenario.wizard_id)
        assert wizard is not None and wizard.question in plain
        for quote in outcome_for(bundled, school_id, scenario.situation).quotes:
            clauses = [quote.clause] if quote.lead_in is None else [quote.lead_in, quote.clause]
            for clause in clauses:
                for block in clause.blocks:
                    assert fold_whitespace(block.text) in plain
                    quoted += 1
    assert quoted
    assert "Your notes" in plain


def test_handout_escapes_everything_and_leaves_out_trainer_notes(tmp_path: Path) -> None:
    text = (
        MINIMAL_DECK.replace("title: Induction", 'title: "Us & <them>"')
        .replace("A pupil sends you a request.", "'\"<b>Hi</b>\" & bye'")
        .replace("What now?", "Why <i>not</i>?")
    )
    library = load_library(_with_deck(tmp_path, text)).library
    deck = library.deck("induction")
    assert deck is not None
    page = handout_html(library, deck, "example", TODAY)
    assert "<b>Hi</b>" not in page and "<i>not</i>" not in page and "<them>" not in page
    assert "Us &amp; &lt;them&gt;" in page
    assert "&quot;&lt;b&gt;Hi&lt;/b&gt;&quot; &amp; bye" in page
    assert "Only for the trainer" not in page
    assert page.count(PAGE_BREAK) == 1
    plain = _plain(page)
    assert "Staff must not accept friend requests from pupils." in plain
    assert "Example Academy" in plain


def test_handout_uses_the_decks_fixed_school(tmp_path: Path) -> None:
    text = MINIMAL_DECK.replace("scenarios:\n", "school: example\nscenarios:\n", 1)
    library = load_library(_with_deck(tmp_path, text)).library
    deck = library.deck("induction")
    assert deck is not None
    assert "Example Academy" in handout_html(library, deck, "not-a-school", TODAY)


def test_the_self_check_marks_against_the_outcome_staff_reach_in_the_app(bundled: Library) -> None:
    """The deck and self-check agree with the rulings: each scenario names a situation an answer
    really ends in (not a coarser key, whose ruling a finer one may override), and at every
    school the self-check's right answer is how binding the outcome is that staff reach by
    answering the guided answer's questions, as the app asks them (skipping the unneeded)."""
    for deck in bundled.decks:
        for scenario in deck.scenarios:
            wizard = bundled.require_wizard(scenario.wizard_id)
            paths = [answers for answers, end in all_paths(wizard) if end == scenario.situation]
            assert paths, f"{deck.id}/{scenario.id}: no answer ends in {scenario.situation}"
            for school in bundled.schools:
                expected = expected_choice(bundled, school.id, scenario)
                for answers in paths:
                    session = WizardSession(bundled, wizard, school_id=school.id)
                    for question, option in answers:
                        if session.current_question == question:
                            session.answer(option.id)
                    reached = session.outcome(school.id)
                    assert reached is not None, (scenario.id, school.id)
                    binding = reached.binding if reached.covered else None
                    choice = BINDING_CHOICE[binding] if binding else NOT_COVERED
                    assert choice == expected, (deck.id, scenario.id, school.id)
