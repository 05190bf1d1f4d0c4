"""`--format html` for assess and diff, without a browser: the CLI wiring, -o/--force, a
self-contained page under a strict Content-Security-Policy, the heatmap against the JSON report,
anchors, and hostile profile text shown literally. tests/test_html_browser.py loads the same pages
in headless Chromium."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cybergap.catalog import load_catalog
from cybergap.engine import assess
from cybergap.loader import load
from cybergap.render import assess_html

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

# Hostile profile text. Each must reach the reader literally, and none may run or restyle anything.
SCRIPT = "<script>alert(1)</script>"
CLOSER = "</details></summary></section></style><h1 id=injected>injected</h1>"
ENTITY = "&amp;lt; &lt;b&gt; &#x3c;"
JS_LINK = '<a href="javascript:alert(2)">click</a> javascript:alert(3)'
EVENT = '"><img src=x onerror=alert(4)><svg onload=alert(5)>'
RICH = "[bold red]rich[/] [link=https://example.org]x[/link]"
BIDI = "abc\u202edcba\u2066i\u2069"
ZERO_WIDTH = "pass\u200bword\u2060x\u200dy"
PAYLOADS = (SCRIPT, CLOSER, ENTITY, JS_LINK, EVENT, RICH)
# What the reader sees for the invisible ones: each format character written out.
SHOWN = {BIDI: "abc<U+202E>dcba<U+2066>i<U+2069>", ZERO_WIDTH: "pass<U+200B>word<U+2060>x<U+200D>y"}


def _yaml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def hostile_profile(folder: Path, in_excerpts: bool = True) -> Path:
    """gaps.yaml with every payload in the country name, source title, provision title and
    reference, instrument title, mapping notes, an override's justification and approver, and
    (unless `in_excerpts` is false: `check` refuses markup in excerpts) in the excerpts."""
    shutil.copytree(DATA / "sources", folder / "sources", dirs_exist_ok=True)
    every = " | ".join(PAYLOADS + (BIDI, ZERO_WIDTH))
    text = (DATA / "gaps.yaml").read_text(encoding="utf-8")
    replacements = [
        ("name: Gapland", f"name: {_yaml('Gap' + SCRIPT + BIDI + CLOSER)}"),
        ("title: A tiny source for tests", f"title: {_yaml('Source ' + EVENT + ZERO_WIDTH)}"),
        ("title: Penal Code", f"title: {_yaml('Code ' + JS_LINK)}"),
        ("reference: Article 1", f"reference: {_yaml('Article 1 ' + RICH)}"),
        ("title: Illegal access", f"title: {_yaml('Access ' + ENTITY)}"),
        ("note: Article 1 punishes access only where it causes substantial harm.", f"note: {_yaml(every)}"),
    ]
    if in_excerpts:
        replacements.append(("""      - text: >-
          1. Intentional illegal access to the information system, - shall be
          punished by imprisonment for the term of up to three years.""", f"      - text: {_yaml(every)}"))
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    text += ("overrides:\n  - article: \"3\"\n    status: compliant\n"
             f"    justification: {_yaml('Because ' + every)}\n    approver: {_yaml(SCRIPT + BIDI)}\n")
    path = folder / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def hostile_html(folder: Path) -> str:
    """The assessment page of the hostile profile, payloads in excerpts too (loaded without
    `check`, as a renderer must not rely on the validator)."""
    document = load(hostile_profile(folder), "hostile.yaml")
    return assess_html.render(assess(document.data, load_catalog(), document.path, today=date(2026, 1, 1)), load_catalog())


class Page(HTMLParser):
    """What a test needs from a page: elements with their attributes, ids, text, the <style> text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.style = ""
        self._in_style = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style += data
        else:
            self.text.append(data)

    def all(self, tag: str | None = None, cls: str | None = None) -> list[dict]:
        return [a for t, a in self.tags if (tag is None or t == tag) and (cls is None or cls in (a.get("class") or "").split())]

    @property
    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if a.get("id")}


def report_json(cli, *args) -> dict:
    result = cli("assess", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def cells_match_json(cells: list[dict], data: dict) -> None:
    """One heatmap cell per article, with the JSON report's rating, score and computed status."""
    assert [c["data-article"] for c in cells] == [a["article"] for a in data["articles"]]
    for cell, article in zip(cells, data["articles"]):
        assert cell["data-rating"] == (article["rating"] or ""), cell
        assert cell["data-score"] == ("" if article["score"] is None else f"{article['score']:.1f}"), cell
        assert cell["data-status"] == article["computed_status"], cell
        assert cell["href"] == f"#art-{article['article']}"


@pytest.fixture(scope="module")
def kazakhstan_html(tmp_path_factory) -> str:
    from typer.testing import CliRunner

    from cybergap.cli import app

    out = tmp_path_factory.mktemp("html") / "report.html"
    result = CliRunner().invoke(app, ["assess", "kazakhstan", "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


# --- the assessment page ------------------------------------------------------------------------

def test_heatmap_has_one_cell_per_article_as_the_json_report(cli, kazakhstan_html):
    page = Page(kazakhstan_html)
    cells = page.all("a", "cell")
    assert len(cells) == 35
    cells_match_json(cells, report_json(cli, "kazakhstan"))


def test_cells_show_rating_code_and_score_as_text(kazakhstan_html):
    """Colour is never the only cue: each cell's text holds its code and score."""
    cell_16 = re.search(r'<a class="cell r-NC" href="#art-16".*?</a>', kazakhstan_html, re.S).group()
    assert '<span class="code">NC</span>' in cell_16 and '<span class="sc">0.0</span>' in cell_16
    cell_23 = re.search(r'<a class="cell r-none" href="#art-23".*?</a>', kazakhstan_html, re.S).group()
    assert '<span class="code">?</span><span class="sc">—</span>' in cell_23  # not assessed
    assert 'class="cell r-NA" href="#art-32"' in kazakhstan_html


def test_every_anchor_resolves_and_articles_have_stable_ids(kazakhstan_html):
    page = Page(kazakhstan_html)
    targets = [a["href"][1:] for a in page.all("a") if a.get("href", "").startswith("#")]
    assert targets and set(targets) <= page.ids
    assert {f"art-{n}" for n in range(1, 36)} <= {a["id"] for a in page.all("div", "art-body")}


def test_self_contained_and_the_policy_allows_only_its_own_stylesheet(kazakhstan_html):
    page = Page(kazakhstan_html)
    assert not page.all("script") and not page.all("link") and not page.all("img") and not page.all("iframe")
    assert not any(key.startswith("on") or key == "style" or key == "src" for _, attrs in page.tags for key in attrs)
    assert "url(" not in page.style and "@import" not in page.style
    policy = next(a["content"] for a in page.all("meta") if a.get("http-equiv") == "Content-Security-Policy")
    digest = base64.b64encode(hashlib.sha256(page.style.encode("utf-8")).digest()).decode()
    assert policy == f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    # The policy comes before the stylesheet it governs.
    assert kazakhstan_html.index("Content-Security-Policy") < kazakhstan_html.index("<style>")


def test_kazakhstan_page_is_well_under_a_megabyte(kazakhstan_html):
    assert len(kazakhstan_html.encode("utf-8")) < 1_000_000


def test_page_content_top_to_bottom(kazakhstan_html):
    text = " ".join(" ".join(Page(kazakhstan_html).text).split())
    order = ["Kazakhstan (KZ)", "version 01 May 2020", "Overall score 38.4", "Ratings", "Statuses",
             "The 35 articles at a glance", "Sections", "Priorities (24 reforms", "Article 16 – Expedited preservation"]
    positions = [text.find(part) for part in order]
    assert -1 not in positions and positions == sorted(positions), list(zip(order, positions))
    # The source title names 2020, so the date is not repeated after it.
    assert "(2020-05-01)" not in text


def test_collapsed_article_holds_elements_findings_remedy_and_both_texts(kazakhstan_html):
    body = kazakhstan_html[kazakhstan_html.index('id="art-16"'):kazakhstan_html.index('<span class="art-title">Article 17 ')]
    assert re.search(r'<details class="article">\s*<summary><span class="chip r-NC">NC</span>\s*<span class="art-title">Article 16 ',
                     kazakhstan_html)  # collapsed on screen
    for part in ("PRE01", "Remedy", "Fixing it adds", "Convention, Article 16", "Domestic law", "16.1", "core",
                 "expeditious preservation of specified computer data"):
        assert part in body, part


def test_source_date_shown_when_the_title_does_not_say_it(tmp_path, minimal):
    document = load(minimal, "minimal.yaml")
    html = assess_html.render(assess(document.data, load_catalog(), document.path), load_catalog())
    assert "Source: A tiny source for tests (2020-05-01)" in " ".join(" ".join(Page(html).text).split())


def test_override_shown_beside_the_computed_status(tmp_path):
    document = load(hostile_profile(tmp_path), "hostile.yaml")
    html = assess_html.render(assess(document.data, load_catalog(), document.path, today=date(2026, 1, 1)), load_catalog())
    text = " ".join(" ".join(Page(html).text).split())
    assert "✔ compliant (override; computed: ✘ missing)" in text
    assert "Analyst override (applied): ✔ compliant, beside the computed status ✘ missing." in text
    assert "With overrides (1 applied):" in text


# --- hostile text -------------------------------------------------------------------------------

def test_hostile_text_is_shown_literally_and_adds_no_markup(tmp_path):
    html = hostile_html(tmp_path)
    page = Page(html)
    text = "".join(page.text)
    for payload in PAYLOADS:
        assert payload in text, payload
    for shown in SHOWN.values():
        assert shown in text
    assert not re.search("[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060\ufeff]", html)  # none left raw
    assert not page.all("script") and not page.all("img") and not page.all("svg", "bar") == page.all("svg") == []
    assert "injected" not in page.ids
    assert not any(a.get("href", "").lower().startswith("javascript") for a in page.all("a"))
    assert not any(key.startswith("on") for _, attrs in page.tags for key in attrs)
    # <details> open and close in pairs: no payload closed one early.
    assert html.count('<details class="article"') == html.count("</details>") == 35
    # The country is in the printed running header as an escaped CSS string, never raw.
    assert "</style>" not in page.style and "<script>" not in page.style and "\\3c script\\3e " in page.style


def test_hostile_profile_through_the_cli(cli, tmp_path):
    """Everything `check` accepts (payloads everywhere but in the excerpts) renders safely."""
    out = tmp_path / "h.html"
    result = cli("assess", hostile_profile(tmp_path, in_excerpts=False), "--format", "html", "-o", out)
    assert result.exit_code == 0, result.output
    page = Page(out.read_text(encoding="utf-8"))
    assert not page.all("script") and SCRIPT in "".join(page.text) and SHOWN[BIDI] in "".join(page.text)


def test_visible_writes_out_format_characters_only():
    assert assess_html.visible("a\u202eb\u200bc\u00add") == "a<U+202E>b<U+200B>c<U+00AD>d"
    assert assess_html.visible("Қазақстан – «закон» ✔") == "Қазақстан – «закон» ✔"  # letters and symbols stay
    assert assess_html.visible("a\x1b[31mb\x07\x00") == "a[31mb"  # control characters dropped (text.clean)


def test_css_string_cannot_end_the_string_or_the_stylesheet():
    assert assess_html.css_string('a "b" </style>') == '"a \\22 b\\22  \\3c \\2f style\\3e "'
    assert assess_html.css_string("x\\") == '"x\\5c "'


# --- the CLI ------------------------------------------------------------------------------------

def test_html_refuses_article_and_section(cli):
    for option in (("--article", "16"), ("--section", "procedural")):
        result = cli("assess", "kazakhstan", "--format", "html", *option)
        assert result.exit_code == 2 and "--format html shows every article" in result.stderr


def test_assess_output_is_never_overwritten_without_force(cli, tmp_path):
    out = tmp_path / "report.html"
    out.write_text("mine", encoding="utf-8")
    refused = cli("assess", "kazakhstan", "-f", "html", "-o", out)
    assert refused.exit_code == 2 and "exists; use --force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    forced = cli("assess", "kazakhstan", "-f", "html", "-o", out, "--force")
    assert forced.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_unwritable_output_is_a_usage_error(cli, tmp_path):
    result = cli("assess", "kazakhstan", "-f", "html", "-o", tmp_path / "missing" / "r.html")
    assert result.exit_code == 2 and result.stderr.startswith("cybergap: error: folder ") and "does not exist" in result.stderr


# --- the diff page ------------------------------------------------------------------------------

@pytest.fixture
def work(tmp_path) -> Path:
    shutil.copytree(ROOT / "profiles" / "sources", tmp_path / "profiles" / "sources")
    shutil.copy(ROOT / "profiles" / "kazakhstan.yaml", tmp_path / "profiles" / "kazakhstan.yaml")
    return tmp_path


def changed_profile(work: Path) -> Path:
    """Kazakhstan with Art. 5 worse (coverage full -> partial), 6.1.a.ii covered, and an override on Art. 2."""
    text = (work / "profiles" / "kazakhstan.yaml").read_text(encoding="utf-8")
    for old, new in (('  - element: "5"\n    provisions: [pc-207]\n    coverage: full',
                      '  - element: "5"\n    provisions: [pc-207]\n    coverage: partial'),
                     ('  - element: "6.1.a.ii"\n    provisions: []\n    coverage: none',
                      '  - element: "6.1.a.ii"\n    provisions: [pc-210]\n    coverage: full')):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    text += 'overrides:\n  - article: "2"\n    status: compliant\n    justification: "Read as compliant by the analyst for this test."\n'
    path = work / "profiles" / "new.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_diff_html_marks_changed_cells_and_lists_what_changed(cli, work):
    new = changed_profile(work)
    out = work / "diff.html"
    result = cli("diff", "kazakhstan", new, "--format", "html", "-o", out, cwd=work)
    assert result.exit_code == 0, result.output
    delta = json.loads(cli("diff", "kazakhstan", new, "--format", "json", cwd=work).stdout)
    html = out.read_text(encoding="utf-8")
    page = Page(html)
    cells = page.all("a", "cell")
    assert len(cells) == 70  # old and new, side by side
    changed = {a["article"] for a in delta["articles"]}
    assert changed >= {"5", "6"}
    assert {c["data-article"] for c in cells if "changed" in c["class"].split()} == changed
    assert sum("changed" in c["class"].split() for c in cells) == 2 * len(changed)
    assert cells[4]["data-score"] == "100.0" and cells[35 + 4]["data-score"] == "50.0"  # Art. 5, old | new
    text = " ".join(" ".join(page.text).split())
    assert "Regressions" in text and "Article 5 got worse" in text and "Verdict: regression" in text
    assert f"Resolved findings ({len(delta['findings']['resolved'])})" in text
    assert f"Introduced findings ({len(delta['findings']['introduced'])})" in text
    assert "Overrides changed (1)" in text and "Read as compliant by the analyst for this test." in text
    targets = {a["href"][1:] for a in page.all("a") if a.get("href", "").startswith("#")}
    assert targets <= page.ids


def test_diff_output_option_refuses_to_overwrite_without_force(cli, work):
    out = work / "diff.json"
    out.write_text("mine", encoding="utf-8")
    refused = cli("diff", "kazakhstan", "kazakhstan", "-f", "json", "-o", out, cwd=work)
    assert refused.exit_code == 2 and "exists; use --force" in refused.stderr and out.read_text() == "mine"
    forced = cli("diff", "kazakhstan", "kazakhstan", "-f", "json", "-o", out, "--force", cwd=work)
    assert forced.exit_code == 0 and json.loads(out.read_text())["changed"] is False
    assert forced.stdout == "" and f"wrote {out}" in forced.stderr


def test_diff_table_to_a_file_is_plain_text(cli, work):
    out = work / "diff.txt"
    result = cli("diff", "kazakhstan", changed_profile(work), "-o", out, "--width", "100", cwd=work)
    assert result.exit_code == 0 and result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "\x1b[" not in text and "Article" in text and max(map(len, text.splitlines())) <= 100


def test_diff_page_shows_hostile_text_literally(tmp_path):
    """Re-worded excerpts, changed notes and an added override carry the payloads into the diff page."""
    from cybergap.diff import compare
    from cybergap.render import diff_html

    catalog, today = load_catalog(), date(2026, 1, 1)
    old_doc, new_doc = load(DATA / "gaps.yaml", "gaps.yaml"), load(hostile_profile(tmp_path), "hostile.yaml")
    old, new = (assess(d.data, catalog, d.path, today=today) for d in (old_doc, new_doc))
    delta = compare(old_doc, old, new_doc, new, "gaps.yaml", SCRIPT + BIDI)
    assert delta.provisions and delta.overrides
    html = diff_html.render(delta, old, new, catalog)
    page = Page(html)
    text = "".join(page.text)
    for payload in PAYLOADS:
        assert payload in text, payload
    assert SHOWN[BIDI] in text and SHOWN[ZERO_WIDTH] in text
    assert not page.all("script") and not page.all("img") and "injected" not in page.ids
    assert not re.search("[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060\ufeff]", html)
    assert "</style>" not in page.style and "<script>" not in page.style
