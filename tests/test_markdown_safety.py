"""Profile text in Markdown reports (PR comments) is shown as written: it makes no link, image,
emphasis, code, heading or raw HTML, and no GitHub @mention or #123 reference. Checked by parsing the report with
markdown-it-py (CommonMark, the parser rich itself uses) with GitHub's tables and strike-through."""

from __future__ import annotations

import json

import pytest

HOSTILE = {
    "country": "[Testland](https://evil.example) @ministry-team",
    "source": "![pixel](https://evil.example/p.png) *urgent* `code` ~~gone~~ &lt;b&gt; <i>x</i>",
    "version": "# 2 | v1_final",
    "instrument": "Penal [Code](javascript:alert(1)) @org/legal see #12 and owner/repo#34",
}
MARKERS = ("Testland", "pixel", "Penal", "v1_final")  # a word of each, to find the runs showing them
MARKUP = {"link_open", "image", "em_open", "strong_open", "code_inline", "s_open", "heading_open", "html_inline"}


def _set(profile, old: str, new: str) -> None:
    text = profile.read_text(encoding="utf-8")
    assert old in text
    profile.write_text(text.replace(old, new, 1), encoding="utf-8")


def _hostile(profile):
    for old, key in [("name: Testland", "country"), ("title: A tiny source for tests", "source"),
                     ('version: "1"', "version"), ("title: Penal Code", "instrument")]:
        _set(profile, old, f"{old.split(':')[0]}: {json.dumps(HOSTILE[key])}")
    _set(profile, "coverage: full", "coverage: partial")  # a finding citing the provision's label
    return profile


def _inline(markdown: str) -> list[tuple[str, list]]:
    """Each inline run of the parsed report: its text as shown, and its markup tokens."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    runs = []
    for block in parser.parse(markdown):
        if block.type == "inline":
            shown = "".join(t.content for t in block.children if t.type in ("text", "code_inline"))
            runs.append((shown, [t for t in block.children if t.type in MARKUP]))
    return runs


def _markup_from(markdown: str) -> list[str]:
    """Markup in any run showing hostile profile text, but for empty comments (the @mention and
    #reference breaker) and the report's own bold labels."""
    found = []
    for shown, markup in _inline(markdown):
        if any(word in shown for word in MARKERS):
            found += [t.type for t in markup if t.type != "strong_open"
                      and not (t.type == "html_inline" and t.content == "<!-- -->")]
    return found


def test_assess_markdown_shows_profile_text_as_written(cli, minimal):
    report = cli("assess", _hostile(minimal), "--format", "markdown").stdout
    assert _markup_from(report) == []
    shown = " ".join(text for text, _ in _inline(report))
    for text in HOSTILE.values():
        assert text in shown, text
    assert "@<!-- -->ministry-team" in report and "@<!-- -->org/legal" in report  # no GitHub mention
    assert "see #<!-- -->12 and owner/repo#<!-- -->34" in report  # no cross-reference to an issue
    assert report.count("\n# ") == 0 and report.startswith("# cybergap assessment")  # one heading 1


def test_compare_and_diff_markdown_show_profile_text_as_written(cli, minimal, tmp_path):
    old = tmp_path / "old.yaml"
    old.write_text(minimal.read_text(encoding="utf-8"), encoding="utf-8")
    new = _hostile(minimal)
    _set(new, 'part: "1"', f"part: {json.dumps('1 [see](https://evil.example) @someone')}")
    compared = cli("compare", old, new, "--format", "markdown").stdout
    assert _markup_from(compared) == []
    assert HOSTILE["country"] in " ".join(text for text, _ in _inline(compared))
    diff = cli("diff", old, new, "--format", "markdown").stdout
    assert "1 [see](https://evil.example) @someone" in " ".join(text for text, _ in _inline(diff))
    assert not [t for _, markup in _inline(diff) for t in markup if t.type in ("link_open", "image")]


@pytest.mark.parametrize("text, shown", [
    ("1. first", "1. first"), ("- item", "- item"), ("+ item", "+ item"), ("# Title", "# Title"),
    ("a_b *c* `d` ~e~ | f \\ g", "a_b *c* `d` ~e~ | f \\ g"), ("&amp; &#64;", "&amp; &#64;"),
])
def test_one_cell_at_the_start_of_a_line_is_text(text, shown):
    from cybergap.render.markdown import cell

    [(seen, markup)] = _inline(f"> {cell(text)}\n")
    assert seen == shown and [t.content for t in markup] in ([], ["<!-- -->"])  # "&#64;": # before a digit


def test_a_code_span_holds_any_backticks():
    from cybergap.render.markdown import code

    for text in ("plain", "a`b", "``x``", "`edge", "C:\\path_to\\*"):
        [(shown, markup)] = _inline(code(text) + "\n")
        assert shown == text and [t.type for t in markup] == ["code_inline"]
