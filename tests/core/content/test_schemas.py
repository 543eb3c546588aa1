"""The JSON Schemas are the one declaration of the content: valid for editors, inside the subset
our validator interprets, and in agreement with a reference validator on the real content."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from guidance_app.core.content.schema import SUPPORTED_KEYWORDS, check
from guidance_app.core.files.yamlsafe import load_yaml_file, parse_yaml
from guidance_app.core.locations import schema_dir
from tests.helpers import CONTENT

KINDS = ["school", "policy", "wizard", "rulings", "synonyms", "glossary"]


def _schema(kind: str) -> dict[str, Any]:
    return json.loads((schema_dir() / f"{kind}.schema.json").read_text(encoding="utf-8"))


def _keywords(node: Any, inside_properties: bool = False) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if not inside_properties:
                yield key
            yield from _keywords(
                value, inside_properties=key in ("properties", "$defs") and not inside_properties
            )
    elif isinstance(node, list):
        for item in node:
            yield from _keywords(item)


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_valid_json_schema(kind: str) -> None:
    jsonschema.Draft202012Validator.check_schema(_schema(kind))


@pytest.mark.parametrize("kind", KINDS)
def test_schema_uses_only_keywords_our_validator_understands(kind: str) -> None:
    assert set(_keywords(_schema(kind))) <= SUPPORTED_KEYWORDS


def _bundled(kind: str) -> list[tuple[Path, Any]]:
    if kind == "policy":
        found = []
        for path in sorted(CONTENT.glob("schools/*/policies/*.md")):
            lines = path.read_text(encoding="utf-8").split("\n")
            end = lines.index("---", 1)
            found.append((path, parse_yaml("\n".join(lines[1:end]), path)))
        return found
    pattern = {
        "school": "schools/*/school.yaml",
        "wizard": "wizards/*.yaml",
        "rulings": "schools/*/rulings.yaml",
        "synonyms": "synonyms.yaml",
        "glossary": "glossary.yaml",
    }[kind]
    return [(path, load_yaml_file(path)) for path in sorted(CONTENT.glob(pattern))]


@pytest.mark.parametrize("kind", KINDS)
def test_bundled_content_passes_both_validators(kind: str) -> None:
    documents = _bundled(kind)
    if kind != "synonyms":
        assert documents, f"no bundled {kind} files"
    validator = jsonschema.Draft202012Validator(_schema(kind))
    for path, data in documents:
        assert check(data, kind, path) == []
        assert list(validator.iter_errors(json.loads(json.dumps(data)))) == []


@pytest.mark.parametrize(
    "broken",
    [
        {"name": "x", "short_name": "x", "roles": {"dsl": "x"}, "extra": 1},
        {"name": "x", "short_name": "x", "roles": {}},
        {"name": 3, "short_name": "x", "roles": {"dsl": "x"}},
        {"name": "x", "short_name": "x", "roles": {"Bad Key": "x", "dsl": "x"}},
        {"name": "", "short_name": "x", "roles": {"dsl": "x"}},
    ],
)
def test_both_validators_reject_the_same_broken_school(broken: dict[str, Any]) -> None:
    ours = check(broken, "school", Path("school.yaml"))
    reference = list(jsonschema.Draft202012Validator(_schema("school")).iter_errors(broken))
    assert ours and reference
