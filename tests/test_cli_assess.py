"""`cybergap assess` through the real CLI, on the Kazakhstan profile and tiny profiles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cybergap.model import Status

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def report():
    from typer.testing import CliRunner

    from cybergap.cli import app

    result = CliRunner().invoke(app, ["assess", str(ROOT / "profiles" / "kazakhstan.yaml"), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def article(report, number):
    return next(a for a in report["articles"] if a["article"] == number)


def test_report_validates_against_its_schema(report):
    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema).iter_errors(report))
    assert not errors, errors[0].message


def test_article_12_missing_for_lack_of_legal_person_liability(report):
    art = article(report, "12")
    assert art["status"] == "missing"
    assert "LP01" in {f["rule"] for f in art["findings"]}


def test_article_16_retention_is_not_preservation(report):
    art = article(report, "16")
    finding = next(f for f in art["findings"] if f["rule"] == "PRE01")
    assert "two years" in finding["message"] or "730 days" in finding["message"]
    assert any(e["provision"].startswith("res-246") for e in finding["evidence"])
    assert art["status"] in ("missing", "partial")


def test_every_finding_cites_a_convention_paragraph_and_element(report):
    for finding in report["findings"]:
        assert finding["convention"] and finding["element"], finding


def test_findings_are_ranked_by_impact(report):
    gains = [f["impact"]["overall"] for f in report["findings"]]
    assert gains == sorted(gains, reverse=True)


def test_table_renders_at_80_columns(cli, report):
    result = cli("assess", "kazakhstan", "--width", "80")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "Kazakhstan" in result.stdout and "Overall score" in result.stdout
    # The Articles table: one line per article, │ number │ title │ rating │ status │ score │ main gap │.
    start = next(i for i, line in enumerate(lines) if line.strip() == "Articles")
    end = next(i for i, line in enumerate(lines) if i > start and line.startswith("└"))
    rows = {cells[1].strip(): (cells[3].strip(), cells[4].strip()) for cells in (line.split("│") for line in lines[start:end])
            if len(cells) > 4 and cells[1].strip().isdigit()}
    expected = {a["article"]: (a["rating"] or "?", f"{Status(a['status']).symbol} {Status(a['status']).short}")
                for a in report["articles"]}
    assert rows == expected  # every rating and status whole on one line, beside its article
    assert {a["status"] for a in report["articles"]} == set(Status)  # all five statuses are checked
    assert len([line for line in lines[start:end] if line.startswith("│")]) == 35  # nothing wraps


def test_article_view_shows_convention_and_domestic_text(cli):
    result = cli("assess", "kazakhstan", "--article", "16", "--width", "160")
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())
    assert "ninety days" in flat  # Convention text
    assert "two years" in flat  # Resolution 246 excerpt
    assert "PRE01" in flat


def test_markdown_output(cli):
    result = cli("assess", "kazakhstan", "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout.startswith("# cybergap assessment: Kazakhstan (KZ)")
    assert "| Art. | Title | Rating | Status | Score | Findings |" in result.stdout
    assert "| 16 | Expedited preservation of stored computer data | NC | ✘ missing | 0.0 |" in result.stdout
    assert "## Priorities" in result.stdout and "## Top gaps" not in result.stdout
    assert result.stdout.count("\n| 1 | critical | Enact expedited preservation") == 1


def test_fail_on_and_fail_under(cli):
    assert cli("assess", "kazakhstan", "--format", "json", "--fail-on", "critical").exit_code == 1
    assert cli("assess", "kazakhstan", "--format", "json", "--fail-under", "100").exit_code == 1
    assert cli("assess", "kazakhstan", "--format", "json", "--fail-under", "0").exit_code == 0
    assert cli("assess", "kazakhstan", "--fail-on", "severe").exit_code == 2


def test_output_file_is_not_overwritten_without_force(cli, tmp_path):
    out = tmp_path / "report.md"
    out.write_text("precious")
    result = cli("assess", "kazakhstan", "--format", "markdown", "-o", out)
    assert result.exit_code == 2 and out.read_text() == "precious"
    assert cli("assess", "kazakhstan", "--format", "markdown", "-o", out, "--force").exit_code == 0
    assert out.read_text().startswith("# cybergap assessment")


def test_unknown_profile_and_invalid_profile(cli, tmp_path):
    result = cli("assess", "atlantis")
    assert result.exit_code == 2 and "no profile 'atlantis'" in result.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: 1\na: 2\n")
    result = cli("assess", bad)
    assert result.exit_code == 2
    assert f"{bad}:2:1: error: duplicate key 'a'" in result.stderr


def test_profile_text_cannot_restyle_output(cli, minimal):
    text = minimal.read_text()
    text = text.replace("name: Testland", 'name: "[bold red]Evil[/] \\e[31mred\\e[0m"')
    text = text.replace("note: Article 1 makes", "note: \"[link=http://x]click[/link] Article 1 makes")
    text = text.replace("illegal access a crime.", 'illegal access a crime."')
    minimal.write_text(text)
    result = cli("assess", minimal, "--width", "120")
    assert result.exit_code == 0, result.output
    assert "[bold red]Evil[/]" in result.stdout
    assert "\x1b" not in result.stdout
    md = cli("assess", minimal, "--format", "markdown")
    assert "\\[bold red\\]Evil\\[/\\]" in md.stdout and "\x1b" not in md.stdout  # brackets shown, never a link


def test_override_shown_beside_computed_status(cli, minimal):
    text = minimal.read_text() + (
        "overrides:\n"
        "  - article: \"2\"\n"
        "    status: partial\n"
        "    justification: Courts read the provision narrowly in practice (test).\n"
        "  - article: \"3\"\n"
        "    status: compliant\n"
        "    justification: An expired override that must no longer apply.\n"
        "    expires: \"2001-01-01\"\n"
    )
    minimal.write_text(text)
    data = json.loads(cli("assess", minimal, "--format", "json").stdout)
    art2 = next(a for a in data["articles"] if a["article"] == "2")
    assert art2["status"] == "partial" and art2["computed_status"] == "compliant"
    assert art2["override"]["justification"].startswith("Courts")
    art3 = next(a for a in data["articles"] if a["article"] == "3")
    assert art3["status"] == "not_assessed" and art3["override"]["expired"] is True
    assert any("expired" in n for n in data["notes"])


@pytest.mark.parametrize("width, budget", [(80, 120), (120, 100)])
def test_the_default_table_fits_a_screen(cli, width, budget):
    """Issue 11: header, sections, one line per article, the top 10 priorities; no panels."""
    result = cli("assess", "kazakhstan", "--width", width)
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and len(lines) <= budget, len(lines)
    assert "Ratings: C 2   LC 1   PC 15   NC 15   NA 1   not assessed 1" in result.stdout
    assert "Top 10 of" in result.stdout and "╭─ Article" not in result.stdout
    assert "(version 01 May 2020)" in result.stdout and "(2020-05-01)" not in result.stdout  # the date said once


def test_details_adds_every_finding(cli):
    plain = cli("assess", "kazakhstan", "--width", "120").stdout
    details = cli("assess", "kazakhstan", "--width", "120", "--details").stdout
    assert details.count("╭─ Article") == 31  # every article with a finding (31 of 35) gets its panel
    assert "Remedy:" in details and "Remedy:" not in plain
