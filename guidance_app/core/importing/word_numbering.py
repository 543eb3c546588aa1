"""The numbers and bullets Word displays before paragraphs, worked out as Word does.

A Word document does not store the number a paragraph shows: it stores which list the paragraph
belongs to (numPr: a list instance and a level), either on the paragraph or on its style, and
numbering.xml says how each level counts ("%1.%2." in decimal, starting at 1, restarting after a
higher level). Most school policies number their clauses this way, through the Heading styles, so
the number is nowhere in the text. docx2python counts direct numbering only (not the style's, and
not the level text), so this module does the counting itself from numbering.xml and styles.xml.

The XML is read with the standard library's ElementTree, which never fetches anything; the package
check (word_package) has already refused any part that declares a DTD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVELS = 9
_MAX_SPELLED = 5000
_MAX_STYLE_CHAIN = 20  # basedOn chains are short; a loop in a damaged file must not hang us
_LIST_FMTS = frozenset(("bullet", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman"))
_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def wval(element: ET.Element | None, child: str) -> str | None:
    """The w:val of `element`'s child `child` (e.g. "numId"), or None."""
    if element is None:
        return None
    found = element.find(W + child)
    return None if found is None else found.get(W + "val")


def _int(value: str | None) -> int | None:
    try:
        return None if value is None else int(value)
    except ValueError:
        return None


def is_on(element: ET.Element | None) -> bool:
    """A Word on/off property (w:b, w:i): present and not switched off."""
    return element is not None and element.get(W + "val", "true") not in ("0", "false", "off")


@dataclass(frozen=True)
class Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None  # 0 = level 1; Word's outline level 9 means body text
    bold: bool | None


@dataclass(frozen=True)
class Styles:
    """A document's paragraph styles by id, with what each one inherits from its base."""

    by_id: dict[str, Style] = field(default_factory=dict)

    @classmethod
    def parse(cls, xml: bytes | None) -> Styles:
        if xml is None:
            return cls()
        styles: dict[str, Style] = {}
        for style in ET.fromstring(xml).iter(W + "style"):  # no DTD: word_package refused any
            style_id = style.get(W + "styleId")
            if style_id is None or style.get(W + "type", "paragraph") != "paragraph":
                continue
            ppr = style.find(W + "pPr")
            numpr = None if ppr is None else ppr.find(W + "numPr")
            rpr = style.find(W + "rPr")
            bold = rpr.find(W + "b") if rpr is not None else None
            styles[style_id] = Style(
                name=wval(style, "name") or style_id,
                based_on=wval(style, "basedOn"),
                num_id=wval(numpr, "numId"),
                ilvl=_int(wval(numpr, "ilvl")),
                outline=_int(wval(ppr, "outlineLvl")),
                bold=None if bold is None else is_on(bold),
            )
        return cls(styles)

    def chain(self, style_id: str | None) -> list[tuple[str, Style]]:
        """The style and its bases, nearest first."""
        found: list[tuple[str, Style]] = []
        while style_id is not None and style_id in self.by_id and len(found) < _MAX_STYLE_CHAIN:
            style = self.by_id[style_id]
            if any(seen == style_id for seen, _ in found):
                break
            found.append((style_id, style))
            style_id = style.based_on
        return found

    def name(self, style_id: str | None) -> str:
        chain = self.chain(style_id)
        return chain[0][1].name if chain else ""

    def outline(self, style_id: str | None) -> int | None:
        return next((s.outline for _, s in self.chain(style_id) if s.outline is not None), None)

    def bold(self, style_id: str | None) -> bool:
        return next((s.bold for _, s in self.chain(style_id) if s.bold is not None), False)

    def numbering(self, style_id: str | None) -> tuple[str, str, int | None] | None:
        """(the style that carries it, numId, ilvl) for numbering set on a style, or None."""
        for carrier, style in self.chain(style_id):
            if style.num_id is not None:
                return carrier, style.num_id, style.ilvl
        return None


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str
    text: str
    restart: int | None  # w:lvlRestart: 0 = never; n = after level n (1-based) or higher
    legal: bool  # w:isLgl: every number in this level's text shown in decimal
    style: str | None  # w:pStyle: the paragraph style linked to this level


def _level(lvl: ET.Element) -> Level:
    # Word always writes w:start; where a hand-made file leaves it out, count from 1 as people
    # do (the standard's 0 would show "0.1" in a document nobody numbered that way).
    start = _int(wval(lvl, "start"))
    return Level(
        start=1 if start is None else start,
        fmt=wval(lvl, "numFmt") or "decimal",
        text=wval(lvl, "lvlText") or "",
        restart=_int(wval(lvl, "lvlRestart")),
        legal=is_on(lvl.find(W + "isLgl")),
        style=wval(lvl, "pStyle"),
    )


@dataclass(frozen=True)
class Shown:
    """What Word shows before a paragraph: "1.2." or "•", its level (0-based), its format, and
    its depth as a list item: 1 for "(a)" under clauses "2.1", since the clause levels above it
    are clauses, not lists it is nested in."""

    text: str
    level: int
    fmt: str
    list_depth: int


def _format(value: int, fmt: str) -> str:
    if value > _MAX_SPELLED:  # a damaged start value must not spell out a million letters
        return str(value)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1) if value > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman, left = "", value
        for amount, digits in _ROMAN:
            while left >= amount:
                roman, left = roman + digits, left - amount
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)  # decimal, and formats we do not know: the count itself


class Numbering:
    """Counts every numbered paragraph in document order, as Word does when it displays them."""

    def __init__(self, numbering_xml: bytes | None, styles: Styles) -> None:
        self._styles = styles
        self._abstract: dict[str, dict[int, Level]] = {}
        self._links: dict[str, str] = {}  # abstractNum → style it links to (w:numStyleLink)
        self._nums: dict[str, str] = {}  # numId → abstractNumId
        self._overrides: dict[str, dict[int, int]] = {}  # numId → level → startOverride
        self._level_overrides: dict[str, dict[int, Level]] = {}
        self._counts: dict[str, list[int | None]] = {}
        self._started: set[str] = set()
        if numbering_xml is not None:
            self._parse(ET.fromstring(numbering_xml))  # no DTD: word_package refused any

    def _parse(self, root: ET.Element) -> None:
        for abstract in root.iter(W + "abstractNum"):
            abstract_id = abstract.get(W + "abstractNumId", "")
            self._abstract[abstract_id] = {
                level_no: _level(lvl)
                for lvl in abstract.iter(W + "lvl")
                if (level_no := _int(lvl.get(W + "ilvl"))) is not None
            }
            link = wval(abstract, "numStyleLink")
            if link is not None:
                self._links[abstract_id] = link
        for num in root.iter(W + "num"):
            num_id = num.get(W + "numId", "")
            self._nums[num_id] = wval(num, "abstractNumId") or ""
            for override in num.iter(W + "lvlOverride"):
                level_no = _int(override.get(W + "ilvl"))
                if level_no is None:
                    continue
                start = _int(wval(override, "startOverride"))
                if start is not None:
                    self._overrides.setdefault(num_id, {})[level_no] = start
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    self._level_overrides.setdefault(num_id, {})[level_no] = _level(lvl)

    def _abstract_of(self, num_id: str) -> str | None:
        abstract_id = self._nums.get(num_id)
        # A list defined as "the list of style X" (numStyleLink) counts in that style's list.
        link = self._links.get(abstract_id or "")
        linked = self._styles.numbering(link) if link is not None else None
        if linked is not None and linked[1] in self._nums:
            abstract_id = self._nums[linked[1]]
        return abstract_id if abstract_id in self._abstract else None

    def _levels(self, num_id: str, abstract_id: str) -> dict[int, Level]:
        return {**self._abstract[abstract_id], **self._level_overrides.get(num_id, {})}

    def shown(self, ppr: ET.Element | None, style_id: str | None) -> Shown | None:
        """Count this paragraph (call once per paragraph, in order) and return what Word shows
        before it, or None if it is not numbered."""
        found = self._num_and_level(ppr, style_id)
        if found is None:
            return None
        num_id, ilvl = found
        abstract_id = self._abstract_of(num_id)
        if abstract_id is None:
            return None
        levels = self._levels(num_id, abstract_id)
        if ilvl not in levels or not 0 <= ilvl < _LEVELS:
            return None
        counts = self._counts.setdefault(abstract_id, [None] * _LEVELS)
        overrides = self._overrides.get(num_id, {})
        starts = {**{n: level.start for n, level in levels.items()}, **overrides}
        if num_id not in self._started:  # a list instance with a start override restarts there
            self._started.add(num_id)
            for level_no in overrides:
                if 0 <= level_no < _LEVELS:
                    counts[level_no] = None
        current = counts[ilvl]
        counts[ilvl] = current + 1 if current is not None else starts.get(ilvl, 1)
        for deeper in range(ilvl + 1, _LEVELS):
            level = levels.get(deeper)
            restart = level.restart if level is not None else None
            if restart is None or (restart != 0 and ilvl < restart):
                counts[deeper] = None
        level = levels[ilvl]
        depth = 1 + sum(1 for n, above in levels.items() if n < ilvl and above.fmt in _LIST_FMTS)
        if level.fmt == "bullet":
            return Shown(level.text, ilvl, "bullet", depth)

        def one(match: re.Match[str]) -> str:
            n = int(match.group(1)) - 1
            shown_level = levels.get(n)
            value = counts[n] if counts[n] is not None else starts.get(n, 1)
            fmt = shown_level.fmt if shown_level is not None else "decimal"
            return _format(value or 0, "decimal" if level.legal and fmt != "none" else fmt)

        return Shown(_PLACEHOLDER.sub(one, level.text), ilvl, level.fmt, depth)

    def _num_and_level(
        self, ppr: ET.Element | None, style_id: str | None
    ) -> tuple[str, int] | None:
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        num_id, ilvl = wval(numpr, "numId"), _int(wval(numpr, "ilvl"))
        from_style = self._styles.numbering(style_id)
        if num_id is None and from_style is not None:
            carrier, num_id, style_ilvl = from_style
            ilvl = ilvl if ilvl is not None else style_ilvl
            if ilvl is None:  # the level whose w:pStyle names the style, as Word links them
                abstract_id = self._abstract_of(num_id)
                linked = self._abstract.get(abstract_id or "", {})
                ilvl = next((n for n, lvl in linked.items() if lvl.style == carrier), 0)
        if num_id is None or num_id == "0":  # numId 0: numbering switched off here
            return None
        return num_id, ilvl or 0
