"""A school's policy replaced by a new version: what changed, clause by clause, and the answers
that must be checked again.

Clauses are matched by their words first (the same words, whatever their number; then the most
alike above a threshold, as "changed"), and only then by id. A new clause that matches an old one
takes the OLD id, so every citation of it still resolves; staff still see the number the new
text shows (places.shown_number). Every answer citing a changed or removed clause is marked
"needs review"; one citing a clause whose words are the same (renumbered or not) keeps its state,
its citation's fingerprint updated to the new number in the words.
"""

from __future__ import annotations

import contextlib
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from guidance_app.core.content import schema
from guidance_app.core.content.model import Clause, Policy, fold_whitespace
from guidance_app.core.content.places import clause_place, shown_number
from guidance_app.core.content.policy_parser import parse_policy_file, parse_policy_text
from guidance_app.core.content.review_dates import long_date
from guidance_app.core.content.ruling_writer import write_rulings
from guidance_app.core.content.rulings import Ruling, RulingBook, RulingState, parse_rulings
from guidance_app.core.errors import ContentFileError, ContentWriteError, Problem
from guidance_app.core.files.atomic import replace_file
from guidance_app.core.files.yamlsafe import load_yaml_file

# How alike two clauses' words must be (difflib's ratio) to count as one clause, changed.
SIMILAR = 0.6
_LEADING_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?\s+")
_MARKER_ID = re.compile(r"\{#[^}]*\}")
MAX_REASON = 600  # rulings.schema.json's limit on needs_review


class ChangeKind(Enum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"  # the same clause, its words differ
    ADDED = "added"
    REMOVED = "removed"
    RENUMBERED = "renumbered"  # the same words under another number


@dataclass(frozen=True)
class ClauseChange:
    kind: ChangeKind
    old: Clause | None  # None for an added clause
    new: Clause | None  # None for a removed one; as the new draft numbers it


@dataclass(frozen=True)
class PolicyChanges:
    old: Policy
    new: Policy
    clauses: tuple[ClauseChange, ...]  # in the new policy's order, then the removed ones

    def of(self, kind: ChangeKind) -> tuple[ClauseChange, ...]:
        return tuple(change for change in self.clauses if change.kind is kind)

    def lines(self) -> list[str]:
        """Each clause that is not unchanged, named as staff see it: "2.1 changed", "2.2
        added", "2.3 renumbered (was 2.2)", "3.1 removed"."""
        said = []
        for change in self.clauses:
            old = str(clause_place(self.old, change.old)) if change.old else ""
            new = str(clause_place(self.new, change.new)) if change.new else ""
            if change.kind is ChangeKind.RENUMBERED:
                said.append(f"{new} renumbered (was {old})")
            elif change.kind is not ChangeKind.UNCHANGED:
                said.append(f"{new or old} {change.kind.value}")
        return said

    def summary(self) -> str:
        """The counts: "3 changed, 1 added, 1 removed" (and renumbered where any were)."""
        kinds = [ChangeKind.CHANGED, ChangeKind.ADDED, ChangeKind.REMOVED]
        if self.of(ChangeKind.RENUMBERED):
            kinds.append(ChangeKind.RENUMBERED)
        return ", ".join(f"{len(self.of(kind))} {kind.value}" for kind in kinds)


@dataclass(frozen=True)
class PolicyUpdate:
    changes: PolicyChanges
    marked: tuple[str, ...]  # the situation keys of the answers now needing review

    def summary(self) -> str:
        """For the command to print: "3 changed, 1 added, 1 removed; 2 answers need review:
        a, b"."""
        count = len(self.marked)
        if not count:
            return f"{self.changes.summary()}; no answer needs review"
        needs = "1 answer needs" if count == 1 else f"{count} answers need"
        return f"{self.changes.summary()}; {needs} review: {', '.join(self.marked)}"


def compare_policies(old: Policy, new: Policy) -> PolicyChanges:
    """Clause by clause, how `new` differs from `old`."""
    olds, news = list(old.clauses), list(new.clauses)
    pairs = _match(olds, news)
    matched_old = set(pairs.values())
    changes = []
    for j, clause in enumerate(news):
        i = pairs.get(j)
        if i is None:
            changes.append(ClauseChange(ChangeKind.ADDED, None, clause))
            continue
        before = olds[i]
        if _words(before) != _words(clause):
            kind = ChangeKind.CHANGED
        elif shown_number(before) != shown_number(clause):
            kind = ChangeKind.RENUMBERED
        else:
            kind = ChangeKind.UNCHANGED
        changes.append(ClauseChange(kind, before, clause))
    changes += [
        ClauseChange(ChangeKind.REMOVED, c, None)
        for i, c in enumerate(olds)
        if i not in matched_old
    ]
    return PolicyChanges(old, new, tuple(changes))


def apply_policy_update(
    school_dir: Path, policy_id: str, new_markdown: str, today: date
) -> PolicyUpdate:
    """Replace a policy with its new version (ids kept stable) and mark the answers citing a
    changed or removed clause as needing review. ContentWriteError, and the old policy kept,
    if anything cannot be done."""
    path = school_dir / "policies" / f"{policy_id}.md"
    old, found = parse_policy_file(path, school_dir.name)
    if old is None or found:
        raise ContentWriteError(_not_loading(f"the current policy {path.name}", found))
    new, found = parse_policy_text(new_markdown, path, school_dir.name)
    if new is None or found:
        raise ContentWriteError(_not_loading("the new version", found))
    changes = compare_policies(old, new)
    text = _with_stable_ids(new_markdown, new, changes)
    final, found = parse_policy_text(text, path, school_dir.name)
    if final is None or found:  # the ids were rewritten wrongly: never write that
        raise ContentWriteError(_not_loading("the new version, its ids kept", found))
    rulings_path = school_dir / "rulings.yaml"
    edits, marked = _ruling_edits(rulings_path, changes, final, today)
    before = rulings_path.read_bytes() if edits else b""
    if edits:
        write_rulings(rulings_path, edits)
    try:
        replace_file(path, text.encode("utf-8"))
    except ContentWriteError:
        if edits:  # the answers go back as they were, to match the old policy kept
            with contextlib.suppress(ContentWriteError):
                replace_file(rulings_path, before)
        raise
    return PolicyUpdate(changes, tuple(marked))


def _words(clause: Clause) -> str:
    """The clause's words without its own number, whitespace folded."""
    return fold_whitespace(_LEADING_NUMBER.sub("", clause.text, count=1))


def _match(olds: list[Clause], news: list[Clause]) -> dict[int, int]:
    """new index -> old index: the same words, then the most alike, then the same id."""
    pairs: dict[int, int] = {}
    by_words: dict[str, list[int]] = {}
    for i, clause in enumerate(olds):
        by_words.setdefault(_words(clause), []).append(i)
    for j, clause in enumerate(news):
        candidates = by_words.get(_words(clause), [])
        if candidates:
            same_id = [i for i in candidates if olds[i].id == clause.id]
            i = (same_id or candidates)[0]
            candidates.remove(i)
            pairs[j] = i
    free_old = [i for i in range(len(olds)) if i not in pairs.values()]
    scored = []
    for j in (j for j in range(len(news)) if j not in pairs):
        for i in free_old:
            matcher = difflib.SequenceMatcher(None, _words(olds[i]), _words(news[j]), False)
            if matcher.quick_ratio() >= SIMILAR and (ratio := matcher.ratio()) >= SIMILAR:
                scored.append((ratio, olds[i].id == news[j].id, -abs(i - j), j, i))
    taken: set[int] = set()
    for *_, j, i in sorted(scored, reverse=True):
        if j not in pairs and i not in taken:
            pairs[j] = i
            taken.add(i)
    left = {olds[i].id: i for i in free_old if i not in taken}
    for j in (j for j in range(len(news)) if j not in pairs):
        if news[j].id in left:
            pairs[j] = left.pop(news[j].id)
    return pairs


def _with_stable_ids(markdown: str, new: Policy, changes: PolicyChanges) -> str:
    """The new draft with each matched clause under its old id, and every other id free of the
    old ones (a removed clause's id is never given to other words)."""
    old_ids = {clause.id for clause in changes.old.clauses}
    kept = {c.new.id: c.old.id for c in changes.clauses if c.new is not None and c.old is not None}
    used = set(kept.values())
    renames: dict[int, str] = {}  # line (1-based) -> id
    for change in changes.clauses:
        clause = change.new
        if clause is None:
            continue
        final = kept.get(clause.id) if change.old is not None else None
        if final is None:
            final = _free(clause.id, old_ids | used)
        used.add(final)
        renames[clause.line] = final
    for section in new.sections:
        renames[section.line] = _free(section.id, old_ids | used) if section.id in used else ""
        used.add(renames[section.line] or section.id)
    lines = markdown.split("\n")
    for line, final in renames.items():
        if final:
            text = lines[line - 1]
            at = text.rindex("{#")  # a heading's id ends its line; a marker is the whole line
            lines[line - 1] = text[:at] + _MARKER_ID.sub("{#" + final + "}", text[at:], count=1)
    return "\n".join(lines)


def _free(identifier: str, taken: set[str]) -> str:
    if identifier not in taken:
        return identifier
    return next(f"{identifier}-{n}" for n in range(2, 10_000) if f"{identifier}-{n}" not in taken)


def _ruling_edits(
    path: Path, changes: PolicyChanges, final: Policy, today: date
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The rulings to rewrite (key -> all its fields) and the keys marked for review."""
    book, raw = _rulings(path)
    if book is None:
        return {}, []
    by_old_id = {c.old.id: c for c in changes.clauses if c.old is not None}
    edits: dict[str, dict[str, Any]] = {}
    marked: list[str] = []
    for key, ruling in book.rulings.items():
        if ruling.state not in (RulingState.ANSWERED, RulingState.NEEDS_REVIEW):
            continue
        fields = _plain(raw[key])
        said, refreshed = [], False
        for citation, cite in zip(ruling.citations, fields.get("cite", []), strict=True):
            change = by_old_id.get(citation.clause_id)
            if citation.policy_id != final.id or change is None:
                continue
            if change.kind in (ChangeKind.CHANGED, ChangeKind.REMOVED):
                said.append(_what_happened(change, changes.old, final))
                continue
            now = final.clause(citation.clause_id)  # same words, perhaps another number
            was = change.old.fingerprint if change.old else None
            if now is not None and cite.get("fingerprint") == was != now.fingerprint:
                cite["fingerprint"] = now.fingerprint
                refreshed = True
        if said:
            fields["needs_review"] = _reason(final, said, today, ruling)
            marked.append(key)
        if said or refreshed:
            edits[key] = fields
    return edits, marked


def _rulings(path: Path) -> tuple[RulingBook | None, Any]:
    if not path.exists():
        return None, None
    try:
        raw = load_yaml_file(path)
    except ContentFileError as exc:
        raise ContentWriteError(_not_loading(path.name, [exc.problem])) from exc
    found = schema.check(raw, "rulings", path)
    book, more = parse_rulings(path, raw) if not found else (None, [])
    if book is None or found or more:
        raise ContentWriteError(_not_loading(path.name, found or more))
    return book, raw["rulings"]


def _what_happened(change: ClauseChange, old: Policy, final: Policy) -> str:
    """ "3.2 changed", "4.1 was removed": the clause named as staff see it."""
    assert change.old is not None  # only changed and removed clauses are said
    if change.kind is ChangeKind.REMOVED:
        return f"{clause_place(old, change.old)} was removed"
    clause = final.clause(change.old.id)
    return f"{clause_place(final, clause or change.old)} changed"


def _reason(policy: Policy, said: Iterable[str], today: date, ruling: Ruling) -> str:
    parts = list(said)
    joined = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    reason = f"{policy.title} {joined} when the policy was updated on {long_date(today)}"
    earlier = ruling.needs_review
    if earlier and len(f"{earlier}; {reason}") <= MAX_REASON:
        return f"{earlier}; {reason}"
    return reason[:MAX_REASON]


def _plain(value: Any) -> Any:
    """YAML as loaded (with positions) as plain dicts and lists, to be written back."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _not_loading(what: str, problems: list[Problem]) -> str:
    first = f": {problems[0].format()}" if problems else ""
    return f"{what} does not load, so the policy was not updated{first}"
