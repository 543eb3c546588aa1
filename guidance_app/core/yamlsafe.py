"""Safe YAML for content files, with the position of every value kept for error messages.

Only plain data is allowed: mappings, lists, text, whole numbers, decimals, true/false and null.
`yes`/`no`/`on`/`off` and dates stay text (YAML 1.1 would silently turn them into booleans and
dates). Anchors and aliases are refused outright, which also rules out "billion laughs" bombs;
nesting depth is checked on the event stream before anything recursive runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from guidance_app.core.errors import ContentFileError, Problem
from guidance_app.core.textfiles import MAX_YAML_BYTES, read_text

MAX_DEPTH = 24


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a file."""

    line: int
    col: int


class YamlMap(dict[str, Any]):
    """A mapping that remembers where it, each key and each value stand in the file."""

    mark: Mark
    key_marks: dict[str, Mark]
    value_marks: dict[str, Mark]


class YamlList(list[Any]):
    """A list that remembers where it and each item stand in the file."""

    mark: Mark
    item_marks: list[Mark]


class _ContentLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-like resolution: only true/false are booleans; no timestamps."""


_ContentLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
for _first in "tTfF":
    _ContentLoader.yaml_implicit_resolvers.setdefault(_first, []).append(
        ("tag:yaml.org,2002:bool", _BOOL)
    )


def _mark(node_mark: Any, line_offset: int) -> Mark:
    return Mark(node_mark.line + 1 + line_offset, node_mark.column + 1)


def load_yaml_file(path: Path) -> Any:
    """Read and parse one YAML content file; raise ContentFileError on any problem."""
    return parse_yaml(read_text(path, MAX_YAML_BYTES), path)


def parse_yaml(text: str, path: Path, line_offset: int = 0) -> Any:
    """Parse YAML text into YamlMap/YamlList/scalars. `line_offset` shifts reported lines
    (for YAML embedded in another file, such as a policy's front matter)."""

    def fail(line: int, col: int, message: str) -> ContentFileError:
        return ContentFileError(Problem(path, line + line_offset, col, message))

    try:
        _check_events(text, path, line_offset)
        loader = _ContentLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "not valid YAML"
        raise fail(line, col, f"this is not valid YAML: {what}") from exc
    except yaml.YAMLError as exc:
        raise fail(1, 1, f"this is not valid YAML: {exc}") from exc
    if node is None:
        return None
    return _build(node, path, line_offset)


def _check_events(text: str, path: Path, line_offset: int) -> None:
    depth = 0
    documents = 0
    for event in yaml.parse(text, Loader=_ContentLoader):
        mark = _mark(event.start_mark, line_offset)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise ContentFileError(
                Problem(
                    path,
                    mark.line,
                    mark.col,
                    "anchors (&name) and aliases (*name) are not allowed in content "
                    "files; write the value out in full",
                )
            )
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise ContentFileError(
                    Problem(
                        path,
                        mark.line,
                        mark.col,
                        "a content file holds one YAML document; remove the extra '---'",
                    )
                )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise ContentFileError(
                    Problem(
                        path,
                        mark.line,
                        mark.col,
                        f"nested more than {MAX_DEPTH} levels deep; content is never "
                        "this deep, so the file is probably damaged",
                    )
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


def _build(node: yaml.Node, path: Path, line_offset: int) -> Any:
    mark = _mark(node.start_mark, line_offset)
    if isinstance(node, yaml.MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            raise _tag_error(node, path, mark)
        mapping = YamlMap()
        mapping.mark, mapping.key_marks, mapping.value_marks = mark, {}, {}
        for key_node, value_node in node.value:
            key_mark = _mark(key_node.start_mark, line_offset)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise ContentFileError(
                    Problem(
                        path,
                        key_mark.line,
                        key_mark.col,
                        "merge keys (<<) are not allowed in content files",
                    )
                )
            key = _build(key_node, path, line_offset)
            if not isinstance(key, str):
                raise ContentFileError(
                    Problem(path, key_mark.line, key_mark.col, f"keys must be text, not {key!r}")
                )
            if key in mapping:
                first = mapping.key_marks[key]
                raise ContentFileError(
                    Problem(
                        path,
                        key_mark.line,
                        key_mark.col,
                        f"duplicate key '{key}' (first given at line {first.line}); "
                        "each key may appear once",
                    )
                )
            mapping[key] = _build(value_node, path, line_offset)
            mapping.key_marks[key] = key_mark
            mapping.value_marks[key] = _mark(value_node.start_mark, line_offset)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            raise _tag_error(node, path, mark)
        items = YamlList()
        items.mark, items.item_marks = mark, []
        for child in node.value:
            items.append(_build(child, path, line_offset))
            items.item_marks.append(_mark(child.start_mark, line_offset))
        return items
    if node.tag not in _SCALAR_TAGS:
        raise _tag_error(node, path, mark)
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    if node.tag == "tag:yaml.org,2002:bool":
        return node.value.lower() == "true"
    constructor = yaml.constructor.SafeConstructor()
    try:
        return constructor.construct_object(node)
    except (yaml.YAMLError, ValueError, OverflowError):
        return node.value


def _tag_error(node: yaml.Node, path: Path, mark: Mark) -> ContentFileError:
    return ContentFileError(
        Problem(
            path,
            mark.line,
            mark.col,
            f"the tag '{node.tag}' is not allowed; content files hold only plain text, "
            "numbers, lists and mappings",
        )
    )
