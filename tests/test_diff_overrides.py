"""`cybergap diff` and analyst overrides: an override never hides a regression, and every format shows it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ART_2_PARTIAL = '  - element: "2"\n    provisions: [pc-205]\n    coverage: partial'
ART_26_2_NONE = '  - element: "26.2"\n    provisions: []\n    coverage: none'
JUSTIFICATION = "Analyst considers access fully covered by case law."


@pytest.fixture
def work(tmp_path) -> Path:
    """A copy of profiles/kazakhstan.yaml and its sources in tmp_path/profiles."""
    shutil.copytree(ROOT / "profiles" / "sources", tmp_path / "profiles" / "sources")
    shutil.copy(ROOT / "profiles" / "kazakhstan.yaml", tmp_path / "profiles" / "kazakhstan.yaml")
    return tmp_path


def variant(work: Path, name: str, *replacements: tuple[str, str], overrides: str = "") -> str:
    """Write a changed copy of the Kazakhstan profile beside it; return its path relative to `work`."""
    text = (work / "profiles" / "kazakhstan.yaml").read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (work / "profiles" / name).write_text(text + overrides, encoding="utf-8")
    return f"profiles/{name}"


def override(status: str, justification: str = JUSTIFICATION, extra: str = "") -> str:
    return f'overrides:\n  - article: "2"\n    status: {status}\n    justification: "{justification}"\n{extra}'


@pytest.fixture
def masked(work) -> str:
    """The review's scenario: Art. 2 drops from partial (50) to none (0) behind a new 'compliant' override,
    while Art. 26.2 becomes covered so the overall score still rises."""
    return variant(work, "new.yaml", (ART_2_PARTIAL, ART_2_PARTIAL.replace("partial", "none")),
                   (ART_26_2_NONE, '  - element: "26.2"\n    provisions: [cpc-560]\n    coverage: full'),
                   overrides=override("compliant"))


def test_an_override_does_not_hide_a_regression(cli, work, masked):
    result = cli("diff", "kazakhstan", masked, "--format", "json", "--fail-on-regression", cwd=work)
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["score"]["new"] > data["score"]["old"]  # the overall score alone would not catch it
    article = next(a for a in data["articles"] if a["article"] == "2")
    assert (article["old_status"], article["new_status"]) == ("partial", "compliant")  # as shown
    assert (article["old_computed_status"], article["new_computed_status"]) == ("partial", "missing")
    assert article["direction"] == "worse" and article["old_override"] is None
    assert article["new_override"]["status"] == "compliant"
    assert data["regression"] and any("Article 2" in r for r in data["regressions"])
    (change,) = data["overrides"]
    assert (change["article"], change["change"], change["old"]) == ("2", "added", None)
    assert change["new"] == {"status": "compliant", "justification": JUSTIFICATION, "approver": None,
                             "expires": None, "expired": False}
    lines = (work / masked).read_text().splitlines()
    assert lines[change["line"] - 1] == '  - article: "2"'


def test_markdown_and_table_flag_the_override(cli, work, masked):
    markdown = cli("diff", "kazakhstan", masked, "--format", "markdown", "--fail-on-regression", cwd=work)
    assert markdown.exit_code == 1
    assert "**regression**" in markdown.stdout.splitlines()[0] and "1 override(s) changed" in markdown.stdout
    assert ("| 2 | Illegal access | ◐ partial → ✔ compliant (override; computed: missing) | PC → NC | 50.0 → 0.0 | ▼ worse |"
            in markdown.stdout)
    assert f"| 2 | added | compliant | never | {JUSTIFICATION} |" in markdown.stdout
    table = cli("diff", "kazakhstan", masked, "--width", "200", "--fail-on-regression", cwd=work)
    assert table.exit_code == 1
    row = next(line for line in table.stdout.splitlines() if "Illegal access" in line)
    assert "✔ compliant (override; computed: ✘ missing)" in row and "▼ worse" in row
    assert "Overrides" in table.stdout
    row = next(line for line in table.stdout.splitlines() if JUSTIFICATION in line)
    assert "added" in row and "compliant" in row and "never" in row


def test_override_changes_show_in_every_format(cli, work):
    """Removed, and changed in status, justification, approver and expiry (past -> future: no longer expired)."""
    before = variant(work, "old.yaml", overrides=override("compliant", extra="    expires: 2000-01-01\n"))
    after = variant(work, "new.yaml", overrides=override(
        "missing", "Analyst now reads case law the other way.", '    approver: "A. N. Other"\n    expires: 2999-01-01\n'))
    plain = variant(work, "plain.yaml")
    data = json.loads(cli("diff", before, after, "--format", "json", cwd=work).stdout)
    (change,) = data["overrides"]
    assert change["change"] == "changed"
    assert (change["old"]["status"], change["old"]["expires"], change["old"]["expired"]) == ("compliant", "2000-01-01", True)
    assert (change["new"]["status"], change["new"]["approver"], change["new"]["expired"]) == ("missing", "A. N. Other", False)
    (article,) = data["articles"]  # the shown status changes; the computed one does not
    assert (article["old_status"], article["new_status"], article["direction"]) == ("partial", "missing", "changed")
    assert not data["regression"]
    markdown = cli("diff", before, after, "--format", "markdown", cwd=work).stdout
    assert ("| 2 | changed | compliant → missing | 2000-01-01 (expired, not applied) → 2999-01-01 | "
            f"{JUSTIFICATION} → Analyst now reads case law the other way. (approver: A. N. Other) |") in markdown
    table = cli("diff", before, after, "--width", "250", cwd=work).stdout
    assert "2000-01-01 (expired, not applied) → 2999-01-01" in table and "compliant → missing" in table

    removed = json.loads(cli("diff", after, plain, "--format", "json", "--fail-on-regression", cwd=work).stdout)
    (change,) = removed["overrides"]
    assert (change["change"], change["old"]["status"], change["new"]) == ("removed", "missing", None)
    assert change["line"] == (work / after).read_text().splitlines().index('  - article: "2"') + 1
    assert "| 2 | removed | missing |" in cli("diff", after, plain, "--format", "markdown", cwd=work).stdout


def test_only_a_justification_changed_is_still_a_change(cli, work):
    before = variant(work, "old.yaml", overrides=override("partial"))
    after = variant(work, "new.yaml", overrides=override("partial", "A better reason, written out in full."))
    result = cli("diff", before, after, "--format", "json", "--fail-on-regression", cwd=work)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["changed"] and data["articles"] == [] and data["overrides"][0]["change"] == "changed"


def test_json_with_overrides_validates_against_its_schema(cli, work, masked):
    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "schemas" / "diff.schema.json").read_text())
    for old, new in (("kazakhstan", masked), (masked, "kazakhstan")):
        data = json.loads(cli("diff", old, new, "--format", "json", cwd=work).stdout)
        assert data["overrides"] and not list(Draft202012Validator(schema).iter_errors(data))


def test_a_computed_change_under_an_unchanged_override_is_listed():
    """Shown status and score the same (an override on both sides, no score either way), computed status not."""
    from cybergap.diff import compare
    from cybergap.loader import parse
    from cybergap.model import ArticleResult, Assessment, Override

    def assessment(computed: str) -> Assessment:
        article = ArticleResult("9", "Child abuse material", "substantive", "partial", computed, None, 0, 0, (), (),
                                Override("partial", JUSTIFICATION))
        return Assessment("p.yaml", "X", "XX", "1", "", "", None, (), (article,), ())

    document = parse("country: {}\n", "p.yaml")
    delta = compare(document, assessment("not_applicable"), document, assessment("not_assessed"), "old", "new")
    (change,) = delta.articles
    assert (change.old.computed_status, change.new.computed_status, change.direction) == (
        "not_applicable", "not_assessed", "changed")
    assert delta.unchanged_articles == 0 and delta.overrides == ()
