"""`cybergap new NAME --iso2 XX`: a commented schema-version-2 skeleton that passes `check`."""

from __future__ import annotations

import json

import yaml


def test_new_skeleton_lists_every_mandatory_element_and_checks(cli, tmp_path):
    from cybergap.catalog import load_catalog

    target = tmp_path / "genovia.yaml"
    result = cli("new", "Genovia", "--iso2", "GV", "-o", target)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "# Every mandatory element" in text and "# The provisions quoted" in text
    data = yaml.safe_load(text)
    assert data["schema_version"] == 2 and data["profile"]["status"] == "draft"
    assert data["country"] == {"name": "Genovia", "iso2": "GV"}
    mandatory = {e["id"] for e in load_catalog().elements.values() if e["obligation"] == "mandatory"}
    mapped = {m["element"]: m for m in data["mappings"]}
    assert mandatory <= set(mapped)
    assert {m["coverage"] for m in mapped.values()} == {"draft"}
    assert (tmp_path / "sources" / "genovia-source.txt").is_file()
    assert cli("check", target).exit_code == 0
    assert cli("check", target, "--strict").exit_code == 1  # drafts remain
    assessed = json.loads(cli("assess", target, "-f", "json", "--no-cache").stdout)
    assert {a["status"] for a in assessed["articles"]} == {"not_assessed"}


def test_new_never_overwrites_without_force(cli, tmp_path):
    target = tmp_path / "x.yaml"
    target.write_text("mine\n")
    result = cli("new", "Genovia", "--iso2", "GV", "-o", target)
    assert result.exit_code == 2 and target.read_text() == "mine\n"
    assert cli("new", "Genovia", "--iso2", "GV", "-o", target, "--force").exit_code == 0
    assert cli("new", "Genovia", "--iso2", "gv").exit_code == 2


def test_new_to_stdout(cli):
    result = cli("new", "Genovia", "--iso2", "GV")
    assert result.exit_code == 0
    assert yaml.safe_load(result.stdout)["country"]["iso2"] == "GV"


def test_new_makes_the_profiles_folder(cli, tmp_path):
    target = tmp_path / "profiles" / "genovia" / "genovia.yaml"
    result = cli("new", "Genovia", "--iso2", "GV", "-o", target)
    assert result.exit_code == 0, result.output
    assert target.is_file() and cli("check", target).exit_code == 0
    refused = cli("new", "Genovia", "--iso2", "gv", "-o", tmp_path / "elsewhere" / "g.yaml")
    assert refused.exit_code == 2 and not (tmp_path / "elsewhere").exists()
