"""`guidance-app import` end to end on a Word document and a PDF made in the test: the draft's
clause ids are the numbers Word displays (typed, automatic multilevel, set on the style), the
cover table gives the review dates, a PDF's page furniture is removed and reported with the
sentence it split joined again, and the draft loads as the school's policy."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtWidgets import QApplication

from guidance_app.cli.entry import main
from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Policy
from guidance_app.core.content.policy_parser import parse_policy_file
from tests.docx_fixtures import add_list, heading_list, number_paragraph
from tests.pdf_fixtures import Block, write_policy_pdf

SCHOOL = "oakfield"
SCHOOL_YAML = """\
name: Oakfield Primary School
short_name: Oakfield
roles:
  dsl: the Designated Safeguarding Lead
"""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "schools" / SCHOOL).mkdir(parents=True)
    (root / "schools" / SCHOOL / "school.yaml").write_text(SCHOOL_YAML, encoding="utf-8")
    return root


def _imported(content: Path, source: Path, policy_id: str) -> Policy:
    command = ["import", str(source), "--school", SCHOOL, "--policy", policy_id]
    code = main([*command, "--content", str(content)])
    assert code == 0
    policy, problems = parse_policy_file(
        content / "schools" / SCHOOL / "policies" / f"{policy_id}.md", SCHOOL
    )
    assert policy is not None and problems == []
    return policy


def test_word_numbering_becomes_the_clause_ids(content: Path, tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for row, (label, value) in zip(
        table.rows,
        [
            ("Approved by governors", "March 2025"),
            ("Review cycle", "Annually"),
            ("Next review", "March 2026"),
        ],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = label, value
    clauses = heading_list(document)  # Heading 1 and 2 numbered through their styles only
    document.add_heading("Aims", 1)
    document.add_heading("Scope", 2)
    number_paragraph(document.add_paragraph("Staff must report every concern."), clauses, 2)
    number_paragraph(document.add_paragraph("Staff must keep a written record."), clauses, 2)
    document.add_heading("Procedures", 1)
    multilevel = add_list(document, [("decimal", "%1."), ("decimal", "%1.%2.")], starts={0: 5})
    number_paragraph(document.add_paragraph("Reporting a concern"), multilevel, 0)
    number_paragraph(document.add_paragraph("Tell the DSL the same day."), multilevel, 1)
    document.add_paragraph("7.4 Typed numbers are kept as the document shows them.")
    source = tmp_path / "Online Safety.docx"
    document.save(str(source))

    policy = _imported(content, source, "online-safety")
    ids = [clause.id for clause in policy.clauses]
    assert ids[:2] == ["1.1.1", "1.1.2"]
    assert "5.1" in ids and "7.4" in ids
    assert policy.clause("1.1.1").text.endswith("Staff must report every concern.")
    assert (policy.approved, policy.review_cycle, policy.next_review) == (
        "March 2025",
        "Annually",
        "March 2026",
    )
    library = load_library(content).library
    assert [p.id for p in library.require_school(SCHOOL).policies] == ["online-safety"]


def test_a_pdf_loses_its_page_furniture_and_keeps_every_sentence_whole(
    qapp: QApplication, content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "child protection.pdf"
    write_policy_pdf(
        source,
        [
            Block("title", "Child Protection Policy"),
            Block("h1", "1 Responding to a disclosure"),
            Block("para", "1.1 Listen calmly and never promise to keep a secret."),
            Block(
                "para",
                "1.2 The designated safeguarding lead must keep every record of a concern\n"
                "in a locked cabinet, and share it only with those who need to know.",
                break_after_line=1,
            ),
            Block("para", "1.3 Sta\ufb00 record the \ufb01rst words the pupil used."),
        ],
    )
    policy = _imported(content, source, "child-protection")
    report = capsys.readouterr().out
    assert policy.clause("1.2").text == (
        "1.2 The designated safeguarding lead must keep every record of a concern in a "
        "locked cabinet, and share it only with those who need to know."
    )
    assert policy.clause("1.3").text == "1.3 Staff record the first words the pupil used."
    whole = "\n".join(clause.text for clause in policy.clauses)
    assert "Page 1 of 2" not in whole and "Westhaven Academy" not in whole
    for removed in ("Page 1 of 2", "Westhaven Academy — Child Protection Policy", "\ufb01"):
        assert removed in report
