"""A PDF's cleaned lines as a policy's headings, paragraphs and list items.

Lines become one paragraph while they follow each other at the body's line spacing in the same
font; a wider gap, another font, a bullet glyph or a clause number ("3.2") starts a new one.
A heading is larger than the body text, or bold at the body's size and short; its level is its
font's rank among the headings' fonts (largest first). A paragraph that a page break cut in two
(the first part does not end a sentence) is joined again, and listed; so is a word that a hyphen
split at a line's end, when the whole word is found elsewhere in the document.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from guidance_app.core.importing.pdf_layout import PdfLine, PdfWord, segments
from guidance_app.core.importing.source import LineKind, RemovedLine, SourceLine

# The glyphs lists are drawn with; "\uf0b7", "\uf0a7", "\uf076", "\uf0d8", "\uf0fc" are Word's
# Symbol and Wingdings bullets as they read back from a PDF without a Unicode map for them.
BULLETS = frozenset("•▪◦♣●○■□➢►✓❖–-\uf0b7\uf0a7\uf076\uf0d8\uf0fc")
_NUMBER = re.compile(r"(\d{1,3}(?:\.\d{1,3})+)\.?\s+(?=\S)|(\d{1,3})[.)]\s+(?=\S)")
_UNMAPPED = re.compile(r"\(cid:\d+\)|[\x00-\x1f]")
_BARE_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*[.)]?")
_HEADING_NUMBER = re.compile(r"(\d{1,3})\s+(?=[A-Z])")  # "1 Introduction", in a heading only
_ENDS_SENTENCE = re.compile(r"[.!?:;][\"'”’)]*$")
_SPLIT_WORD = re.compile(r"([A-Za-z]+)-$")
_WORD = re.compile(r"[a-z]+")
PARAGRAPH_GAP = 1.35  # a gap over this many line pitches between two lines starts a paragraph
MAX_HEADING_WORDS = 25
MAX_BOLD_HEADING_WORDS = 15


@dataclass
class _Block:
    lines: list[PdfLine]
    kind: LineKind
    list_x: float = 0.0  # a list item's glyph position, for its level
    glyph: str = ""
    text_parts: list[str] = field(default_factory=list)
    cells: tuple[str, ...] = ()  # a table row's cells

    @property
    def first(self) -> PdfLine:
        return self.lines[0]

    @property
    def last(self) -> PdfLine:
        return self.lines[-1]

    @property
    def text(self) -> str:
        return " ".join(self.text_parts)


def build_lines(pages: Sequence[Sequence[PdfLine]]) -> tuple[list[SourceLine], list[RemovedLine]]:
    """The document's lines in reading order, and the glyphs, joins and hyphens it removed."""
    every = [line for lines in pages for line in lines]
    if not every:
        return [], []
    letters: Counter[float] = Counter()
    for line in every:
        letters[line.size] += len(line.text)
    body = letters.most_common(1)[0][0]  # the size most of the document's letters have
    pitch = _line_pitch(pages, body)
    removed: list[RemovedLine] = []
    blocks = [block for lines in pages for block in _blocks(lines, body, pitch, removed)]
    vocabulary = {word for line in every for word in _WORD.findall(line.text.lower())}
    for block in blocks:
        _join_lines(block, vocabulary, removed)
    blocks = _join_across_pages(blocks, vocabulary, removed)
    return _source_lines(blocks, body), removed


def _line_pitch(pages: Sequence[Sequence[PdfLine]], body: float) -> float:
    """The most common distance between the baselines of two body lines in a row."""
    steps: Counter[float] = Counter()
    for lines in pages:
        for above, below in itertools.pairwise(lines):
            if above.size == body == below.size:
                steps[round(below.bottom - above.bottom, 1)] += 1
    common = [step for step, _ in steps.most_common() if step > 0]
    return common[0] if common else body * 1.2


def _blocks(
    lines: Sequence[PdfLine], body: float, pitch: float, removed: list[RemovedLine]
) -> list[_Block]:
    blocks: list[_Block] = []
    for line in lines:
        glyph = _glyph(line)
        if glyph:
            removed.append(RemovedLine(glyph, "bullet glyph", line.where))
            first, *others = line.words
            words = others if first.text == glyph else [_without_first_char(first), *others]
            block = _Block([line], LineKind.LIST_ITEM, line.x0, glyph)
            block.text_parts.append(" ".join(word.text for word in words))
            blocks.append(block)
            continue
        cells = _cells(line)
        if len(cells) > 1:
            blocks.append(_Block([line], LineKind.TABLE_ROW, text_parts=[line.text], cells=cells))
            continue
        if blocks and _continues(blocks[-1], line, body, pitch):
            blocks[-1].lines.append(line)
            blocks[-1].text_parts.append(line.text)
            continue
        block = _Block([line], LineKind.PARAGRAPH)
        block.text_parts.append(line.text)
        blocks.append(block)
    return blocks


def _cells(line: PdfLine) -> tuple[str, ...]:
    """A line's parts far apart from each other, as a table's cells or a cover's "Approved:
    ... Review date: ..." set at tab stops. A clause number set apart by a tab from its text
    ("3.2<tab>Staff must") is not a table."""
    parts = tuple(part.text for part in segments(line))
    if len(parts) == 2 and _BARE_NUMBER.fullmatch(parts[0]):
        return (line.text,)
    return parts


def _without_first_char(word: PdfWord) -> PdfWord:
    return replace(word, text=word.text[1:])


def _glyph(line: PdfLine) -> str:
    """The bullet glyph the line starts with: a word of its own, or stuck to the first word
    ("•Staff"); a dash only as a word of its own (a leading "-3" is a number). A symbol the PDF
    has no letter for, alone before the line's words, is a bullet too: Word's Symbol-font bullet
    reads back as "(cid:183)" or a control character from a PDF without a Unicode map."""
    first = line.words[0].text
    if len(line.words) > 1 and (first in BULLETS or _UNMAPPED.fullmatch(first)):
        return first
    if len(first) > 1 and first[0] in BULLETS - {"-", "–"} and first[1].isalnum():
        return first[0]
    return ""


def _continues(block: _Block, line: PdfLine, body: float, pitch: float) -> bool:
    """Whether the line carries on the block above it rather than starting a new one."""
    last = block.last
    if block.kind is LineKind.TABLE_ROW:
        return False
    if line.size != last.size or line.bold != last.bold or _NUMBER.match(line.text):
        return False
    size_pitch = pitch * line.size / body
    if line.bottom - last.bottom > PARAGRAPH_GAP * size_pitch:
        return False
    if block.kind is LineKind.LIST_ITEM:
        text_x = last.words[1].x0 if last.words[0].text == block.glyph else last.x0
        return line.x0 >= text_x - 2.0 if len(block.lines) == 1 else abs(line.x0 - last.x0) < 2.0
    # a first-line indent starts a paragraph; wrapped lines start where the one above does
    return line.x0 <= last.x0 + 2.0 if len(block.lines) > 1 else line.x0 <= last.x0 + line.size


def _join_lines(block: _Block, vocabulary: set[str], removed: list[RemovedLine]) -> None:
    parts = block.text_parts
    joined = [parts[0]]
    for part, line in zip(parts[1:], block.lines[1:], strict=True):
        joined[-1] = _joined(joined[-1], part, line.where, vocabulary, removed)
    block.text_parts = joined


def _joined(
    left: str, right: str, where: str, vocabulary: set[str], removed: list[RemovedLine]
) -> str:
    """Two lines as one; a word split by a hyphen at the line's end is made whole when it is a
    word found elsewhere in the document ("safe-" "guarding"), else its hyphen stays, as it
    does before a capital ("Anti-" "Bullying")."""
    split = _SPLIT_WORD.search(left)
    if split is None or not right[:1].isalpha():
        return f"{left} {right}"
    if not right[:1].islower():
        return left + right
    head, tail = split.group(1), right.split(" ", 1)[0]
    rest = _WORD.match(tail)
    whole = head + rest.group(0) if rest else ""
    if whole.lower() in vocabulary:
        reason = f"word split at a line's end joined as {whole}"
        removed.append(RemovedLine(f"{head}- {tail}", reason, where))
        return left[: split.start()] + head + right
    return left + right


def _join_across_pages(
    blocks: list[_Block], vocabulary: set[str], removed: list[RemovedLine]
) -> list[_Block]:
    out: list[_Block] = []
    for block in blocks:
        before = out[-1] if out else None
        if before is not None and _split_by_page_break(before, block):
            pages = f"{before.last.page}-{block.first.page}"
            removed.append(
                RemovedLine(
                    "",
                    f"paragraph split by a page break joined across pages {pages}",
                    before.last.where,
                )
            )
            before.text_parts = [
                _joined(before.text, block.text, block.first.where, vocabulary, removed)
            ]
            before.lines.extend(block.lines)
            continue
        out.append(block)
    return out


def _split_by_page_break(before: _Block, block: _Block) -> bool:
    if block.first.page != before.last.page + 1 or block.kind is not LineKind.PARAGRAPH:
        return False
    if before.kind is LineKind.TABLE_ROW:
        return False
    if _ENDS_SENTENCE.search(before.text) or _NUMBER.match(block.text):
        return False
    if block.first.size != before.last.size or block.first.bold != before.last.bold:
        return False
    if block.text[:1].islower():
        return True
    # the same paragraph carried on: it starts where the lines above it started
    return before.kind is LineKind.PARAGRAPH and abs(block.first.x0 - before.last.x0) < 2.0


def _source_lines(blocks: Sequence[_Block], body: float) -> list[SourceLine]:
    headings = [block for block in blocks if _is_heading(block, body)]
    fonts = sorted({_font(block) for block in headings}, reverse=True)
    glyph_xs = sorted({round(block.list_x) for block in blocks if block.glyph})
    out: list[SourceLine] = []
    for block in blocks:
        text = block.text.strip()
        where = block.first.where
        if block.kind is LineKind.LIST_ITEM:
            level = _rank(glyph_xs, round(block.list_x))
            out.append(SourceLine(text, LineKind.LIST_ITEM, where, list_level=min(level, 3)))
            continue
        if block.kind is LineKind.TABLE_ROW:
            row = "\t".join(block.cells)
            out.append(SourceLine(row, LineKind.TABLE_ROW, where, cells=block.cells))
            continue
        heading = block in headings
        number, text = _number(text, heading)
        if heading:
            level = fonts.index(_font(block)) + 1
            out.append(SourceLine(text, LineKind.HEADING, where, number, heading_level=level))
        else:
            out.append(SourceLine(text, LineKind.PARAGRAPH, where, number))
    return out


def _is_heading(block: _Block, body: float) -> bool:
    if block.kind is not LineKind.PARAGRAPH:
        return False
    words = len(block.text.split())
    if block.first.size > body + 0.5:
        return words <= MAX_HEADING_WORDS
    return (
        block.first.bold
        and block.first.size >= body
        and words <= MAX_BOLD_HEADING_WORDS
        and not block.text.rstrip().endswith(".")
    )


def _font(block: _Block) -> tuple[float, bool]:
    return (block.first.size, block.first.bold)


def _rank(values: Sequence[int], value: int) -> int:
    """1 for the leftmost glyph position, 2 for the next one more than a few points right..."""
    rank = 1
    for previous, current in itertools.pairwise(values):
        if current > value:
            break
        if current - previous > 4:
            rank += 1
    return rank


def _number(text: str, heading: bool) -> tuple[str | None, str]:
    found = _NUMBER.match(text) or (_HEADING_NUMBER.match(text) if heading else None)
    if found is None:
        return None, text
    return next(group for group in found.groups() if group), text[found.end() :]
