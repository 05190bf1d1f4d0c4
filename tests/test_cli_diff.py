"""`cybergap diff` through the real CLI: files, git revisions, improvements and regressions."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


@pytest.fixture
def work(tmp_path) -> Path:
    """A folder holding profiles/kazakhstan.yaml and its source, as in the repository."""
    shutil.copytree(ROOT / "profiles" / "sources", tmp_path / "profiles" / "sources")
    shutil.copy(ROOT / "profiles" / "kazakhstan.yaml", tmp_path / "profiles" / "kazakhstan.yaml")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=GIT_ENV)


RESOLVE_6_1_A_II = ('''  - element: "6.1.a.ii"
    provisions: []
    coverage: none
    note: The source cites no provision on passwords, access codes or similar data.''',
                    '''  - element: "6.1.a.ii"
    provisions: [pc-210]
    coverage: full
    note: Read, for this test, as covering passwords.''')
REGRESS_5 = ('''  - element: "5"
    provisions: [pc-207]
    coverage: full''', '''  - element: "5"
    provisions: [pc-207]
    coverage: partial''')


def test_profile_against_itself_reports_no_change(cli, work):
    result = cli("diff", "kazakhstan", "kazakhstan", "--format", "json", "--fail-on-regression", cwd=work)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["changed"] is False and data["articles"] == [] and data["unchanged_articles"] == 35
    assert data["findings"] == {"resolved": [], "introduced": []}


def test_two_files_a_gap_resolved(cli, work):
    new = work / "new.yaml"
    shutil.copy(work / "profiles" / "kazakhstan.yaml", new)
    edit(new, *RESOLVE_6_1_A_II)
    new.rename(work / "profiles" / "new.yaml")
    result = cli("diff", "profiles/kazakhstan.yaml", "profiles/new.yaml", "--format", "json", "--fail-on-regression", cwd=work)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (article,) = data["articles"]
    assert article["article"] == "6" and article["direction"] == "better"
    assert article["new_score"] > article["old_score"]
    assert any(f["rule"] == "COV01" and f["element"] == "6.1.a.ii" for f in data["findings"]["resolved"])
    change = next(f for f in data["facts"] if f["where"] == "mapping 6.1.a.ii: coverage")
    assert (change["old"], change["new"]) == ("none", "full") and change["line"] > 1
    assert data["score"]["new"] > data["score"]["old"] and not data["regression"]


def test_git_revision_regression_fails_with_flag(cli, work):
    git(work, "init", "-q")
    git(work, "add", ".")
    git(work, "commit", "-qm", "first")
    profile = work / "profiles" / "kazakhstan.yaml"
    edit(profile, *REGRESS_5)
    edit(profile, "          arrest_days_max: 40\n          additional: [deprivation of the right to occupy determined positions or engage in a determined activity up to 2 years (optional)]\n        - part: \"2\"\n          circumstances: [critically",
         "          arrest_days_max: 45\n          additional: [deprivation of the right to occupy determined positions or engage in a determined activity up to 2 years (optional)]\n        - part: \"2\"\n          circumstances: [critically")
    result = cli("diff", "kazakhstan@HEAD", "kazakhstan", "--format", "json", "--fail-on-regression", cwd=work)
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["old"].endswith("kazakhstan.yaml@HEAD")
    article = next(a for a in data["articles"] if a["article"] == "5")
    assert (article["old_status"], article["new_status"], article["direction"]) == ("compliant", "partial", "worse")
    assert any("Article 5 got worse" in r for r in data["regressions"])
    fact = next(f for f in data["facts"] if f["where"] == "provision pc-205: facts.penalties[0].arrest_days_max")
    assert (fact["old"], fact["new"]) == (40, 45)
    lines = profile.read_text().splitlines()
    assert "arrest_days_max: 45" in lines[fact["line"] - 1]
    # Without the flag, a regression is reported but does not fail.
    assert cli("diff", "kazakhstan@HEAD", "kazakhstan", cwd=work).exit_code == 0


def test_reworded_excerpt_shows_a_word_diff(cli, work):
    git(work, "init", "-q")
    git(work, "add", ".")
    git(work, "commit", "-qm", "first")
    edit(work / "profiles" / "kazakhstan.yaml", "1. Intentional illegal access of information, protected by the",
         "1. Deliberate illegal access of information, protected by the")
    # The new side no longer matches the source: diff refuses an invalid side with exit 2.
    assert cli("diff", "kazakhstan@HEAD", "kazakhstan", cwd=work).exit_code == 2
    git(work, "commit", "-qam", "second (unchecked)")
    result = cli("diff", "kazakhstan@HEAD~1", "kazakhstan@HEAD", "--format", "json", cwd=work)
    assert result.exit_code == 0, result.output
    (change,) = json.loads(result.stdout)["provisions"]
    assert change["id"] == "pc-205" and change["change"] == "reworded"
    assert "[-Intentional-] {+Deliberate+}" in change["wording"][0]


def test_markdown_is_a_pull_request_comment(cli, work):
    new = work / "profiles" / "new.yaml"
    shutil.copy(work / "profiles" / "kazakhstan.yaml", new)
    edit(new, *REGRESS_5)
    result = cli("diff", "kazakhstan", "profiles/new.yaml", "--format", "markdown", cwd=work)
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert first.startswith("cybergap diff: overall ") and "**regression**" in first
    assert "| 5 | System interference | ✔ compliant → ◐ partial |" in result.stdout
    assert "34 article(s) unchanged." in result.stdout


def test_json_validates_against_its_schema(cli, work):
    from jsonschema import Draft202012Validator

    new = work / "profiles" / "new.yaml"
    shutil.copy(work / "profiles" / "kazakhstan.yaml", new)
    edit(new, *RESOLVE_6_1_A_II)
    data = json.loads(cli("diff", "kazakhstan", "profiles/new.yaml", "--format", "json", cwd=work).stdout)
    schema = json.loads((ROOT / "schemas" / "diff.schema.json").read_text())
    assert not list(Draft202012Validator(schema).iter_errors(data))


def test_bad_sides_exit_2(cli, work, tmp_path):
    assert cli("diff", "kazakhstan@HEAD", "kazakhstan", cwd=work).exit_code == 2  # not a repository
    git(work, "init", "-q")
    git(work, "add", ".")
    git(work, "commit", "-qm", "first")
    result = cli("diff", "kazakhstan@nope", "kazakhstan", cwd=work)
    assert result.exit_code == 2 and "no revision 'nope'" in result.stderr
    assert cli("diff", "atlantis", "kazakhstan", cwd=work).exit_code == 2


@pytest.mark.parametrize("old,new,expected", [
    ("partial", "compliant", "better"), ("compliant", "missing", "worse"), ("partial", "not_assessed", "worse"),
    ("not_assessed", "missing", "better"), ("not_applicable", "partial", "changed"),
])
def test_direction_ranks_statuses(old, new, expected):
    from cybergap.diff import direction

    assert direction(old, new, None, None) == expected


def test_table_shows_section_changes(cli, work):
    new = work / "profiles" / "new.yaml"
    shutil.copy(work / "profiles" / "kazakhstan.yaml", new)
    edit(new, *REGRESS_5)
    result = cli("diff", "kazakhstan", "profiles/new.yaml", "--width", "120", cwd=work)
    assert "Sections that changed" in result.stdout and "Substantive criminal law" in result.stdout
    assert "▼ Article 5 got worse: rating C -> PC; status compliant -> partial (score 100.0 -> 50.0)" in result.stdout


def test_dropping_the_covering_parts_shows_and_brings_back_the_sanction_finding(cli, work):
    new = work / "profiles" / "new.yaml"
    shutil.copy(work / "profiles" / "kazakhstan.yaml", new)
    edit(new, '    parts: {pc-188: ["2"], pc-195: ["3"]}\n', "")
    edit(new, '    parts: {pc-188: ["2"], pc-190: ["2"], pc-195: ["3"]}\n', "")
    result = cli("diff", "kazakhstan", "profiles/new.yaml", "--format", "json", cwd=work)
    data = json.loads(result.stdout)
    change = next(f for f in data["facts"] if f["where"] == "mapping 8.b: parts")
    assert change["old"] == {"pc-188": ["2"], "pc-195": ["3"]} and change["new"] is None
    assert any(f["rule"] == "SAN01" and "PC Article 195(1)" in f["message"] for f in data["findings"]["introduced"])


def test_diff_under_the_un_convention(cli, work, tmp_path):
    """Budapest Art. 5 (system interference) is UN Art. 10 through the crosswalk: the same edit is
    a regression of Article 10 when both sides are assessed under the UN Convention."""
    old = tmp_path / "old.yaml"
    shutil.copy(work / "profiles" / "kazakhstan.yaml", old)
    shutil.copytree(work / "profiles" / "sources", tmp_path / "sources")
    new = work / "profiles" / "kazakhstan.yaml"
    edit(new, *REGRESS_5)
    result = cli("diff", old, new, "--framework", "un-cybercrime", "-f", "json", "--fail-on-regression")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["framework"] == "un-cybercrime"
    import jsonschema

    jsonschema.validate(data, json.loads((ROOT / "schemas" / "diff.schema.json").read_text()))
    assert [(a["article"], a["direction"]) for a in data["articles"]] == [("10", "worse")]
    assert any(r.startswith("Article 10 got worse") for r in data["regressions"])
    budapest = json.loads(cli("diff", old, new, "-f", "json").stdout)
    assert budapest["framework"] == "budapest" and [a["article"] for a in budapest["articles"]] == ["5"]
    markdown = cli("diff", old, new, "--framework", "un-cybercrime", "-f", "markdown").stdout
    assert markdown.startswith("cybergap diff under the United Nations Convention against Cybercrime: overall")
    assert cli("diff", old, new, "--framework", "eu").exit_code == 2
