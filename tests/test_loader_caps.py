"""The loader's size caps: sized for real profiles, and each named for what it counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from cybergap import loader
from cybergap.loader import Document, parse

ROOT = Path(__file__).resolve().parent.parent


def test_thirty_kazakhstans_without_aliases_load():
    """3.4 MB and about 120,000 nodes: well above any country's profile (at most ~10x Kazakhstan's)."""
    kazakhstan = (ROOT / "profiles" / "kazakhstan.yaml").read_text(encoding="utf-8")
    indented = "".join("  " + line if line.strip() else line for line in kazakhstan.splitlines(keepends=True))
    doc = parse("".join(f"copy{i}:\n{indented}" for i in range(30)), "p.yaml")
    assert isinstance(doc, Document), doc
    assert doc.data == {f"copy{i}": parse(kazakhstan, "k.yaml").data for i in range(30)}


def test_node_cap_message_says_what_it_counts(monkeypatch):
    monkeypatch.setattr(loader, "MAX_NODES", 1000)
    problem = parse("a: b\nc: [" + "x, " * 1000 + "x]\n", "p.yaml")
    assert not isinstance(problem, Document)
    assert problem.code == "too-large" and problem.line == 2
    assert "more than 1,000 YAML nodes" in problem.message and "alias" not in problem.message


def test_alias_cap_counts_only_what_aliases_repeat():
    many = "x, " * 150_000 + "x"
    doc = parse(f"a: [{many}]\nb: &b [1, 2, 3]\nc: [*b, *b]\n", "p.yaml")
    assert isinstance(doc, Document), doc
    assert doc.data["c"] == [[1, 2, 3], [1, 2, 3]] and len(doc.data["a"]) == 150_001

    half = "x, " * 60_000 + "x"
    problem = parse(f"a: &a [{half}]\nb: *a\nc: *a\n", "p.yaml")
    assert not isinstance(problem, Document)
    assert (problem.line, problem.column, problem.code) == (3, 4, "too-large")
    assert "aliases repeat more than 100,000 nodes" in problem.message and "alias bomb" in problem.message


@pytest.fixture
def big_profile(minimal) -> Path:
    """The minimal profile with 4,000 provisions (1.7 MB, about 120,000 nodes, no aliases)."""
    head, rest = minimal.read_text().split("provisions:\n", 1)
    provision, mappings = rest.split("mappings:\n", 1)
    assert "id: pc-1\n" in provision
    provisions = "".join(provision.replace("id: pc-1\n", f"id: pc-{i}\n") for i in range(1, 4001))
    minimal.write_text(f"{head}provisions:\n{provisions}mappings:\n{mappings}")
    return minimal


def test_check_accepts_a_large_profile_without_aliases(cli, big_profile):
    result = cli("check", "--no-cache", big_profile)
    assert result.exit_code == 0, result.output
    assert "too-large" not in result.output and "alias" not in result.output
