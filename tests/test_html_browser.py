"""The HTML pages in a real browser: the system's headless Chromium (Debian's `chromium`), driven
by Playwright for Python with `executable_path` (never a browser Playwright downloads).

Locally a missing browser, Playwright or pdftotext skips these tests and says which; under CI=true
it fails them (.ci/run installs chromium and poppler-utils)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from test_html import BIDI, PAYLOADS, SHOWN, ZERO_WIDTH, changed_profile, hostile_html, work  # noqa: F401

CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# About 7 s together (a browser start, eight page loads, an A4 PDF of 40-odd pages): over the
# 5 s a local run may spend, so they run under CI=true or with `python -m pytest -m slow`.
pytestmark = pytest.mark.slow


def missing(reason: str):
    """Skip locally; under CI=true a missing browser is a failure, not a skip."""
    if CI:
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python is not installed: pip install -e '.[test]'")
    executable = shutil.which("chromium")
    if executable is None:
        missing("no `chromium` on PATH: apt-get install chromium (Debian's package)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        yield browser
        browser.close()


class Visit:
    """A page loaded from file://, with everything it logged, asked or fetched."""

    def __init__(self, browser, path, **context):
        self.page = browser.new_page(**context)
        self.console, self.errors, self.dialogs, self.requests = [], [], [], []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.as_uri()
        self.page.goto(self.url, wait_until="load")

    def quiet(self) -> None:
        """No console message, script error or dialog, and no request but the page itself."""
        assert self.console == [] and self.errors == [] and self.dialogs == []
        assert self.requests == [self.url]

    def js(self, script: str):
        return self.page.evaluate(script)


UNRESOLVED = """[...document.querySelectorAll('a[href^="#"]')]
    .filter(a => !document.getElementById(decodeURIComponent(a.hash.slice(1)))).map(a => a.getAttribute('href'))"""

CELLS = """[...document.querySelectorAll('a.cell')].map(a => {
    const box = a.getBoundingClientRect(), style = getComputedStyle(a);
    return {article: a.dataset.article, rating: a.dataset.rating, score: a.dataset.score, href: a.getAttribute('href'),
            code: a.querySelector('.code').innerText, shown: a.querySelector('.sc').innerText,
            colour: style.backgroundColor + ' ' + style.backgroundImage, ink: style.color,
            changed: a.classList.contains('changed'), width: box.width, height: box.height};
})"""


@pytest.fixture(scope="module")
def kazakhstan(tmp_path_factory):
    """The Kazakhstan page, written by the real CLI, and its JSON report."""
    folder = tmp_path_factory.mktemp("browser")
    report = folder / "kazakhstan.html"
    for args in (["--format", "html", "-o", str(report)], ["--format", "json", "-o", str(folder / "k.json")]):
        subprocess.run([sys.executable, "-m", "cybergap", "assess", "kazakhstan", *args], check=True, capture_output=True)
    return report, json.loads((folder / "k.json").read_text(encoding="utf-8"))


def test_heatmap_in_the_browser_matches_the_json_report(browser, kazakhstan):
    path, data = kazakhstan
    visit = Visit(browser, path)
    visit.quiet()
    assert visit.js("document.querySelectorAll('script').length") == 0
    cells = visit.js(CELLS)
    assert [c["article"] for c in cells] == [a["article"] for a in data["articles"]]
    colours: dict[str, set] = {}
    for cell, article in zip(cells, data["articles"]):
        rating, score = article["rating"], article["score"]
        assert cell["rating"] == (rating or "") and cell["code"] == (rating or "?")
        assert cell["shown"] == ("—" if score is None else f"{score:.1f}") == (cell["score"] or "—")
        assert cell["href"] == f"#art-{article['article']}" and cell["width"] > 30 and cell["height"] > 30
        colours.setdefault(rating, set()).add((cell["colour"], cell["ink"]))
    # One look per rating, and a different look for each (not assessed and NA included).
    assert all(len(looks) == 1 for looks in colours.values())
    assert len({next(iter(looks)) for looks in colours.values()}) == len(colours) == 6
    assert visit.js(UNRESOLVED) == []


def test_a_link_to_an_article_opens_it(browser, kazakhstan):
    path, _ = kazakhstan
    visit = Visit(browser, path)
    opened = "[...document.querySelectorAll('details.article[open]')].map(d => d.querySelector('.art-body').id)"
    assert visit.js(opened) == []
    visit.page.click('a.cell[href="#art-16"]')
    assert visit.js(opened) == ["art-16"]
    assert visit.page.is_visible("#art-16 >> text=PRE01")
    cited = Visit(browser, path)
    cited.page.goto(path.as_uri() + "#art-29")  # a link cited from elsewhere
    assert cited.js(opened) == ["art-29"]
    visit.quiet()


def test_dark_scheme_on_screen_keeps_the_rating_colours(browser, kazakhstan):
    path, _ = kazakhstan
    light, dark = Visit(browser, path), Visit(browser, path, color_scheme="dark")
    background = "getComputedStyle(document.documentElement).backgroundColor"
    assert light.js(background) == "rgb(255, 255, 255)" and dark.js(background) == "rgb(21, 23, 26)"
    rated = [(c["colour"], c["ink"]) for c in light.js(CELLS) if c["rating"] in ("C", "LC", "PC", "NC")]
    assert rated == [(c["colour"], c["ink"]) for c in dark.js(CELLS) if c["rating"] in ("C", "LC", "PC", "NC")]
    dark.quiet()


def test_print_opens_every_article_and_keeps_rows_whole(browser, kazakhstan, tmp_path):
    path, data = kazakhstan
    visit = Visit(browser, path)
    finding = "document.querySelector('#art-16 .finding').checkVisibility()"
    assert visit.js(finding) is False  # closed on screen
    visit.page.emulate_media(media="print")
    assert visit.js(finding) is True
    assert visit.js("getComputedStyle(document.querySelector('#art-16 tr')).breakInside") == "avoid"
    breaks = "[...document.querySelectorAll('details.article')].map(d => getComputedStyle(d).breakBefore)"
    assert visit.js(breaks) == ["auto"] + ["page"] * 34  # the first follows the heading "Articles"
    pdf = tmp_path / "report.pdf"
    visit.page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    if shutil.which("pdftotext") is None:
        missing("no `pdftotext` to read the printed PDF: apt-get install poppler-utils")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) > 35  # a page break before each of the 35 articles
    assert all("cybergap · Kazakhstan (KZ)" in page for page in pages)  # the running header
    assert all(re.search(rf"page {n} of {len(pages)}", page) for n, page in enumerate(pages, 1))
    flat = " ".join(text.split())
    # Text found only inside collapsed articles: a finding's remedy, an element's note.
    remedy = next(f["remediation"] for f in data["articles"][15]["findings"] if f["rule"] == "PRE01")
    assert " ".join(remedy.split()) in flat
    assert "Fixing it adds" in flat and "Convention, Article 35" in flat


def test_hostile_profile_runs_nothing_and_shows_every_payload(browser, tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text(hostile_html(tmp_path), encoding="utf-8")
    visit = Visit(browser, path)
    visit.page.click('a.cell[href="#art-2"]')  # open an article whose excerpt and note carry the payloads
    visit.quiet()
    assert visit.js("document.querySelectorAll('script, img, iframe, object, embed').length") == 0
    assert visit.js("document.getElementById('injected')") is None
    assert visit.js("[...document.querySelectorAll('a')].filter(a => a.href.startsWith('javascript')).length") == 0
    text = visit.js("document.body.innerText")
    for payload in PAYLOADS:
        assert payload in text, payload
    assert SHOWN[BIDI] in text and SHOWN[ZERO_WIDTH] in text
    assert visit.page.title().startswith("cybergap assessment: Gap<script>alert(1)</script>abc<U+202E>")


def test_diff_page_in_the_browser(browser, work, cli):  # noqa: F811 (work is the fixture imported above)
    new = changed_profile(work)
    out = work / "diff.html"
    assert cli("diff", "kazakhstan", new, "--format", "html", "-o", out, cwd=work).exit_code == 0
    delta = json.loads(cli("diff", "kazakhstan", new, "--format", "json", cwd=work).stdout)
    visit = Visit(browser, out)
    visit.quiet()
    cells = visit.js(CELLS)
    changed = {a["article"] for a in delta["articles"]}
    assert len(cells) == 70 and {c["article"] for c in cells if c["changed"]} == changed
    old, new_side = cells[:35], cells[35:]
    for article in delta["articles"]:
        index = int(article["article"]) - 1
        for side, cell in (("old", old[index]), ("new", new_side[index])):
            score, rating = article[f"{side}_score"], article[f"{side}_rating"]
            assert cell["score"] == ("" if score is None else f"{score:.1f}") and cell["rating"] == (rating or "")
    assert visit.js(UNRESOLVED) == []


MATRIX = """[...document.querySelectorAll('span.mcell')].map(s => {
    const style = getComputedStyle(s);
    return {rating: s.dataset.rating, pending: s.dataset.pending, code: s.querySelector('.code').innerText,
            colour: style.backgroundColor + ' ' + style.backgroundImage, ink: style.color, border: style.borderTopStyle};
})"""


def test_compare_page_in_the_browser(browser, kazakhstan, cli, tmp_path):
    """The comparison's cells wear the assessment page's colours, rating for rating; a pending or
    unrated cell is a dashed outline; printed, every page repeats the profiles' column headings."""
    from test_compare import THREE, draft_copy

    out = tmp_path / "compare.html"
    assert cli("compare", *THREE, draft_copy(tmp_path), "--format", "html", "-o", out).exit_code == 0
    visit = Visit(browser, out)
    visit.quiet()
    assert visit.js("document.querySelectorAll('script').length") == 0
    cells = visit.js(MATRIX)
    assert len(cells) == 35 * 4
    looks = {}
    for cell in cells:
        looks.setdefault(cell["rating"], set()).add((cell["colour"], cell["ink"]))
        assert cell["code"] == ("…" if cell["pending"] == "true" else cell["rating"] or "?")
        assert (cell["border"] == "dashed") == (cell["rating"] == "")
    assert all(len(look) == 1 for look in looks.values())
    assessed = {c["rating"]: (c["colour"], c["ink"]) for c in Visit(browser, kazakhstan[0]).js(CELLS)}
    assert {rating: next(iter(look)) for rating, look in looks.items() if rating in assessed} == \
        {rating: assessed[rating] for rating in looks if rating in assessed}
    pdf = tmp_path / "compare.pdf"
    visit.page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    if shutil.which("pdftotext") is None:
        missing("no `pdftotext` to read the printed PDF: apt-get install poppler-utils")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    matrix_pages = [page for page in pages if "Jurisdiction" in page or "Expedited preservation" in page]
    assert len(pages) > 1 and matrix_pages
    assert all(re.search(r"Article\s+KZ\s+XF\s+XR\s+XR#2", page) for page in matrix_pages), "column headings repeated"
    flat = " ".join(text.split())
    assert "Comparison of 4 profiles" in flat and "24/7 Network" in flat
