"""Analyst overrides: one per article, and counted beside the computed statuses, never instead of them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cybergap.model import STATUSES

ROOT = Path(__file__).resolve().parent.parent


def add_overrides(profile: Path, *overrides: tuple[str, str]) -> None:
    """Append an `overrides:` list of (article, status) to a profile."""
    text = profile.read_text(encoding="utf-8").rstrip("\n") + "\noverrides:\n"
    for article, status in overrides:
        text += (f'  - article: "{article}"\n    status: {status}\n'
                 f"    justification: The analyst's reading of Article {article} (test).\n")
    profile.write_text(text, encoding="utf-8")


def line_of(profile: Path, needle: str, occurrence: int) -> int:
    """1-based line of the `occurrence`-th (1-based) line containing `needle`."""
    lines = [n for n, line in enumerate(profile.read_text().splitlines(), 1) if needle in line]
    return lines[occurrence - 1]


def test_two_overrides_for_one_article_are_refused_at_the_second(cli, minimal):
    add_overrides(minimal, ("2", "partial"), ("3", "compliant"), ("2", "missing"))
    result = cli("check", minimal, "--no-cache")
    assert result.exit_code == 1, result.output
    line = line_of(minimal, 'article: "2"', 2)
    errors = [x for x in result.stdout.splitlines() if ": error: " in x]
    assert errors == [f"{minimal}:{line}:14: error: duplicate override for article '2' [duplicate-id]"]
    assessed = cli("assess", minimal, "--format", "json")
    assert assessed.exit_code == 2 and "not a valid profile" in assessed.stderr


def test_one_override_per_article_passes(cli, minimal):
    add_overrides(minimal, ("2", "partial"), ("3", "compliant"))
    result = cli("check", minimal, "--no-cache")
    assert result.exit_code == 0, result.output
    assert "duplicate" not in result.output


@pytest.fixture
def kazakhstan(tmp_path) -> Path:
    """A copy of the Kazakhstan profile (it has no override), with its sources."""
    folder = tmp_path / "kz"
    shutil.copytree(ROOT / "profiles" / "sources", folder / "sources")
    shutil.copy(ROOT / "profiles" / "kazakhstan.yaml", folder / "kazakhstan.yaml")
    return folder / "kazakhstan.yaml"


def articles_columns(stdout: str) -> list[int]:
    """The widths of the Articles table's columns, read from its header row."""
    header = next(line for line in stdout.splitlines() if line.startswith("┃ Art."))
    return [len(cell) for cell in header.strip("┃").split("┃")]


def cell(line: str, column: int) -> str:
    """The text of a table row's cell (1-based column)."""
    return line.split("│")[column].strip()


@pytest.mark.parametrize("width", [80, 120])
def test_an_override_leaves_the_articles_table_its_columns(cli, kazakhstan, width):
    before = cli("assess", kazakhstan, "--width", width)
    add_overrides(kazakhstan, ("23", "compliant"))  # computed: not assessed, the widest status
    after = cli("assess", kazakhstan, "--width", width)
    assert before.exit_code == after.exit_code == 0, after.output
    columns = articles_columns(after.stdout)
    assert len(columns) == 6 and min(columns) >= 6 and min(columns[1], columns[5]) >= 12, columns  # Title, Main gap
    assert columns == articles_columns(before.stdout)
    assert max(len(line) for line in after.stdout.splitlines()) <= width
    # The override's status, and the computed one beside it, each whole on its line.
    row = after.stdout[after.stdout.index("│   23 │"):].splitlines()[:4]
    assert [cell(line, 4) for line in row] == ["✔ compliant", "by override;", "computed:", "? not assessed"]


def tally(articles: list[dict], key: str) -> dict[str, int]:
    """Articles per status, counted from the report's articles by `status` or `computed_status`."""
    return {status: sum(1 for a in articles if a[key] == status) for status in STATUSES}


def report_of(cli, profile: Path) -> dict:
    result = cli("assess", profile, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_counts_are_the_computed_statuses_and_overrides_come_beside(cli, minimal):
    add_overrides(minimal, ("2", "partial"), ("3", "compliant"))
    report = report_of(cli, minimal)
    assert report["counts"] == tally(report["articles"], "computed_status")
    assert report["counts_with_overrides"] == tally(report["articles"], "status")
    assert report["counts"] != report["counts_with_overrides"]
    assert list(report)[list(report).index("counts") + 1] == "counts_with_overrides"
    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    assert not list(Draft202012Validator(schema).iter_errors(report))
    report["counts_with_overrides"]["compliant"] = -1
    assert list(Draft202012Validator(schema).iter_errors(report))  # the schema does check it


def test_no_counts_with_overrides_without_an_applied_override(cli, minimal, kazakhstan):
    assert "counts_with_overrides" not in report_of(cli, kazakhstan)
    minimal.write_text(minimal.read_text() + (
        'overrides:\n  - article: "2"\n    status: missing\n    expires: "2001-01-01"\n'
        "    justification: An expired override that must no longer apply.\n"))
    report = report_of(cli, minimal)
    assert "counts_with_overrides" not in report
    assert report["counts"] == tally(report["articles"], "status")


def counts_text(counts: dict[str, int], only: set[str], joiner: str, words: dict) -> str:
    """'✔ compliant 1   ◐ partial 0' for the statuses in `only`, in the usual order."""
    return joiner.join(f"{words[s]} {counts[s]}" for s in STATUSES if s in only)


@pytest.mark.parametrize("overrides, changed", [
    ([("2", "partial"), ("3", "compliant")], {"partial", "not_assessed"}),  # compliant: 1 computed, 1 shown
    ([("2", "compliant")], set()),  # the override agrees with the rules
])
def test_header_counts_computed_first_then_with_overrides(cli, minimal, overrides, changed):
    from cybergap.model import Status

    add_overrides(minimal, *overrides)
    report = report_of(cli, minimal)
    computed, shown = report["counts"], report["counts_with_overrides"]
    assert {s for s in STATUSES if computed[s] != shown[s]} == changed
    beside = f"With overrides ({len(overrides)} applied): "
    table = cli("assess", minimal, "--width", "120").stdout
    words = {s: f"{s.symbol} {s.short}" for s in Status}
    assert counts_text(computed, set(STATUSES), "   ", words) in table
    assert beside + (counts_text(shown, changed, "   ", words) or "the same counts") in table
    markdown = cli("assess", minimal, "--format", "markdown").stdout
    words = {s: f"{s.symbol} {s.word}" for s in Status}
    assert counts_text(computed, set(STATUSES), " · ", words) in markdown.splitlines()[2]
    assert beside + (counts_text(shown, changed, " · ", words) or "the same counts") in markdown.splitlines()


def test_no_with_overrides_line_without_an_applied_override(cli, kazakhstan):
    assert "With overrides" not in cli("assess", kazakhstan, "--width", "120").stdout
    assert "With overrides" not in cli("assess", kazakhstan, "--format", "markdown").stdout
