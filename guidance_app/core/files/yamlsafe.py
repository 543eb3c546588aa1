"""Safe YAML for content files, with the position of every value kept for error messages.

Only plain data is allowed: mappings, lists, text, whole numbers, decimals, true/false and null.
`yes`/`no`/`on`/`off` and dates stay text (YAML 1.1 would silently turn them into booleans and
dates). Anchors and aliases are refused outright, which also rules out "billion laughs" bombs;
nesting depth is checked on the event stream before anything recursive runs.

libyaml (PyYAML's fast C parser) reads ahead and has limits of its own (PyYAML 6.0.4 stops at
1,000 levels of nesting), so it can fail before our checks see the event that breaks ours. When
it fails, the file is parsed again with PyYAML's pure-Python parser, which streams lazily: our
own message at the place our rule is broken wins, whichever PyYAML is installed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from guidance_app.core.errors import ContentFileError, Problem
from guidance_app.core.files.textfiles import MAX_YAML_BYTES, read_text

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


class _ContentResolver(yaml.resolver.Resolver):
    """YAML 1.2-like resolution: only true/false are booleans; no timestamps."""


_ContentResolver.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
for _first in "tTfF":
    _ContentResolver.yaml_implicit_resolvers.setdefault(_first, []).append(
        ("tag:yaml.org,2002:bool", _BOOL)
    )
_RESOLVER: Any = _ContentResolver()


def resolve_plain(value: str) -> str:
    """The tag an unquoted scalar gets under our resolution rules (a writer quotes any text
    that would not read back as text)."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    return tag


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# libyaml's parser when PyYAML was built with it (much faster); the same events either way.
FAST_PARSER: type = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
STREAMING_PARSER: type = yaml.BaseLoader

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_MERGE = "tag:yaml.org,2002:merge"


def _mark(node_mark: Any, line_offset: int) -> Mark:
    return Mark(node_mark.line + 1 + line_offset, node_mark.column + 1)


def load_yaml_file(path: Path) -> Any:
    """Read and parse one YAML content file; raise ContentFileError on any problem."""
    return parse_yaml(read_text(path, MAX_YAML_BYTES), path)


def parse_yaml(text: str, path: Path, line_offset: int = 0) -> Any:
    """Parse YAML text into YamlMap/YamlList/scalars. `line_offset` shifts reported lines
    (for YAML embedded in another file, such as a policy's front matter)."""
    parser = FAST_PARSER  # looked up on each call, so tests can run both parsers
    try:
        return _Builder(path, line_offset).build(yaml.parse(text, Loader=parser))
    except yaml.YAMLError as exc:
        if parser is STREAMING_PARSER:
            raise ContentFileError(_parser_problem(exc, path, line_offset)) from exc
        failure = exc
    # The reading-ahead parser gave up, perhaps beyond a place where our own rule is broken
    # (then that ContentFileError is raised here), or on a limit of its own that the file is
    # within for us (then the file is read as usual).
    try:
        return _Builder(path, line_offset).build(yaml.parse(text, Loader=STREAMING_PARSER))
    except yaml.YAMLError:
        raise ContentFileError(_parser_problem(failure, path, line_offset)) from failure


def _parser_problem(exc: yaml.YAMLError, path: Path, line_offset: int) -> Problem:
    """The parser's own complaint, at its place in the file."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "not valid YAML"
        return Problem(path, line + line_offset, col, f"this is not valid YAML: {what}")
    return Problem(path, 1 + line_offset, 1, f"this is not valid YAML: {exc}")


class _Builder:
    """Builds values from the parser's event stream in one pass, without recursion, so depth,
    aliases, tags and duplicate keys are all checked as they stream by."""

    def __init__(self, path: Path, line_offset: int) -> None:
        self.path = path
        self.line_offset = line_offset
        self.stack: list[YamlMap | YamlList] = []
        self.pending_key: list[tuple[str, Mark] | None] = []
        self.root: Any = None

    def fail(self, mark: Mark, message: str) -> ContentFileError:
        return ContentFileError(Problem(self.path, mark.line, mark.col, message))

    def build(self, events: Any) -> Any:
        documents = 0
        for event in events:
            mark = _mark(event.start_mark, self.line_offset)
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise self.fail(
                    mark,
                    "anchors (&name) and aliases (*name) are not allowed in "
                    "content files; write the value out in full",
                )
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self.fail(
                        mark, "a content file holds one YAML document; remove the extra '---'"
                    )
            elif isinstance(event, yaml.ScalarEvent):
                self.attach(self.scalar(event, mark), mark, is_plain=bool(event.implicit[0]))
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                self.open(event, mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                container = self.stack.pop()
                self.pending_key.pop()
                self.attach(container, container.mark)
        return self.root

    def open(self, event: Any, mark: Mark) -> None:
        is_map = isinstance(event, yaml.MappingStartEvent)
        expected = "tag:yaml.org,2002:map" if is_map else "tag:yaml.org,2002:seq"
        if event.tag not in (None, "!", expected):
            raise self.tag_error(event.tag, mark)
        if len(self.stack) >= MAX_DEPTH:
            raise self.fail(
                mark,
                f"nested more than {MAX_DEPTH} levels deep; content is never "
                "this deep, so the file is probably damaged",
            )
        container: YamlMap | YamlList
        if is_map:
            container = YamlMap()
            container.key_marks, container.value_marks = {}, {}
        else:
            container = YamlList()
            container.item_marks = []
        container.mark = mark
        if self.stack and isinstance(self.stack[-1], YamlMap) and self.pending_key[-1] is None:
            raise self.fail(mark, "keys must be text, not a list or mapping")
        self.stack.append(container)
        self.pending_key.append(None)

    def scalar(self, event: Any, mark: Mark) -> Any:
        tag = event.tag
        if tag in (None, "!"):
            tag = resolve_plain(event.value) if event.implicit[0] else "tag:yaml.org,2002:str"
        if tag == _MERGE:
            raise self.fail(mark, "merge keys (<<) are not allowed in content files")
        if tag not in _SCALAR_TAGS:
            raise self.tag_error(tag, mark)
        if tag == "tag:yaml.org,2002:str":
            return event.value
        if tag == "tag:yaml.org,2002:bool":
            return event.value.lower() == "true"
        try:
            return _CONSTRUCTOR.construct_object(yaml.ScalarNode(tag, event.value))
        except (yaml.YAMLError, ValueError, OverflowError):
            return event.value

    def attach(self, value: Any, mark: Mark, is_plain: bool = False) -> None:
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        if isinstance(parent, YamlList):
            parent.append(value)
            parent.item_marks.append(mark)
            return
        pending = self.pending_key[-1]
        if pending is None:
            if not isinstance(value, str):
                raise self.fail(mark, f"keys must be text, not {value!r}")
            if value in parent:
                first = parent.key_marks[value]
                raise self.fail(
                    mark,
                    f"duplicate key '{value}' (first given at line "
                    f"{first.line}); each key may appear once",
                )
            self.pending_key[-1] = (value, mark)
            return
        key, key_mark = pending
        parent[key] = value
        parent.key_marks[key] = key_mark
        parent.value_marks[key] = mark
        self.pending_key[-1] = None

    def tag_error(self, tag: str, mark: Mark) -> ContentFileError:
        return self.fail(
            mark,
            f"the tag '{tag}' is not allowed; content files hold only plain "
            "text, numbers, lists and mappings",
        )
