"""`cybergap diff` sides read from git: size capped before reading, git's own errors, revision syntax, env."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GIT_ENV = {**{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
ART_5 = '  - element: "5"\n    provisions: [pc-207]\n    coverage: full'


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=GIT_ENV,
                          text=True).stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def work(tmp_path) -> Path:
    """tmp_path/work/profiles holding kazakhstan.yaml and its sources (not yet a repository)."""
    folder = tmp_path / "work"
    shutil.copytree(ROOT / "profiles" / "sources", folder / "profiles" / "sources")
    shutil.copy(ROOT / "profiles" / "kazakhstan.yaml", folder / "profiles" / "kazakhstan.yaml")
    return folder


@pytest.fixture
def repo(work) -> Path:
    """`work` as a repository with one commit."""
    git(work, "init", "-q")
    git(work, "add", ".")
    git(work, "commit", "-qm", "first")
    return work


@pytest.fixture
def git_calls(monkeypatch) -> list[list[str]]:
    """Every git command the sides module runs."""
    from cybergap import intake as sides

    calls = []
    real = subprocess.run

    def run(command, *args, **kwargs):
        calls.append(list(command))
        return real(command, *args, **kwargs)

    monkeypatch.setattr(sides.subprocess, "run", run)
    return calls


def test_a_blob_over_the_cap_is_refused_before_it_is_read(cli, repo, monkeypatch, git_calls):
    from cybergap import loader

    monkeypatch.setattr(loader, "MAX_BYTES", 2 * 1024 * 1024)
    big = repo / "profiles" / "kazakhstan.yaml"
    big.write_text(big.read_text() + ("# padding\n" * 300_000), encoding="utf-8")  # 3 MB
    git(repo, "commit", "-qam", "big")
    result = cli("diff", "kazakhstan@HEAD", "kazakhstan", cwd=repo)  # the working tree's copy is as big
    assert result.exit_code == 2
    assert "kazakhstan@HEAD: error: file is larger than the 2 MB limit [too-large]" in result.stderr
    assert "profiles/kazakhstan.yaml: error: file is larger than the 2 MB limit [too-large]" in result.stderr
    assert any("cat-file" in c and "-s" in c for c in git_calls)
    assert not [c for c in git_calls if "show" in c or "blob" in c]  # no command wrote the blob out


def test_git_own_error_is_shown(cli, work):
    (work / ".git").write_text("gitdir: /nonexistent/elsewhere\n")
    result = cli("diff", "kazakhstan@HEAD", "kazakhstan", cwd=work)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert "/nonexistent/elsewhere" in line and "git cannot read profiles/kazakhstan.yaml" in line


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give the repository away")
def test_dubious_ownership_is_named(cli, repo, monkeypatch, tmp_path):
    config = tmp_path / "gitconfig"
    config.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))  # no safe.directory from the machine's config
    monkeypatch.delenv("SUDO_UID", raising=False)
    for folder, _, files in os.walk(repo):
        for name in [".", *files]:
            os.chown(os.path.join(folder, name), 12345, 12345)
    result = cli("diff", "kazakhstan@HEAD", "kazakhstan", cwd=repo)
    assert result.exit_code == 2
    assert "dubious ownership" in result.stderr and "not a git repository" not in result.stderr


def test_an_empty_revision_is_a_usage_error(cli, repo):
    result = cli("diff", "kazakhstan@", "kazakhstan", cwd=repo)
    assert result.exit_code == 2
    assert result.stderr.startswith("cybergap: error: 'kazakhstan@' names no revision")
    assert result.stdout == ""


def test_a_revision_cannot_be_an_option(cli, repo):
    result = cli("diff", "kazakhstan@--output=written", "kazakhstan", cwd=repo)
    assert result.exit_code == 2 and result.stderr.startswith("cybergap: error:")
    assert not list(repo.rglob("written*"))


def test_reflog_revisions(cli, repo):
    edit(repo / "profiles" / "kazakhstan.yaml", ART_5, ART_5.replace("full", "partial"))
    git(repo, "commit", "-qam", "second")
    for spec in ("kazakhstan@HEAD@{1}", "profiles/kazakhstan.yaml@HEAD@{1}"):
        result = cli("diff", spec, "kazakhstan@HEAD", "--format", "json", cwd=repo)
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert data["old"] == "profiles/kazakhstan.yaml@HEAD@{1}"
        (article,) = data["articles"]
        assert (article["article"], article["old_status"], article["new_status"]) == ("5", "compliant", "partial")


def test_a_directory_at_a_revision_is_not_a_file(cli, repo):
    result = cli("diff", "profiles/sources@HEAD", "kazakhstan", cwd=repo)
    assert result.exit_code == 2 and "is not a file at revision 'HEAD'" in result.stderr


def test_git_dir_in_the_environment_does_not_redirect_the_lookup(cli, work, tmp_path, monkeypatch):
    other = tmp_path / "other"
    shutil.copytree(work / "profiles", other / "profiles")
    shutil.copy(work / "profiles" / "kazakhstan.yaml", other / "kazakhstan.yaml")
    git(other, "init", "-q")
    git(other, "add", ".")
    git(other, "commit", "-qm", "elsewhere")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other))
    result = cli("diff", "kazakhstan@HEAD", "kazakhstan", cwd=work)  # `work` is no repository
    assert result.exit_code == 2, result.output
    assert "not a git repository" in result.stderr
    monkeypatch.delenv("GIT_WORK_TREE")
    assert cli("diff", "kazakhstan@HEAD", "kazakhstan", cwd=work).exit_code == 2
