"""PDF policies made with Qt's own PDF writer, for the PDF reader's tests and `make bench`.

A policy is a list of blocks (a title, headings, paragraphs, bullets) laid out on A4 pages the way
a word processor would: wrapped to the page width, flowing onto the next page when one is full
(so a paragraph may run from the bottom of one page to the top of the next), with a running
header and footer and "Page N of M" on every page. Text is drawn as text, so the PDF has a real
text layer with each line's font size and weight, as a policy saved as PDF from Word does.

    write_policy_pdf(path, policy_blocks(pages=50))   # a realistic policy of about 50 pages
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPageSize, QPainter, QPdfWriter

PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0  # A4 in points (the writer runs at 72 dpi)
LEFT, RIGHT, TOP, BOTTOM = 72.0, 72.0, 90.0, 90.0  # body margins; header and footer sit outside
FAMILY = "DejaVu Sans"
# kind: (point size, bold, space before, indent of the first line's text)
STYLES = {
    "title": (22.0, True, 0.0, 0.0),
    "h1": (15.0, True, 14.0, 0.0),
    "h2": (12.5, True, 10.0, 0.0),
    "para": (10.5, False, 7.0, 0.0),
    "bullet": (10.5, False, 3.0, 18.0),
    "bullet2": (10.5, False, 3.0, 36.0),
    "row": (10.5, False, 3.0, 0.0),  # a table row: its cells at the column stops
}
COLUMN = 160.0  # the distance between a table's columns
BULLET_GLYPHS = {"bullet": "•", "bullet2": "◦"}


@dataclass(frozen=True)
class Block:
    """One title, heading, paragraph, bullet, table "row" (its cells apart by tabs in `text`)
    or "picture" (a page that is only a picture).
    A "\\n" in `text` ends a line exactly there (to place a hyphen at a line's end); otherwise
    the text is wrapped to the page width. `break_after_line` starts a new page after that many
    of its lines (a page break in mid-sentence)."""

    kind: str
    text: str
    break_after_line: int | None = None  # start a new page after this many of its lines
    glyph: str | None = None  # a bullet's own glyph, instead of the usual one for its level


@dataclass(frozen=True)
class _Line:
    kind: str
    text: str
    x: float
    baseline: float


def write_policy_pdf(
    path: Path,
    blocks: Sequence[Block],
    header: str = "Westhaven Academy — Child Protection Policy",
    footer: str = "Approved by governors, September 2025",
    title: str = "",
    page_label: str = "Page {n} of {total}",
    watermark: str = "",
) -> int:
    """Writes the blocks as a PDF at `path` (with `title` in its properties, as Word records
    the document's title); returns its number of pages."""
    pages = _layout(blocks)
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    painter = QPainter(writer)
    try:
        for number, lines in enumerate(pages, start=1):
            if number > 1:
                writer.newPage()
            painter.setFont(_font("para", size=8.5))
            painter.drawText(QPointF(LEFT, 45.0), header)
            painter.drawText(QPointF(LEFT, PAGE_HEIGHT - 45.0), footer)
            label = page_label.format(n=number, total=len(pages))
            width = QFontMetricsF(painter.font()).horizontalAdvance(label)
            painter.drawText(QPointF(PAGE_WIDTH - RIGHT - width, PAGE_HEIGHT - 45.0), label)
            if watermark:  # across the middle of the page, at 45 degrees, under the text
                painter.save()
                painter.translate(PAGE_WIDTH / 2 - 150.0, PAGE_HEIGHT / 2 + 150.0)
                painter.rotate(-45.0)
                painter.setFont(_font("title", size=60.0))
                painter.drawText(QPointF(0.0, 0.0), watermark)
                painter.restore()
            for line in lines:
                if line.kind == "picture":
                    painter.drawImage(QRectF(LEFT, TOP, 400.0, 560.0), _scanned_page())
                    continue
                painter.setFont(_font(line.kind))
                painter.drawText(QPointF(line.x, line.baseline), line.text)
    finally:
        painter.end()
    return len(pages)


def write_scan_pdf(path: Path, pages: int = 2) -> None:
    """A PDF whose pages are pictures only (as a scanner makes): no text layer at all."""
    image = _scanned_page()
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    painter = QPainter(writer)
    try:
        for number in range(pages):
            if number:
                writer.newPage()
            painter.drawImage(QRectF(40.0, 40.0, 515.0, 760.0), image)
    finally:
        painter.end()


def _scanned_page() -> QImage:
    image = QImage(400, 560, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    scribble = QPainter(image)
    for row in range(40, 520, 18):  # grey bars where the lines of text would be
        scribble.fillRect(30, row, 340, 8, 0x888888)
    scribble.end()
    return image


def _font(kind: str, size: float | None = None) -> QFont:
    font = QFont(FAMILY)
    style_size, bold, _, _ = STYLES[kind]
    font.setPointSizeF(size or style_size)
    font.setBold(bold)
    return font


def _layout(blocks: Sequence[Block]) -> list[list[_Line]]:
    pages: list[list[_Line]] = [[]]
    y = TOP
    for block in blocks:
        if block.kind == "picture":  # a page that is only a picture (a scanned page)
            if pages[-1]:
                pages.append([])
            pages[-1].append(_Line("picture", "", LEFT, TOP))
            pages.append([])
            y = TOP
            continue
        _, _, space_before, indent = STYLES[block.kind]
        if block.kind == "row":
            y += space_before + QFontMetricsF(_font("row")).lineSpacing()
            for column, cell in enumerate(block.text.split("\t")):
                pages[-1].append(_Line("row", cell, LEFT + column * COLUMN, y))
            continue
        metrics = QFontMetricsF(_font(block.kind))
        pitch = metrics.lineSpacing()
        glyph = block.glyph or BULLET_GLYPHS.get(block.kind)
        text_x = LEFT + indent + (12.0 if glyph else 0.0)
        lines = _wrap(block.text, metrics, PAGE_WIDTH - RIGHT - text_x)
        y += space_before if pages[-1] else 0.0
        for index, text in enumerate(lines):
            if y + pitch > PAGE_HEIGHT - BOTTOM or (
                block.break_after_line is not None and index == block.break_after_line
            ):
                pages.append([])
                y = TOP
            y += pitch
            if glyph and index == 0:
                pages[-1].append(_Line(block.kind, glyph, LEFT + indent, y))
            pages[-1].append(_Line(block.kind, text, text_x, y))
    return pages if pages[-1] or len(pages) == 1 else pages[:-1]


def _wrap(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    if "\n" in text:
        return text.split("\n")
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and metrics.horizontalAdvance(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


# --- a realistic policy, for the bench and the larger tests ----------------------------------

_SECTIONS = (
    "Aims of this policy",
    "Roles and responsibilities",
    "Recognising abuse and neglect",
    "Responding to a disclosure",
    "Record keeping and confidentiality",
    "Online safety and social media",
    "Allegations against staff",
    "Training and induction",
    "Safer recruitment",
    "Monitoring and review",
)
_WORDS = tuple(
    " ".join(
        (
            "staff pupils school designated safeguarding lead must should report concerns",
            "promptly record the details in writing share information with the appropriate",
            "agencies ensure every child is protected from harm governors review this policy",
            "each year parents carers are informed unless doing so would place a child at risk",
            "the headteacher referral local authority children social care police early help",
            # ligature glyphs as a typesetter draws them: the reader must write them as letters
            "assessment \ufb01rst \ufb01nd o\ufb03ce con\ufb01dential e\ufb00ective",
            "speci\ufb01c \ufb02ag su\ufb03cient",
        )
    ).split()
)


def policy_blocks(pages: int = 50, seed: int = 16) -> list[Block]:
    """Enough numbered sections, clauses and bullets for about `pages` pages of A4."""
    chance = random.Random(seed)
    blocks = [Block("title", "Child Protection and Safeguarding Policy")]
    clauses_wanted = pages * 19 // 5  # about four clauses with their bullets fill a page
    section = 0
    while clauses_wanted > 0:
        section += 1
        blocks.append(Block("h1", f"{section} {_SECTIONS[(section - 1) % len(_SECTIONS)]}"))
        for clause in range(1, chance.randint(4, 9) + 1):
            if clause == 3:
                blocks.append(Block("h2", f"{section}.{clause} What staff do"))
                continue
            blocks.append(Block("para", f"{section}.{clause} {_sentences(chance, 2, 4)}"))
            if chance.random() < 0.4:
                for _ in range(chance.randint(2, 4)):
                    blocks.append(Block("bullet", _sentence(chance).rstrip(".") + ";"))
                if chance.random() < 0.5:
                    blocks.append(Block("bullet2", _sentence(chance)))
            clauses_wanted -= 1
    return blocks


def _sentence(chance: random.Random) -> str:
    words = [chance.choice(_WORDS) for _ in range(chance.randint(8, 22))]
    return " ".join(words).capitalize() + "."


def _sentences(chance: random.Random, low: int, high: int) -> str:
    return " ".join(_sentence(chance) for _ in range(chance.randint(low, high)))
