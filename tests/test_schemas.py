"""The JSON Schemas themselves: valid Draft 2020-12, with help text on every property."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

SCHEMAS = sorted((Path(__file__).resolve().parent.parent / "schemas").glob("*.schema.json"))


def properties(node, path=()):
    """Yield (path, subschema) for every named property, at any depth."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield path + (name,), sub
        for key, value in node.items():
            yield from properties(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from properties(value, path + (index,))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_and_documented(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(path.name)
    undocumented = [p for p, sub in properties(schema) if not (sub.get("title") and sub.get("description"))]
    assert not undocumented, undocumented[:5]


def test_profile_schema_closes_every_object():
    schema = json.loads((SCHEMAS[0].parent / "profile.schema.json").read_text())

    def objects(node):
        if isinstance(node, dict):
            if node.get("type") == "object":
                yield node
            for value in node.values():
                yield from objects(value)
        elif isinstance(node, list):
            for value in node:
                yield from objects(value)

    def closed(o) -> bool:
        """No unknown key slips through: a record lists its keys, a map constrains its key names."""
        return o.get("additionalProperties") is False or ("propertyNames" in o and isinstance(o.get("additionalProperties"), dict))

    assert all(closed(o) for o in objects(schema))
