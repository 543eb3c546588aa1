"""Each page of an open PDF as plain values: its words, its text set at an angle, its pictures.

The letters come straight from pdfminer's layout of the page (pdfplumber's `page.layout`), each
made into the few values word grouping needs; pdfplumber's own `page.chars` resolves and copies
every attribute of every letter (colours, graphic state), which took longer than pdfminer's
parsing itself on a PDF that places each glyph on its own. The words are then grouped by
pdfplumber's own extract_words, so they are the words pdfplumber gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pdfminer.layout import LTChar, LTContainer, LTImage, LTItem
from pdfplumber.page import Page, fix_fontname_bytes
from pdfplumber.utils.text import extract_words

from guidance_app.core.importing.pdf_layout import PdfWord, word_from_pdfplumber

# Letters closer than this many times the font size are one word. pdfplumber's default (3 points
# whatever the size) runs together the words of justified text set without space characters
# (TeX does that); a word space is about a quarter of the size, a gap inside a word near none.
WORD_GAP = 0.15

_Char = dict[str, object]


@dataclass(frozen=True)
class PageContent:
    """A page as read: its words, and what it had besides."""

    number: int
    height: float
    words: tuple[PdfWord, ...]
    turned: str  # the text set at an angle or sideways
    images: bool


def read_page(page: Page) -> PageContent:
    """The page's words (not counting letters set at an angle), its turned text and whether it
    has a picture."""
    straight: list[_Char] = []
    # a "DRAFT" watermark across the page would be read into every line it crosses
    turned: list[str] = []
    images = False
    for item in _leaves(page.layout):
        if isinstance(item, LTChar):
            if _straight(item.matrix):
                straight.append(_char(page, item))
            else:
                turned.append(item.get_text())
        elif isinstance(item, LTImage):
            images = True
    words = extract_words(
        straight,
        extra_attrs=["size", "fontname"],
        expand_ligatures=False,  # the words as found; ligatures are listed when replaced
        x_tolerance_ratio=WORD_GAP,
    )
    return PageContent(
        number=page.page_number,
        height=float(page.height),
        words=tuple(word_from_pdfplumber(w) for w in words),
        turned=" ".join("".join(turned).split()),
        images=images,
    )


def _leaves(items: Iterable[LTItem]) -> Iterator[LTItem]:
    """Every object of the layout, inside figures (a form drawn on the page) too."""
    for item in items:
        if isinstance(item, LTContainer):
            yield from _leaves(item)
        else:
            yield item


def _char(page: Page, char: LTChar) -> _Char:
    """The values of a letter that word grouping reads, as pdfplumber's `page.chars` has them:
    top and bottom measured from the top of the page, shifted by the page's MediaBox."""
    mb_x0, mb_top = page.mediabox[0], page.mediabox[1]
    top = page.height - char.y1 + mb_top
    fontname: object = char.fontname
    return {
        "text": char.get_text(),
        "x0": char.x0 + mb_x0,
        "x1": char.x1 + mb_x0,
        "top": top,
        "bottom": page.height - char.y0 + mb_top,
        "doctop": page.initial_doctop + top,
        "upright": char.upright,
        "size": char.size,
        "fontname": fix_fontname_bytes(fontname) if isinstance(fontname, bytes) else fontname,
    }


def _straight(matrix: object) -> bool:
    """Whether a letter is not set at an angle: its matrix neither turns nor flips it
    (pdfminer's own "upright" counts a letter turned by 45 degrees as upright)."""
    if not isinstance(matrix, tuple) or len(matrix) < 4:
        return True
    a, b, c, d = (float(value) for value in matrix[:4])
    return abs(b) < 1e-6 and abs(c) < 1e-6 and a > 0 and d > 0
