"""The plain text reader: headings by shape, lists, clause numbers, tables, and page furniture
taken out and listed."""

from __future__ import annotations

from pathlib import Path

from guidance_app.core.importing.plain import plain_document, read_plain
from guidance_app.core.importing.source import LineKind, SourceDocument

HEADER = "Online Safety Policy – May 2024"
LONG = "Staff must not accept friend requests from pupils on any social networking site."


def _kinds(document: SourceDocument) -> list[tuple[str, str, str | None]]:
    return [(line.kind.name, line.text, line.number) for line in document.lines]


def test_a_running_header_is_removed_and_listed_and_the_sentence_it_split_rejoined() -> None:
    text = f"""{HEADER}

Purpose

{LONG} Staff who receive a request from a pupil should decline it and

{HEADER}

tell the designated safeguarding lead the same day.

Scope

{LONG}

{HEADER}

{LONG}
"""
    document = plain_document(text, "text file")
    assert document.title == HEADER
    assert _kinds(document) == [
        ("HEADING", "Purpose", None),
        (
            "PARAGRAPH",
            f"{LONG} Staff who receive a request from a pupil should decline it and "
            "tell the designated safeguarding lead the same day.",
            None,
        ),
        ("HEADING", "Scope", None),
        ("PARAGRAPH", LONG, None),
        ("PARAGRAPH", LONG, None),
    ]
    headers = [r for r in document.removed if r.text == HEADER]
    assert [r.where for r in headers] == ["line 7", "line 15"]
    assert all("repeated 3 times" in r.reason for r in headers)
    assert any("rejoined" in r.reason for r in document.removed)


def test_page_numbers_and_a_table_of_contents_are_removed_and_listed() -> None:
    text = f"""Contents

1. Aims\t2
2. Scope\t3

1. Aims

{LONG}

Page 2 of 3

2. Scope

{LONG}

3
"""
    document = plain_document(text, "text file")
    assert _kinds(document) == [
        ("HEADING", "Aims", "1."),
        ("PARAGRAPH", LONG, None),
        ("HEADING", "Scope", "2."),
        ("PARAGRAPH", LONG, None),
    ]
    assert [(r.text, r.reason) for r in document.removed] == [
        ("Contents", "heading of a table of contents"),
        ("1. Aims\t2", "table of contents entry with a page number"),
        ("2. Scope\t3", "table of contents entry with a page number"),
        ("Page 2 of 3", "page number"),
        ("3", "page number"),
    ]


def test_lists_numbers_glyphs_and_tables() -> None:
    text = """Approved on:\t21/03/2024
Date of next review\t21/03/2026

4.0 USE OF SITES

4.1 Colleagues at the school shall:

- ♣ keep their accounts private
 - o check their settings
• never add pupils
1. Colleagues must not access sites in lessons.
a) unless a lesson needs it

- 4.2 A list mark typed before a clause number.
"""
    document = plain_document(text, "text file")
    got = [(line.kind, line.text, line.number, line.list_level) for line in document.lines]
    assert got == [
        (LineKind.TABLE_ROW, "Approved on:\t21/03/2024", None, 0),
        (LineKind.TABLE_ROW, "Date of next review\t21/03/2026", None, 0),
        (LineKind.HEADING, "USE OF SITES", "4.0", 0),
        (LineKind.PARAGRAPH, "Colleagues at the school shall:", "4.1", 0),
        (LineKind.LIST_ITEM, "keep their accounts private", None, 1),
        (LineKind.LIST_ITEM, "check their settings", None, 2),
        (LineKind.LIST_ITEM, "never add pupils", None, 1),
        (LineKind.LIST_ITEM, "Colleagues must not access sites in lessons.", "1.", 1),
        (LineKind.LIST_ITEM, "unless a lesson needs it", "a)", 1),
        (LineKind.PARAGRAPH, "A list mark typed before a clause number.", "4.2", 0),
    ]
    assert document.lines[0].cells == ("Approved on:", "21/03/2024")
    assert [(r.text, r.where) for r in document.removed] == [
        ("♣", "line 8"),
        ("o", "line 9"),
        ("•", "line 10"),
    ]


def test_short_lines_that_head_nothing_are_not_headings() -> None:
    text = f"""Safeguarding and Child Protection

Friendships with students

{LONG}

This policy aims to:

- keep pupils safe

Referral made

Case closed

Scope

{LONG}
"""
    document = plain_document(text, "text file")
    headings = [
        (line.text, line.heading_level) for line in document.lines if line.kind == LineKind.HEADING
    ]
    assert headings == [
        ("Safeguarding and Child Protection", 1),
        ("Friendships with students", 2),
        ("Scope", 2),
    ]
    assert all(line.guessed for line in document.lines if line.kind == LineKind.HEADING)
    boxes = [line.text for line in document.lines if line.text.startswith("Referral")]
    assert boxes == ["Referral made\nCase closed"]  # one clause of two lines


def test_windows_text_and_markdown_headings(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    path.write_bytes(f"Aims\r\n\r\n{LONG} Staff\u2019s duty.\r\n".encode("cp1252"))
    document = read_plain(path)
    assert _kinds(document) == [
        ("HEADING", "Aims", None),
        ("PARAGRAPH", f"{LONG} Staff\u2019s duty.", None),
    ]
    markdown = tmp_path / "policy.md"
    markdown.write_text(f"# Online safety\n\n## Aims\n\n{LONG}\n\n- one\n  - two\n", "utf-8")
    document = read_plain(markdown)
    assert [
        (line.kind.name, line.text, line.heading_level, line.list_level) for line in document.lines
    ] == [
        ("HEADING", "Online safety", 1, 0),
        ("HEADING", "Aims", 2, 0),
        ("PARAGRAPH", LONG, None, 0),
        ("LIST_ITEM", "one", None, 1),
        ("LIST_ITEM", "two", None, 2),
    ]
    assert document.kind == "Markdown file"


def test_ligatures_are_spelt_out_and_listed() -> None:
    document = plain_document(f"Aims\n\n{LONG} The ﬁrst ﬂag is diﬃcult to ﬁnd.\n", "text file")
    assert document.lines[1].text == f"{LONG} The first flag is difficult to find."
    assert sorted(r.reason for r in document.removed) == [
        "ligature ﬁ written as fi (2 times)",
        "ligature ﬂ written as fl (once)",
        "ligature ﬃ written as ffi (once)",
    ]


def test_notepad_unicode_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    path.write_bytes(f"Aims\r\n\r\n{LONG} Staff\u2019s duty.\r\n".encode("utf-16"))
    assert _kinds(read_plain(path)) == [
        ("HEADING", "Aims", None),
        ("PARAGRAPH", f"{LONG} Staff\u2019s duty.", None),
    ]


def test_cover_lines_one_under_another_stay_apart_and_a_wrapped_sentence_joins() -> None:
    text = """Anti-Bullying Policy

Date approved: 1 September 2025
Review date: 1 September 2026

Purpose

Staff must report bullying
to the DSL: the same day.
"""
    lines = _kinds(plain_document(text, "text file"))
    assert ("PARAGRAPH", "Date approved: 1 September 2025", None) in lines
    assert ("PARAGRAPH", "Review date: 1 September 2026", None) in lines
    assert ("PARAGRAPH", "Staff must report bullying to the DSL: the same day.", None) in lines
