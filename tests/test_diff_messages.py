"""`cybergap diff`'s regression reasons say what got worse: the status, or the score when only it dropped."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def change(old: tuple, new: tuple):
    """An ArticleChange from (shown status, computed status, score, override status or None) on each side."""
    from cybergap.diff import ArticleChange, direction
    from cybergap.model import ArticleResult, Override

    def result(shown, computed, score, override):
        return ArticleResult("6", "Misuse of devices", "substantive", shown, computed, score, 4, 0, (), (),
                             None if override is None else Override(override, "A justification long enough."))

    before, after = result(*old), result(*new)
    return ArticleChange(before, after, direction(before.computed_status, after.computed_status, before.score, after.score))


@pytest.mark.parametrize("old,new,expected", [
    (("partial", "partial", 37.5, None), ("partial", "partial", 25.0, None), "score 37.5 -> 25.0"),
    (("partial", "partial", 50.0, None), ("missing", "missing", 0.0, None), "status partial -> missing (score 50.0 -> 0.0)"),
    (("partial", "partial", 50.0, None), ("not_assessed", "not_assessed", None, None), "status partial -> not assessed"),
    (("partial", "partial", 50.0, None), ("compliant", "missing", 0.0, "compliant"),
     "status partial -> missing (score 50.0 -> 0.0); an override shows it as compliant"),
])
def test_the_reason_names_what_got_worse(old, new, expected):
    article = change(old, new)
    assert article.direction == "worse"
    assert article.worse == expected


def test_a_score_drop_within_one_status_says_score(cli, tmp_path):
    shutil.copytree(ROOT / "profiles" / "sources", tmp_path / "profiles" / "sources")
    text = (ROOT / "profiles" / "kazakhstan.yaml").read_text(encoding="utf-8")
    old = '  - element: "6.2"\n    provisions: [pc-210]\n    coverage: partial\n'
    assert text.count(old) == 1
    (tmp_path / "profiles" / "kazakhstan.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "profiles" / "new.yaml").write_text(text.replace(old, old.replace("partial", "none")), encoding="utf-8")
    result = cli("diff", "kazakhstan", "profiles/new.yaml", "--format", "json", "--fail-on-regression", cwd=tmp_path)
    assert result.exit_code == 1
    reasons = json.loads(result.stdout)["regressions"]
    assert "Article 6 got worse: score 25.0 -> 12.5" in reasons
    table = cli("diff", "kazakhstan", "profiles/new.yaml", "--width", "120", cwd=tmp_path).stdout
    assert "▼ Article 6 got worse: score 25.0 -> 12.5" in table


def test_a_rating_drop_is_a_regression_even_with_the_same_status_and_score():
    """Issue 11: an article that drops from LC to PC got worse, and the reason says so."""
    from dataclasses import replace

    from cybergap.diff import ArticleChange, direction
    from cybergap.model import ArticleResult

    before = ArticleResult("15", "Conditions and safeguards", "procedural", "partial", "partial", 66.7, 3, 0, (), (),
                           rating="LC")
    after = replace(before, rating="PC")
    assert direction("partial", "partial", 66.7, 66.7, "LC", "PC") == "worse"
    assert direction("partial", "partial", 66.7, 66.7, "PC", "LC") == "better"
    assert direction("partial", "partial", 66.7, 66.7, None, "PC") == "changed"  # newly assessed: no direction
    article = ArticleChange(before, after, direction("partial", "partial", 66.7, 66.7, "LC", "PC"))
    assert article.worse == "rating LC -> PC"


def test_a_migrated_profile_differs_only_by_its_schema_version(cli, tmp_path):
    """`cybergap migrate` rewrites penalty keys (fine_mci_max -> fine: {max, reference_unit}):
    diff compares facts in version 2's form, so the migration is one row, and a fact changed
    with it is shown once, in the new form."""
    import json
    import shutil

    from conftest import ROOT

    shutil.copytree(ROOT / "profiles" / "sources", tmp_path / "sources")
    old = tmp_path / "kazakhstan.yaml"
    shutil.copy(ROOT / "profiles" / "kazakhstan.yaml", old)
    new = tmp_path / "kazakhstan-v2.yaml"
    assert cli("migrate", old, "-o", new).exit_code == 0
    facts = json.loads(cli("diff", old, new, "-f", "json").stdout)["facts"]
    assert facts == [{"where": "schema_version", "old": 1, "new": 2, "line": 8}]
    text = new.read_text(encoding="utf-8")
    new.write_text(text.replace("fine: {max: 160, reference_unit: MCI}", "fine: {max: 180, reference_unit: MCI}", 1),
                   encoding="utf-8")
    facts = json.loads(cli("diff", old, new, "-f", "json").stdout)["facts"]
    assert [(f["where"], f["old"], f["new"]) for f in facts] == [
        ("schema_version", 1, 2), ("provision pc-205: facts.penalties[0].fine.max", 160, 180)]
