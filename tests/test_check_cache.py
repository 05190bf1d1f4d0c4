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
