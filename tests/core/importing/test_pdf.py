"""The PDF reader, on PDFs written in the test by Qt's own PDF writer: a policy's headings,
clauses and bullets come out as lines; the page furniture (running header and footer, page
numbers), ligatures, bullet glyphs and a page break in mid-sentence are taken out and listed;
no word is lost."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from guidance_app.core.importing.pdf import read_pdf
from guidance_app.core.importing.source import LineKind, SourceDocument
from tests.pdf_fixtures import Block, policy_blocks, write_policy_pdf

HEADER = "Westhaven Academy — Child Protection Policy"
FOOTER = "Approved by governors, September 2025"
POLICY = [
    Block("title", "Child Protection Policy"),
    Block("row", "Approved by\tThe full governing body"),
    Block("row", "Date approved\t21/03/2024\tNext review\t21/03/2026"),
    Block("h1", "1 Introduction"),
    Block(
        "para",
        "1.1 This policy sets out how staff keep pupils safe. It applies to every member of "
        "staff, including the o\ufb03ce staff, and to every volunteer.",
    ),
    Block(
        "para",
        "1.2 All staff receive safe-\nguarding training every year: safeguarding is the\n"
        "duty of everyone who works in the school.",
    ),
    Block("h2", "1.3 Recognising concerns"),
    Block("para", "Read the school's Anti-\nBullying Policy too."),
    Block("para", "Staff look out for signs that a child may be at risk, such as:"),
    Block("bullet", "changes in behaviour or mood;"),
    Block("bullet", "unexplained injuries, \ufb01rst noticed by any adult;"),
    Block("bullet2", "especially bruises in places that are hard to knock."),
    Block("h1", "2 Responding to a disclosure"),
    Block(
        "para",
        "2.1 Listen calmly and support the pupil's well-\nbeing, but never promise to keep a "
        "secret.",
    ),
    # the sentence runs from the bottom of page 1 onto the top of page 2
    Block(
        "para",
        "2.2 The designated safeguarding lead must keep every record of a concern\n"
        "in a locked cabinet, and share it only with those who need to know.",
        break_after_line=1,
    ),
    Block("para", "2.3 Staff raise an e\ufb00ective \ufb02ag on the system the same day."),
    Block("h1", "3 Review", break_after_line=0),
    Block("para", "3.1 The governors review this policy every year."),
]


@pytest.fixture
def policy(qapp: QApplication, tmp_path: Path) -> SourceDocument:
    path = tmp_path / "policy.pdf"
    pages = write_policy_pdf(path, POLICY, header=HEADER, footer=FOOTER, title="Child Protection")
    assert pages == 3
    return read_pdf(path)


def _removed(doc: SourceDocument, reason: str) -> list[tuple[str, str]]:
    return [(line.text, line.where) for line in doc.removed if reason in line.reason]


def test_running_header_footer_and_page_numbers_are_removed_and_listed(
    policy: SourceDocument,
) -> None:
    pages = ["page 1", "page 2", "page 3"]
    assert _removed(policy, "running header repeated on 3 pages") == [(HEADER, p) for p in pages]
    assert _removed(policy, "running footer repeated on 3 pages") == [(FOOTER, p) for p in pages]
    assert _removed(policy, "page number") == [(f"Page {n} of 3", f"page {n}") for n in (1, 2, 3)]
    everything = " ".join(line.text for line in policy.lines)
    assert "Westhaven" not in everything and "governors, September" not in everything
    assert "Page" not in everything


@pytest.mark.parametrize("label", ["{n}", "Page {n}", "- {n} -", "{n}/{total}", "{n} of {total}"])
def test_page_numbers_in_each_usual_form_are_removed(
    qapp: QApplication, tmp_path: Path, label: str
) -> None:
    path = tmp_path / "policy.pdf"
    write_policy_pdf(path, POLICY, page_label=label)
    doc = read_pdf(path)
    assert _removed(doc, "page number") == [
        (label.format(n=n, total=3), f"page {n}") for n in (1, 2, 3)
    ]


def test_a_watermark_across_the_pages_is_removed_and_listed(
    qapp: QApplication, tmp_path: Path
) -> None:
    """Its large letters, set at 45 degrees, cross the lines of text they lie under."""
    path = tmp_path / "policy.pdf"
    write_policy_pdf(path, POLICY, watermark="DRAFT")
    doc = read_pdf(path)
    assert _removed(doc, "text set at an angle or sideways") == [
        ("DRAFT", f"page {n}") for n in (1, 2, 3)
    ]
    texts = {line.number: line.text for line in doc.lines}
    assert texts["2.3"] == "Staff raise an effective flag on the system the same day."
    assert not any("D" in line.text.split() for line in doc.lines)
    assert "DRAFT" in doc.source_text


def test_ligatures_are_written_as_letters_each_kind_listed_once(policy: SourceDocument) -> None:
    # Qt's text shaping also sets "ff" in "staff" as one glyph, as Word's PDF export does
    assert [(r.text, r.reason, r.where) for r in policy.removed if "ligature" in r.reason] == [
        ("ﬀ", "ligature ﬀ written as ff (7 times)", "pages 1-2"),
        ("ﬁ", "ligature ﬁ written as fi (once)", "page 1"),
        ("ﬂ", "ligature ﬂ written as fl (once)", "page 2"),
        ("ﬃ", "ligature ﬃ written as ffi (once)", "page 1"),
    ]
    texts = {line.number: line.text for line in policy.lines}
    assert "the office staff" in texts["1.1"]
    assert texts["2.3"] == "Staff raise an effective flag on the system the same day."
    assert not any(c in "ﬀﬁﬂﬃﬄﬅﬆ" for line in policy.lines for c in line.text)
    assert "\ufb01" in policy.source_text  # the source text keeps the words as found


def test_a_sentence_split_by_a_page_break_is_one_paragraph_again(policy: SourceDocument) -> None:
    [line] = [line for line in policy.lines if line.number == "2.2"]
    assert line.text == (
        "The designated safeguarding lead must keep every record of a concern in a locked "
        "cabinet, and share it only with those who need to know."
    )
    assert line.where == "page 1"
    assert _removed(policy, "paragraph split by a page break joined across pages 1-2") == [
        ("", "page 1")
    ]


def test_headings_with_their_levels_and_the_clause_numbers_typed_in_the_text(
    policy: SourceDocument,
) -> None:
    headings = [
        (line.number, line.text, line.heading_level)
        for line in policy.lines
        if line.kind is LineKind.HEADING
    ]
    assert headings == [
        (None, "Child Protection Policy", 1),
        ("1", "Introduction", 2),
        ("1.3", "Recognising concerns", 3),
        ("2", "Responding to a disclosure", 2),
        ("3", "Review", 2),
    ]
    clauses = [line.number for line in policy.lines if line.kind is LineKind.PARAGRAPH]
    assert clauses == ["1.1", "1.2", None, None, "2.1", "2.2", "2.3", "3.1"]
    assert [line.where for line in policy.lines][-2:] == ["page 3", "page 3"]


def test_bullets_become_list_items_with_levels_and_each_glyph_is_listed(
    policy: SourceDocument,
) -> None:
    items = [
        (line.text, line.list_level) for line in policy.lines if line.kind is LineKind.LIST_ITEM
    ]
    assert items == [
        ("changes in behaviour or mood;", 1),
        ("unexplained injuries, first noticed by any adult;", 1),
        ("especially bruises in places that are hard to knock.", 2),
    ]
    assert _removed(policy, "bullet glyph") == [("•", "page 1"), ("•", "page 1"), ("◦", "page 1")]


def test_a_table_s_rows_keep_their_cells(policy: SourceDocument) -> None:
    rows = [line for line in policy.lines if line.kind is LineKind.TABLE_ROW]
    assert [(row.cells, row.text, row.where) for row in rows] == [
        (
            ("Approved by", "The full governing body"),
            "Approved by\tThe full governing body",
            "page 1",
        ),
        (
            ("Date approved", "21/03/2024", "Next review", "21/03/2026"),
            "Date approved\t21/03/2024\tNext review\t21/03/2026",
            "page 1",
        ),
    ]


@pytest.mark.parametrize(
    ("glyph", "read_back"),
    [("▪", "▪"), ("♣", "♣"), ("-", "-"), ("➢", "➢"), ("\uf0b7", "\x00")],
    ids=["square", "club", "dash", "arrow", "Symbol-font bullet"],
)
def test_each_kind_of_bullet_glyph_is_taken_off_its_item(
    qapp: QApplication, tmp_path: Path, glyph: str, read_back: str
) -> None:
    """Word's Symbol-font bullet is in a private part of Unicode with no letter in the font:
    it reads back as a character that is no letter at all."""
    path = tmp_path / "policy.pdf"
    item = "tell the designated safeguarding lead;"
    items = [Block("bullet", item, glyph=glyph), Block("bullet", item, 0, glyph)]  # on 2 pages
    write_policy_pdf(path, [Block("para", "Staff who are worried:"), *items])
    doc = read_pdf(path)
    assert [(line.kind, line.text, line.list_level) for line in doc.lines[1:]] == [
        (LineKind.LIST_ITEM, "tell the designated safeguarding lead;", 1)
    ] * 2
    assert _removed(doc, "bullet glyph") == [(read_back, "page 1"), (read_back, "page 2")]


def test_a_line_end_hyphen_is_joined_only_when_the_whole_word_is_in_the_document(
    policy: SourceDocument,
) -> None:
    texts = {line.number: line.text for line in policy.lines}
    assert texts["1.2"] == (
        "All staff receive safeguarding training every year: safeguarding is the duty of "
        "everyone who works in the school."
    )
    assert _removed(policy, "joined as safeguarding") == [("safe- guarding", "page 1")]
    assert "support the pupil's well-being, but" in texts["2.1"]  # "wellbeing" is nowhere
    assert "Read the school's Anti-Bullying Policy too." in [line.text for line in policy.lines]


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower()))


def test_no_word_is_lost(policy: SourceDocument) -> None:
    """Every word found on the pages is in the lines (with their numbers) or the removed lines."""
    kept = _words(" ".join(f"{line.number or ''} {line.text}" for line in policy.lines))
    removed = _words(" ".join(line.text for line in policy.removed))
    found = _words(policy.source_text)
    assert "safe" in found and "office" in found  # the check sees the words as found
    assert found - kept - removed == set()
    assert policy.kind == "PDF"


def test_the_title_recorded_in_the_pdf_s_properties(policy: SourceDocument) -> None:
    assert policy.title == "Child Protection"


@pytest.mark.parametrize("recorded", ["Microsoft Word - CP policy v3.docx", "cp-policy.doc", ""])
def test_a_title_that_is_only_a_file_name_is_no_title(
    qapp: QApplication, tmp_path: Path, recorded: str
) -> None:
    path = tmp_path / "policy.pdf"
    write_policy_pdf(path, POLICY[:3], title=recorded)
    assert read_pdf(path).title is None


KINDS = {
    "title": (LineKind.HEADING, 1, 0),
    "h1": (LineKind.HEADING, 2, 0),
    "h2": (LineKind.HEADING, 3, 0),
    "para": (LineKind.PARAGRAPH, None, 0),
    "bullet": (LineKind.LIST_ITEM, None, 1),
    "bullet2": (LineKind.LIST_ITEM, None, 2),
}


def test_a_realistic_policy_comes_back_block_for_block(qapp: QApplication, tmp_path: Path) -> None:
    """Four pages of numbered sections, clauses and two levels of bullets, paragraphs running
    over page breaks: each block drawn is one line read, with its number, kind and level."""
    blocks = policy_blocks(pages=4)
    path = tmp_path / "policy.pdf"
    assert write_policy_pdf(path, blocks) >= 4
    doc = read_pdf(path)
    wanted = []
    for block in blocks:
        kind, heading_level, list_level = KINDS[block.kind]
        number, _, rest = block.text.partition(" ")
        if not re.fullmatch(r"\d+(\.\d+)*", number):
            number, rest = "", block.text
        text = unicodedata.normalize("NFKC", rest)
        wanted.append((kind, number or None, text, heading_level, list_level))
    got = [
        (line.kind, line.number, line.text, line.heading_level, line.list_level)
        for line in doc.lines
    ]
    assert got == wanted
    assert any("joined across pages" in line.reason for line in doc.removed)
    kept = _words(" ".join(f"{line.number or ''} {line.text}" for line in doc.lines))
    assert _words(doc.source_text) - kept - _words(" ".join(r.text for r in doc.removed)) == set()
