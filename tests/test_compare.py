"""`cybergap compare`: countries side by side (Kazakhstan and the two fictional test profiles),
in every format; the computation on plain data; drafts; one country's history as rows."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from cybergap.compare import Cell, Row, compare, differences, headings

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
THREE = ["kazakhstan", str(DATA / "freedonia.yaml"), str(DATA / "ruritania.yaml")]
SCHEMA = json.loads((ROOT / "schemas" / "compare.schema.json").read_text(encoding="utf-8"))


def run(cli, *args):
    result = cli("compare", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def as_json():
    from typer.testing import CliRunner

    from cybergap.cli import app

    result = CliRunner().invoke(app, ["compare", *THREE, "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --- JSON ----------------------------------------------------------------------------------

def test_json_follows_its_schema(as_json):
    Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(as_json)


def test_json_holds_what_assess_says_for_each_country(as_json, cli):
    assert [p["column"] for p in as_json["profiles"]] == ["KZ", "XF", "XR"]
    for spec, row in zip(THREE, as_json["profiles"]):
        report = json.loads(cli("assess", spec, "--format", "json").stdout)
        assert row["overall"] == report["score"]["overall"]
        assert row["sections"] == {s["id"]: s["score"] for s in report["score"]["sections"]}
        assert {a["article"]: (a["rating"], a["computed_status"], a["score"]) for a in report["articles"]} == \
            {n: (c["rating"], c["status"], c["score"]) for n, c in row["articles"].items()}
    assert [a["article"] for a in as_json["articles"]] == [str(n) for n in range(1, 36)]


def test_json_differences_rank_by_spread(as_json):
    spreads = [d["spread"] for d in as_json["differences"]]
    assert spreads == sorted(spreads, reverse=True) and spreads[0] > 0
    first = as_json["differences"][0]
    scores = {p["column"]: p["articles"][first["article"]]["score"] for p in as_json["profiles"]}
    assert first["spread"] == round(max(v for v in scores.values() if v is not None)
                                    - min(v for v in scores.values() if v is not None), 1)
    assert all(scores[c] == first["high"] for c in first["highest"])


# --- CSV, as a spreadsheet reads it --------------------------------------------------------

def test_csv_is_one_header_row_and_one_row_per_country(cli, as_json):
    rows = list(csv.reader(io.StringIO(run(cli, *THREE, "--format", "csv"), newline="")))
    header, body = rows[0], rows[1:]
    assert len(body) == 3 and all(len(r) == len(header) for r in body)
    assert header[:8] == ["column", "country", "iso2", "profile", "revision", "version", "draft", "overall"]
    assert len(set(header)) == len(header)
    records = list(csv.DictReader(io.StringIO(run(cli, *THREE, "--format", "csv"), newline="")))
    for record, profile in zip(records, as_json["profiles"]):
        assert record["country"] == profile["country"] and float(record["overall"]) == profile["overall"]
        for number, cell in profile["articles"].items():
            assert record[f"Art. {number} rating"] == (cell["rating"] or "")
            assert record[f"Art. {number} status"] == cell["status"]
            assert record[f"Art. {number} score"] == ("" if cell["score"] is None else f"{cell['score']:.1f}")


def test_csv_text_never_runs_as_a_formula(tmp_path, cli):
    shutil.copytree(DATA / "sources", tmp_path / "sources")
    profile = tmp_path / "evil.yaml"
    profile.write_text((DATA / "minimal.yaml").read_text().replace("name: Testland", 'name: "=HYPERLINK(\\"x\\")"'))
    [record] = list(csv.DictReader(io.StringIO(run(cli, profile, "--format", "csv"), newline="")))
    assert record["country"] == "'=HYPERLINK(\"x\")"


# --- Markdown and the table ---------------------------------------------------------------

def test_markdown_has_a_row_per_article_and_a_column_per_country(cli):
    text = run(cli, *THREE, "--format", "markdown")
    matrix = text.split("## Ratings and scores")[1].split("##")[0]
    table = [line for line in matrix.splitlines() if line.startswith("| ")]
    assert all(line.count("|") == 5 for line in table)
    assert "| Article | KZ | XF | XR |" in table
    assert sum(1 for line in table if line.split("|")[1].strip().split(" ")[0].isdigit()) == 35
    assert "| 3 Illegal interception | PC ◐ 50.0 | C ✔ 100.0 | ? ? — |" in text
    assert "## Where they differ most" in text


@pytest.mark.parametrize("width", [80, 120])
def test_table_fits_the_width(cli, width):
    text = run(cli, *THREE, "--width", width)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    assert any(line.startswith("│ 3 Illegal interception") and "PC ◐  50.0" in line and "C  ✔ 100.0" in line
               for line in lines)
    assert "Where they differ most" in text


def test_table_continues_in_blocks_when_the_countries_do_not_fit(cli):
    specs = [*THREE, *THREE, *THREE]  # nine columns: KZ, XF, XR, KZ#2, ...
    text = run(cli, *specs, "--width", 80)
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "Ratings and scores (1/3)" in text and "Ratings and scores (3/3)" in text
    header_lines = [line for line in text.splitlines() if line.startswith("┃ Article")]
    shown = [cell.strip() for line in header_lines for cell in line.split("┃")[2:-1]]
    assert shown == ["KZ", "XF", "XR", "KZ#2", "XF#2", "XR#2", "KZ#3", "XF#3", "XR#3"]


def test_output_file_is_never_overwritten_without_force(tmp_path, cli):
    target = tmp_path / "out.csv"
    target.write_text("mine")
    refused = cli("compare", *THREE, "-f", "csv", "-o", target)
    assert refused.exit_code == 2 and target.read_text() == "mine"
    assert cli("compare", *THREE, "-f", "csv", "-o", target, "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("column,country")
    unwritable = cli("compare", *THREE, "-f", "csv", "-o", tmp_path / "no-such-folder" / "out.csv")
    assert unwritable.exit_code == 2 and "does not exist" in unwritable.stderr  # the shared -o checks (cli/common.py)


# --- drafts, bad input, history -----------------------------------------------------------

def draft_copy(folder: Path) -> Path:
    shutil.copytree(DATA / "sources", folder / "sources", dirs_exist_ok=True)
    text = (DATA / "ruritania.yaml").read_text(encoding="utf-8")
    draft = folder / "draft.yaml"
    draft.write_text(text.replace('  version: "2021-01-01"\n', '  version: "2021-01-01"\n  status: draft\n'), encoding="utf-8")
    return draft


def test_a_drafts_unassessed_articles_are_pending(tmp_path, cli):
    draft = draft_copy(tmp_path)
    data = json.loads(run(cli, "kazakhstan", draft, "-f", "json"))
    kz, row = data["profiles"]
    assert row["draft"] and not kz["draft"]
    assert row["articles"]["16"] == {"rating": None, "status": "not_assessed", "score": None, "pending": True, "override": None}
    assert row["articles"]["2"]["pending"] is False and kz["articles"]["23"]["pending"] is False
    table = run(cli, "kazakhstan", draft, "--width", 80)
    assert any(line.startswith("│ 16 ") and "… pending" in line for line in table.splitlines())
    assert any(line.startswith("│ 23 ") and "?  ?     —" in line and "… pending" in line for line in table.splitlines())
    [_, record] = list(csv.DictReader(io.StringIO(run(cli, "kazakhstan", draft, "-f", "csv"), newline="")))
    assert record["draft"] == "yes" and record["Art. 16 status"] == "pending"
    assert "| 16 Expedited preservation of stored computer data | NC ✘ 0.0 | … pending |" in \
        run(cli, "kazakhstan", draft, "-f", "markdown")


def test_a_profile_that_cannot_be_opened_is_left_out_and_exit_is_2(tmp_path, cli):
    bad = tmp_path / "bad.yaml"
    bad.write_text("country: [\n")
    result = cli("compare", "kazakhstan", bad, "no-such-country", "-f", "json")
    assert result.exit_code == 2
    assert [p["country"] for p in json.loads(result.stdout)["profiles"]] == ["Kazakhstan"]
    assert "bad.yaml:" in result.stderr and "no profile 'no-such-country'" in result.stderr
    assert "2 of 3 profile(s) could not be opened" in result.stderr
    none = cli("compare", bad)
    assert none.exit_code == 2 and none.stdout == ""


def test_one_countrys_history_as_rows(tmp_path, cli, monkeypatch):
    repo = tmp_path / "repo"
    (repo / "profiles").mkdir(parents=True)
    shutil.copytree(DATA / "sources", repo / "profiles" / "sources")
    profile = repo / "profiles" / "freedonia.yaml"
    shutil.copy(DATA / "freedonia.yaml", profile)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "2019"], check=True)
    # The 2024 amendment: attempt punishable for every offence.
    text = profile.read_text(encoding="utf-8").replace("attempt_from: felony", "attempt_from: misdemeanour")
    text = text.replace("coverage: partial\n    note: Attempt is punishable for felonies only.",
                        "coverage: full\n    note: Attempt is punishable for every offence.")
    profile.write_text(text, encoding="utf-8")
    monkeypatch.chdir(repo)
    data = json.loads(run(cli, "freedonia@HEAD", "freedonia", "profiles/freedonia.yaml@HEAD", "-f", "json"))
    assert [p["column"] for p in data["profiles"]] == ["XF@HEAD", "XF", "XF@HEAD#2"]
    before, after, _ = data["profiles"]
    assert after["articles"]["11"]["score"] > before["articles"]["11"]["score"]
    assert data["differences"][0]["article"] == "11"
    assert data["differences"][0]["highest"] == ["XF"]


def test_workers_give_the_same_comparison(tmp_path, cli):
    from cybergap.cli.compare_cmd import FILES_PER_WORKER

    shutil.copytree(DATA / "sources", tmp_path / "sources")
    specs = []
    for n in range(2 * FILES_PER_WORKER + 1):  # enough for two workers
        name = ("freedonia", "ruritania")[n % 2]
        copy = tmp_path / f"{name}-{n}.yaml"
        shutil.copy(DATA / f"{name}.yaml", copy)
        specs.append(copy)
    serial = run(cli, *specs, "-f", "json", "--jobs", "1")
    parallel = run(cli, *specs, "-f", "json", "--jobs", "2")
    assert serial == parallel
    assert len(json.loads(parallel)["profiles"]) == len(specs)


def test_each_profile_is_opened_and_assessed_once(cli, monkeypatch):
    from cybergap.cli import compare_cmd

    opened = []
    real = compare_cmd.open_row
    monkeypatch.setattr(compare_cmd, "open_row", lambda spec, cache_dir, *rest: opened.append(spec) or real(spec, cache_dir))
    data = json.loads(run(cli, "kazakhstan", THREE[1], "kazakhstan", "-f", "json", "--jobs", "1"))
    assert opened == ["kazakhstan", THREE[1]]
    assert [p["column"] for p in data["profiles"]] == ["KZ", "XF", "KZ#2"]


def test_every_format_has_a_renderer(cli):
    from cybergap.render.formats import choices

    FORMATS = choices("compare")

    assert set(FORMATS) == {"table", "markdown", "csv", "json", "html"}
    for format in FORMATS:
        assert run(cli, "kazakhstan", "--format", format).strip()
    assert cli("compare", "kazakhstan", "--format", "pdf").exit_code == 2


# --- the computation, on plain data ---------------------------------------------------------

def cell(rating, score, status="partial", pending=False):
    return Cell(rating, status, score, pending)


def row(label, iso2, cells, revision=None):
    return Row(label, label.title(), iso2, "1", revision, False, None, {}, cells)


ARTICLES = [("2", "Illegal access", "substantive"), ("3", "Illegal interception", "substantive"),
            ("4", "Data interference", "substantive"), ("5", "System interference", "substantive")]


def test_differences_rank_by_spread_then_ratings_and_ignore_unassessed_rows():
    rows = [
        row("a", "AA", {"2": cell("C", 100.0), "3": cell("PC", 50.0), "4": cell("LC", 75.0), "5": cell(None, None)}),
        row("b", "BB", {"2": cell("NC", 0.0), "3": cell("NC", 50.0), "4": cell("LC", 75.0), "5": cell("C", 100.0)}),
        row("c", "CC", {"2": cell("PC", 50.0), "3": cell(None, None), "4": cell("LC", 75.0), "5": cell(None, None)}),
    ]
    found = differences(rows, compare(rows, ARTICLES, []).articles)
    assert [(d.article, d.spread, d.lowest, d.highest, d.ratings) for d in found] == [
        ("2", 100.0, (1,), (0,), 3),  # the widest spread first
        ("3", 0.0, (0, 1), (0, 1), 2),  # same score, different ratings: still a difference
    ]  # 4: all the same; 5: rated by one row only


def test_headings_are_short_and_unique():
    rows = [row("a", "KZ", {}), row("b", "KZ", {}, "HEAD~1"), row("c", "KZ", {}), row("d", "", {})]
    assert headings(rows) == ("KZ", "KZ@HEAD~1", "KZ#2", "D")


def test_compare_under_the_un_convention_matches_assess(cli, tmp_path):
    """Every row is assessed as `assess --framework un-cybercrime` assesses it, in one process and
    in worker processes (eight profiles, two jobs); the JSON names the framework."""
    shutil.copytree(ROOT / "profiles" / "sources", tmp_path / "sources")
    copies = []
    for n in range(8):
        copies.append(tmp_path / f"kz{n}.yaml")
        shutil.copy(ROOT / "profiles" / "kazakhstan.yaml", copies[-1])
    assessed = json.loads(cli("assess", copies[0], "--framework", "un-cybercrime", "-f", "json").stdout)
    articles = {a["article"]: (a["rating"], a["score"]) for a in assessed["articles"]}
    for specs, jobs in (([copies[0], str(DATA / "ruritania.yaml")], "1"), (copies, "2")):
        data = json.loads(run(cli, *map(str, specs), "--framework", "un-cybercrime", "-f", "json", "-j", jobs))
        Draft202012Validator(SCHEMA).validate(data)
        assert data["framework"] == "un-cybercrime"
        assert [a["article"] for a in data["articles"]] == list(articles)
        kz = data["profiles"][0]
        assert kz["overall"] == assessed["score"]["overall"] == 32.9
        assert {n: (c["rating"], c["score"]) for n, c in kz["articles"].items()} == articles
    [record] = list(csv.DictReader(io.StringIO(run(cli, str(copies[0]), "--framework", "un-cybercrime", "-f", "csv"))))
    assert record["UN Art. 10 rating"] == articles["10"][0] and "Art. 10 rating" not in record
    markdown = run(cli, str(copies[0]), "--framework", "un-cybercrime", "-f", "markdown")
    assert markdown.startswith("# Comparison of 1 profile(s) under the United Nations Convention against Cybercrime")
    assert json.loads(run(cli, "kazakhstan", "-f", "json"))["framework"] == "budapest"
    assert cli("compare", "kazakhstan", "--framework", "eu").exit_code == 2
