"""Changing a school's rulings.yaml in place, keeping everything a person wrote around the change.

Only the lines of the rulings that change are rewritten: every other byte of the file (comments,
blank lines, quoting, the order of the rulings) stays exactly as it was. A changed ruling keeps
the style of the fields that did not change (a `tell: [a, b]` list, quoted fingerprints, comments
inside it), because its old round-trip node is updated in place and only then written out.

ruamel.yaml is used for writing only: the result is read back with the app's strict loader and
checked against the schema before it replaces the old file, so a write never leaves a file the
app cannot load. The new file is written beside the old one, flushed to disk, then swapped in
with os.replace, so a crash leaves either the old file or the new one, never half of each.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from guidance_app.core.content import schema
from guidance_app.core.content.rulings import parse_rulings
from guidance_app.core.errors import ContentFileError, ContentWriteError
from guidance_app.core.files.atomic import replace_file
from guidance_app.core.files.safe_read import UnreadableFileError, read_regular_file
from guidance_app.core.files.textfiles import MAX_YAML_BYTES
from guidance_app.core.files.yamlsafe import parse_yaml, resolve_plain

_STR_TAG = "tag:yaml.org,2002:str"
_FINGERPRINT = re.compile(r"^[0-9a-f]{12}$")
_FLOW_LISTS = ("tell",)  # written `tell: [dsl, headteacher]`, as the bundled files do


def write_ruling(path: Path, key: str, fields: Mapping[str, object]) -> None:
    """Replace one situation's ruling with `fields` (or add it, after the last ruling of the
    same guided answer); fields it had that `fields` lacks (or gives as None) are removed."""
    write_rulings(path, {key: fields})


def write_rulings(path: Path, rulings: Mapping[str, Mapping[str, object]]) -> None:
    """Several rulings in one write: all of them are saved, or none."""
    changes = {
        key: {name: value for name, value in fields.items() if value is not None}
        for key, fields in rulings.items()
    }
    _Document.read(path).apply(changes, must_exist=False)


def mark_needs_review(path: Path, keys: Iterable[str], reason: str) -> None:
    """Mark answered rulings as needing review, saying why in plain words."""
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return
    current = _Document.read(path)
    changes: dict[str, dict[str, object]] = {}
    for key in wanted:
        fields = current.fields(key)
        if fields is None or "to_do" in fields or "not_covered" in fields:
            raise ContentWriteError(
                f"{path}: '{key}' is not an answered ruling in this file, so it cannot be "
                "marked for review"
            )
        changes[key] = {**fields, "needs_review": reason}
    current.apply(changes, must_exist=True)


def clear_needs_review(path: Path, key: str) -> None:
    """The author has checked the ruling: it no longer needs review."""
    current = _Document.read(path)
    fields = current.fields(key)
    if fields is None:
        raise ContentWriteError(f"{path}: there is no ruling for '{key}' in this file")
    fields.pop("needs_review", None)
    current.apply({key: fields}, must_exist=True)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never re-wrap a long line
    yaml.indent(mapping=2, sequence=4, offset=2)  # as every bundled rulings.yaml is written
    return yaml


class _Document:
    """One rulings.yaml as text and as ruamel's round-trip tree."""

    def __init__(self, path: Path, text: str, tree: Any) -> None:
        self.path = path
        self.text = text
        self.tree = tree

    @classmethod
    def read(cls, path: Path) -> _Document:
        target = path.resolve()  # a linked file is changed where it really is
        try:
            text = read_regular_file(target, MAX_YAML_BYTES).decode("utf-8")
        except UnreadableFileError as exc:
            raise ContentWriteError(f"{path}: {exc.reason}") from exc
        except UnicodeDecodeError as exc:
            raise ContentWriteError(f"{path}: the file is not valid UTF-8 text") from exc
        try:
            tree = _yaml().load(text)
        except YAMLError as exc:
            raise ContentWriteError(
                f"{path}: this is not valid YAML, so it was not changed"
            ) from exc
        rulings = tree.get("rulings") if isinstance(tree, CommentedMap) else None
        if not isinstance(rulings, CommentedMap) or rulings.fa.flow_style():
            raise ContentWriteError(
                f"{path}: the file has no 'rulings:' mapping written one ruling per line, "
                "so it was not changed"
            )
        return cls(target, text, tree)

    @property
    def rulings(self) -> CommentedMap:
        rulings: CommentedMap = self.tree["rulings"]
        return rulings

    def fields(self, key: str) -> dict[str, object] | None:
        node = self.rulings.get(key)
        if not isinstance(node, CommentedMap):
            return None
        plain: dict[str, object] = _plain(node)
        return plain

    def apply(self, changes: dict[str, dict[str, object]], must_exist: bool) -> None:
        lines = self.text.splitlines(keepends=True)
        newline = "\r\n" if self.text.endswith("\r\n") or "\r\n" in self.text[:400] else "\n"
        # Bottom to top, so the line numbers of the rulings above stay right.
        edits: list[tuple[int, int, list[str]]] = []
        for key, fields in changes.items():
            node = self.rulings.get(key)
            if node is None and must_exist:
                raise ContentWriteError(f"{self.path}: there is no ruling for '{key}' in this file")
            if isinstance(node, CommentedMap) and _plain(node) == fields:
                continue  # nothing changes: not one byte is rewritten
            if isinstance(node, CommentedMap):
                _drop_trailing_comments(node)
            value = _update(node, fields)
            block = _block(key, value, newline)
            if node is None:
                at = self._append_at(key, lines)
                edits.append((at, at, block))
            else:
                start, end = self._span(key, lines)
                edits.append((start, end, block))
        if not edits:
            return
        for start, end, block in sorted(edits, key=lambda edit: edit[0], reverse=True):
            if start == end and start > 0 and not lines[start - 1].endswith("\n"):
                lines[start - 1] += newline
            lines[start:end] = block
        self._check_and_replace("".join(lines))

    def _keys(self) -> list[str]:
        return [str(key) for key in self.rulings]

    def _span(self, key: str, lines: list[str]) -> tuple[int, int]:
        """The 0-based lines [start, end) of a ruling: from its key to its last line, leaving
        the comments and blank lines after it to the next ruling they stand before."""
        keys = self._keys()
        start = int(self.rulings.lc.key(key)[0])
        index = keys.index(key)
        end = int(self.rulings.lc.key(keys[index + 1])[0]) if index + 1 < len(keys) else len(lines)
        while end > start + 1 and _is_blank_or_comment(lines[end - 1]):
            end -= 1
        return start, end

    def _append_at(self, key: str, lines: list[str]) -> int:
        """Where a new ruling goes: after the last ruling of its guided answer, else at the end."""
        group = key.split("/", 1)[0]
        same = [k for k in self._keys() if k.split("/", 1)[0] == group]
        if same:
            return self._span(same[-1], lines)[1]
        return len(lines)

    def _check_and_replace(self, text: str) -> None:
        old_problems = _problem_messages(self.path, self.text)
        for message in _problem_messages(self.path, text):
            if message not in old_problems:
                raise ContentWriteError(
                    f"{self.path}: the change was not saved, because the file would then have "
                    f"a problem: {message}"
                )
        replace_file(self.path, text.encode("utf-8"))


def _problem_messages(path: Path, text: str) -> set[str]:
    """What the app's own loader would say about this text (messages without positions)."""
    try:
        data = parse_yaml(text, path)
    except ContentFileError as exc:
        return {exc.problem.message}
    found = schema.check(data, "rulings", path)
    if not found:
        found = parse_rulings(path, data)[1]
    return {problem.message for problem in found}


def _update(node: CommentedMap | None, fields: Mapping[str, object]) -> CommentedMap:
    """`node` changed to hold `fields`: unchanged fields keep their node (style, comments)."""
    target = node if node is not None else CommentedMap()
    target.fa.set_block_style()  # `key: {to_do: true}` becomes a ruling of one field a line
    for name in [str(k) for k in target if k not in fields]:
        del target[name]
    for name, value in fields.items():
        if name in target and _plain(target[name]) == value:
            continue
        target[name] = _node(name, value)
    return target


def _drop_trailing_comments(node: Any) -> None:
    """ruamel keeps the comment lines after a ruling (those before the next key) on the ruling's
    last value; they stay in the file where they are, so they must not be written twice. A
    comment on the same line as that value is kept."""
    while isinstance(node, CommentedMap | CommentedSeq) and len(node) and not node.fa.flow_style():
        last: Any = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        slots = node.ca.items.get(last)
        if slots:
            for index, token in enumerate(slots):
                if token is not None and hasattr(token, "value"):
                    same_line = token.value.split("\n", 1)[0]
                    token.value = same_line + "\n"
                    if not same_line.strip():
                        slots[index] = None
        node = node[last]


def _node(name: str, value: object) -> Any:
    """A new YAML node for a field, written the way the bundled files write it."""
    if isinstance(value, str):
        if name == "fingerprint" and _FINGERPRINT.match(value):
            return SingleQuotedScalarString(value)
        return value if resolve_plain(value) == _STR_TAG else DoubleQuotedScalarString(value)
    if isinstance(value, Mapping):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[str(key)] = _node(str(key), item)
        return mapping
    if isinstance(value, list | tuple):
        seq = CommentedSeq(_node(name, item) for item in value)
        if name in _FLOW_LISTS:
            seq.fa.set_flow_style()
        return seq
    return value


def _plain(node: Any) -> Any:
    """Round-trip nodes as plain dicts, lists and scalars, to compare with what is asked for."""
    if isinstance(node, CommentedMap):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, CommentedSeq):
        return [_plain(item) for item in node]
    if isinstance(node, str):
        return str(node)
    return node


def _block(key: str, value: CommentedMap, newline: str) -> list[str]:
    """The lines of one ruling, indented as a key of `rulings:`, without trailing comments
    (those belong to the next ruling and stay where they are in the file)."""
    out = io.StringIO()
    _yaml().dump({"rulings": {key: value}}, out)
    lines = out.getvalue().splitlines(keepends=False)[1:]
    while lines and _is_blank_or_comment(lines[-1]):
        lines.pop()
    return [line + newline for line in lines]


def _is_blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")
