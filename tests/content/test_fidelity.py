"""Every sentence of every seed policy is in content/ word for word.

For each seed: each non-empty line, stripped, unless listed as a removed artefact in
seed_artefacts/<seed>.yaml; a leading "- " and then a listed bullet glyph are dropped; Markdown
emphasis marks are ignored on both sides; whitespace is folded; the line is split into
sentences, and each must be a substring of the school's content text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Policy, fold_whitespace
from tests.helpers import CONTENT, SEED_OF_SCHOOL, seed_file

ARTEFACTS = Path(__file__).parent / "seed_artefacts"
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


def _normal(text: str) -> str:
    return fold_whitespace(text.replace("*", ""))


def _content_text(policy: Policy) -> str:
    parts = [policy.title]
    parts += [f"{d.label} {d.value}" for d in policy.details]
    for section in policy.sections:
        parts.append(section.heading)
        parts += [block.markdown for clause in section.clauses for block in clause.blocks]
    return _normal(" ".join(parts))


def seed_lines(school_id: str) -> list[str]:
    """The school's seed lines with artefacts removed and bullet marks dropped, normalised."""
    artefacts_file = ARTEFACTS / f"{SEED_OF_SCHOOL[school_id]}.yaml"
    artefacts = yaml.safe_load(artefacts_file.read_text(encoding="utf-8"))
    removed = {fold_whitespace(entry["text"]) for entry in artefacts.get("removed_lines") or []}
    glyphs = artefacts.get("bullet_glyphs") or []
    lines = []
    for raw in seed_file(school_id).read_text(encoding="utf-8").splitlines():
        line = fold_whitespace(raw)
        if not line or line in removed:
            continue
        line = line.removeprefix("- ")
        for glyph in glyphs:
            if line.startswith(glyph + " "):
                line = line[len(glyph) + 1 :]
        lines.append(_normal(line))
    return lines


def seed_sentences(school_id: str) -> list[str]:
    return [s for line in seed_lines(school_id) for s in _SENTENCE_END.split(line) if s]


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    return load_library(CONTENT).library


@pytest.mark.parametrize("school_id", sorted(SEED_OF_SCHOOL))
def test_every_seed_sentence_is_in_content(library, school_id: str) -> None:  # type: ignore[no-untyped-def]
    school = library.school(school_id)
    assert school is not None, f"{school_id} did not load"
    text = " ".join(_content_text(p) for p in school.policies)
    missing = [s for s in seed_sentences(school_id) if s not in text]
    assert not missing, "not found word for word in content/:\n" + "\n".join(missing)


@pytest.mark.parametrize("school_id", sorted(SEED_OF_SCHOOL))
def test_no_words_in_content_that_are_not_in_the_seed(library, school_id: str) -> None:  # type: ignore[no-untyped-def]
    school = library.school(school_id)
    assert school is not None, f"{school_id} did not load"
    seed = " ".join(seed_lines(school_id))
    invented = [
        f"{policy.path.name}:{section.line}: {text}"
        for policy in school.policies
        for section in policy.sections
        for text in [section.heading]
        + [block.markdown for clause in section.clauses for block in clause.blocks]
        if _normal(text) not in seed
    ]
    assert not invented, "not in the seed as written:\n" + "\n".join(invented)


@pytest.mark.parametrize("school_id", sorted(SEED_OF_SCHOOL))
def test_policy_names_its_seed_as_source(library, school_id: str) -> None:  # type: ignore[no-untyped-def]
    school = library.school(school_id)
    assert school is not None
    assert [p.source for p in school.policies] == [f"sources/{SEED_OF_SCHOOL[school_id]}.txt"]
    policy = school.policies[0]
    assert (policy.path.parent.parent / policy.source).resolve() == seed_file(school_id)


@pytest.mark.parametrize("school_id", sorted(SEED_OF_SCHOOL))
def test_each_school_keeps_its_source_document_in_the_repository(school_id: str) -> None:
    sources = CONTENT / "schools" / school_id / "sources"
    assert [p.name for p in sources.iterdir()] == [seed_file(school_id).name]
    assert seed_file(school_id).stat().st_size > 1000
