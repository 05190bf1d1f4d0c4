"""Long runs over many files show progress on a terminal, and nothing when stderr is not one:
`check` and `compare` run for real under a pseudo-terminal (pty) and with a pipe."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("many")
    shutil.copytree(ROOT / "profiles" / "sources", folder / "sources")
    for n in range(20):  # PROGRESS_FROM: the fewest that show a bar
        shutil.copy(ROOT / "profiles" / "kazakhstan.yaml", folder / f"kz{n:02}.yaml")
    return sorted(str(p) for p in folder.glob("kz*.yaml"))


def under_a_terminal(*args: str) -> tuple[int, bytes]:
    """Run cybergap with stderr on a pty (stdout to /dev/null); its exit code and what the terminal got."""
    leader, follower = pty.openpty()
    with open(os.devnull, "wb") as nowhere:
        process = subprocess.Popen([sys.executable, "-m", "cybergap", *args], stdout=nowhere, stderr=follower,
                                   env={**os.environ, "COLUMNS": "100", "TERM": "xterm"})
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    return process.wait(timeout=120), seen


@pytest.mark.parametrize("command, doing", [("check", b"checking"), ("compare", b"comparing")])
def test_a_progress_bar_on_a_terminal_only(many, command, doing, tmp_path):
    args = [command, "--no-cache", *many] + (["-f", "json"] if command == "compare" else [])
    code, seen = under_a_terminal(*args)
    assert code == 0 and doing in seen and b"\x1b[" in seen  # drawn, then cleared (transient)
    piped = subprocess.run([sys.executable, "-m", "cybergap", *args], capture_output=True)
    assert piped.returncode == 0 and doing not in piped.stderr and b"\x1b" not in piped.stderr
    few = under_a_terminal(command, "--no-cache", *many[:3])[1]
    assert doing not in few  # three files finish before a bar is worth showing
