"""Renderers: every --format has one, and rendered output matches the golden files in tests/golden/.

Regenerate the golden files after an intended change with CYBERGAP_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from cybergap.catalog import load_catalog
from cybergap.render.formats import choices

FORMATS = choices("assess")  # the registry: a new format is tested here without editing this file
from cybergap.engine import assess
from cybergap.loader import load

GOLDEN = Path(__file__).resolve().parent / "golden"
DATA = Path(__file__).resolve().parent / "data"


def minimal_assessment():
    """A tiny profile with a few gaps (harm threshold, no interception offence, arrest only)."""
    document = load(DATA / "gaps.yaml", "gaps.yaml")
    return assess(document.data, load_catalog(), document.path, today=date(2026, 1, 1))


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("CYBERGAP_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; rerun with CYBERGAP_UPDATE_GOLDEN=1 if intended"


def test_markdown_golden():
    from cybergap.render import markdown

    check_golden("gaps.md", markdown.render(minimal_assessment()))


def test_table_golden_at_fixed_width():
    from rich.console import Console

    from cybergap.render import table

    console = Console(file=io.StringIO(), width=100, color_system=None, record=True)
    console.print(table.render(minimal_assessment(), ["2", "3", "13"]))
    check_golden("gaps-table.txt", console.export_text())


def _is_json_report(text: str) -> bool:
    data = json.loads(text)
    return data["profile"]["country"] == "Testland" and len(data["articles"]) == 35


def _is_markdown(text: str) -> bool:
    return text.startswith("# cybergap assessment: Testland (TL) · Convention on Cybercrime\n") and "\n| Art. | Title | Rating | Status | Score | Findings |\n" in text


def _is_table(text: str) -> bool:
    return text.startswith("╭─ cybergap assessment ") and "Testland (TL)" in text and "┃ Art. ┃" in text


def _is_html(text: str) -> bool:
    return text.startswith("<!DOCTYPE html>") and "<h1>Testland (TL): " in text and text.count('class="cell ') == 35


FORMAT_CHECKS = {"json": _is_json_report, "markdown": _is_markdown, "table": _is_table, "html": _is_html}  # a new format adds its check


@pytest.mark.parametrize("format", FORMATS)
def test_every_format_has_a_renderer(cli, format):
    result = cli("assess", DATA / "minimal.yaml", "--format", format, "--width", "100")
    assert result.exit_code == 0, result.output
    assert FORMAT_CHECKS[format](result.stdout)
    others = [check for name, check in FORMAT_CHECKS.items() if name != format]
    assert not any(_passes(check, result.stdout) for check in others)  # each check tells its format apart


def _passes(check, text: str) -> bool:
    try:
        return check(text)
    except ValueError:  # not JSON
        return False


def test_rules_and_explain_commands(cli):
    listing = cli("rules", "--format", "json")
    codes = {r["code"] for r in json.loads(listing.stdout)}
    assert {"PRE01", "LP01", "ATT01", "QUA01", "COV01"} <= codes
    explained = cli("explain", "lp01")
    assert explained.exit_code == 0 and "LP01 no-legal-person-liability (critical)" in explained.stdout
    assert "Fails:" in explained.stdout and "Remedy:" in explained.stdout
    scoring = cli("explain", "scoring")
    assert "critical 0, major 0.5" in scoring.stdout
    assert cli("explain", "XYZ99").exit_code == 2
