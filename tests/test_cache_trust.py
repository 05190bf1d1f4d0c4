"""The verdict cache can never turn a failing profile into a pass: foreign, forged, stale or
malformed entries are misses (issue 16, findings 4, 5, 8, 9 and the review's 10, 21)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from cybergap import cache as cache_module

DATA = Path(__file__).resolve().parent / "data"


def check(cli, *args):
    result = cli("check", "--format", "json", *map(str, args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout


def entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json"))


def make_checkout(root: Path, source_text: str | None) -> Path:
    """A folder with minimal.yaml and, unless None, sources/mini.txt holding `source_text`."""
    root.mkdir()
    shutil.copy(DATA / "minimal.yaml", root / "minimal.yaml")
    if source_text is not None:
        (root / "sources").mkdir()
        (root / "sources" / "mini.txt").write_text(source_text)
    return root


def test_two_checkouts_sharing_one_cache_never_share_a_verdict(cli, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    good = make_checkout(tmp_path / "a", (DATA / "sources" / "mini.txt").read_text())
    bad = make_checkout(tmp_path / "b", "Nothing here is a crime.")
    monkeypatch.chdir(good)
    assert check(cli, "--cache-dir", cache, "minimal.yaml")[0] == 0
    monkeypatch.chdir(bad)  # same relative path, same profile bytes, its own source lacks the text
    code, out = check(cli, "--cache-dir", cache, "minimal.yaml")
    assert code == 1 and "not-verbatim" in out
    shutil.rmtree(bad / "sources")
    code, out = check(cli, "--cache-dir", cache, "minimal.yaml")
    assert code == 1 and "missing-source" in out
    assessed = cli("assess", "minimal.yaml", "--format", "json", "--cache-dir", cache)
    assert assessed.exit_code == 2 and "missing-source" in assessed.stderr
    monkeypatch.chdir(good)
    assert check(cli, "--cache-dir", cache, "minimal.yaml")[0] == 0


def test_retargeting_a_symlinked_sources_folder_is_seen(cli, tmp_path):
    cache = tmp_path / "cache"
    work = make_checkout(tmp_path / "w", None)
    v1, v2 = tmp_path / "v1", tmp_path / "v2"
    v1.mkdir(), v2.mkdir()
    shutil.copy(DATA / "sources" / "mini.txt", v1 / "mini.txt")
    (v2 / "mini.txt").write_text("Nothing here is a crime.")
    os.symlink(v1, work / "sources")
    assert check(cli, "--cache-dir", cache, work / "minimal.yaml")[0] == 0
    (work / "sources").unlink()
    os.symlink(v2, work / "sources")
    assert check(cli, "--cache-dir", cache, work / "minimal.yaml")[0] == 1


def test_a_source_added_after_a_failing_check_is_seen(cli, minimal, tmp_path):
    cache = tmp_path / "cache"
    kept = tmp_path / "kept"
    shutil.move(minimal.parent / "sources", kept)
    code, out = check(cli, "--cache-dir", cache, minimal)
    assert code == 1 and "missing-source" in out
    shutil.move(kept, minimal.parent / "sources")
    assert check(cli, "--cache-dir", cache, minimal)[0] == 0


def invalid_profile(minimal: Path) -> Path:
    minimal.write_text(minimal.read_text().replace("iso2: TL", "iso2: tl").replace("coverage: full", "coverage: everything"))
    return minimal


def forge(cache_dir: Path, profile: Path, entry: dict) -> Path:
    """Write `entry` where the cache would look for `profile` (the key is computable from public inputs)."""
    key = cache_module.key(str(profile), profile.read_bytes())
    target = cache_dir / key[:2] / f"{key}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(entry))
    return target


PASS = {"path": "x", "message": "m", "line": 1, "column": 1, "code": "schema", "severity": "warning", "pointer": ""}


@pytest.mark.parametrize("entry", [
    {"sources": {}, "problems": []},
    {"sources": {}, "problems": [], "seal": "0" * 64},
    {"sources": [], "problems": []},
    {"sources": "x", "problems": []},
    {"sources": {}, "problems": [{**PASS, "severity": "fatal"}]},
    {"sources": {}, "problems": [{**PASS, "path": ["x"]}]},
    {"sources": {}, "problems": [{**PASS, "code": "made-up"}]},
    {"sources": {}, "problems": [{**PASS, "line": True}]},
    {"sources": {}, "problems": [{"path": "x"}]},
    [],
    "a string",
    None,
])
@pytest.mark.parametrize("format", ["json", "sarif", "text"])
def test_a_forged_or_malformed_entry_is_a_miss(cli, minimal, tmp_path, entry, format):
    cache = tmp_path / "cache"
    profile = invalid_profile(minimal)
    honest = cli("check", "--format", format, "--no-cache", profile)
    assert honest.exit_code == 1
    forge(cache, profile, entry)
    forged = cli("check", "--format", format, "--cache-dir", cache, profile)
    assert (forged.exit_code, forged.stdout) == (honest.exit_code, honest.stdout)
    assessed = cli("assess", profile, "--cache-dir", cache)
    assert assessed.exit_code == 2 and "is not a valid profile" in assessed.stderr
    assert "internal error" not in assessed.output


def test_an_entry_sealed_under_another_secret_is_a_miss(cli, minimal, tmp_path, monkeypatch):
    """Entries copied from another machine (or a shared CI cache) were sealed under its secret."""
    cache = tmp_path / "cache"
    broken = tmp_path / "broken.yaml"
    shutil.copy(invalid_profile(minimal), broken)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "other-machine"))
    assert check(cli, "--cache-dir", cache, minimal)[0] == 1
    # An honest pass from the other machine, moved onto the key of the invalid profile:
    (entry,) = entries(cache)
    sealed = json.loads(entry.read_text())
    assert sealed["problems"] and set(sealed) == {"sources", "problems", "seal"}
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "this-machine"))
    assert check(cli, "--cache-dir", cache, minimal)[0] == 1


def test_an_entry_moved_to_another_key_is_a_miss(cli, minimal, tmp_path):
    """A real, sealed pass for one profile does not serve another profile's bytes."""
    cache = tmp_path / "cache"
    assert check(cli, "--cache-dir", cache, minimal)[0] == 0
    (passing,) = entries(cache)
    profile = invalid_profile(minimal)
    target = forge(cache, profile, {})
    target.write_text(passing.read_text())
    assert check(cli, "--cache-dir", cache, profile)[0] == 1


def test_assess_never_runs_the_engine_on_a_document_jsonschema_rs_rejects(cli, minimal, tmp_path, monkeypatch):
    """Even with a genuine entry (here: a sealed pass stored for these very bytes), assess
    re-checks validity with jsonschema-rs on a hit."""
    cache = tmp_path / "cache"
    profile = invalid_profile(minimal)
    secret = cache_module._secret()
    key = cache_module.key(str(profile), profile.read_bytes())
    sources = {"sources/mini.txt": cache_module.digest((minimal.parent / "sources" / "mini.txt").read_bytes())}
    target = forge(cache, profile, {"sources": sources, "problems": [],
                                    "seal": cache_module._seal(secret, key, sources, [])})
    assert target.exists()
    assessed = cli("assess", profile, "--cache-dir", cache)
    assert assessed.exit_code == 2 and "is not a valid profile" in assessed.stderr


def test_the_bytes_proven_are_the_bytes_recorded(cli, minimal, tmp_path, monkeypatch):
    """Finding 8 (TOCTOU): an edit between proving and recording must not store a pass under the new bytes."""
    from cybergap import provenance

    cache = tmp_path / "cache"
    source = minimal.parent / "sources" / "mini.txt"
    good = source.read_bytes()
    real_read = provenance.read_bytes

    def read_then_edit(path):
        data = real_read(path)
        source.write_text("Nothing here is a crime.")  # edited right after the proof read it
        return data

    monkeypatch.setattr(provenance, "read_bytes", read_then_edit)
    assert check(cli, "--cache-dir", cache, minimal)[0] == 0  # proven on the good bytes
    monkeypatch.setattr(provenance, "read_bytes", real_read)
    (entry,) = entries(cache)
    assert json.loads(entry.read_text())["sources"] == {"sources/mini.txt": cache_module.digest(good)}
    code, out = check(cli, "--cache-dir", cache, minimal)  # the source is bad now: recomputed
    assert code == 1 and "not-verbatim" in out


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", "rel-cache")
    monkeypatch.setenv("XDG_STATE_HOME", "rel-state")
    assert cache_module.default_dir() == tmp_path / "home" / ".cache" / "cybergap"
    assert cache_module.secret_path() == tmp_path / "home" / ".local" / "state" / "cybergap" / "cache-key"


def test_the_secret_is_private_and_stable(tmp_path):
    first = cache_module._secret()
    assert first is not None and len(first) == 32
    assert cache_module._secret() == first
    assert cache_module.secret_path().stat().st_mode & 0o077 == 0


def test_no_secret_means_no_cache(cli, minimal, tmp_path, monkeypatch):
    (tmp_path / "state-is-a-file").write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state-is-a-file"))
    cache = tmp_path / "cache"
    assert check(cli, "--cache-dir", cache, minimal)[0] == 0
    assert entries(cache) == []


def test_a_failed_write_leaves_no_temporary_file(minimal, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    store = cache_module.Cache(folder)
    real_replace = Path.replace

    def full_disk(self, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", full_disk)
    store.put("ab" + "0" * 62, (), {})
    monkeypatch.setattr(Path, "replace", real_replace)
    assert list(folder.rglob("*")) == [folder / "ab"]
