"""Reading a Word document (.docx) into the lines the draft writer works from.

docx2python walks the body: paragraphs and table cells in order, with Word's displayed text
(tracked insertions kept, tracked deletions and field codes left out, a field's result kept;
comments, headers, footers and footnotes are not body text and are not read). The numbers Word
displays come from word_numbering, because docx2python neither follows numbering set on a
paragraph's style (the way most policy templates number their headings and clauses) nor the
level text ("%1.%2."). Headers and footers are left out altogether: neither in `lines` nor in
`source_text`, since they are not part of the policy's words.
"""

from __future__ import annotations

import io
import re
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx2python import docx2python

from guidance_app.core.errors import DocumentImportError
from guidance_app.core.files.safe_read import (
    FileTooLargeError,
    UnreadableFileError,
    read_regular_file,
)
from guidance_app.core.importing.limits import MAX_IMPORT_BYTES
from guidance_app.core.importing.source import LineKind, RemovedLine, SourceDocument, SourceLine
from guidance_app.core.importing.word_numbering import Numbering, Styles, W, is_on, wval
from guidance_app.core.importing.word_package import check_package, damaged

if TYPE_CHECKING:
    from docx2python.depth_collector import Par

_HEADING_STYLE = re.compile(r"heading ([1-9])", re.IGNORECASE)
_DECIMAL = re.compile(r"\d+(?:\.\d+)*")
# A number typed at the start of a paragraph: "3.2 Staff", "3.2. Staff", "4) Staff", "4. Staff"
# (a lone number needs its "." or ")": "2025 saw" is a year, not clause 2025).
_TYPED_NUMBER = re.compile(r"(\d{1,3}(?:\.\d{1,3})+)\.?\s+(?=\S)|(\d{1,3})[.)]\s+(?=\S)")
_TYPED_BULLET = re.compile(r"([•●○◦▪■□➢►▸◆♦✓✔♣·*\-–—])\s+(?=\S)")
# What docx2python writes into the text for things that are not words: its own bullet before a
# directly numbered paragraph ("\t1)\t"), links as HTML, images and note references as markers.
_D2P_BULLET = re.compile(r"\t*(?:--|[0-9A-Za-z]+\))\t")
_D2P_LINK = re.compile(r'<a href="[^"]*">(.*?)</a>', re.DOTALL)
_D2P_MARKER = re.compile(r"----Image alt text---->.*?<|----\S+?----", re.DOTALL)
_D2P_LATEX = re.compile(r"<latex>(.*?)</latex>", re.DOTALL)
# A symbol from a symbol font (w:sym), which docx2python writes as HTML with the character's low
# byte ("F0B7" becomes "&#x00B7;"). Typed at the start of a paragraph it is nearly always a bullet.
_D2P_SYMBOL = re.compile(r"<span style=font-family:([^>]*)>&#x([0-9A-Fa-f]+);</span>")
_SYMBOL_FONT_GLYPHS = {0xB7: "•", 0xA7: "▪", 0xD8: "➢", 0xFC: "✓", 0x76: "❖", 0x6E: "■"}
_HEADING_MAX_WORDS = 10
_LIST_STYLE_LEVEL = re.compile(r"list (?:bullet|number) ([2-9])", re.IGNORECASE)


def read_docx(path: Path) -> SourceDocument:
    """The document's body as lines, with the numbers Word displays; DocumentImportError if the
    file is not a readable Word document."""
    try:
        data = read_regular_file(path, MAX_IMPORT_BYTES)
    except FileTooLargeError as exc:
        raise DocumentImportError(
            f"{path.name} is too large to be a policy (the limit is "
            f"{MAX_IMPORT_BYTES // (1024 * 1024)} MB). Ask for a copy without large pictures."
        ) from exc
    except UnreadableFileError as exc:
        raise DocumentImportError(f"{path.name} cannot be read: {exc.reason}.") from exc
    parts = check_package(data)
    try:
        with warnings.catch_warnings():  # an unknown number format: we count it ourselves
            warnings.simplefilter("ignore")
            # A merged cell once, its other columns empty: the table's columns stay in place.
            content = docx2python(io.BytesIO(data), duplicate_merged_cells=False)
            body = content.body_pars
            content.close()
    except Exception as exc:  # docx2python has no error family of its own: any failure on a
        raise damaged() from exc  # package that passed our checks is a damaged document
    try:
        styles = Styles.parse(parts.styles)
        numbering = Numbering(parts.numbering, styles)
    except ET.ParseError as exc:
        raise damaged() from exc
    reader = _Reader(styles, numbering)
    for block in body:
        reader.block(block)
    return SourceDocument(
        lines=tuple(reader.lines),
        removed=tuple(reader.removed),
        source_text="\n".join(reader.source),
        kind="Word document",
        title=reader.title,
    )


def _clean(text: str) -> str:
    text = _D2P_LATEX.sub(r"\1", _D2P_LINK.sub(r"\1", text))
    text = _D2P_MARKER.sub(" ", _D2P_SYMBOL.sub(_symbol, text))
    return " ".join(text.split())


def _symbol(match: re.Match[str]) -> str:
    font, code = match.group(1).lower(), int(match.group(2), 16) & 0xFF
    if font.startswith(("symbol", "wingdings", "webdings")):
        return _SYMBOL_FONT_GLYPHS.get(code, "•")
    return chr(code)


def _text(par: Par) -> str:
    strings = par.run_strings
    if par.list_position[0] is not None and strings and _D2P_BULLET.fullmatch(strings[0]):
        strings = strings[1:]
    return _clean("".join(strings))


@dataclass
class _Reader:
    styles: Styles
    numbering: Numbering
    lines: list[SourceLine] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    title: str | None = None
    paragraphs: int = 0
    tables: int = 0

    def block(self, block: list[list[list[Par]]]) -> None:
        pars = [par for row in block for cell in row for par in cell]
        if pars and pars[0].lineage[1] == "tbl":
            self.table(block)
        else:
            for par in pars:
                self.paragraph(par)

    def table(self, rows: list[list[list[Par]]]) -> None:
        self.tables += 1
        for row_no, row in enumerate(rows, start=1):
            cells = []
            for cell in row:
                for par in cell:
                    self._count(par)
                cells.append(" ".join(text for par in cell if (text := _text(par))))
            if any(cells):
                text = "\t".join(cells)
                self.source.append(text)
                where = f"table {self.tables}, row {row_no}"
                self.lines.append(SourceLine(text, LineKind.TABLE_ROW, where, cells=tuple(cells)))

    def _count(self, par: Par) -> tuple[str | None, str | None, int | None]:
        """(style id, number shown, list level) — counts the paragraph in its list."""
        ppr = par.elem.find(W + "pPr") if par.elem is not None else None
        style_id = wval(ppr, "pStyle")
        shown = self.numbering.shown(ppr, style_id) if par.elem is not None else None
        if shown is None or not shown.text.strip():
            return style_id, None, None
        number = shown.text.strip().lstrip("(").rstrip(".):")
        if shown.fmt != "bullet" and _DECIMAL.fullmatch(number):
            return style_id, number, None
        # Word's "List Bullet 2" is a list of its own at level 0, indented by its style.
        styled = _LIST_STYLE_LEVEL.fullmatch(self.styles.name(style_id))
        return style_id, None, shown.list_depth + (int(styled.group(1)) - 1 if styled else 0)

    def paragraph(self, par: Par) -> None:
        style_id, number, list_level = self._count(par)
        text = _text(par)
        if not text:
            return
        self.paragraphs += 1
        self.source.append(text)
        where = f"paragraph {self.paragraphs}"
        heading_level = self._heading_level(style_id, par)
        if number is None and list_level is None:
            if typed := _TYPED_NUMBER.match(text):
                number, text = typed.group(1) or typed.group(2), text[typed.end() :]
            elif heading_level is None and (glyph := _TYPED_BULLET.match(text)):
                self.removed.append(RemovedLine(glyph.group(1), "bullet glyph", where))
                text, list_level = text[glyph.end() :], 1
        if heading_level is None and number is not None and self._looks_like_heading(par, text):
            heading_level = number.count(".") + 1
        if heading_level is not None:
            if self.title is None and self.styles.name(style_id).lower() == "title":
                self.title = text
            line = SourceLine(text, LineKind.HEADING, where, number, heading_level=heading_level)
        elif list_level is not None:
            line = SourceLine(text, LineKind.LIST_ITEM, where, list_level=list_level)
        else:
            line = SourceLine(text, LineKind.PARAGRAPH, where, number)
        self.lines.append(line)

    def _heading_level(self, style_id: str | None, par: Par) -> int | None:
        name = self.styles.name(style_id)
        if name.lower() == "title":
            return 1
        if match := _HEADING_STYLE.fullmatch(name):
            return int(match.group(1))
        ppr = par.elem.find(W + "pPr") if par.elem is not None else None
        outline = _int_or_none(wval(ppr, "outlineLvl"))
        if outline is None:
            outline = self.styles.outline(style_id)
        return outline + 1 if outline is not None and outline < 9 else None  # 9: body text

    def _looks_like_heading(self, par: Par, text: str) -> bool:
        """A short, bold, numbered line with no full stop: a heading typed without a heading
        style ("1. Introduction" in bold), as many school documents do."""
        if len(text.split()) > _HEADING_MAX_WORDS or text.endswith((".", ":", ";", ",")):
            return False
        return par.elem is not None and self._all_bold(par.elem)

    def _all_bold(self, elem: Any) -> bool:  # an lxml element: docx2python's paragraph
        style_bold = self.styles.bold(wval(elem.find(W + "pPr"), "pStyle"))
        runs = [run for run in elem.iter(W + "r") if "".join(run.itertext()).strip()]
        if not runs:
            return False
        for run in runs:
            rpr = run.find(W + "rPr")
            bold = rpr.find(W + "b") if rpr is not None else None
            if not (is_on(bold) if bold is not None else style_bold):
                return False
        return True


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None
