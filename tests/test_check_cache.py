"""`check`'s verdict cache and worker processes: never stale, never different."""

from __future__ import annotations

import shutil
from pathlib import Path


def run(cli, *args):
    result = cli("check", "--format", "json", *map(str, args))
    return result.exit_code, result.stdout


def test_cache_is_used_and_never_stale(cli, minimal, tmp_path):
    cache = tmp_path / "cache"
    first = run(cli, "--cache-dir", cache, minimal)
    entries = list(cache.rglob("*.json"))
    assert len(entries) == 1
    assert run(cli, "--cache-dir", cache, minimal) == first
    # One byte changed: the verdict is recomputed, not served from the cache.
    minimal.write_text(minimal.read_text().replace("iso2: TL", "iso2: Tl"))
    changed = run(cli, "--cache-dir", cache, minimal)
    assert changed[0] == 1 and "does not match" in changed[1]
    assert changed == run(cli, "--no-cache", minimal)


def test_changed_source_invalidates_the_entry(cli, minimal, tmp_path):
    cache = tmp_path / "cache"
    assert run(cli, "--cache-dir", cache, minimal)[0] == 0
    source = minimal.parent / "sources" / "mini.txt"
    source.write_text(source.read_text().replace("imprisonment", "a fine"))
    code, out = run(cli, "--cache-dir", cache, minimal)
    assert code == 1 and "not-verbatim" in out


def test_corrupt_entry_is_ignored(cli, minimal, tmp_path):
    cache = tmp_path / "cache"
    first = run(cli, "--cache-dir", cache, minimal)
    for entry in cache.rglob("*.json"):
        entry.write_text("{not json")
    assert run(cli, "--cache-dir", cache, minimal) == first


def test_same_output_with_one_or_two_workers_and_with_the_cache(cli, minimal, tmp_path):
    folder = minimal.parent
    for n in range(9):
        copy = folder / f"copy{n}.yaml"
        shutil.copy(minimal, copy)
        if n % 3 == 0:
            copy.write_text(copy.read_text().replace("iso2: TL", f"iso2: T{n}"))
    (folder / "broken.yaml").write_text("a: [\n")
    baseline = run(cli, "--no-cache", "--jobs", "1", folder)
    assert baseline[0] == 1
    assert run(cli, "--no-cache", "--jobs", "2", folder) == baseline
    cache = tmp_path / "cache"
    assert run(cli, "--cache-dir", cache, "--jobs", "2", folder) == baseline  # cold
    assert run(cli, "--cache-dir", cache, "--jobs", "2", folder) == baseline  # warm
    assert run(cli, "--cache-dir", cache, "--jobs", "1", folder) == baseline


def test_a_document_of_the_wrong_shape_is_cached_as_invalid(cli, tmp_path):
    """Values of the wrong type (found by the schema) must not break recording the sources."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("profile: x\nprovisions: [3, {excerpts: 4}]\n")
    cache = tmp_path / "cache"
    first = run(cli, "--cache-dir", cache, bad)
    assert first[0] == 1 and "is not of type 'object'" in first[1]
    assert run(cli, "--cache-dir", cache, bad) == first == run(cli, "--no-cache", bad)


def test_assess_reuses_the_verdict_and_never_a_stale_one(cli, minimal, tmp_path, monkeypatch):
    import cybergap.validate

    cache = tmp_path / "cache"
    assert run(cli, "--cache-dir", cache, minimal)[0] == 0
    fresh = cli("assess", minimal, "--format", "json", "--no-cache")

    def must_not_run(*args):
        raise AssertionError("validated again although the verdict is cached")

    monkeypatch.setattr(cybergap.validate, "check_document", must_not_run)
    cached = cli("assess", minimal, "--format", "json", "--cache-dir", cache)
    assert cached.exit_code == 0 and cached.stdout == fresh.stdout
    # The profile changes: the cached verdict no longer applies and validation runs.
    minimal.write_text(minimal.read_text().replace("iso2: TL", "iso2: Tl"))
    changed = cli("assess", minimal, "--format", "json", "--cache-dir", cache)
    assert changed.exit_code != 0 and "validated again" in str(changed.exception)


def test_the_cache_key_covers_the_package_code(tmp_path, monkeypatch):
    from cybergap import cache

    package = tmp_path / "cybergap"
    shutil.copytree(Path(cache.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", package)
    cache._tool_stamp.cache_clear()
    before = cache.key("p.yaml", b"a: 1\n")
    rule = package / "validate.py"
    rule.write_text(rule.read_text() + "\n# an edit\n")
    cache._tool_stamp.cache_clear()
    after = cache.key("p.yaml", b"a: 1\n")
    cache._tool_stamp.cache_clear()
    assert before != after
