"""`cybergap assess --format json` on the small gaps profile (tests/data/gaps.yaml): the report
validates against schemas/report.schema.json, and the numbers and findings that matter are
asserted one by one (in place of a golden file of every catalogue element)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
GAPS = Path(__file__).resolve().parent / "data" / "gaps.yaml"


@pytest.fixture
def report_of(cli):
    def run(*options: str) -> dict:
        result = cli("assess", GAPS, "--format", "json", "--no-cache", *options)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    return run


@pytest.fixture
def report(report_of):
    return report_of()


def articles(report) -> dict:
    return {a["article"]: a for a in report["articles"]}


def test_validates_against_the_report_schema(report):
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in Draft202012Validator(schema).iter_errors(report)]
    assert not errors


def test_profile_and_tool(report):
    assert report["tool"]["name"] == "cybergap"
    assert report["profile"]["country"] == "Gapland" and report["profile"]["iso2"] == "GL"
    assert report["profile"]["path"].endswith("gaps.yaml")
    assert report["notes"] == []


def test_scores(report):
    # Art. 2 = 50 (partial), Art. 3 = 0 (none), Art. 13 = (0.5 + 0) / 2 = 25: overall 75 / 3 = 25.
    assert report["score"]["overall"] == 25.0
    sections = {s["id"]: (s["score"], s["articles_scored"], s["articles_total"]) for s in report["score"]["sections"]}
    assert sections == {
        "use_of_terms": (None, 0, 1),
        "substantive": (25.0, 3, 12),  # (50 + 0 + 25) / 3
        "procedural": (None, 0, 8),
        "jurisdiction": (None, 0, 1),
        "international": (None, 0, 13),
    }


def test_statuses_and_counts(report):
    scored = {n: (a["status"], a["score"], a["scored_elements"]) for n, a in articles(report).items() if a["score"] is not None}
    assert scored == {"2": ("partial", 50.0, 1), "3": ("missing", 0.0, 1), "13": ("partial", 25.0, 2)}
    assert report["counts"] == {"compliant": 0, "partial": 2, "missing": 1, "not_applicable": 0, "not_assessed": 32}
    assert all(a["findings"] == [] for a in report["articles"] if a["status"] == "not_assessed")


def test_article_13_elements(report):
    # 13.2 is not mapped at all: it counts as 0 in the article the profile assesses.
    elements = {e["id"]: (e["coverage"], e["score"]) for e in articles(report)["13"]["elements"]}
    assert elements == {"13.1": ("partial", 0.5), "13.2": ("unmapped", 0.0)}


def test_findings_and_their_evidence(report):
    by_article = {n: sorted(f["rule"] for f in a["findings"]) for n, a in articles(report).items() if a["findings"]}
    # Art. 2: a harm threshold (QUA01) on partial coverage (COV02); Art. 3: nothing cited (COV01);
    # Art. 13: no sanction for legal persons (LP04), arrest only (SAN01), partial (COV02).
    assert by_article == {"2": ["COV02", "QUA01"], "3": ["COV01"], "13": ["COV02", "LP04", "SAN01"]}
    qua01 = next(f for f in articles(report)["2"]["findings"] if f["rule"] == "QUA01")
    assert qua01["severity"] == "major" and "causing substantial harm" in qua01["message"]
    assert qua01["evidence"] == [{"provision": "pc-1", "reference": "Penal Code Article 1"}]
    # The top-level list holds the same findings as the articles.
    assert sorted(json.dumps(f, sort_keys=True) for f in report["findings"]) == \
        sorted(json.dumps(f, sort_keys=True) for a in report["articles"] for f in a["findings"])


def test_findings_ranked_by_impact(report):
    ranked = [(f["rule"], f["article"], f["impact"]["article"], f["impact"]["overall"]) for f in report["findings"][:3]]
    assert ranked == [
        ("COV01", "3", 100.0, 33.3),  # 0 -> 100 on one of three scored articles
        ("LP04", "13", 50.0, 16.7),  # 13.2 covered: (0.5 + 1) / 2 = 75
        ("COV02", "13", 12.5, 4.2),  # 13.1 full but SAN01 (minor) still caps it: (0.75 + 0) / 2 = 37.5
    ]


@pytest.mark.parametrize("options, shown", [
    (["--article", "13"], ["13"]),
    (["-a", "2"], ["2"]),
    (["--section", "jurisdiction"], ["22"]),
    (["--section", "substantive"], [str(n) for n in range(2, 14)]),
    (["--section", "jurisdiction", "--section", "use_of_terms"], ["1", "22"]),
])
def test_article_and_section_filter_the_articles(report_of, report, options, shown):
    filtered = report_of(*options)
    assert [a["article"] for a in filtered["articles"]] == shown
    assert filtered["score"] == report["score"]  # the scores stay those of the whole profile
