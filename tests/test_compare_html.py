"""`cybergap compare --format html`: the comparison as one self-contained page, checked without a
browser against the JSON comparison (tests/test_html_browser.py loads it in Chromium)."""

from __future__ import annotations

import base64
import hashlib
import json

from test_compare import THREE, draft_copy, run
from test_html import BIDI, PAYLOADS, SHOWN, Page, hostile_profile


def matrix_matches_json(page: Page, data: dict) -> None:
    """One cell per article and profile, with the JSON comparison's values: in blocks of ten
    profiles, the articles under their sections in the sections' order (as on the assessment
    page), the profiles across."""
    cells = page.all("span", "mcell")
    order = [s["id"] for s in data["sections"]]
    articles = sorted(data["articles"], key=lambda a: order.index(a["section"]))  # stable: catalogue order within
    profiles = data["profiles"]
    expected = [(a["article"], p["column"], p["articles"][a["article"]])
                for start in range(0, len(profiles), 10) for a in articles for p in profiles[start:start + 10]]
    assert len(cells) == len(expected)
    for cell, (article, column, value) in zip(cells, expected):
        assert (cell["data-article"], cell["data-column"]) == (article, column)
        assert cell["data-rating"] == (value["rating"] or "")
        assert cell["data-score"] == ("" if value["score"] is None else f"{value['score']:.1f}")
        assert cell["data-status"] == value["status"]
        assert cell["data-pending"] == ("true" if value["pending"] else "false")
        rating = "r-none" if value["rating"] is None else f"r-{value['rating']}"
        assert rating in cell["class"].split() and ("pending" in cell["class"].split()) == value["pending"]


def test_the_matrix_holds_the_json_comparisons_values(cli, tmp_path):
    draft = draft_copy(tmp_path)
    specs = [*THREE, str(draft)]
    html = run(cli, *specs, "-f", "html")
    data = json.loads(run(cli, *specs, "-f", "json"))
    page = Page(html)
    matrix_matches_json(page, data)
    assert any(c["data-pending"] == "true" for c in page.all("span", "mcell"))  # the draft's pending cells
    text = " ".join(" ".join(page.text).split())
    assert "Comparison of 4 profiles" in text and "Where they differ most" in text
    assert [" ".join(a["aria-label"].split()) for a in page.all("span", "mcell")][:2] == [
        "Article 1, KZ: NC, partial, score 30.0", "Article 1, XF: not rated, not assessed, score —"]
    totals = [c for c in page.all("td") if "data-column" in c]
    assert [c["data-column"] for c in totals] == [p["column"] for p in data["profiles"]]


def test_the_page_is_self_contained_under_its_policy(cli):
    html = run(cli, *THREE, "-f", "html")
    page = Page(html)
    assert not page.all("script") and not page.all("link") and not page.all("img")
    assert not any(key.startswith("on") or key in ("style", "src") for _, attrs in page.tags for key in attrs)
    policy = next(a["content"] for a in page.all("meta") if a.get("http-equiv") == "Content-Security-Policy")
    digest = base64.b64encode(hashlib.sha256(page.style.encode("utf-8")).digest()).decode()
    assert policy == f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"


def test_hostile_profile_text_is_shown_literally(cli, tmp_path):
    hostile = hostile_profile(tmp_path, in_excerpts=False)
    html = run(cli, "kazakhstan", str(hostile), "-f", "html")
    page = Page(html)
    assert not page.all("script") and not page.all("img") and "injected" not in page.ids
    text = "".join(page.text)
    assert "Gap<script>alert(1)</script>" + SHOWN[BIDI] + "</details>" in text
    assert all(payload not in html for payload in PAYLOADS if "<" in payload)  # never raw in the markup


def test_under_the_un_convention_and_one_profile(cli):
    html = run(cli, "kazakhstan", "--framework", "un-cybercrime", "-f", "html")
    page = Page(html)
    heading = " ".join(" ".join(page.text).split())
    assert "Comparison of 1 profile under the United Nations Convention against Cybercrime" in heading
    assert "Where they differ most" not in heading  # one profile differs from nothing
    data = json.loads(run(cli, "kazakhstan", "--framework", "un-cybercrime", "-f", "json"))
    matrix_matches_json(page, data)


def test_more_than_ten_profiles_continue_in_another_matrix(cli, tmp_path):
    import shutil

    from test_compare import ROOT

    shutil.copytree(ROOT / "profiles" / "sources", tmp_path / "sources")
    specs = []
    for n in range(12):
        specs.append(str(tmp_path / f"kz{n:02}.yaml"))
        shutil.copy(ROOT / "profiles" / "kazakhstan.yaml", specs[-1])
    html = run(cli, *specs, "-f", "html", "-j", "1")
    page = Page(html)
    matrix_matches_json(page, json.loads(run(cli, *specs, "-f", "json", "-j", "1")))
    assert len(page.all("table", "matrix")) == 2
    text = " ".join(" ".join(page.text).split())
    assert "Ratings and scores (1/2: KZ to KZ#10)" in text and "Ratings and scores (2/2: KZ#11 to KZ#12)" in text
