"""The draft writer, on documents built here as a reader would hand them over."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidance_app.core.content.model import Policy
from guidance_app.core.content.policy_parser import parse_policy_file
from guidance_app.core.errors import DocumentImportError
from guidance_app.core.importing.draft import Draft, write_draft
from guidance_app.core.importing.source import LineKind, RemovedLine, SourceDocument, SourceLine

H, P, L, T = LineKind.HEADING, LineKind.PARAGRAPH, LineKind.LIST_ITEM, LineKind.TABLE_ROW


def _line(kind: LineKind, text: str, number: str | None = None, **more: object) -> SourceLine:
    return SourceLine(text, kind, "paragraph 1", number=number, **more)  # type: ignore[arg-type]


def _document(lines: list[SourceLine], removed: tuple[RemovedLine, ...] = ()) -> SourceDocument:
    words = [" ".join(line.cells) if line.cells else line.text for line in lines]
    words += [line.number or "" for line in lines]
    words += [r.text for r in removed]
    return SourceDocument(tuple(lines), removed, "\n".join(words), "Word document")


def _parsed(draft: Draft, tmp_path: Path) -> Policy:
    path = tmp_path / "draft.md"
    path.write_text(draft.text, encoding="utf-8")
    policy, problems = parse_policy_file(path, "school")
    assert policy is not None and problems == []
    return policy


BODY = "Staff must not accept friend requests from pupils on any social network."


def test_a_lead_in_and_its_list_are_one_clause_and_list_levels_are_kept(tmp_path: Path) -> None:
    draft = write_draft(
        _document(
            [
                _line(H, "Principles", heading_level=1),
                _line(P, "Staff must:"),
                _line(L, "keep their accounts private", list_level=1),
                _line(L, "and never", list_level=1),
                _line(L, "add pupils", list_level=2),
                _line(P, BODY),
            ]
        ),
        "policy.docx",
        "Policy",
    )
    policy = _parsed(draft, tmp_path)
    first, second = policy.clauses
    assert (first.id, second.id) == ("principles-1", "principles-2")
    assert [(b.markdown, b.is_list_item, b.level) for b in first.blocks] == [
        ("Staff must:", False, 0),
        ("keep their accounts private", True, 1),
        ("and never", True, 1),
        ("add pupils", True, 2),
    ]
    assert second.text == BODY


def test_numbers_become_ids_and_a_gap_and_a_repeat_are_reported(tmp_path: Path) -> None:
    draft = write_draft(
        _document(
            [
                _line(H, "USE OF SITES", "3.0"),
                _line(P, BODY, "3.1"),
                _line(P, BODY, "3.3"),
                _line(P, BODY, "3.3"),
                _line(P, "All colleagues should follow this guidance:", "3.4"),
                _line(L, BODY, "1.", list_level=1),
                _line(L, BODY, "2.", list_level=1),
            ]
        ),
        "policy.docx",
        "Policy",
    )
    policy = _parsed(draft, tmp_path)
    assert [s.id for s in policy.sections] == ["3"]
    assert policy.sections[0].heading == "3.0 USE OF SITES"
    assert [c.id for c in policy.clauses] == ["3.1", "3.3", "3.3-2", "3.4", "3.4.1", "3.4.2"]
    assert policy.clauses[0].text == f"3.1 {BODY}"  # the number stays in the words staff read
    assert policy.clauses[4].text == f"1. {BODY}"
    lines = draft.text.split("\n")
    messages = {item.message: item.line for item in draft.report}
    gap = next(m for m in messages if "jumps from 3.1 to 3.3" in m)
    assert lines[messages[gap] - 1] == "{#3.3}"
    repeat = next(m for m in messages if "3.3 is used twice" in m)
    assert lines[messages[repeat] - 1] == "{#3.3-2}"


def test_the_cover_gives_title_details_and_review_dates(tmp_path: Path) -> None:
    draft = write_draft(
        _document(
            [
                _line(P, "Online Safety Policy"),
                _line(
                    T,
                    "Approved at Governing Body\tFebruary 2021",
                    cells=("Approved at Governing Body", "February 2021"),
                ),
                _line(
                    T,
                    "Policy review cycle\tBi-annually",
                    cells=("Policy review cycle", "Bi-annually"),
                ),
                _line(P, "Policy review date: 21/03/2026"),
                _line(H, "Introduction", heading_level=1),
                _line(P, BODY),
            ]
        ),
        "online.docx",
        "online",
    )
    policy = _parsed(draft, tmp_path)
    assert policy.title == "Online Safety Policy"
    assert (policy.approved, policy.review_cycle, policy.next_review) == (
        "February 2021",
        "Bi-annually",
        "21/03/2026",
    )
    assert policy.next_review_due == "2026-03-21"
    assert [(d.label, d.value) for d in policy.details] == [
        ("Approved at Governing Body", "February 2021"),
        ("Policy review cycle", "Bi-annually"),
        ("Policy review date", "21/03/2026"),
    ]
    assert [s.heading for s in policy.sections] == ["Introduction"]


def test_what_the_cover_does_not_say_is_not_stated_and_reported(tmp_path: Path) -> None:
    draft = write_draft(
        _document([_line(H, "Introduction", heading_level=1), _line(P, BODY)]),
        "policy.txt",
        "policy",
    )
    policy = _parsed(draft, tmp_path)
    assert (policy.approved, policy.review_cycle, policy.next_review) == ("not stated",) * 3
    assert policy.title == "Introduction"
    assert any("not stated" in item.message and item.line == 1 for item in draft.report)


def test_text_before_any_heading_gets_the_title_as_its_heading_and_is_reported(
    tmp_path: Path,
) -> None:
    draft = write_draft(_document([_line(P, BODY)]), "notes.txt", "notes")
    policy = _parsed(draft, tmp_path)
    assert [s.heading for s in policy.sections] == ["notes"]
    assert policy.clauses[0].text == BODY
    assert any("no heading before the first paragraph" in item.message for item in draft.report)


def test_removed_lines_are_listed_in_the_report(tmp_path: Path) -> None:
    removed = (RemovedLine("Page 3 of 7", "page number", "page 3"),)
    draft = write_draft(
        _document([_line(H, "Aims", heading_level=1), _line(P, BODY)], removed),
        "policy.pdf",
        "policy",
    )
    _parsed(draft, tmp_path)
    assert any("removed 'Page 3 of 7' (page number, page 3" in i.message for i in draft.report)


def test_a_word_a_reader_lost_is_refused_naming_it() -> None:
    lines = (_line(H, "Aims", heading_level=1), _line(P, BODY))
    document = SourceDocument(lines, (), f"Aims\n{BODY} Unless safeguarding demands.", "PDF")
    with pytest.raises(DocumentImportError, match="'unless', 'safeguarding', 'demands'"):
        write_draft(document, "policy.pdf", "policy")


def test_a_word_said_twice_must_be_there_twice() -> None:
    lines = (_line(H, "Aims", heading_level=1), _line(P, "Staff must report it."))
    document = SourceDocument(lines, (), "Aims\nStaff must report it. Staff must report it.", "PDF")
    with pytest.raises(DocumentImportError, match="'staff', 'must', 'report', 'it'"):
        write_draft(document, "policy.pdf", "policy")


def test_text_that_looks_like_markup_stays_a_paragraph(tmp_path: Path) -> None:
    draft = write_draft(
        _document([_line(H, "Aims", heading_level=1), _line(P, "# 1 priority is safety.")]),
        "policy.docx",
        "policy",
    )
    policy = _parsed(draft, tmp_path)
    assert [s.heading for s in policy.sections] == ["Aims"]
    assert policy.clauses[0].text.strip("\u200b") == "# 1 priority is safety."


def test_a_clause_number_on_a_numbered_list_item_is_a_clause_and_empty_lines_are_skipped(
    tmp_path: Path,
) -> None:
    draft = write_draft(
        _document(
            [
                _line(H, "Aims", "2.", heading_level=1),
                _line(P, "  "),
                _line(L, BODY, "2.1", list_level=1),
                _line(L, "and never alone", list_level=2),
            ]
        ),
        "policy.docx",
        "policy",
    )
    policy = _parsed(draft, tmp_path)
    assert [s.id for s in policy.sections] == ["2"]
    (clause,) = policy.clauses
    assert clause.id == "2.1"
    assert [(b.markdown, b.is_list_item) for b in clause.blocks] == [
        (f"2.1 {BODY}", False),
        ("and never alone", True),
    ]


def test_a_list_of_rules_gives_a_clause_per_item_and_a_list_of_phrases_one(
    tmp_path: Path,
) -> None:
    draft = write_draft(
        _document(
            [
                _line(H, "Principles", heading_level=1),
                _line(P, "In summary, social networking applications:"),
                _line(L, "must not be used in an abusive manner", list_level=1),
                _line(L, "must not breach the school's bullying policy", list_level=1),
                _line(L, "and never", list_level=2),
                _line(P, "The purpose of this policy is to:"),
                _line(L, "Encourage positive use;", list_level=1),
                _line(L, "Safeguard pupils and staff;", list_level=1),
            ]
        ),
        "policy.docx",
        "policy",
    )
    policy = _parsed(draft, tmp_path)
    ids = [c.id for c in policy.clauses]
    assert ids == ["principles-1", "principles-1.1", "principles-1.2", "principles-2"]
    assert [c.text for c in policy.clauses] == [
        "In summary, social networking applications:",
        "must not be used in an abusive manner",
        "must not breach the school's bullying policy\nand never",
        "The purpose of this policy is to:\nEncourage positive use;\nSafeguard pupils and staff;",
    ]


def test_a_lost_not_is_refused_though_the_file_says_not_stated_and_ids_repeat_words() -> None:
    lines = (_line(H, "Aims", heading_level=1), _line(P, "Staff must accept requests."))
    source = "Online Safety\nAims\nStaff must not accept requests. Aims"
    document = SourceDocument(lines, (), source, "PDF", title="Online Safety")
    with pytest.raises(DocumentImportError, match=r"\('not', 'aims'\)"):
        write_draft(document, "policy.pdf", "policy")


def test_a_removed_header_is_reported_at_the_paragraph_it_interrupted(tmp_path: Path) -> None:
    from guidance_app.core.importing.plain import plain_document

    header = "Online Safety Policy – May 2024"
    text = (
        f"{header}\n\nAims\n\n{BODY}\n\nScope\n\nThis policy covers every member of staff and"
        f"\n\n{header}\n\nevery volunteer in the school.\n\nBreaches\n\n{BODY}\n\n{header}\n"
    )
    draft = write_draft(plain_document(text, "text file"), "policy.txt", "policy")
    policy = _parsed(draft, tmp_path)
    scope = policy.clauses[1]
    assert scope.text == (
        "This policy covers every member of staff and every volunteer in the school."
    )
    lines = draft.text.split("\n")
    at = {item.message: item.line for item in draft.report}
    middle = (
        f"removed '{header}' (running header or footer, repeated 3 times, line 11 of the original)"
    )
    assert lines[at[middle] - 1] == scope.text
    rejoined = "a sentence split between lines 9 and 13, rejoined (line 9 of the original)"
    assert lines[at[rejoined] - 1] == scope.text


def test_a_short_rule_before_the_first_heading_is_a_clause_not_the_cover(
    tmp_path: Path,
) -> None:
    draft = write_draft(
        _document(
            [
                _line(H, "Behaviour Policy", heading_level=1),
                _line(T, "Approved\tMay 2025", cells=("Approved", "May 2025")),
                _line(P, "Pupils must be kind."),
                _line(H, "Sanctions", heading_level=1),
                _line(P, BODY),
            ]
        ),
        "behaviour.docx",
        "Behaviour",
    )
    policy = _parsed(draft, tmp_path)
    assert [clause.text for clause in policy.clauses] == ["Pupils must be kind.", BODY]
    assert [detail.label for detail in policy.details] == ["Approved"]
    assert policy.approved == "May 2025"


def test_the_same_artefact_taken_out_several_times_in_one_place_is_one_report_line() -> None:
    glyph = RemovedLine("•", "bullet glyph", "page 2")
    header = RemovedLine("Oakfield School", "running header repeated on 2 pages", "page 2")
    draft = write_draft(
        _document(
            [_line(H, "Principles", heading_level=1), _line(P, BODY)],
            (glyph, glyph, glyph, header),
        ),
        "policy.pdf",
        "Policy",
    )
    removed = [item.message for item in draft.report if item.message.startswith("removed")]
    assert removed == [
        "removed '•' 3 times (bullet glyph, page 2 of the original)",
        "removed 'Oakfield School' (running header repeated on 2 pages, page 2 of the original)",
    ]
