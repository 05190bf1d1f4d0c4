from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def pytest_collection_modifyitems(config, items):
    """Leave the slow tests out of a local run; CI (CI=true) and an explicit -m run them."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes") or config.getoption("markexpr"):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Keep `check`'s verdict cache and its secret out of the user's home during tests."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli(runner, monkeypatch):
    """Run the real CLI in-process; returns the click Result (stdout and stderr apart)."""
    from cybergap.cli import app

    def run(*args: str, cwd: Path | None = None):
        if cwd is not None:
            monkeypatch.chdir(cwd)
        return runner.invoke(app, [str(a) for a in args])

    return run


@pytest.fixture
def minimal(tmp_path) -> Path:
    """A copy of the minimal valid profile, with its source, in a temporary folder."""
    shutil.copytree(DATA / "sources", tmp_path / "sources")
    target = tmp_path / "minimal.yaml"
    shutil.copy(DATA / "minimal.yaml", target)
    return target
