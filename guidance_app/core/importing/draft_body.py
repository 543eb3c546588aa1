"""The body of a draft policy: sections from headings, clauses with ids, lists kept as lists.

Clause ids are the document's own numbers ("3.2", "4.1.15"); a numbered list under a numbered
clause ("4.1" then "1.", "2.") gives "4.1.1", "4.1.2"; a paragraph without a number gets its
heading's short name and a counter ("aims-1"). A paragraph of several lines (a flow chart's
boxes) is one clause of several paragraphs. A paragraph and the list straight after it are one
clause (the paragraph is its lead-in, usually ending in ":"), unless the list is a list of rules
(lists.py): then the lead-in and each item are clauses of their own. A paragraph starting in
lower case carries on the clause above it (after a list, the sentence the list interrupted). The
number stays at the start of the clause's text, so the words staff read match the printed
document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from guidance_app.core.importing.source import LineKind, SourceLine

_SLUG_WORDS = 40
_ID_JUNK = re.compile(r"[^a-z0-9.]+")
_NUMERIC = re.compile(r"^\d+(?:\.\d+)*$")


@dataclass(frozen=True)
class ReportItem:
    """One place in the draft a person should check."""

    line: int  # in the draft, 1-based
    message: str


@dataclass
class _Section:
    slug: str
    counter: int = 0


@dataclass
class _Clause:
    id: str
    takes_items: bool = False  # a list item next joins it (it has a lead-in, or is a list)
    lead_in: str | None = None  # rules listed after it are numbered under this id
    table: bool = False


@dataclass
class BodyWriter:
    """Writes the body's Markdown lines after `first_line` lines of front matter."""

    first_line: int
    out: list[str] = field(default_factory=list)
    report: list[ReportItem] = field(default_factory=list)
    placed: list[tuple[str, int]] = field(default_factory=list)  # (source where, draft line)
    headings: int = 0
    clauses: int = 0
    _ids: dict[str, int] = field(default_factory=dict)
    _numbers: dict[str, int] = field(default_factory=dict)  # parent number -> last child
    _pending: list[str] = field(default_factory=list)  # to report at the next id written
    _section: _Section | None = None
    _clause: _Clause | None = None
    _level_shift: int = 0
    _parent_number: str | None = None  # numbered list items under it: "4.1" -> "4.1.1"
    _rules_under: dict[str, int] = field(default_factory=dict)  # lead-in id -> rules so far

    @property
    def line_no(self) -> int:
        """The draft line the next written line will have."""
        return self.first_line + len(self.out) + 1

    def set_levels(self, lines: list[SourceLine]) -> None:
        """Shift heading levels so the highest heading in the document is '#'."""
        levels = [_heading_level(line) for line in lines if line.kind == LineKind.HEADING]
        self._level_shift = min(levels, default=1) - 1

    def add(self, line: SourceLine, own_clause: bool = False) -> None:
        """Write `line`; `own_clause`: a list item that is a rule of its own (lists.py)."""
        if not line.text.strip() and not line.cells and not line.number:
            return  # an empty paragraph: nothing to place
        number = _normal_number(line.number)
        if line.kind == LineKind.LIST_ITEM and number and "." in number:
            # a clause number ("3.2") that a reader saw as a numbered list: a clause
            line = replace(line, kind=LineKind.PARAGRAPH, list_level=0)
        if line.kind == LineKind.HEADING:
            self.heading(line)
        elif line.kind == LineKind.TABLE_ROW:
            self._table_row(line)
        elif line.kind == LineKind.LIST_ITEM:
            self._list_item(line, own_clause)
        else:
            self._paragraph(line)

    def heading(self, line: SourceLine) -> None:
        self._clause = None
        level = max(1, min(4, _heading_level(line) - self._level_shift))
        text = _one_line(f"{line.number} {line.text}" if line.number else line.text)
        number = _normal_number(line.number)
        base = number if number else slug(line.text)
        if number:
            self._check_numbering(number)
        identifier = self._claim(base)
        self._blank()
        self._write(f"{'#' * level} {text} {{#{identifier}}}", line)
        self._written(identifier)
        self.headings += 1
        if line.guessed:
            self.report.append(
                ReportItem(self.line_no - 1, "a heading found by its shape: check it is one")
            )
        self._section = _Section(slug(line.text) if number else identifier)
        self._parent_number = number

    def _paragraph(self, line: SourceLine) -> None:
        number = _normal_number(line.number)
        text = f"{line.number} {line.text}" if line.number else line.text
        if number:
            self._check_numbering(number)
            self._new_clause(number, line)
            self._parent_number = number
        elif self._clause is None or self._clause.table or not text[:1].islower():
            self._new_clause(self._next_id(), line)
        assert self._clause is not None  # a lower-case paragraph carries on the clause above
        self._clause.lead_in = self._clause.id
        self._clause.takes_items = True  # a list straight after a paragraph is its list
        for part in text.split("\n"):  # a line of several lines: one paragraph each
            if part.strip():
                self._blank()
                self._write(_escape(_one_line(part)), line)

    def _list_item(self, line: SourceLine, own_clause: bool) -> None:
        number = _normal_number(line.number)
        text = _one_line(f"{line.number} {line.text}" if line.number else line.text)
        if number and number.isdigit() and self._parent_number and line.list_level <= 1:
            # "1." under clause "4.1": clause 4.1.1, a paragraph that keeps its number
            full = f"{self._parent_number}.{number}"
            self._check_numbering(full)
            self._new_clause(full, line)
            assert self._clause is not None
            self._clause.takes_items = text.endswith(":")
            self._clause.lead_in = full
            self._blank()
            self._write(_escape(text), line)
            return
        clause = self._clause
        if (
            clause is None
            or clause.table
            or not ((clause.takes_items and not own_clause) or line.list_level >= 2)
        ):
            lead_in = clause.lead_in if clause is not None and not clause.table else None
            if own_clause and lead_in is not None:  # a rule under "3.3 Colleagues shall:": 3.3.1
                self._rules_under[lead_in] = self._rules_under.get(lead_in, 0) + 1
                self._new_clause(f"{lead_in}.{self._rules_under[lead_in]}", line)
            else:
                self._new_clause(self._next_id(), line)
            clause = self._clause
            assert clause is not None
            clause.takes_items = not own_clause  # the rest of its list joins it
            clause.lead_in = lead_in if own_clause else None  # its sibling rules share it
        elif self.out and self.out[-1].lstrip()[:2] != "- ":
            self._blank()  # a list after a paragraph
        indent = "  " * (max(1, line.list_level) - 1)
        self._write(f"{indent}- {text}", line)

    def _table_row(self, line: SourceLine) -> None:
        if self._clause is None or not self._clause.table:
            self._new_clause(self._next_id(), line)
            assert self._clause is not None
            self._clause.table = True
        cells = line.cells or (line.text,)
        self._blank()
        self._write(_escape(_one_line(" | ".join(cells))), line)

    def _new_clause(self, base: str, line: SourceLine) -> None:
        if self._section is None:
            raise AssertionError("a clause before any heading")  # the draft writer adds one
        identifier = self._claim(base)
        self._blank()
        self._write(f"{{#{identifier}}}", line)
        self._written(identifier)
        self._clause = _Clause(identifier)
        self.clauses += 1

    def _next_id(self) -> str:
        assert self._section is not None
        self._section.counter += 1
        return f"{self._section.slug}-{self._section.counter}"

    def _claim(self, base: str) -> str:
        identifier = base
        if identifier in self._ids:
            count = 2
            while f"{base}-{count}" in self._ids:
                count += 1
            identifier = f"{base}-{count}"
            if _NUMERIC.match(base):
                self._pending.append(
                    f"the number {base} is used twice in the document (first at line "
                    f"{self._ids[base]}); this one's id is {identifier}: check the numbering"
                )
        return identifier

    def _check_numbering(self, number: str) -> None:
        if not _NUMERIC.match(number):
            return
        parent, _, last = number.rpartition(".")
        value = int(last)
        before = self._numbers.get(parent)
        if before is not None and value > before + 1:
            shown = f"{parent}.{before}" if parent else str(before)
            self._pending.append(
                f"the numbering jumps from {shown} to {number}: check nothing is missing"
            )
        if before is None or value > before:
            self._numbers[parent] = value

    def _written(self, identifier: str) -> None:
        """The heading or clause marker for `identifier` was just written: note its line, and
        report there what was found about its number."""
        line = self.line_no - 1
        self._ids[identifier] = line
        self.report.extend(ReportItem(line, message) for message in self._pending)
        self._pending.clear()

    def _blank(self) -> None:
        if self.out and self.out[-1] != "" and not self.out[-1].startswith("{#"):
            self.out.append("")

    def _write(self, text: str, line: SourceLine) -> None:
        self.placed.append((line.where, self.line_no))
        self.out.append(text)


def _heading_level(line: SourceLine) -> int:
    number = _normal_number(line.number)
    if number and _NUMERIC.match(number):
        return number.count(".") + 1
    return line.heading_level or 1


def _normal_number(number: str | None) -> str | None:
    """A displayed number as a clause id: "1.0" -> "1", "6.0." -> "6", "a)" -> "a"."""
    if not number:
        return None
    text = _ID_JUNK.sub("", number.lower()).strip(".")
    while text.endswith(".0"):
        text = text[:-2]
    text = re.sub(r"\.{2,}", ".", text)
    return text or None


def slug(text: str) -> str:
    """A short id from words: "What is the Legal Framework?" -> "what-is-the-legal-framework"."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(words) > _SLUG_WORDS:
        words = words[:_SLUG_WORDS].rsplit("-", 1)[0]
    return words or "section"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _escape(text: str) -> str:
    """A paragraph that starts like a heading, a list item or a clause marker ("# 1", "- ",
    "{#") would be read as one: a zero-width space in front keeps it a paragraph, every word
    unchanged."""
    if re.match(r"^(#{1,4}\s|[-*+]\s|\{#)", text):
        return f"\u200b{text}"
    return text
