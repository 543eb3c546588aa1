"""The cover of a document: its title, and the lines before the first section (a table of
"Approved at Governing Body | February 2021", "Review Date: ..."), which become the policy's
`details` and give its approval date, review cycle and next review ("not stated" otherwise)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from guidance_app.core.content.model import NOT_STATED
from guidance_app.core.importing.source import LineKind, SourceLine

_LABEL = re.compile(r"^([^:]{1,80}):\s+(\S.*)$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_MONTH_YEAR = re.compile(r"^(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([A-Za-z]+)\.?,?\s+(\d{4})$")
MAX_LABEL = 300
MAX_META = 100


@dataclass(frozen=True)
class Detail:
    label: str
    value: str


@dataclass(frozen=True)
class Cover:
    title: str
    details: tuple[Detail, ...]
    approved: str
    review_cycle: str
    next_review: str
    next_review_due: str | None

    def front_matter(self, source: str) -> list[str]:
        """The YAML between the '---' lines, every value quoted (JSON strings are YAML)."""
        lines = [
            "---",
            f"title: {_quote(self.title)}",
            f"source: {_quote(source)}",
            f"approved: {_quote(self.approved)}",
            f"review_cycle: {_quote(self.review_cycle)}",
            f"next_review: {_quote(self.next_review)}",
        ]
        if self.next_review_due:
            lines.append(f"next_review_due: {_quote(self.next_review_due)}")
        if self.details:
            lines.append("details:")
            for detail in self.details:
                lines.append(f"  - label: {_quote(detail.label)}")
                if detail.value:
                    lines.append(f"    value: {_quote(detail.value)}")
        lines.append("---")
        return lines


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def fits_cover(line: SourceLine) -> bool:
    """Can this line be a `details` entry (the schema's lengths)?"""
    detail = _detail(line)
    return len(detail.label) <= MAX_LABEL and len(detail.value) <= MAX_LABEL


def read_cover(title: str, lines: list[SourceLine]) -> Cover:
    """The cover from its title and its lines (the title's own line already taken out)."""
    details = tuple(_detail(line) for line in lines)
    approved = _value(_find(details, r"approv", prefer=r"date", dated=True))
    cycle_line = _find(details, r"cycle|frequency")
    cycle = _value(cycle_line)
    if cycle_line is not None and cycle.isdigit():  # "Update frequency (years) | 2"
        cycle = f"{cycle_line.label}: {cycle}"
    next_review = _value(
        _find(details, r"next review|review date|review due|date of next", dated=True)
    )
    return Cover(
        title=title,
        details=details,
        approved=approved,
        review_cycle=cycle if len(cycle) <= MAX_META else NOT_STATED,
        next_review=next_review,
        next_review_due=parse_date(next_review) if next_review != NOT_STATED else None,
    )


def _value(detail: Detail | None) -> str:
    if detail is None or len(detail.value) > MAX_META:
        return NOT_STATED
    return detail.value


def _detail(line: SourceLine) -> Detail:
    if line.kind == LineKind.TABLE_ROW and len(line.cells) >= 2:
        return Detail(line.cells[0], " ".join(line.cells[1:]))
    text = " ".join(line.text.split())
    if line.number:
        text = f"{line.number} {text}"
    if match := _LABEL.match(text):
        return Detail(match.group(1), match.group(2))
    return Detail(text, "")


def _find(
    details: tuple[Detail, ...], label: str, prefer: str | None = None, dated: bool = False
) -> Detail | None:
    """The last cover line whose label matches (one whose label also matches `prefer` where
    there is a choice) and whose value holds a word, or a digit where a date is wanted, not just
    dots to fill in."""
    wanted = r"\d" if dated else r"\w"
    found = [d for d in details if re.search(label, d.label, re.I) and re.search(wanted, d.value)]
    if prefer:
        found = [d for d in found if re.search(prefer, d.label, re.I)] or found
    return found[-1] if found else None


def parse_date(text: str) -> str | None:
    """YYYY-MM-DD or YYYY-MM for a date as a school writes it, else None."""
    text = text.strip()
    try:
        if match := _DMY.match(text):
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day).isoformat()
        if match := _ISO.match(text):
            year, month = int(match.group(1)), int(match.group(2))
            if match.group(3):
                return date(year, month, int(match.group(3))).isoformat()
            return f"{date(year, month, 1):%Y-%m}"
        if (match := _MONTH_YEAR.match(text)) and match.group(2).lower() in _MONTHS:
            month, year = _MONTHS[match.group(2).lower()], int(match.group(3))
            if match.group(1):
                return date(year, month, int(match.group(1))).isoformat()
            return f"{date(year, month, 1):%Y-%m}"
    except ValueError:
        return None
    return None
