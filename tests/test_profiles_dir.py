"""Profiles outside the package: `--profiles-dir DIR` and CYBERGAP_PROFILES (a path list), so a
team keeps its own repository of profiles. A name is looked up in the explicit folders, then the
environment's, then ./profiles, then the bundled profiles."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"


def team_folder(root: Path, country: str = "Armenia", name: str = "armenia") -> Path:
    """A folder of profiles with one profile called `name` whose country is `country`."""
    root.mkdir(parents=True, exist_ok=True)
    if not (root / "sources").exists():
        shutil.copytree(DATA / "sources", root / "sources")
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8").replace("name: Testland", f"name: {country}")
    (root / f"{name}.yaml").write_text(text, encoding="utf-8")
    return root


def country_of(result) -> str:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["profile"]["country"]


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """A working folder with no profiles/ of its own."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("CYBERGAP_PROFILES", raising=False)
    return tmp_path


def test_profiles_dir_finds_a_team_profile_by_name(elsewhere, cli):
    team = team_folder(elsewhere / "team")
    assert cli("assess", "armenia", "-f", "json").exit_code == 2  # not found without it
    assert country_of(cli("--profiles-dir", team, "assess", "armenia", "-f", "json")) == "Armenia"


def test_environment_path_list_is_searched_in_order_and_missing_entries_are_skipped(elsewhere, cli, monkeypatch):
    first = team_folder(elsewhere / "first", "First")
    second = team_folder(elsewhere / "second", "Second")
    team_folder(second, "Only in second", "georgia")
    missing = elsewhere / "no-such-folder"
    monkeypatch.setenv("CYBERGAP_PROFILES", os.pathsep.join([str(missing), "", str(first), str(second)]))
    assert country_of(cli("assess", "armenia", "-f", "json")) == "First"
    assert country_of(cli("assess", "georgia", "-f", "json")) == "Only in second"


def test_order_explicit_then_environment_then_working_folder_then_bundled(elsewhere, cli, monkeypatch):
    explicit = team_folder(elsewhere / "explicit", "Explicit", "kazakhstan")
    listed = team_folder(elsewhere / "listed", "Listed", "kazakhstan")
    team_folder(Path.cwd() / "profiles", "Working folder", "kazakhstan")
    assert country_of(cli("assess", "kazakhstan", "-f", "json")) == "Working folder"
    monkeypatch.setenv("CYBERGAP_PROFILES", str(listed))
    assert country_of(cli("assess", "kazakhstan", "-f", "json")) == "Listed"
    assert country_of(cli("--profiles-dir", explicit, "assess", "kazakhstan", "-f", "json")) == "Explicit"
    # In-process runs share the module: the next run without the option must not inherit it.
    assert country_of(cli("assess", "kazakhstan", "-f", "json")) == "Listed"
    monkeypatch.delenv("CYBERGAP_PROFILES")
    shutil.rmtree(Path.cwd() / "profiles")
    assert country_of(cli("assess", "kazakhstan", "-f", "json")) == "Kazakhstan"  # the bundled one


def test_profiles_dir_reaches_diff_compare_and_migrate(elsewhere, cli):
    team = team_folder(elsewhere / "team")
    team_folder(team, "Georgia", "georgia")
    assert cli("--profiles-dir", team, "diff", "armenia", "georgia").exit_code == 0
    compared = cli("--profiles-dir", team, "compare", "armenia", "georgia", "-f", "json")
    assert compared.exit_code == 0, compared.stderr
    assert [p["country"] for p in json.loads(compared.stdout)["profiles"]] == ["Armenia", "Georgia"]
    migrated = cli("--profiles-dir", team, "migrate", "armenia")
    assert migrated.exit_code == 0 and "schema_version: 2" in migrated.stdout


def test_a_missing_profiles_dir_is_a_usage_error(elsewhere, cli):
    result = cli("--profiles-dir", elsewhere / "nope", "assess", "kazakhstan")
    assert result.exit_code == 2 and "--profiles-dir" in result.stderr


def test_unknown_name_lists_the_names_on_the_search_path(elsewhere, cli):
    team = team_folder(elsewhere / "team")
    result = cli("--profiles-dir", team, "assess", "armenya")
    assert result.exit_code == 2 and "armenia" in result.stderr and "kazakhstan" in result.stderr


def test_name_at_revision_in_a_team_repository(elsewhere, cli):
    import subprocess

    team = team_folder(elsewhere / "team")
    git = ["git", "-C", str(team), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "first"], check=True)
    profile = team / "armenia.yaml"
    profile.write_text(profile.read_text().replace("name: Armenia", "name: Armenia (2025)"))
    result = cli("--profiles-dir", team, "compare", "armenia@HEAD", "armenia", "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["profiles"]
    assert [(r["country"], r["revision"], r["column"]) for r in rows] == [
        ("Armenia", "HEAD", "TL@HEAD"), ("Armenia (2025)", None, "TL")]


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_worker_processes_search_the_same_folders(elsewhere, cli, start):
    """Spawned workers (macOS, Windows) start without the parent's --profiles-dir: each task carries it."""
    import multiprocessing

    from cybergap.cli.compare_cmd import FILES_PER_WORKER

    before = multiprocessing.get_start_method()
    multiprocessing.set_start_method(start, force=True)
    try:
        _compare_in_workers(elsewhere, cli, FILES_PER_WORKER)
    finally:
        multiprocessing.set_start_method(before, force=True)


def _compare_in_workers(elsewhere, cli, per_worker):
    team = elsewhere / "team"
    names = [f"country{n}" for n in range(2 * per_worker + 1)]
    for name in names:
        team_folder(team, name.title(), name)
    result = cli("--profiles-dir", team, "compare", *names, "--jobs", "2", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert [p["country"] for p in json.loads(result.stdout)["profiles"]] == [n.title() for n in names]
