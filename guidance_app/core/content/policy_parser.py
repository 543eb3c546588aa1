"""Parse a policy file: YAML front matter, then Markdown headings and clauses with stable ids.

    ---
    title: Social Networking Policy
    ...
    ---
    # Safeguarding and Child Protection {#safeguarding}
    ## Friendships with students {#friendships-with-students}
    {#friendships-with-students-1}
    It is the policy of The Wilnecote School that employees are not personal 'friends' ...

A heading ends with `{#id}`. A line holding only `{#id}` starts a clause; the clause runs to the
next clause marker or heading. Inside a clause: paragraphs (blank line between) and `- ` bullet
items (indent for sub-items). Every word must sit inside a clause, so every word is citable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from guidance_app.core.content import schema
from guidance_app.core.content.model import NOT_STATED, Block, Clause, DetailLine, Policy, Section
from guidance_app.core.errors import ContentFileError, Problem
from guidance_app.core.files.textfiles import MAX_POLICY_BYTES, read_text
from guidance_app.core.files.yamlsafe import YamlMap, parse_yaml

ID_PATTERN = r"[a-z0-9]+(?:[.-][a-z0-9]+)*"
_HEADING = re.compile(r"^(#{1,4})[ \t]+(.*?)[ \t]*(?:\{#([^}]*)\})?[ \t]*$")
_CLAUSE_MARKER = re.compile(r"^\{#([^}]*)\}[ \t]*$")
_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+(.*)$")
_VALID_ID = re.compile(rf"^{ID_PATTERN}$")


@dataclass
class _OpenClause:
    id: str
    line: int
    blocks: list[Block] = field(default_factory=list)
    open_block: list[str] = field(default_factory=list)
    open_is_item: bool = False
    open_level: int = 0

    def close_block(self) -> None:
        if self.open_block:
            markdown = " ".join(part.strip() for part in self.open_block)
            self.blocks.append(Block(markdown, self.open_is_item, self.open_level))
            self.open_block = []


@dataclass
class _OpenSection:
    id: str
    heading: str
    level: int
    parent_id: str | None
    line: int
    clauses: list[Clause] = field(default_factory=list)


def parse_policy_file(path: Path, school_id: str) -> tuple[Policy | None, list[Problem]]:
    """Parse one policy. Returns (None, problems) when the file cannot be used at all."""
    try:
        text = read_text(path, MAX_POLICY_BYTES)
    except ContentFileError as exc:
        return None, [exc.problem]
    return parse_policy_text(text, path, school_id)


def parse_policy_text(text: str, path: Path, school_id: str) -> tuple[Policy | None, list[Problem]]:
    """Parse a policy's text as if read from `path` (a new draft is checked before it is
    written); the policy's id is the file's name."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, [
            Problem(
                path,
                1,
                1,
                "a policy file starts with a '---' line, then its "
                "details (title, source, approved, review_cycle, next_review), "
                "then another '---' line",
            )
        ]
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        return None, [
            Problem(
                path,
                1,
                1,
                "the details at the top are not closed: add a line "
                "'---' after them, before the policy text",
            )
        ]
    try:
        front = parse_yaml("\n".join(lines[1:end]), path, line_offset=1)
    except ContentFileError as exc:
        return None, [exc.problem]
    problems = (
        schema.check(front, "policy", path)
        if front is not None
        else [
            Problem(
                path,
                2,
                1,
                "the details at the top are empty; give at least title, source, "
                "approved, review_cycle and next_review",
            )
        ]
    )
    if problems or not isinstance(front, YamlMap):
        return None, problems
    sections, body_problems = _parse_body(lines, end + 1, path)
    problems.extend(body_problems)
    if not sections and not body_problems:
        problems.append(
            Problem(
                path,
                end + 2,
                1,
                "the policy has no text: add a heading '# Heading {#id}' and clauses under it",
            )
        )
    policy = Policy(
        id=path.stem,
        school_id=school_id,
        title=front["title"],
        source=front["source"],
        approved=front["approved"],
        review_cycle=front["review_cycle"],
        next_review=front["next_review"],
        next_review_due=front.get("next_review_due"),
        details=tuple(DetailLine(d["label"], d.get("value", "")) for d in front.get("details", [])),
        sections=tuple(sections),
        path=path,
    )
    if policy.next_review_due and policy.next_review == NOT_STATED:
        problems.append(
            Problem(
                path,
                front.value_marks["next_review_due"].line,
                1,
                "'next_review_due' is given but 'next_review' says 'not stated'; "
                "give the date as the document states it in 'next_review'",
            )
        )
    return policy, problems


def _parse_body(lines: list[str], first: int, path: Path) -> tuple[list[Section], list[Problem]]:
    problems: list[Problem] = []
    sections: list[Section] = []
    seen_ids: dict[str, int] = {}
    section: _OpenSection | None = None
    clause: _OpenClause | None = None
    parents: list[_OpenSection] = []

    def claim(identifier: str, line_no: int, col: int, what: str) -> bool:
        if not _VALID_ID.match(identifier):
            problems.append(
                Problem(
                    path,
                    line_no,
                    col,
                    f"the {what} id '{identifier}' is not "
                    "valid: use lowercase letters, digits, and '.' or '-' "
                    "between them, for example '4.1.2' or 'friendships-1'",
                )
            )
            return False
        if identifier in seen_ids:
            problems.append(
                Problem(
                    path,
                    line_no,
                    col,
                    f"the id '{identifier}' is already used "
                    f"at line {seen_ids[identifier]}; every heading and clause "
                    "needs its own id",
                )
            )
            return False
        seen_ids[identifier] = line_no
        return True

    def close_clause() -> None:
        nonlocal clause
        if clause is None or section is None:
            return
        clause.close_block()
        if clause.blocks:
            section.clauses.append(Clause(clause.id, section.id, tuple(clause.blocks), clause.line))
        else:
            problems.append(
                Problem(
                    path,
                    clause.line,
                    1,
                    f"the clause '{clause.id}' has no "
                    "text; remove the marker or put the clause's words under it",
                )
            )
        clause = None

    def close_section() -> None:
        close_clause()
        if section is not None:
            sections.append(
                Section(
                    section.id,
                    section.heading,
                    section.level,
                    section.parent_id,
                    tuple(section.clauses),
                    section.line,
                )
            )

    for index in range(first, len(lines)):
        line_no = index + 1
        raw = lines[index]
        if not raw.strip():
            if clause is not None:
                clause.close_block()
            continue
        if heading := _HEADING.match(raw):
            close_section()
            hashes, title, identifier = heading.groups()
            level = len(hashes)
            if identifier is None:
                problems.append(
                    Problem(
                        path,
                        line_no,
                        len(raw) + 1,
                        "this heading has no id: "
                        "end it with {#some-id}, for example "
                        f"'{hashes} {title} {{#{_slug(title)}}}'",
                    )
                )
                identifier = f"_line{line_no}"
            else:
                claim(identifier, line_no, raw.index("{#") + 1, "heading")
            while parents and parents[-1].level >= level:
                parents.pop()
            section = _OpenSection(
                identifier, title, level, parents[-1].id if parents else None, line_no
            )
            parents.append(section)
            continue
        if marker := _CLAUSE_MARKER.match(raw):
            close_clause()
            identifier = marker.group(1)
            if section is None:
                problems.append(
                    Problem(
                        path,
                        line_no,
                        1,
                        "a clause comes before any heading: "
                        "add a heading '# Heading {#id}' above it",
                    )
                )
                section = _OpenSection("_top", "", 1, None, line_no)
            claim(identifier, line_no, 2, "clause")
            clause = _OpenClause(identifier, line_no)
            continue
        if clause is None:
            problems.append(
                Problem(
                    path,
                    line_no,
                    1,
                    "this text is not inside a clause: add a "
                    "line with only '{#clause-id}' above it",
                )
            )
            continue
        if bullet := _BULLET.match(raw):
            clause.close_block()
            indent = len(bullet.group(1).expandtabs(4))
            clause.open_block = [bullet.group(2)]
            clause.open_is_item = True
            clause.open_level = min(3, 1 + (indent + 1) // 2)
        else:
            if not clause.open_block:
                clause.open_is_item = False
                clause.open_level = 0
            clause.open_block.append(raw)
    close_section()
    return sections, problems


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "section"
