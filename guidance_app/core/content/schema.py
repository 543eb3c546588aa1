"""Check parsed YAML against the content's JSON Schemas, with plain-English messages.

The schemas in `schemas/` are the one declaration of each content kind: editors use them for
autocompletion, `content/README.md` documents them, and this module enforces them. It
interprets the subset of JSON Schema (draft 2020-12) that the content schemas use; a test
keeps the schemas inside that subset. `x-hint` is our own annotation: what a right value
looks like, added to error messages.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from guidance_app.core.errors import Problem
from guidance_app.core.files.safe_read import MAX_BUNDLED_BYTES, read_regular_file
from guidance_app.core.files.yamlsafe import Mark, YamlList, YamlMap
from guidance_app.core.locations import schema_dir

SUPPORTED_KEYWORDS = frozenset(
    {
        # validation
        "type",
        "properties",
        "required",
        "additionalProperties",
        "propertyNames",
        "items",
        "enum",
        "pattern",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minProperties",
        "uniqueItems",
        "$ref",
        "$defs",
        # annotations, ignored here
        "$schema",
        "$id",
        "$comment",
        "title",
        "description",
        "markdownDescription",
        "default",
        "examples",
        "x-hint",
    }
)

_TYPE_NAMES = {
    "object": "a mapping of keys to values",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


@cache
def load_schema(kind: str) -> dict[str, Any]:
    """The schema for a content kind: 'school', 'policy', 'wizard', 'rulings', 'synonyms'."""
    data = read_regular_file(schema_dir() / f"{kind}.schema.json", MAX_BUNDLED_BYTES)
    schema: dict[str, Any] = json.loads(data)
    return schema


def check(value: Any, kind: str, path: Path, mark: Mark | None = None) -> list[Problem]:
    """All the ways `value` breaks the schema of `kind`; empty when it conforms."""
    root = load_schema(kind)
    start: Mark = mark or getattr(value, "mark", None) or Mark(1, 1)
    return list(_check(value, root, root, path, start, "the file"))


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _is_type(value: Any, type_name: str) -> bool:
    match type_name:
        case "object":
            return isinstance(value, dict)
        case "array":
            return isinstance(value, list)
        case "string":
            return isinstance(value, str)
        case "integer":
            return isinstance(value, int) and not isinstance(value, bool)
        case "number":
            return isinstance(value, int | float) and not isinstance(value, bool)
        case "boolean":
            return isinstance(value, bool)
        case "null":
            return value is None
    return False


def _hint(schema: dict[str, Any]) -> str:
    hint = schema.get("x-hint")
    return f" ({hint})" if hint else ""


def did_you_mean(value: str, known: list[str]) -> str:
    """ "did you mean 'x'? " for the closest of `known`, or "" (for error messages)."""
    close = difflib.get_close_matches(value, known, n=1)
    return f"did you mean '{close[0]}'? " if close else ""


def _check(
    value: Any, schema: dict[str, Any], root: dict[str, Any], path: Path, mark: Mark, where: str
) -> Iterator[Problem]:
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        yield from _check(value, root["$defs"][name], root, path, mark, where)
        return

    def problem(message: str, at: Mark = mark) -> Problem:
        return Problem.at(path, at, message)

    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(value, t) for t in types):
            expected = " or ".join(_TYPE_NAMES[t] for t in types)
            yield problem(f"{where} should be {expected}, not {_describe(value)}{_hint(schema)}")
            return
    if "enum" in schema and value not in schema["enum"]:
        choices = ", ".join(str(c) for c in schema["enum"])
        yield problem(f"{where} is '{value}'; it must be one of: {choices}")
        return
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            yield problem(f"{where} must not be empty{_hint(schema)}")
        elif len(value) > schema.get("maxLength", 1 << 30):
            yield problem(
                f"{where} is too long ({len(value)} characters; at most "
                f"{schema['maxLength']}){_hint(schema)}"
            )
        elif "pattern" in schema and not re.search(schema["pattern"], value):
            yield problem(f"{where} '{value}' is not in the right form{_hint(schema)}")
    if isinstance(value, list):
        yield from _check_list(value, schema, root, path, mark, where)
    if isinstance(value, dict):
        yield from _check_mapping(value, schema, root, path, mark, where)


def _check_list(
    value: list[Any],
    schema: dict[str, Any],
    root: dict[str, Any],
    path: Path,
    mark: Mark,
    where: str,
) -> Iterator[Problem]:
    if len(value) < schema.get("minItems", 0):
        yield Problem.at(
            path,
            mark,
            f"{where} needs at least {schema['minItems']} item(s){_hint(schema)}",
        )
    if len(value) > schema.get("maxItems", 1 << 30):
        yield Problem.at(
            path,
            mark,
            f"{where} has {len(value)} items; at most {schema['maxItems']} allowed",
        )
    marks = value.item_marks if isinstance(value, YamlList) else [mark] * len(value)
    if schema.get("uniqueItems"):
        seen: set[str] = set()
        for item, item_mark in zip(value, marks, strict=True):
            key = json.dumps(item, sort_keys=True, default=str)
            if key in seen:
                yield Problem.at(path, item_mark, f"{where} lists {item!r} twice")
            seen.add(key)
    if "items" in schema:
        for index, (item, item_mark) in enumerate(zip(value, marks, strict=True), start=1):
            yield from _check(
                item, schema["items"], root, path, item_mark, f"item {index} of {where}"
            )


def _check_mapping(
    value: dict[str, Any],
    schema: dict[str, Any],
    root: dict[str, Any],
    path: Path,
    mark: Mark,
    where: str,
) -> Iterator[Problem]:
    properties: dict[str, Any] = schema.get("properties", {})
    key_marks = value.key_marks if isinstance(value, YamlMap) else {}
    value_marks = value.value_marks if isinstance(value, YamlMap) else {}
    if len(value) < schema.get("minProperties", 0):
        yield Problem.at(path, mark, f"{where} must not be empty{_hint(schema)}")
    for key in schema.get("required", []):
        if key not in value:
            description = properties.get(key, {}).get("description", "")
            about = f": {description}" if description else ""
            yield Problem.at(path, mark, f"{where} is missing '{key}'{about}")
    additional = schema.get("additionalProperties", True)
    for key, item in value.items():
        key_mark = key_marks.get(key, mark)
        item_mark = value_marks.get(key, mark)
        if "propertyNames" in schema:
            yield from _check(
                key, schema["propertyNames"], root, path, key_mark, f"the key '{key}'"
            )
        if key in properties:
            yield from _check(item, properties[key], root, path, item_mark, f"'{key}'")
        elif additional is False:
            known = sorted(properties)
            yield Problem.at(
                path,
                key_mark,
                f"unknown key '{key}' in {where}; {did_you_mean(key, known)}"
                f"allowed keys are: {', '.join(known)}",
            )
        elif isinstance(additional, dict):
            yield from _check(item, additional, root, path, item_mark, f"'{key}'")
