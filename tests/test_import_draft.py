"""coverage: draft — a mapping not judged yet: allowed only in a draft profile, read as no
evidence by assess (the article is not assessed: no gap, no score), and refused by check --strict."""

from __future__ import annotations

import json

import yaml


def _edit(path, status=None, coverage=None):
    data = yaml.safe_load(path.read_text())
    if status:
        data["profile"]["status"] = status
    if coverage:
        data["mappings"][0]["coverage"] = coverage
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def _article(cli, path, number):
    result = cli("assess", path, "-f", "json", "--no-cache")
    assert result.exit_code in (0, 1), result.output
    return next(a for a in json.loads(result.stdout)["articles"] if a["article"] == number)


def test_draft_coverage_is_reported_not_assessed(cli, minimal):
    assert _article(cli, minimal, "2")["status"] == "compliant"  # the judged mapping scores
    _edit(minimal, status="draft", coverage="draft")
    article = _article(cli, minimal, "2")
    assert (article["status"], article["score"], article["rating"]) == ("not_assessed", None, None)
    assert article["findings"] == []  # no gap reported for an element not judged yet


def test_draft_coverage_refused_in_a_curated_profile(cli, minimal):
    _edit(minimal, coverage="draft")  # status absent: curated
    result = cli("check", minimal)
    assert result.exit_code == 1
    assert "[schema]" in result.output and "draft" in result.output
    _edit(minimal, status="curated")
    assert cli("check", minimal).exit_code == 1


def test_draft_profile_passes_check_but_not_strict(cli, minimal):
    _edit(minimal, status="draft", coverage="draft")
    assert cli("check", minimal).exit_code == 0
    strict = cli("check", minimal, "--strict")
    assert strict.exit_code == 1
    assert "[draft-coverage]" in strict.output


def test_draft_mapping_is_no_evidence_for_the_rules():
    from cybergap.catalog import load_catalog
    from cybergap.model import Coverage
    from cybergap.rules.context import Context

    profile = {"mappings": [{"element": "2", "provisions": ["pc-1"], "coverage": "draft", "note": "x"}]}
    ctx = Context(profile, load_catalog())
    assert ctx.coverage("2") is Coverage.UNMAPPED
    assert ctx.mapped("2") == [] and "2" not in ctx.mappings


def test_draft_mappings_carry_nothing_to_another_framework(cli, minimal):
    """Through the crosswalk a draft mapping is no evidence either (it used to crash the translation)."""
    data = yaml.safe_load(minimal.read_text())
    data["profile"]["status"] = "draft"
    data["mappings"].append({"element": "3", "provisions": ["pc-1"], "coverage": "draft", "note": "not judged"})
    minimal.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    result = cli("assess", minimal, "--framework", "un-cybercrime", "-f", "json", "--no-cache")
    assert result.exit_code in (0, 1), result.output
    statuses = {a["article"]: a["status"] for a in json.loads(result.stdout)["articles"]}
    assert statuses["8"] == "not_assessed"  # UN Art. 8 (interception) comes from Budapest 3: a draft
    assert statuses["7"] != "not_assessed"  # UN Art. 7 (illegal access) from Budapest 2: judged


def test_every_output_says_the_profile_is_a_draft(cli, tmp_path):
    """DESIGN: a draft is a profile whose coverage is not yet judged, and says so in every output."""
    import json

    profile = tmp_path / "profiles" / "testland.yaml"
    profile.parent.mkdir()
    assert cli("new", "testland", "--iso2", "TL", "-o", profile).exit_code == 0
    assert "DRAFT" in cli("assess", profile, "--width", "120").stdout
    assert "**Draft**" in cli("assess", profile, "-f", "markdown").stdout
    assert json.loads(cli("assess", profile, "-f", "json").stdout)["profile"]["draft"] is True
    assert "<strong>Draft</strong>" in cli("assess", profile, "-f", "html").stdout
    assert "draft" not in json.loads(cli("assess", "kazakhstan", "-f", "json").stdout)["profile"]
