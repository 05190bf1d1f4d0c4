"""The pre-commit hook, run by the real `pre-commit` against a temporary repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def head(folder: Path) -> str | None:
    done = subprocess.run(["git", "-C", str(folder), "rev-parse", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else None


@pytest.mark.skipif(head(ROOT) is None, reason="the project is not a git checkout")
def test_hook_passes_a_valid_profile_and_fails_a_broken_one(tmp_path):
    pytest.importorskip("pre_commit")
    repo = tmp_path / "repo"
    (repo / "profiles").mkdir(parents=True)
    shutil.copytree(DATA / "sources", repo / "profiles" / "sources")
    shutil.copy(DATA / "minimal.yaml", repo / "profiles" / "minimal.yaml")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head(ROOT)}\n    hooks:\n      - id: cybergap-check\n")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)

    def pre_commit():
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=repo, env=env,
                              capture_output=True, text=True, timeout=600)

    passed = pre_commit()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "cybergap check" in passed.stdout and "Passed" in passed.stdout

    profile = repo / "profiles" / "minimal.yaml"
    profile.write_text(profile.read_text().replace("iso2: TL", "iso2: TL\n  iso2: XX"))
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    failed = pre_commit()
    assert failed.returncode == 1
    assert "profiles/minimal.yaml:" in failed.stdout and "duplicate key 'iso2'" in failed.stdout
