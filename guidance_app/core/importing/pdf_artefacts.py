"""What a PDF adds to a policy's words, taken out and listed: running headers and footers, page
numbers, and the ligatures (ﬁ, ﬀ) a typesetter draws as one glyph.

Only a line in a page's top or bottom band can be a header, a footer or a page number, and only
when it looks like one: a page number by its form ("3", "Page 3 of 7", "- 3 -", "3/7"), a header
or footer by repeating (digits aside) on most pages. Body text is never judged by these rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from guidance_app.core.importing.pdf_layout import PdfLine, PdfWord, segments
from guidance_app.core.importing.source import RemovedLine

BAND = 0.1  # the top and bottom tenth of the page: where headers, footers and numbers sit
BAND_LINES = 3  # at most this many lines at each end of a page are looked at
_PAGE_NUMBER = re.compile(
    r"(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]|[ivxlc]{1,7}",
    re.IGNORECASE,  # "3", "Page 3 of 7", "3/7", "- 3 -", and "iv" on the pages before page 1
)
_DIGITS = re.compile(r"\d+")
LIGATURES = "ﬀﬁﬂﬃﬄﬅﬆ"


@dataclass(frozen=True)
class Cleaned:
    """Each page's lines with the artefacts taken out, and what was taken out."""

    pages: tuple[tuple[PdfLine, ...], ...]
    removed: tuple[RemovedLine, ...]


def remove_page_furniture(pages: Sequence[Sequence[PdfLine]]) -> Cleaned:
    """Takes out page numbers and running headers and footers, each listed with its page."""
    banded = [_band_segments(lines) for lines in pages]
    repeats = _repeated(banded)
    kept_pages: list[tuple[PdfLine, ...]] = []
    removed: list[RemovedLine] = []
    for lines, band in zip(pages, banded, strict=True):
        kept: list[PdfLine] = []
        for line in lines:
            if line not in band:
                kept.append(line)
                continue
            which, parts = band[line]
            left: list[PdfWord] = []
            for part in parts:
                reason = _artefact(part, which, repeats)
                if reason is None:
                    left.extend(part.words)
                else:
                    removed.append(RemovedLine(part.text, reason, part.where))
            if left:
                kept.append(line.with_words(left))
        kept_pages.append(tuple(kept))
    return Cleaned(tuple(kept_pages), tuple(removed))


def _band_segments(lines: Sequence[PdfLine]) -> dict[PdfLine, tuple[str, list[PdfLine]]]:
    """The lines in the page's top and bottom bands, as "header" or "footer", cut in segments."""
    found: dict[PdfLine, tuple[str, list[PdfLine]]] = {}
    for line in lines[:BAND_LINES]:
        if line.bottom <= line.page_height * BAND:
            found[line] = ("header", segments(line))
    for line in lines[-BAND_LINES:]:
        if line.top >= line.page_height * (1 - BAND):
            found[line] = ("footer", segments(line))
    return found


def _shape(text: str) -> str:
    """A header's text with its digits and spacing ignored ("Page 3", "Page 4" are one shape)."""
    return " ".join(_DIGITS.sub("#", text).lower().split())


def _repeated(banded: Sequence[dict[PdfLine, tuple[str, list[PdfLine]]]]) -> dict[str, int]:
    """Each band segment's shape that repeats on at least half the pages (and on two at least),
    with the number of pages it is on."""
    pages_with: defaultdict[str, set[int]] = defaultdict(set)
    for band in banded:
        for which, parts in band.values():
            for part in parts:
                pages_with[f"{which}:{_shape(part.text)}"].add(part.page)
    wanted = max(2, (len(banded) + 1) // 2)
    return {shape: len(on) for shape, on in pages_with.items() if len(on) >= wanted}


def _artefact(part: PdfLine, which: str, repeats: dict[str, int]) -> str | None:
    if _PAGE_NUMBER.fullmatch(part.text.strip()):
        return "page number"
    count = repeats.get(f"{which}:{_shape(part.text)}")
    return None if count is None else f"running {which} repeated on {count} pages"


def expand_ligatures(pages: Sequence[Sequence[PdfLine]]) -> Cleaned:
    """Writes each ligature glyph as its letters ("ﬁ" as "fi"), each kind listed once with how
    often and where. Only the ligatures: NFKC on the whole text would change other characters
    the document means (superscripts, fractions, full-width forms)."""
    counts: Counter[str] = Counter()
    on_pages: defaultdict[str, list[int]] = defaultdict(list)
    kept_pages: list[tuple[PdfLine, ...]] = []
    for lines in pages:
        kept: list[PdfLine] = []
        for line in lines:
            if not any(c in LIGATURES for c in line.text):
                kept.append(line)
                continue
            for c in line.text:
                if c in LIGATURES:
                    counts[c] += 1
                    if line.page not in on_pages[c]:
                        on_pages[c].append(line.page)
            words = [_spelt_out(word) for word in line.words]
            kept.append(line.with_words(words))
        kept_pages.append(tuple(kept))
    removed = tuple(
        RemovedLine(
            ligature,
            f"ligature {ligature} written as {_letters(ligature)} ({_times(counts[ligature])})",
            _pages(on_pages[ligature]),
        )
        for ligature in LIGATURES
        if counts[ligature]
    )
    return Cleaned(tuple(kept_pages), removed)


def _spelt_out(word: PdfWord) -> PdfWord:
    """The word with its ligatures as letters (the same word if it has none)."""
    if any(c in LIGATURES for c in word.text):
        return replace(word, text=_letters(word.text))
    return word


def _letters(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", c) if c in LIGATURES else c for c in text)


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _pages(numbers: Sequence[int]) -> str:
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    return f"pages {numbers[0]}-{numbers[-1]}"
