"""`cybergap diff` labels provisions as the assessment does ('PC Article 205'), not by instrument id."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_provisions_are_labelled_as_in_the_assessment(cli, minimal):
    shutil.copytree(ROOT / "profiles" / "sources", minimal.parent / "profiles" / "sources")
    shutil.copy(ROOT / "profiles" / "kazakhstan.yaml", minimal.parent / "profiles" / "kazakhstan.yaml")
    result = cli("diff", "kazakhstan", "minimal.yaml", "--format", "json", cwd=minimal.parent)
    assert result.exit_code == 0, result.output
    changes = {p["id"]: p for p in json.loads(result.stdout)["provisions"]}
    assert (changes["pc-205"]["change"], changes["pc-205"]["label"]) == ("removed", "PC Article 205")  # instrument short
    assert (changes["pc-1"]["change"], changes["pc-1"]["label"]) == ("added", "Penal Code Article 1")  # its title
    assessed = json.loads(cli("assess", "kazakhstan", "--format", "json", cwd=minimal.parent).stdout)
    evidence = {e["provision"]: e["reference"] for f in assessed["findings"] for e in f["evidence"]}
    assert evidence and all(changes[pid]["label"] == label for pid, label in evidence.items())
    markdown = cli("diff", "kazakhstan", "minimal.yaml", "--format", "markdown", cwd=minimal.parent).stdout
    assert "| pc-205 (PC Article 205) | removed |" in markdown
