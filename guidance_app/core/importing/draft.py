"""From a document as read (a SourceDocument) to the text of a draft policy file and its report.

The cover is everything before the first section: the lines before the first paragraph of body
text, less the headings standing right over it. Its title is the document's own (or the first
short line, or the first heading); its other lines are the policy's `details`. The draft then
has to pass two checks before anyone may write it: every word of the document is in it or in
the list of removed artefacts, and it parses as a policy with no problem.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from guidance_app.core.content.model import NOT_STATED, Policy
from guidance_app.core.content.policy_parser import parse_policy_file
from guidance_app.core.errors import DocumentImportError
from guidance_app.core.importing.draft_body import BodyWriter, ReportItem
from guidance_app.core.importing.draft_cover import Cover, fits_cover, read_cover
from guidance_app.core.importing.lists import rule_items
from guidance_app.core.importing.source import LineKind, RemovedLine, SourceDocument, SourceLine
from guidance_app.core.importing.wordcheck import check_no_word_lost

_LABEL = re.compile(r"^[^:]{1,80}:(\s|$)")
MIN_BODY_WORDS = 8
MIN_SENTENCE_WORDS = 3  # a full sentence this long is text however short
LONG_LINE_WORDS = 15  # a line this long is text even without a full stop
MAX_TITLE = 200
_WHERE = re.compile(r"^(\w+)\s+(\d+)")


@dataclass(frozen=True)
class Draft:
    """A draft policy file's text, and the places in it a person should check."""

    text: str
    report: tuple[ReportItem, ...]
    title: str
    headings: int
    clauses: int
    removed: tuple[RemovedLine, ...]


def write_draft(document: SourceDocument, source_name: str, fallback_title: str) -> Draft:
    """The draft of `document`; DocumentImportError if it would lose a word or not parse."""
    lines = [line for line in document.lines if line.text.strip() or line.cells]
    if not lines:
        raise DocumentImportError(
            f"This {document.kind} has no text to import: check it is the policy itself, not "
            "an empty page or a picture of one."
        )
    start, body_start = _body_start(lines)
    run = lines[start:body_start]
    cover_lines = lines[:start]
    title, cover_lines, run = _title(document, cover_lines, run, fallback_title)
    misplaced = [line for line in cover_lines if not fits_cover(line)]
    cover = read_cover(title, [line for line in cover_lines if fits_cover(line)])
    front = cover.front_matter(source_name)
    body = BodyWriter(first_line=len(front) + 1)  # a blank line after the front matter
    body_lines = misplaced + run + lines[body_start:]
    body.set_levels(body_lines)
    if not body_lines or body_lines[0].kind != LineKind.HEADING:
        body.heading(SourceLine(title, LineKind.HEADING, "the title", heading_level=1))
        body.report.append(
            ReportItem(
                body.line_no - 1,
                "no heading before the first paragraph: this heading "
                "is the document's title; check where the text belongs",
            )
        )
    rules = rule_items(body_lines)
    for index, line in enumerate(body_lines):
        body.add(line, own_clause=index in rules)
        if index < len(misplaced):
            body.report.append(
                ReportItem(
                    body.line_no - 1,
                    "a paragraph before the first heading that is "
                    "not part of the cover: check where it belongs",
                )
            )
    report = _cover_report(cover) + body.report + _removed_report(document.removed, body)
    text = "\n".join([*front, "", *body.out]).rstrip("\n") + "\n"
    policy = check_draft_parses(text, source_name)
    kept = [*staff_read(policy), *(removed.text for removed in document.removed)]
    check_no_word_lost(document.source_text, kept, document.kind)
    return Draft(
        text=text,
        report=tuple(sorted(report, key=lambda item: item.line)),
        title=title,
        headings=body.headings,
        clauses=body.clauses,
        removed=document.removed,
    )


def _is_body(line: SourceLine) -> bool:
    """Body text: not a heading, a table row or a cover label, and a sentence of some words
    (a cover's "The date for the next policy review is" is not)."""
    if line.kind in (LineKind.HEADING, LineKind.TABLE_ROW):
        return False
    if line.number is not None or line.kind == LineKind.LIST_ITEM:
        return True
    words = len(line.text.split())
    if _LABEL.match(line.text):
        return False
    if line.text.rstrip()[-1:] in ".!?" and words >= MIN_SENTENCE_WORDS:
        return True  # a short rule ("Pupils must be kind.") is policy, never cover
    sentence = line.text.rstrip()[-1:] in ":;" or words >= LONG_LINE_WORDS
    return words >= MIN_BODY_WORDS and sentence


def _body_start(lines: list[SourceLine]) -> tuple[int, int]:
    """(first line of the first section, first line after its heading or headings): the
    headings standing over the first body text, and whatever comes between them and it."""
    body = next((i for i, line in enumerate(lines) if _is_body(line)), len(lines))
    heads = [i for i, line in enumerate(lines[: body + 1]) if line.kind == LineKind.HEADING]
    if not heads:
        return body, body
    last = heads[-1]
    between = lines[last + 1 : body]
    if between and all(line.kind == LineKind.TABLE_ROW for line in between):
        # A title, then the cover's table, then the first paragraph: the table is the cover
        # and the title heading over it is no section of its own.
        return body, body
    start = last
    while start > 0 and lines[start - 1].kind == LineKind.HEADING:
        start -= 1
    return start, last + 1


def _title(
    document: SourceDocument,
    cover: list[SourceLine],
    run: list[SourceLine],
    fallback: str,
) -> tuple[str, list[SourceLine], list[SourceLine]]:
    """The title, and the cover and heading run left once the title's own line is taken."""
    if document.title and len(document.title) <= MAX_TITLE:
        return " ".join(document.title.split()), cover, run
    if len(run) >= 2 and run[0].number is None and len(run[0].text) <= MAX_TITLE:
        return run[0].text, cover, run[1:]  # a title standing over the first heading
    for index, line in enumerate(cover):
        if (
            line.kind in (LineKind.HEADING, LineKind.PARAGRAPH)
            and line.number is None
            and not _LABEL.match(line.text)
            and len(line.text) <= MAX_TITLE
        ):
            return " ".join(line.text.split()), cover[:index] + cover[index + 1 :], run
    if run and len(run[0].text) <= MAX_TITLE:
        return " ".join(run[0].text.split()), cover, run  # the first heading is the title too
    return fallback, cover, run


def _cover_report(cover: Cover) -> list[ReportItem]:
    missing = [
        name
        for name, value in (
            ("approved", cover.approved),
            ("review_cycle", cover.review_cycle),
            ("next_review", cover.next_review),
        )
        if value == NOT_STATED
    ]
    if not missing:
        return []
    return [
        ReportItem(
            1,
            f"not found on the cover, so written as 'not stated': {', '.join(missing)}; "
            "fill them in if the document says them elsewhere",
        )
    ]


def _removed_report(removed: tuple[RemovedLine, ...], body: BodyWriter) -> list[ReportItem]:
    """Each removed artefact, reported at the draft line nearest where it stood."""
    placed = _places(body)
    items = []
    # The same artefact taken out several times in one place (a page's bullet glyphs) is one
    # line of the report, with how many times.
    for artefact, times in Counter(removed).items():
        where = f"{artefact.where} of the original"
        said = f"'{artefact.text}'" + (f" {times} times" if times > 1 else "")
        message = (
            f"removed {said} ({artefact.reason}, {where})"
            if artefact.text
            else f"{artefact.reason} ({where})"  # a change that took no words out
        )
        items.append(ReportItem(_nearest_line(artefact.where, placed), message))
    return items


def _places(body: BodyWriter) -> list[tuple[str, int, int]]:
    """(kind, number, draft line) of each text placed, in order: "page 3" is ("page", 3, ...).
    Read once, not once per removed line (a long PDF removes hundreds)."""
    found = []
    for placed_where, line in body.placed:
        there = _WHERE.match(placed_where)
        if there is not None:
            found.append((there.group(1), int(there.group(2)), line))
    return found


def _nearest_line(where: str, placed: list[tuple[str, int, int]]) -> int:
    """The draft line of the last text placed from at or before `where` ("line 12", "page 3"),
    where the artefact interrupted it; else the first placed after; the draft's first line when
    the places cannot be compared."""
    wanted = _WHERE.match(where)
    if wanted is None:
        return 1
    kind, number = wanted.group(1), int(wanted.group(2))
    before = after = None
    for there_kind, there_number, line in placed:
        if there_kind != kind:
            continue
        if there_number <= number:
            before = line
        elif after is None:
            after = line
    return before or after or 1


def check_draft_parses(text: str, source_name: str) -> Policy:
    """The policy `text` holds; DocumentImportError unless it parses with no problem."""
    with tempfile.TemporaryDirectory(prefix="guidance-import-") as folder:
        path = Path(folder) / "draft.md"
        path.write_text(text, encoding="utf-8")
        policy, problems = parse_policy_file(path, "import")
    if problems or policy is None:
        first = problems[0]
        raise DocumentImportError(
            f"The draft made from {source_name} is not a valid policy file (line {first.line}: "
            f"{first.message}), so nothing was written. Please send the document to whoever "
            "looks after the app."
        )
    return policy


def staff_read(policy: Policy) -> list[str]:
    """The words staff are shown: the title, the cover's lines, headings and clauses (not the
    file's field names, ids or the 'not stated' it fills in, which a lost word could hide
    behind)."""
    words = [policy.title]
    words += [f"{detail.label} {detail.value}" for detail in policy.details]
    for section in policy.sections:
        words.append(section.heading)
        words += [block.markdown for clause in section.clauses for block in clause.blocks]
    return words
