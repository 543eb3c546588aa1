"""`guidance-app gaps --school ID [--out FILE.pdf]`: questions for a school's policy owner, run
as a real subprocess on the bundled library (read only), as text and as a PDF read back."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library, fold_whitespace
from guidance_app.core.content.places import name_clauses
from guidance_app.core.guidance.coverage import Cover, coverage_matrix, uncited_clauses
from guidance_app.core.guidance.outcome import outcome_for
from tests.helpers import CONTENT, run_cli

SCHOOL = "wilnecote"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT).library


def _silent(library: Library) -> list[str]:
    silent = (Cover.NOT_COVERED, Cover.MISSING)
    return [sit for sit, row in coverage_matrix(library).items() if row[SCHOOL].cover in silent]


def test_gaps_lists_every_silent_situation_query_and_uncited_clause(library: Library) -> None:
    done = run_cli("gaps", "--school", SCHOOL)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    silent = _silent(library)
    assert silent, "the bundled Wilnecote policy is silent on some situations"
    book = library.rulings[SCHOOL]
    queries = [r for r in book.rulings.values() if r.owner_query]
    uncited = [c for school, _p, c in uncited_clauses(library) if school == SCHOOL]
    assert f"1. Situations the policy is silent on ({len(silent)})" in out
    assert f"2. Questions only the school can answer ({len(queries)})" in out
    assert f"3. Clauses no guided answer cites ({len(uncited)})" in out
    folded = fold_whitespace(out)
    for situation in silent:
        outcome = outcome_for(library, SCHOOL, situation)
        assert f"({situation})" in out
        assert f"What staff are told: {fold_whitespace(outcome.not_covered or '')}" in folded
    for ruling in queries:
        asked = name_clauses(ruling.owner_query or "", library.require_school(SCHOOL).policies)
        assert fold_whitespace(f"Question: {asked}") in folded
    for clause in uncited:  # named by heading and point, as a reader of the policy would
        assert clause.id not in out
    assert "Introduction: - Point 1 " in folded and "Purpose: - All of this section " in folded
    assert len(re.findall(r"^   - ", out, flags=re.MULTILINE)) == (
        len(silent) + len(queries) + len(uncited)
    )


def test_gaps_writes_the_same_as_a_pdf(library: Library, tmp_path: Path) -> None:
    target = tmp_path / "questions.pdf"
    done = run_cli("gaps", "--school", SCHOOL, "--out", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes()[:5] == b"%PDF-"
    reader = PdfReader(target)
    assert f"Wrote {target}: {len(reader.pages)} pages for The Wilnecote School." in done.stdout
    # NFKC: the PDF's font sets "ff" and "fi" as ligatures, which pypdf gives back as one letter
    pages = [unicodedata.normalize("NFKC", page.extract_text() or "") for page in reader.pages]
    text = fold_whitespace(" ".join(pages))
    assert "Questions for the policy owner" in text
    assert library.require_school(SCHOOL).name in text
    for situation in _silent(library):
        assert library.situation_title(situation) in text


def test_gaps_for_an_unknown_school_says_which_there_are(tmp_path: Path) -> None:
    done = run_cli("gaps", "--school", "nowhere")
    assert done.returncode == 1
    assert "There is no school called 'nowhere'" in done.stderr and "wilnecote" in done.stderr
    missing = run_cli("gaps")
    assert missing.returncode == 2 and "--school" in missing.stderr
