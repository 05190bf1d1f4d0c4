"""The pre-commit hook, run by the real `pre-commit` against a temporary repository.

The hook is installed from a snapshot of this working tree (uncommitted edits included), so the
test checks the code and `.pre-commit-hooks.yaml` as they are now, not as last committed.
Marked slow: pre-commit builds a virtualenv and pip-installs the project (about 10 s).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
# Not part of the project: environments, caches, build output, the git metadata.
NOT_PROJECT = shutil.ignore_patterns(".git", ".venv", "venv", "__pycache__", ".pytest_cache", ".hypothesis",
                                     ".ruff_cache", ".mypy_cache", "*.egg-info", "build", "dist")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


def git(folder: Path, *args: str, env: dict) -> str:
    done = subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", *args],
                          cwd=folder, env=env, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def snapshot(env: dict, target: Path) -> str:
    """A git repository holding a copy of the working tree; returns its HEAD."""
    shutil.copytree(ROOT, target, ignore=NOT_PROJECT)
    git(target, "init", "-q", env=env)
    git(target, "add", "-A", env=env)
    git(target, "commit", "-q", "--no-verify", "-m", "snapshot of the working tree", env=env)
    return git(target, "rev-parse", "HEAD", env=env)


def test_hook_checks_profiles_when_a_profile_or_a_source_changes(tmp_path):
    pytest.importorskip("pre_commit")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    rev = snapshot(env, tmp_path / "hook")
    repo = tmp_path / "repo"
    (repo / "profiles").mkdir(parents=True)
    shutil.copytree(DATA / "sources", repo / "profiles" / "sources")
    shutil.copy(DATA / "minimal.yaml", repo / "profiles" / "minimal.yaml")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {tmp_path / 'hook'}\n    rev: {rev}\n    hooks:\n      - id: cybergap-check\n")
    git(repo, "init", "-q", env=env)
    git(repo, "add", ".", env=env)
    git(repo, "commit", "-q", "--no-verify", "-m", "a valid profile", env=env)

    def pre_commit(*args: str):
        """`pre-commit run` on what is staged, as a commit would run it."""
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", *args], cwd=repo, env=env,
                              capture_output=True, text=True, timeout=600)

    passed = pre_commit("--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "cybergap check" in passed.stdout and "Passed" in passed.stdout

    # Only the source changes: the profile citing it no longer stands.
    source = repo / "profiles" / "sources" / "mini.txt"
    source.write_text("Nothing is a crime.\n")
    git(repo, "add", ".", env=env)
    changed = pre_commit()
    assert changed.returncode == 1, changed.stdout + changed.stderr
    assert "profiles/minimal.yaml:" in changed.stdout and "[not-verbatim]" in changed.stdout

    # Only the source is deleted: pre-commit lists no file for a deletion, the hook runs anyway.
    git(repo, "rm", "-q", "-f", "profiles/sources/mini.txt", env=env)
    deleted = pre_commit()
    assert deleted.returncode == 1, deleted.stdout + deleted.stderr
    assert "profiles/minimal.yaml:" in deleted.stdout and "[missing-source]" in deleted.stdout

    # The source restored, the profile broken.
    git(repo, "reset", "-q", "--hard", env=env)
    profile = repo / "profiles" / "minimal.yaml"
    profile.write_text(profile.read_text().replace("iso2: TL", "iso2: TL\n  iso2: XX"))
    git(repo, "add", ".", env=env)
    failed = pre_commit()
    assert failed.returncode == 1
    assert "profiles/minimal.yaml:" in failed.stdout and "duplicate key 'iso2'" in failed.stdout
