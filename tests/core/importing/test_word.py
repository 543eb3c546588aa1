"""Reading a Word document: the numbers Word displays, headings, lists and the cover table.

Every document is made here with python-docx, numbered the way Word numbers it (tests/docx_fixtures
writes the numbering XML python-docx has no API for).
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml

from guidance_app.core.importing.source import LineKind, SourceLine
from guidance_app.core.importing.word import read_docx
from tests.docx_fixtures import (
    add_list,
    heading_list,
    number_paragraph,
    number_style,
    policy_docx,
    restart_list,
)


def _lines(document: docx.document.Document, tmp_path: Path) -> list[SourceLine]:
    path = tmp_path / "policy.docx"
    document.save(str(path))
    return list(read_docx(path).lines)


def _numbers(lines: list[SourceLine]) -> list[tuple[str | None, str]]:
    return [(line.number, line.text) for line in lines]


def test_numbers_typed_in_the_text_become_the_lines_numbers(tmp_path: Path) -> None:
    document = docx.Document()
    for text in ("3.2 Staff must report", "3.2.1. The same day", "4) Records", "2025 was a year"):
        document.add_paragraph(text)
    assert _numbers(_lines(document, tmp_path)) == [
        ("3.2", "Staff must report"),
        ("3.2.1", "The same day"),
        ("4", "Records"),
        (None, "2025 was a year"),
    ]


def test_word_multilevel_numbering_gives_the_numbers_word_displays(tmp_path: Path) -> None:
    document = docx.Document()
    levels = [("decimal", "%1."), ("decimal", "%1.%2."), ("decimal", "%1.%2.%3")]
    num_id = add_list(document, levels)
    for ilvl, text in [(0, "a"), (1, "b"), (1, "c"), (0, "d"), (1, "e"), (2, "f"), (2, "g")]:
        number_paragraph(document.add_paragraph(text), num_id, ilvl)
    assert _numbers(_lines(document, tmp_path)) == [
        ("1", "a"),
        ("1.1", "b"),
        ("1.2", "c"),
        ("2", "d"),
        ("2.1", "e"),
        ("2.1.1", "f"),
        ("2.1.2", "g"),
    ]


def test_a_start_value_and_a_restart_are_followed(tmp_path: Path) -> None:
    document = docx.Document()
    num_id = add_list(document, [("decimal", "%1."), ("decimal", "%1.%2.")], starts={0: 4})
    for ilvl, text in [(0, "a"), (1, "b"), (0, "c")]:
        number_paragraph(document.add_paragraph(text), num_id, ilvl)
    restarted = restart_list(document, num_id, 0, 7)  # "Set numbering value" to 7
    for ilvl, text in [(0, "d"), (1, "e"), (1, "f")]:
        number_paragraph(document.add_paragraph(text), restarted, ilvl)
    number_paragraph(document.add_paragraph("g"), num_id, 0)  # the first list goes on
    assert _numbers(_lines(document, tmp_path)) == [
        ("4", "a"),
        ("4.1", "b"),
        ("5", "c"),
        ("7", "d"),
        ("7.1", "e"),
        ("7.2", "f"),
        ("8", "g"),
    ]


def test_numbering_set_only_on_the_heading_styles_is_followed(tmp_path: Path) -> None:
    document = docx.Document()
    clauses = heading_list(document)  # Heading 1/2 numbered through their styles only
    document.add_heading("Aims", 1)
    document.add_heading("Scope", 2)
    number_paragraph(document.add_paragraph("Staff must report concerns."), clauses, 2)
    document.add_heading("Roles", 2)
    document.add_heading("Procedures", 1)
    document.add_heading("Reporting", 2)
    lines = _lines(document, tmp_path)
    assert [(line.number, line.heading_level, line.text) for line in lines] == [
        ("1", 1, "Aims"),
        ("1.1", 2, "Scope"),
        ("1.1.1", None, "Staff must report concerns."),
        ("1.2", 2, "Roles"),
        ("2", 1, "Procedures"),
        ("2.1", 2, "Reporting"),
    ]


def test_a_clause_style_numbered_at_a_level_of_its_own(tmp_path: Path) -> None:
    # A template's "Clause" style with numPr naming both the list and the level.
    document = docx.Document()
    num_id = add_list(document, [("decimal", "%1"), ("decimal", "%1.%2")])
    clause = document.styles.add_style("Clause", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    number_style(document, "Clause", num_id, 1)
    number_paragraph(document.add_paragraph("Intro"), num_id, 0)
    document.add_paragraph("Staff must act.", style=clause)
    document.add_paragraph("Staff must record.", style=clause)
    assert _numbers(_lines(document, tmp_path)) == [
        ("1", "Intro"),
        ("1.1", "Staff must act."),
        ("1.2", "Staff must record."),
    ]


def test_lettered_and_bulleted_lists_are_list_items_with_levels(tmp_path: Path) -> None:
    document = docx.Document()
    num_id = add_list(document, [("lowerLetter", "(%1)"), ("lowerRoman", "%2.")])
    for ilvl, text in [(0, "phone"), (1, "tablet"), (0, "laptop")]:
        number_paragraph(document.add_paragraph(text), num_id, ilvl)
    document.add_paragraph("a bullet", style="List Bullet")
    document.add_paragraph("a deeper bullet", style="List Bullet 2")
    lines = _lines(document, tmp_path)
    assert [(line.kind, line.list_level, line.number, line.text) for line in lines] == [
        (LineKind.LIST_ITEM, 1, None, "phone"),
        (LineKind.LIST_ITEM, 2, None, "tablet"),
        (LineKind.LIST_ITEM, 1, None, "laptop"),
        (LineKind.LIST_ITEM, 1, None, "a bullet"),
        (LineKind.LIST_ITEM, 2, None, "a deeper bullet"),
    ]


def test_typed_bullet_glyphs_become_list_items_and_each_glyph_is_listed(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("• Tell the DSL")
    document.add_paragraph("♣ Write it down")
    path = tmp_path / "policy.docx"
    document.save(str(path))
    read = read_docx(path)
    assert [(line.kind, line.text) for line in read.lines] == [
        (LineKind.LIST_ITEM, "Tell the DSL"),
        (LineKind.LIST_ITEM, "Write it down"),
    ]
    assert [(r.text, r.reason, r.where) for r in read.removed] == [
        ("•", "bullet glyph", "paragraph 1"),
        ("♣", "bullet glyph", "paragraph 2"),
    ]
    assert "• Tell the DSL" in read.source_text


def test_a_bullet_from_a_symbol_font_is_a_list_item_and_listed(tmp_path: Path) -> None:
    document = docx.Document()
    _raw_paragraph(
        document,
        "<w:r><w:sym w:font='Symbol' w:char='F0B7'/><w:t xml:space='preserve'> Tell the DSL</w:t>"
        "</w:r>",
    )
    path = tmp_path / "policy.docx"
    document.save(str(path))
    read = read_docx(path)
    assert [(line.kind, line.text) for line in read.lines] == [(LineKind.LIST_ITEM, "Tell the DSL")]
    assert [(r.text, r.reason) for r in read.removed] == [("•", "bullet glyph")]


def test_headings_by_style_title_and_short_bold_numbered_lines(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Child Protection Policy", style="Title")
    document.add_heading("Aims", 1)
    document.add_heading("Who this is for", 3)
    document.add_paragraph().add_run("2. Definitions").bold = True
    document.add_paragraph().add_run("3. Staff must tell the DSL.").bold = True  # a sentence
    path = tmp_path / "policy.docx"
    document.save(str(path))
    read = read_docx(path)
    assert read.title == "Child Protection Policy"
    assert [(line.kind, line.heading_level, line.number) for line in read.lines] == [
        (LineKind.HEADING, 1, None),
        (LineKind.HEADING, 1, None),
        (LineKind.HEADING, 3, None),
        (LineKind.HEADING, 1, "2"),
        (LineKind.PARAGRAPH, None, "3"),
    ]


def test_a_cover_table_gives_its_rows_before_the_first_heading(tmp_path: Path) -> None:
    document = docx.Document()
    cover = document.add_table(rows=2, cols=2)
    cover.cell(0, 0).text, cover.cell(0, 1).text = "Approved by governors", "March 2025"
    cover.cell(1, 0).text, cover.cell(1, 1).text = "Next review", "March 2026"
    document.add_heading("Aims", 1)
    lines = _lines(document, tmp_path)
    assert [(line.kind, line.cells, line.where) for line in lines[:2]] == [
        (LineKind.TABLE_ROW, ("Approved by governors", "March 2025"), "table 1, row 1"),
        (LineKind.TABLE_ROW, ("Next review", "March 2026"), "table 1, row 2"),
    ]
    assert lines[0].text == "Approved by governors\tMarch 2025"
    assert lines[2].kind is LineKind.HEADING


def test_page_headers_are_not_body_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Westfield School confidential"
    document.add_paragraph("Body words")
    path = tmp_path / "policy.docx"
    document.save(str(path))
    read = read_docx(path)
    assert [line.text for line in read.lines] == ["Body words"]
    assert "Westfield" not in read.source_text


def test_a_realistic_policy_reads_with_every_clause_numbered(tmp_path: Path) -> None:
    read = read_docx(policy_docx(tmp_path / "policy.docx", pages=5))
    numbered = [line.number for line in read.lines if line.number]
    assert numbered[:7] == ["1", "1.1", "1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.2"]
    assert numbered[-6:] == ["2", "2.1", "2.1.1", "2.1.2", "2.1.3", "2.1.4"]
    assert len(numbered) == len(set(numbered)) == 2 + 5 * 5
    assert sum(line.kind is LineKind.LIST_ITEM for line in read.lines) == 5 * 3
    assert read.lines[1].cells == ("Approved by governors", "March 2025")


def _raw_paragraph(document: docx.document.Document, runs_xml: str) -> None:
    """A paragraph whose runs are written as Word writes them (python-docx has no API for
    tracked changes, fields or links)."""
    paragraph = document.add_paragraph()
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    namespace += ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    for element in parse_xml(f"<w:root {namespace}>{runs_xml}</w:root>"):
        paragraph._p.append(element)


def test_the_text_is_the_text_word_displays_with_changes_accepted(tmp_path: Path) -> None:
    document = docx.Document()
    _raw_paragraph(
        document,
        "<w:r><w:t xml:space='preserve'>Tell the </w:t></w:r>"
        "<w:del w:id='1' w:author='A'><w:r><w:delText>head</w:delText></w:r></w:del>"
        "<w:ins w:id='2' w:author='A'><w:r><w:t>DSL</w:t></w:r></w:ins>"
        "<w:r><w:t xml:space='preserve'> on page </w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        "<w:r><w:instrText xml:space='preserve'> PAGEREF _Toc1 \\h </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r>"
        "<w:r><w:t>4</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r>",
    )
    link = document.part.relate_to(
        "https://example.org/kcsie", docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK, True
    )
    _raw_paragraph(
        document,
        f"<w:r><w:t xml:space='preserve'>Read </w:t></w:r><w:hyperlink r:id='{link}'>"
        "<w:r><w:t>the guidance</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r>",
    )
    assert [line.text for line in _lines(document, tmp_path)] == [
        "Tell the DSL on page 4",
        "Read the guidance.",
    ]


def test_a_heading_by_outline_level_in_a_style_of_the_schools_own(tmp_path: Path) -> None:
    document = docx.Document()
    style = document.styles.add_style("Policy Part", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(parse_xml(
        '<w:outlineLvl xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' w:val="1"/>'
    ))  # fmt: skip
    document.add_paragraph("Who does what", style=style)
    lines = _lines(document, tmp_path)
    assert [(line.kind, line.heading_level) for line in lines] == [(LineKind.HEADING, 2)]


def test_a_merged_cell_is_read_once_and_the_columns_stay_in_place(tmp_path: Path) -> None:
    document = docx.Document()
    cover = document.add_table(rows=2, cols=3)
    cover.cell(0, 0).merge(cover.cell(0, 1)).text = "Approved by governors"
    cover.cell(0, 2).text = "March 2025"
    cover.cell(1, 0).text, cover.cell(1, 1).text, cover.cell(1, 2).text = "Review", "By", "2026"
    assert [line.cells for line in _lines(document, tmp_path)] == [
        ("Approved by governors", "", "March 2025"),
        ("Review", "By", "2026"),
    ]


def test_lettered_items_under_a_numbered_clause_are_first_level_list_items(
    tmp_path: Path,
) -> None:
    document = docx.Document()
    num_id = add_list(document, [("decimal", "%1."), ("decimal", "%1.%2"), ("lowerLetter", "(%3)")])
    number_paragraph(document.add_paragraph("Roles"), num_id, 0)
    number_paragraph(document.add_paragraph("All staff must:"), num_id, 1)
    number_paragraph(document.add_paragraph("read this policy;"), num_id, 2)
    number_paragraph(document.add_paragraph("tell the DSL."), num_id, 2)
    lines = _lines(document, tmp_path)
    assert [(line.number, line.list_level) for line in lines] == [
        ("1", 0),
        ("1.1", 0),
        (None, 1),
        (None, 1),
    ]
