"""`compare` keeps each profile's row beside its verdict in the cache: used only when the verdict
is found there without errors, sealed like it, for one framework and one day; whatever else is
in the entry, the row is computed again."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def folder(tmp_path):
    shutil.copytree(ROOT / "profiles" / "sources", tmp_path / "sources")
    shutil.copy(ROOT / "profiles" / "kazakhstan.yaml", tmp_path / "kazakhstan.yaml")
    return tmp_path


def compare(cli, folder, *args):
    result = cli("compare", folder / "kazakhstan.yaml", "--cache-dir", folder / "cache", "-f", "json", *args)
    return result.exit_code, result.stdout


TODAY = date.today().isoformat()


def row_entry(folder, framework="budapest") -> tuple[str, Path]:
    from cybergap.cache import key as verdict_key
    from cybergap.cli.compare_cmd import _row_key
    from cybergap.profiles import display_path

    path = folder / "kazakhstan.yaml"
    key = _row_key(verdict_key(display_path(path), path.read_bytes()), framework, TODAY)
    return key, folder / "cache" / "results" / TODAY / f"{key}.json"


def test_the_cached_row_is_the_computed_row(cli, folder):
    cold = compare(cli, folder)
    _, entry = row_entry(folder)
    assert entry.is_file()  # stored on the first run, once the verdict was
    assert compare(cli, folder) == cold  # byte for byte, from the cache
    assert compare(cli, folder, "--no-cache") == cold
    assert compare(cli, folder, "-f", "csv")[1] == cli("compare", folder / "kazakhstan.yaml", "--no-cache", "-f", "csv").stdout


def test_a_sealed_row_is_what_compare_shows(cli, folder):
    """Proof that the cache is read: a row sealed on this machine under the key is shown as is."""
    from cybergap.cache import Cache

    compare(cli, folder)
    key, _ = row_entry(folder)
    cache = Cache(folder / "cache")
    planted = dict(cache.get_result(key, TODAY), overall=99.5)
    cache.put_result(key, planted, TODAY)
    assert json.loads(compare(cli, folder)[1])["profiles"][0]["overall"] == 99.5


@pytest.mark.parametrize("spoil", ["forged seal", "edited row", "bad shape", "unknown status", "garbage"])
def test_a_forged_edited_or_malformed_row_is_computed_again(cli, folder, spoil):
    from cybergap.cache import Cache

    code, cold = compare(cli, folder)
    key, entry = row_entry(folder)
    data = json.loads(entry.read_text())
    if spoil == "forged seal":
        data["result"]["overall"], data["seal"] = 99.5, "0" * 64
        entry.write_text(json.dumps(data))
    elif spoil == "edited row":
        data["result"]["overall"] = 99.5
        entry.write_text(json.dumps(data))
    elif spoil == "bad shape":  # sealed by this machine, but not a row
        Cache(folder / "cache").put_result(key, dict(data["result"], overall="99.5"), TODAY)
    elif spoil == "unknown status":  # sealed, row-shaped, but a status no assessment gives
        data["result"]["cells"]["2"][1] = "excellent"
        Cache(folder / "cache").put_result(key, data["result"], TODAY)
    else:
        entry.write_text("{not json")
    assert compare(cli, folder) == (code, cold)


def test_a_failing_verdict_is_never_hidden_by_a_cached_row(cli, folder):
    assert compare(cli, folder)[0] == 0
    source = next((folder / "sources").glob("coe-*.txt"))
    source.write_text(source.read_text(encoding="utf-8").replace("1. Intentional illegal access of information", "1. Intentional access of information"), encoding="utf-8")
    result = cli("compare", folder / "kazakhstan.yaml", "--cache-dir", folder / "cache", "-f", "json")
    assert result.exit_code == 2 and "not-verbatim" in result.stderr


def test_one_row_per_framework_and_day():
    from cybergap.cache import key
    from cybergap.cli.compare_cmd import _row_key

    def row_key(display, text, framework, day):
        return _row_key(key(display, text.encode()), framework, day)

    keys = {row_key("k.yaml", "text", framework, day) for framework in ("budapest", "un-cybercrime")
            for day in ("2026-11-29", "2026-11-30")}
    assert len(keys) == 4
    assert row_key("k.yaml", "text", "budapest", "2026-11-29") != row_key("k.yaml", "text2", "budapest", "2026-11-29")
    assert row_key("k.yaml", "text", "budapest", "2026-11-29") != row_key("j.yaml", "text", "budapest", "2026-11-29")


def test_rows_of_earlier_days_are_deleted(tmp_path):
    from cybergap.cache import Cache

    cache = Cache(tmp_path)
    cache.put_result("a" * 64, {"n": 1}, "2026-11-28")
    cache.put_result("b" * 64, {"n": 2}, "2026-11-29")
    assert sorted(p.name for p in (tmp_path / "results").iterdir()) == ["2026-11-29"]
    assert cache.get_result("a" * 64, "2026-11-28") is None and cache.get_result("b" * 64, "2026-11-29") == {"n": 2}
    assert cache.get_result("b" * 64, "2026-11-30") is None  # another day's key is another entry
