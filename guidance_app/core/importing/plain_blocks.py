"""Plain text to blocks: one block per paragraph, list item or table row, with where it stands.

Plain text knows only words and blank lines. A paragraph is one line or several lines run
together; a line starting with a list mark ("- ", "• ", "1.", "a)") is a list item, a line
starting with a clause number ("2.3 ...", "4.1.15 ...") is a numbered paragraph, a line with tabs
is a table row. Bullet glyphs left by a copy from Word or a PDF (♣, •, , ▪, ➢, a lone "o")
are taken off and listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from guidance_app.core.importing.source import LineKind, RemovedLine

# A list mark: a hyphen, star or plus, or a glyph standing in for one.
GLYPHS = "•▪➢·♣◦●■□◆❖➤►✓✔§"
_PRIVATE_USE = "\uf000-\uf0ff"  # Wingdings bullets pasted from Word land here
_BULLET = re.compile(rf"^(\s*)([-*+{GLYPHS}{_PRIVATE_USE}])\s+(\S.*)$")
_GLYPH_AFTER_MARK = re.compile(rf"^([{GLYPHS}{_PRIVATE_USE}]|o)\s+(\S.*)$")
# "2.3 In this Policy", "4.1.15 ...", "1.0 OVERVIEW", "6.0. EQUAL": a clause number typed in.
_CLAUSE_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+\.?)\s+(\S.*)$")
# "1. Colleagues ...", "2) ...", "a) ...": a numbered list item (or a heading, by its shape).
_ITEM_NUMBER = re.compile(r"^(\d{1,3}[.)]|[a-z][.)]|\([a-z0-9]{1,3}\))\s+(\S.*)$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


@dataclass
class Block:
    """One paragraph, list item, table row or Markdown heading of a text file."""

    kind: LineKind
    text: str
    line_no: int
    number: str | None = None
    list_level: int = 0
    cells: tuple[str, ...] = ()
    heading_level: int | None = None
    blank_before: bool = True
    blank_lines: int = 0  # how many blank lines stand before it
    blank_after: bool = False
    last_line: int = 0
    joined: list[int] = field(default_factory=list)

    @property
    def alone(self) -> bool:
        """A single line with a blank line (or the file's edge) on both sides."""
        return self.blank_before and self.blank_after and self.last_line == self.line_no

    @property
    def where(self) -> str:
        return f"line {self.line_no}"


_LABEL_LINE = re.compile(r"^[^:.]{1,60}:\s+\S[^:]{0,80}$")


def text_blocks(text: str, markdown: bool) -> tuple[list[Block], list[RemovedLine]]:
    """The blocks of a text file in order, and the bullet glyphs taken off them."""
    blocks: list[Block] = []
    removed: list[RemovedLine] = []
    blank = True
    blank_lines = 0
    for index, raw in enumerate(text.split("\n")):
        line_no = index + 1
        if not raw.strip():
            if blocks and not blank:
                blocks[-1].blank_after = True
            blank = True
            blank_lines += 1
            continue
        block = _line_block(raw, line_no, markdown, removed)
        previous = blocks[-1] if blocks and not blank else None
        labels = previous is not None and all(
            _LABEL_LINE.match(part) for part in (previous.text, raw.strip())
        )  # "Date approved: ..." then "Review date: ...": two cover lines, not one paragraph
        if (
            block is None
            and previous is not None
            and previous.kind != LineKind.TABLE_ROW
            and not labels
        ):
            # A wrapped line: it continues the paragraph or list item above it.
            previous.text = f"{previous.text} {raw.strip()}"
            previous.last_line = line_no
        else:
            if block is None:
                block = Block(LineKind.PARAGRAPH, raw.strip(), line_no)
            block.blank_before = blank
            block.blank_lines = blank_lines
            block.last_line = line_no
            blocks.append(block)
        blank = False
        blank_lines = 0
    if blocks:
        blocks[-1].blank_after = True
    return blocks, removed


def _line_block(raw: str, line_no: int, markdown: bool, removed: list[RemovedLine]) -> Block | None:
    """The block a line starts, or None for a plain line (a paragraph, or a wrapped line)."""
    stripped = raw.strip()
    if markdown and (heading := _MD_HEADING.match(stripped)):
        level = len(heading.group(1))
        return Block(LineKind.HEADING, heading.group(2), line_no, heading_level=level)
    cells = tuple(cell.strip() for cell in raw.split("\t") if cell.strip())
    if len(cells) >= 2:
        return Block(LineKind.TABLE_ROW, "\t".join(cells), line_no, cells=cells)
    where = f"line {line_no}"
    if bullet := _BULLET.match(raw):
        indent = len(bullet.group(1).expandtabs(4))
        mark, rest = bullet.group(2), bullet.group(3)
        if mark not in "-*+":
            removed.append(RemovedLine(mark, "bullet glyph, now a list item", where))
        elif glyph := _GLYPH_AFTER_MARK.match(rest):
            removed.append(RemovedLine(glyph.group(1), "bullet glyph after a list mark", where))
            rest = glyph.group(2)
        if indent == 0 and (number := _CLAUSE_NUMBER.match(rest)):
            # "- 2.1 In this Policy ...": a list mark typed before a clause number.
            return Block(LineKind.PARAGRAPH, number.group(2), line_no, number=number.group(1))
        level = min(3, 1 + (indent + 1) // 2)
        return Block(LineKind.LIST_ITEM, rest, line_no, list_level=level)
    if number := _CLAUSE_NUMBER.match(stripped):
        return Block(LineKind.PARAGRAPH, number.group(2), line_no, number=number.group(1))
    if item := _ITEM_NUMBER.match(stripped):
        level = 1 if raw[:1].strip() else 2
        return Block(
            LineKind.LIST_ITEM, item.group(2), line_no, number=item.group(1), list_level=level
        )
    return None
