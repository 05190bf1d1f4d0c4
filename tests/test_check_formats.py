"""`cybergap check` output formats: JSON (schema), SARIF 2.1.0, JUnit XML, GitHub annotations, --strict."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"  # OASIS, vendored


@pytest.fixture
def two_files(minimal):
    """The minimal profile with a schema error, and a broken YAML file beside it."""
    text = minimal.read_text().replace("iso2: TL", "iso2: tl")
    minimal.write_text(text)
    (minimal.parent / "broken.yaml").write_text("a: [\n")
    return minimal.parent


def test_json_validates_against_its_schema(cli, two_files):
    result = cli("check", "--format", "json", two_files)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    schema = json.loads((ROOT / "schemas" / "check.schema.json").read_text())
    assert not list(Draft202012Validator(schema).iter_errors(data))
    assert data["summary"]["files"] == 2 and data["summary"]["invalid"] == 2


def test_sarif(cli, two_files):
    result = cli("check", "--format", "sarif", two_files)
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert {"schema", "syntax"} <= set(rules)
    assert rules["syntax"]["help"]["text"] and rules["schema"]["defaultConfiguration"]["level"] == "error"
    schema_result = next(r for r in run["results"] if r["ruleId"] == "schema")
    region = schema_result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] > 1 and region["startColumn"] >= 1
    assert schema_result["level"] == "error" and schema_result["partialFingerprints"]["cybergap/v1"]
    assert run["tool"]["driver"]["rules"][schema_result["ruleIndex"]]["id"] == "schema"
    from jsonschema import validators

    sarif_schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = validators.validator_for(sarif_schema)(sarif_schema)  # the OASIS schema is draft-07
    assert not [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]


def test_sarif_fingerprints_survive_unrelated_edits(cli, minimal):
    minimal.write_text(minimal.read_text().replace("iso2: TL", "iso2: tl"))
    before = json.loads(cli("check", "--format", "sarif", minimal).stdout)["runs"][0]["results"]
    minimal.write_text("# a comment that shifts every line\n\n" + minimal.read_text())
    after = json.loads(cli("check", "--format", "sarif", minimal).stdout)["runs"][0]["results"]
    key = lambda r: r["partialFingerprints"]["cybergap/v1"]
    assert sorted(map(key, before)) == sorted(map(key, after))
    assert before[0]["locations"] != after[0]["locations"]


def test_junit(cli, two_files):
    result = cli("check", "--format", "junit", two_files)
    root = ET.fromstring(result.stdout)
    suites = root.findall("testsuite")
    assert len(suites) == 2
    broken = next(s for s in suites if s.get("name").endswith("broken.yaml"))
    yaml_case = next(c for c in broken.findall("testcase") if c.get("name") == "yaml")
    assert yaml_case.find("failure").get("type") == "syntax"
    assert [c.get("name") for c in broken.findall("testcase")] == ["file", "yaml", "schema", "references", "provenance", "coverage"]
    assert broken.find("testcase[@name='provenance']/skipped") is not None


def test_github_annotations_chosen_automatically(cli, two_files, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = cli("check", two_files)
    lines = result.stdout.splitlines()
    assert any(line.startswith("::error file=") and ",line=2,col=1,title=syntax::YAML syntax" in line for line in lines)
    assert all(line.startswith(("::error ", "::warning ")) for line in lines)


def test_strict_fails_on_warnings(cli, minimal):
    assert cli("check", minimal).exit_code == 0
    result = cli("check", "--strict", "--format", "json", minimal)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["files"][0]["valid"] is False
