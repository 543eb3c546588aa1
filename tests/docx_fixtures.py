"""Word documents made in the test, numbered the way Word numbers them.

python-docx has no API for numbering, so the numbering part's XML (abstract lists, list
instances, start overrides) and the numPr on paragraphs and styles are written here with
OxmlElement, as Word writes them. `policy_docx` writes a realistic school policy of about N pages
(a cover table, Heading styles numbered through their style, numbered clauses, bullets, a page
header), for the tests and for the bench's import timing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

Document = Any  # python-docx's Document is a factory function; its objects are untyped here


def _el(tag: str, **attrs: str) -> Any:
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _numbering(document: Document) -> Any:
    return document.part.numbering_part.element


def add_list(
    document: Document,
    levels: Sequence[tuple[str, str]],
    *,
    starts: Mapping[int, int] | None = None,
    styles: Mapping[int, str] | None = None,
) -> str:
    """A new multilevel list: `levels` is (numFmt, lvlText) per level, e.g.
    [("decimal", "%1."), ("decimal", "%1.%2.")]; `styles` links a level to a paragraph style id
    (w:pStyle, as Word links Heading 1 to level 0). Returns the list instance's numId."""
    numbering = _numbering(document)
    abstract_id = str(len(numbering.findall(qn("w:abstractNum"))) + 100)
    abstract = _el("w:abstractNum", abstractNumId=abstract_id)
    abstract.append(_el("w:multiLevelType", val="multilevel"))
    for ilvl, (fmt, text) in enumerate(levels):
        lvl = _el("w:lvl", ilvl=str(ilvl))
        lvl.append(_el("w:start", val=str((starts or {}).get(ilvl, 1))))
        lvl.append(_el("w:numFmt", val=fmt))
        if styles and ilvl in styles:
            lvl.append(_el("w:pStyle", val=styles[ilvl]))
        lvl.append(_el("w:lvlText", val=text))
        abstract.append(lvl)
    nums = numbering.findall(qn("w:num"))
    if nums:  # the schema wants every abstractNum before the first num
        nums[0].addprevious(abstract)
    else:
        numbering.append(abstract)
    return _add_num(numbering, abstract_id)


def _add_num(numbering: Any, abstract_id: str) -> str:
    num_ids = [int(num.get(qn("w:numId"))) for num in numbering.findall(qn("w:num"))]
    num_id = str(max(num_ids, default=0) + 1)
    num = _el("w:num", numId=num_id)
    num.append(_el("w:abstractNumId", val=abstract_id))
    numbering.append(num)
    return num_id


def restart_list(document: Document, num_id: str, level: int, start: int) -> str:
    """A new instance of `num_id`'s list that starts `level` again at `start` (Word's "Restart
    numbering" / "Set numbering value"); returns its numId."""
    numbering = _numbering(document)
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    new_id = _add_num(numbering, num.find(qn("w:abstractNumId")).get(qn("w:val")))
    new = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == new_id)
    override = _el("w:lvlOverride", ilvl=str(level))
    override.append(_el("w:startOverride", val=str(start)))
    new.append(override)
    return new_id


def number_paragraph(paragraph: Any, num_id: str, ilvl: int) -> None:
    """Number a paragraph directly (numPr on the paragraph)."""
    _set_numpr(paragraph._p.get_or_add_pPr(), num_id, ilvl)


def number_style(document: Document, style_name: str, num_id: str, ilvl: int | None) -> None:
    """Number every paragraph of a style (numPr on the style); ilvl None leaves the level to the
    list's w:pStyle link, as Word's own Heading numbering does."""
    _set_numpr(document.styles[style_name].element.get_or_add_pPr(), num_id, ilvl)


def _set_numpr(ppr: Any, num_id: str, ilvl: int | None) -> None:
    numpr = _el("w:numPr")
    if ilvl is not None:
        numpr.append(_el("w:ilvl", val=str(ilvl)))
    numpr.append(_el("w:numId", val=num_id))
    ppr.insert_element_before(numpr, "w:spacing", "w:ind", "w:jc", "w:outlineLvl", "w:rPr")


def style_id(document: Document, style_name: str) -> str:
    return str(document.styles[style_name].style_id)


def heading_list(document: Document) -> str:
    """The usual policy template: Heading 1 shows "1", Heading 2 "1.1", clauses "1.1.1"; the
    headings numbered through their styles, returns the numId clauses use directly."""
    num_id = add_list(
        document,
        [("decimal", "%1."), ("decimal", "%1.%2."), ("decimal", "%1.%2.%3."), ("bullet", "•")],
        styles={0: style_id(document, "Heading 1"), 1: style_id(document, "Heading 2")},
    )
    number_style(document, "Heading 1", num_id, None)
    number_style(document, "Heading 2", num_id, 1)
    return num_id


_TEXT = (
    "staff must report any concern about a pupil's safety to the designated safeguarding lead "
    "on the same day and record what they saw and heard in the pupil's own words without "
    "leading questions while the school keeps every record secure and shares it only with "
    "those who need to know in order to protect the child"
)
_WORDS = _TEXT.split()


def _sentence(seed: int, words: int) -> str:
    picked = [_WORDS[(seed * 7 + i * 3) % len(_WORDS)] for i in range(words)]
    return " ".join(picked).capitalize() + "."


def policy_docx(path: Path, pages: int = 50) -> Path:
    """A realistic policy of about `pages` pages: title, cover table, page header, then a
    Heading 2 a page and a Heading 1 every four (numbered by their styles), four clauses a page
    (1.1.1, numbered directly) and three bullets (the List Bullet style)."""
    document = docx.Document()
    num_id = heading_list(document)
    document.sections[0].header.paragraphs[0].text = "Westfield Primary School - Online Safety"
    document.add_paragraph("Online Safety Policy", style="Title")
    cover = document.add_table(rows=3, cols=2)
    for row, (label, value) in enumerate(
        [("Approved by governors", "March 2025"), ("Review cycle", "Annually"),
         ("Next review", "March 2026")]
    ):  # fmt: skip
        cover.cell(row, 0).text = label
        cover.cell(row, 1).text = value
    for page in range(1, pages + 1):  # about 480 words a page, a section every four pages
        if page % 4 == 1:
            document.add_heading(f"Section {page // 4 + 1} of the policy", 1)
        document.add_heading(f"Responsibilities on page {page}", 2)
        for clause in range(4):
            paragraph = document.add_paragraph(_sentence(page * 10 + clause, 100))
            number_paragraph(paragraph, num_id, 2)
        for bullet in range(3):
            document.add_paragraph(_sentence(page + bullet, 12), style="List Bullet")
    document.save(str(path))
    return path
