"""A PDF page's words grouped into lines, each with its position, font size and weight.

A PDF has no lines or paragraphs, only glyphs placed on a page. pdfplumber groups glyphs into
words; this groups words into lines (words whose heights overlap), and cuts a line into its
segments where its words sit far apart: a footer's "Approved 2025" on the left and "Page 3 of 7"
on the right are two things to judge, not one line, and a table row's parts are its cells.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

# A gap wider than this many times the font size between two words of a line separates its
# segments (a footer's left, centre and right parts, a table's cells); a word space is about a
# quarter of the size.
SEGMENT_GAP = 2.0


@dataclass(frozen=True)
class PdfWord:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass(frozen=True)
class PdfLine:
    """One line of a page, its words left to right. `size` is the font size most of its letters
    have; `bold` is True when every word with a letter or digit in it is bold."""

    page: int
    page_height: float
    words: tuple[PdfWord, ...]

    @cached_property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @cached_property
    def size(self) -> float:
        sizes: Counter[float] = Counter()
        for word in self.words:
            sizes[round(word.size * 2) / 2] += len(word.text)
        return sizes.most_common(1)[0][0]

    @property
    def bold(self) -> bool:
        wordy = [word for word in self.words if any(c.isalnum() for c in word.text)]
        return bool(wordy) and all(word.bold for word in wordy)

    @property
    def where(self) -> str:
        return f"page {self.page}"

    def with_words(self, words: Sequence[PdfWord]) -> PdfLine:
        return replace(self, words=tuple(words))


def word_from_pdfplumber(found: Mapping[str, object]) -> PdfWord:
    """A word as pdfplumber's extract_words(extra_attrs=["size", "fontname"]) gives it."""
    font = str(found.get("fontname", ""))
    return PdfWord(
        text=str(found["text"]),
        x0=_number(found["x0"]),
        x1=_number(found["x1"]),
        top=_number(found["top"]),
        bottom=_number(found["bottom"]),
        size=_number(found.get("size", 0.0)),
        # "ABCDEF+DejaVuSans-Bold", "Arial,Bold", "Calibri-BoldItalic": the weight is in the name
        bold="bold" in font.lower() or "black" in font.lower() or "heavy" in font.lower(),
    )


def _number(value: object) -> float:
    return float(value) if isinstance(value, (int, float)) else 0.0


def group_lines(page: int, page_height: float, words: Iterable[PdfWord]) -> list[PdfLine]:
    """The page's words as lines, top to bottom, each line's words left to right."""
    rows: list[list[PdfWord]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        row = rows[-1] if rows else None
        if row is not None and _same_row(row, word):
            row.append(word)
        else:
            rows.append([word])
    return [
        PdfLine(page, page_height, tuple(sorted(row, key=lambda w: w.x0)))
        for row in sorted(rows, key=lambda r: max(w.bottom for w in r))
    ]


def _same_row(row: list[PdfWord], word: PdfWord) -> bool:
    """The word's height overlaps the row's by at least half of the smaller of the two."""
    top = min(w.top for w in row)
    bottom = max(w.bottom for w in row)
    overlap = min(bottom, word.bottom) - max(top, word.top)
    return overlap > 0.5 * min(bottom - top, word.bottom - word.top)


def segments(line: PdfLine) -> list[PdfLine]:
    """The line cut where its words are far apart (a footer's left and right parts)."""
    parts: list[list[PdfWord]] = [[line.words[0]]]
    for word in line.words[1:]:
        previous = parts[-1][-1]
        if word.x0 - previous.x1 > SEGMENT_GAP * max(word.size, previous.size):
            parts.append([word])
        else:
            parts[-1].append(word)
    return [line.with_words(part) for part in parts]
