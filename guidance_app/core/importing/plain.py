"""Reading a plain text (.txt) or Markdown (.md) policy.

Text copied out of Word or a PDF carries the page furniture with it: a running header repeated
at every page break (sometimes in the middle of a sentence), page numbers, a table of contents.
These are taken out and listed, a sentence a page break split is joined again, and headings are
found by their shape (see shape.py), since plain text has no styles.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from guidance_app.core.importing.plain_blocks import Block, text_blocks
from guidance_app.core.importing.reading import read_import_bytes
from guidance_app.core.importing.shape import find_headings
from guidance_app.core.importing.source import LineKind, RemovedLine, SourceDocument, SourceLine
from guidance_app.core.importing.text_decode import decode_text

# A running header or footer is short and comes back at least this often.
MIN_REPEATS = 3
MAX_HEADER_WORDS = 12
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?\d{1,4}(?:\s+(?:of|/)\s+\d{1,4})?$|^-\s*\d{1,4}\s*-$", re.I
)
_CONTENTS = re.compile(r"^(?:table of )?contents:?$", re.I)
_TOC_ENTRY = re.compile(r"(?:\.{3,}|…+|\t)\s*\d{1,4}$")
_SENTENCE_END = ".!?:"
MAX_BOX_WORDS = 12
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_LABEL = re.compile(r"^[^:]{1,60}:\s+\S")


def read_plain(path: Path) -> SourceDocument:
    """A .txt or .md file as lines for the draft writer."""
    markdown = path.suffix.lower() == ".md"
    kind = "Markdown file" if markdown else "text file"
    text = decode_text(read_import_bytes(path), kind)
    return plain_document(text, kind, markdown)


def plain_document(text: str, kind: str, markdown: bool = False) -> SourceDocument:
    """The document in `text` (already decoded)."""
    removed: list[RemovedLine] = []
    blocks, glyphs = text_blocks(_spell_out_ligatures(text, removed), markdown)
    removed[:0] = glyphs
    title = _take_running_headers(blocks, removed)
    _take_page_furniture(blocks, removed)
    _rejoin_split_sentences(blocks, removed)
    headings = find_headings(blocks) if not markdown else set()
    _group_boxes(blocks, headings)
    lines = tuple(_source_line(block, id(block) in headings) for block in blocks)
    return SourceDocument(lines, tuple(removed), text, kind, title)


def _spell_out_ligatures(text: str, removed: list[RemovedLine]) -> str:
    """Spell out "ﬁ", "ﬂ", "ﬀ" (one character each, from a PDF's fonts) as their letters, so
    search and staff see "find", not "ﬁnd"; each kind is listed once, where first seen."""
    for ligature, letters in _LIGATURES.items():
        at = text.find(ligature)
        if at >= 0:
            line = text.count("\n", 0, at) + 1
            count = text.count(ligature)
            times = "once" if count == 1 else f"{count} times"
            reason = f"ligature {ligature} written as {letters} ({times})"
            removed.append(RemovedLine("", reason, f"line {line}"))
            text = text.replace(ligature, letters)
    return text


def _source_line(block: Block, by_shape: bool) -> SourceLine:
    kind = LineKind.HEADING if by_shape else block.kind
    return SourceLine(
        text=block.text,
        kind=kind,
        where=block.where,
        number=block.number,
        heading_level=block.heading_level,
        list_level=block.list_level if kind == LineKind.LIST_ITEM else 0,
        cells=block.cells,
        guessed=by_shape,
    )


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _take_running_headers(blocks: list[Block], removed: list[RemovedLine]) -> str | None:
    """Take out a short line repeated on its own at least MIN_REPEATS times; where it is the
    document's first line it is the title, kept once."""
    counts = Counter(
        _key(b.text)
        for b in blocks
        if b.alone and b.kind == LineKind.PARAGRAPH and len(b.text.split()) <= MAX_HEADER_WORDS
    )
    repeated = {text for text, count in counts.items() if count >= MIN_REPEATS}
    title: str | None = None
    keep: list[Block] = []
    for index, block in enumerate(blocks):
        key = _key(block.text)
        if key in repeated and block.alone and block.kind == LineKind.PARAGRAPH:
            if index == 0 and title is None:
                title = block.text
                continue
            reason = f"running header or footer, repeated {counts[key]} times"
            removed.append(RemovedLine(block.text, reason, block.where))
            continue
        keep.append(block)
    blocks[:] = keep
    return title


def _take_page_furniture(blocks: list[Block], removed: list[RemovedLine]) -> None:
    """Page numbers standing alone, and a table of contents (its heading and its entries)."""
    keep: list[Block] = []
    in_contents = False
    for block in blocks:
        text = block.text.strip()
        if block.alone and _PAGE_NUMBER.match(text):
            removed.append(RemovedLine(text, "page number", block.where))
            continue
        if block.alone and _CONTENTS.match(text):
            removed.append(RemovedLine(text, "heading of a table of contents", block.where))
            in_contents = True
            continue
        raw = "\t".join(block.cells) if block.cells else text
        if in_contents and _TOC_ENTRY.search(raw):
            removed.append(
                RemovedLine(raw, "table of contents entry with a page number", block.where)
            )
            continue
        in_contents = False
        keep.append(block)
    blocks[:] = keep


def _rejoin_split_sentences(blocks: list[Block], removed: list[RemovedLine]) -> None:
    """A paragraph that stops mid-sentence (no full stop) followed by one that starts in lower
    case is one sentence a page break (or a removed header) split: join it again."""
    keep: list[Block] = []
    for block in blocks:
        before = keep[-1] if keep else None
        if (
            before is not None
            and before.kind == LineKind.PARAGRAPH
            and block.kind == LineKind.PARAGRAPH
            and block.number is None
            and len(before.text.split()) > 6
            and before.text.rstrip()[-1:] not in _SENTENCE_END
            and block.text[:1].islower()
        ):
            before.text = f"{before.text} {block.text}"
            before.blank_after = block.blank_after
            before.last_line = block.last_line
            reason = (
                f"a sentence split between lines {before.line_no} and {block.line_no}, rejoined"
            )
            removed.append(RemovedLine("", reason, before.where))
            continue
        keep.append(block)
    blocks[:] = keep


def _box_line(block: Block, headings: set[int]) -> bool:
    text = block.text.rstrip()
    return (
        block.alone
        and block.kind == LineKind.PARAGRAPH
        and block.number is None
        and id(block) not in headings
        and len(text.split()) <= MAX_BOX_WORDS
        and text[-1:] not in ".!?;:"
        and not _LABEL.match(text)
    )


def _group_boxes(blocks: list[Block], headings: set[int]) -> None:
    """Short lines that are not sentences, one blank line apart, with wider gaps around the
    group (a flow chart's boxes, a quotation and its reference): one paragraph of several
    lines, which the draft keeps together as one clause."""
    keep: list[Block] = []
    for block in blocks:
        before = keep[-1] if keep else None
        if (
            before is not None
            and block.blank_lines == 1
            and _box_line(block, headings)
            and (
                _box_line(before, headings)
                or (before.kind == LineKind.PARAGRAPH and "\n" in before.text)
            )
        ):
            before.text = f"{before.text}\n{block.text}"
            continue
        keep.append(block)
    blocks[:] = keep
