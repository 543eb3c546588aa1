"""The glossary: the bundled terms in the app's own words, checked like all other content (schema,
file:line:col problems from `guidance-app validate`), and which terms a search names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guidance_app.core.content.glossary import GlossaryTerm
from guidance_app.core.content.loader import load_library
from guidance_app.core.search.glossary_match import terms_named
from tests.helpers import CONTENT, run_cli, write_library

TERMS = [
    "DSL",
    "DSP",
    "LADO",
    "KCSIE",
    "Keeping learners safe",
    "Prevent",
    "Channel",
    "SLT",
    "CPOMS",
    "MyConcern",
]


@pytest.fixture(scope="module")
def glossary() -> list[GlossaryTerm]:
    return load_library(CONTENT).library.glossary


def _term(glossary: list[GlossaryTerm], name: str) -> GlossaryTerm:
    return next(t for t in glossary if t.term == name)


def test_the_bundled_glossary_has_the_terms_staff_meet(glossary: list[GlossaryTerm]) -> None:
    assert [t.term for t in glossary] == TERMS
    library = load_library(CONTENT).library
    glossary_problems = [p for p in load_library(CONTENT).problems if "glossary" in p.path.name]
    assert glossary_problems == []
    for term in glossary:
        sentences = re.findall(r"[.!?](?:\s|$)", term.meaning)
        assert 1 <= len(sentences) <= 3, term.term
        assert term.guided_answers and all(library.wizard(w) for w in term.guided_answers)


def test_the_bundled_meanings_say_what_the_terms_are(glossary: list[GlossaryTerm]) -> None:
    lado = _term(glossary, "LADO")
    assert lado.stands_for == "local authority designated officer"
    assert "allegations" in lado.meaning and "colleague-concern" in lado.guided_answers
    dsp = _term(glossary, "DSP")
    assert dsp.stands_for == "designated safeguarding person" and "Wales" in dsp.meaning
    assert "England" in _term(glossary, "KCSIE").meaning
    assert "Wales" in _term(glossary, "Keeping learners safe").meaning
    assert "terrorism" in _term(glossary, "Prevent").meaning
    assert "referred under Prevent" in _term(glossary, "Channel").meaning
    assert _term(glossary, "SLT").stands_for == "senior leadership team"
    for software in ("CPOMS", "MyConcern"):
        assert _term(glossary, software).meaning.startswith("Software many schools use")


@pytest.mark.parametrize(
    ("search", "named"),
    [
        ("LADO", ["LADO"]),
        ("what is a lado?", ["LADO"]),
        ("local authority designated officer", ["LADO"]),
        ("dsl and lado", ["DSL", "LADO"]),
        ("DSP", ["DSP"]),  # DSP's own name, not DSL's other name
        ("designated safeguarding person", ["DSP"]),
        ("keeping children safe in education", ["KCSIE"]),
        ("keeping learners safe", ["Keeping learners safe"]),
        ("prevent", ["Prevent"]),
        ("what does prevent mean", ["Prevent"]),
        ("prevent duty training", ["Prevent"]),
        ("how do I prevent pupils seeing my posts", []),  # the everyday word
        ("a Channel referral", ["Channel"]),
        ("the appropriate channel to complain", []),
        ("youtube channel", []),
        ("senior leadership team", ["SLT"]),
        ("cpoms", ["CPOMS"]),
        ("friend request", []),
        ("", []),
    ],
)
def test_which_terms_a_search_names(
    glossary: list[GlossaryTerm], search: str, named: list[str]
) -> None:
    assert [t.term for t in terms_named(glossary, search)] == named


def test_a_corrected_spelling_names_a_term_too(glossary: list[GlossaryTerm]) -> None:
    assert [t.term for t in terms_named(glossary, "kcsei", "kcsie")] == ["KCSIE"]


GLOSSARY = """\
terms:
  - term: LADO
    stands_for: local authority designated officer
    meaning: The officer who handles allegations against adults who work with children.
    guided_answers: [friend-request, no-such-answer]
  - term: DSL
    also_called: [safeguarding lead, {name: DSP, note: the name used in Wales}]
    meaning: One. Two. Three. Four.
  - term: SLT
    meaning: The senior leadership team.
"""


def test_glossary_mistakes_are_reported_at_their_line_by_validate(tmp_path: Path) -> None:
    root = write_library(tmp_path / "content")
    (root / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    result = load_library(root)
    assert [t.term for t in result.library.glossary] == ["SLT"]  # the others have mistakes
    checked = run_cli("validate", "--content", str(root))
    assert checked.returncode == 1
    lines = checked.stdout.splitlines()
    path = str(root / "glossary.yaml")
    assert any(
        line.startswith(f"{path}:5:38: ") and "'no-such-answer' that does not exist" in line
        for line in lines
    ), lines
    assert any(line.startswith(f"{path}:8:14: ") and "has 4 sentences" in line for line in lines), (
        lines
    )


def test_a_glossary_that_breaks_its_schema_is_skipped_with_the_place_said(tmp_path: Path) -> None:
    root = write_library(tmp_path / "content")
    broken = GLOSSARY.replace("    meaning: The senior", "    meanig: The senior")
    (root / "glossary.yaml").write_text(broken, encoding="utf-8")
    result = load_library(root)
    assert result.library.glossary == []
    assert [str(p).split("glossary.yaml:")[1] for p in result.problems] == [
        "9:5: item 3 of 'terms' is missing 'meaning': what it means in England and Wales, "
        "in one to three plain sentences",
        "10:5: unknown key 'meanig' in item 3 of 'terms'; did you mean 'meaning'? allowed keys "
        "are: also_called, everyday_word, guided_answers, meaning, stands_for, term",
    ]


def test_a_valid_glossary_loads_with_its_other_names(tmp_path: Path) -> None:
    root = write_library(tmp_path / "content")
    (root / "glossary.yaml").write_text(
        GLOSSARY.replace(", no-such-answer", "").replace(" Four.", ""),
        encoding="utf-8",
    )
    result = load_library(root)
    assert result.problems == []
    dsl = result.library.glossary[1]
    assert [(o.name, o.note) for o in dsl.also_called] == [
        ("safeguarding lead", None),
        ("DSP", "the name used in Wales"),
    ]
    checked = run_cli("validate", "--content", str(root))
    assert checked.returncode == 0 and "3 glossary terms" in checked.stdout
