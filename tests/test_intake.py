"""One route from what the user typed to a valid profile (issue 17, item 3): `open_profile`."""

from __future__ import annotations

import json

import pytest

from cybergap.intake import Loaded, Rejected, open_profile


def test_a_valid_profile_is_loaded(minimal):
    opened = open_profile(str(minimal))
    assert isinstance(opened, Loaded) and opened.revision is None
    assert opened.document.data["country"]["iso2"] == "TL"


@pytest.mark.parametrize("edit, expected", [
    (lambda p: p.write_text("a: [\n"), "[syntax]"),
    (lambda p: p.write_text(p.read_text().replace("iso2: TL", "iso2: tl")), "[schema]"),
    (lambda p: p.write_text(p.read_text().replace("path: sources/mini.txt", "path: /etc/passwd")), "[source-refused]"),
    (lambda p: p.unlink(), None),
])
def test_rejections_say_why_with_exit_code_2(minimal, edit, expected):
    edit(minimal)
    opened = open_profile(str(minimal))
    assert isinstance(opened, Rejected) and opened.exit_code == 2
    if expected is None:
        assert "no profile" in opened.message and not opened.problems
    else:
        assert any(expected in str(p) for p in opened.problems)


def test_a_revision_is_a_usage_error_where_revisions_are_not_asked_for(minimal):
    opened = open_profile(f"{minimal}@HEAD")
    assert isinstance(opened, Rejected) and "no profile" in opened.message


def test_assess_and_diff_share_the_route_and_the_cache(cli, minimal, tmp_path, monkeypatch):
    """`diff` gained the verdict cache: a side `check` cached is not validated again."""
    import cybergap.validate

    cache = tmp_path / "cache"
    assert cli("check", "--cache-dir", cache, minimal).exit_code == 0

    def must_not_run(*args):
        raise AssertionError("validated again although the verdict is cached")

    monkeypatch.setattr(cybergap.validate, "check_document", must_not_run)
    assessed = cli("assess", minimal, "--format", "json", "--cache-dir", cache)
    assert assessed.exit_code == 0 and json.loads(assessed.stdout)["profile"]["country"] == "Testland"
    diffed = cli("diff", minimal, minimal, "--format", "json", "--cache-dir", cache)
    assert diffed.exit_code == 0 and json.loads(diffed.stdout)["changed"] is False
    uncached = cli("diff", minimal, minimal, "--format", "json", "--no-cache")
    assert uncached.exit_code != 0 and "validated again" in str(uncached.exception)


def test_both_bad_sides_are_reported(cli, minimal, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("a: [\n")
    result = cli("diff", broken, "nowhere.yaml")
    assert result.exit_code == 2
    assert "[syntax]" in result.stderr and "no profile 'nowhere.yaml'" in result.stderr
