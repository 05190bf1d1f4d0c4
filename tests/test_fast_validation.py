"""jsonschema-rs decides "valid?" and jsonschema words the errors: they must agree on the verdict.

A document jsonschema-rs passes is never validated again, so a disagreement in that direction
would hide an error. These tests hold the two validators to the same verdict on every profile
the project has and on many mutated ones, and show the output is the same without jsonschema-rs.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cybergap import validate
from cybergap.loader import load

ROOT = Path(__file__).resolve().parent.parent
PROFILES = sorted((ROOT / "profiles").glob("*.yaml")) + sorted((ROOT / "tests" / "data").glob("*.yaml"))

pytest.importorskip("jsonschema_rs")


def python_verdict(data) -> bool:
    return not any(True for _ in validate.compiled_schema().iter_errors(data))


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_same_verdict_on_every_profile(path):
    data = load(path).data
    assert validate.is_valid_fast(data) == python_verdict(data) == True  # noqa: E712 - all are valid


def paths(node, prefix=()):
    """Every path into the data, containers included."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, prefix + (index,))


# Values chosen to hit every kind of keyword the profile schema uses: types, enums, patterns
# (trailing newline, non-ASCII digits), date formats, bounds, required and unknown keys.
ODD_VALUES = [None, True, 0, -1, 1.5, 10**30, "", "x", "TL", "tl", "TL\n", "2020-05-01", "2020-02-30",
              "2020-05-01\n", "\u0662\u0660\u0662\u0660-05-01", "16", "16.1.a", "16.1.A", "full", "partial",
              "none", "law", "commentary", "mandatory", [], ["x"], {}, {"unknown": 1}]

def odd_value(data):
    """A fresh copy: a shared [] or {} put in two places (or into itself) would alias or loop."""
    return copy.deepcopy(data.draw(st.sampled_from(ODD_VALUES)))


KAZAKHSTAN = load(ROOT / "profiles" / "kazakhstan.yaml").data
MINIMAL = load(ROOT / "tests" / "data" / "minimal.yaml").data


def mutate(document, where, value=None, delete=False):
    changed = copy.deepcopy(document)
    parent = changed
    for part in where[:-1]:
        parent = parent[part]
    if delete:
        del parent[where[-1]]
    else:
        parent[where[-1]] = value
    return changed


def test_same_verdict_on_every_single_change_of_the_minimal_profile():
    """Each value of the minimal profile replaced by each odd value, and each one deleted."""
    disagreements, invalid = [], 0
    for where in list(paths(MINIMAL))[1:]:
        for changed in [mutate(MINIMAL, where, delete=True)] + [mutate(MINIMAL, where, copy.deepcopy(v)) for v in ODD_VALUES]:
            verdict = python_verdict(changed)
            invalid += not verdict
            if validate.is_valid_fast(changed) != verdict:
                disagreements.append(where)
    assert not disagreements, disagreements[:5]
    assert invalid > 1000  # the changes do reach the schema's keywords


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_same_verdict_on_mutated_profiles(data):
    document = copy.deepcopy(data.draw(st.sampled_from([MINIMAL, KAZAKHSTAN])))
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(list(paths(document))[1:]))
        parent = document
        for part in where[:-1]:
            parent = parent[part]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "delete":
            del parent[where[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["extra", "note", "id", "facts"]))] = odd_value(data)
        else:
            parent[where[-1]] = odd_value(data)
    assert validate.is_valid_fast(document) == python_verdict(document)


def test_same_output_without_jsonschema_rs(cli, minimal, monkeypatch):
    broken = minimal.parent / "broken.yaml"
    broken.write_text(minimal.read_text().replace("iso2: TL", "iso2: Tl").replace("coverage: full", "coverage: most"))
    with_fast = [cli("check", "--no-cache", "--format", "json", path).stdout for path in (minimal, broken)]
    monkeypatch.setattr(validate, "fast_validator", lambda name="": None)
    without = [cli("check", "--no-cache", "--format", "json", path).stdout for path in (minimal, broken)]
    assert with_fast == without
    assert json.loads(without[0])["summary"]["errors"] == 0
    assert json.loads(without[1])["summary"]["errors"] == 2
