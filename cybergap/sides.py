"""Reading one side of a diff: a path, a profile name, or PATH@REV / NAME@REV (the file as it was
at a git revision, read with git from the repository that holds the file)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from cybergap.problems import Problem
from cybergap.profiles import display_path, resolve


@dataclass(frozen=True)
class Side:
    spec: str  # what the user typed
    path: Path  # the file in the working tree (its source files are found beside it)
    revision: str | None  # git revision, or None for the working tree
    text: str

    @property
    def display(self) -> str:
        shown = display_path(self.path)
        return f"{shown}@{self.revision}" if self.revision else shown


def split_revision(spec: str) -> tuple[str, str | None]:
    """'kazakhstan@HEAD~1' -> ('kazakhstan', 'HEAD~1'); a spec that names a file as a whole wins."""
    if resolve(spec) is not None or "@" not in spec:
        return spec, None
    name, revision = spec.rsplit("@", 1)
    return name, revision or None


def read_side(spec: str) -> Side | Problem:
    from cybergap.loader import read_text

    name, revision = split_revision(spec)
    path = resolve(name)
    if path is None:
        return Problem(spec, f"no profile {name!r}", code="unreadable")
    if revision is None:
        text = read_text(path, display_path(path))
        if isinstance(text, Problem):
            return text
        return Side(spec, path, None, text)
    return _read_at_revision(spec, path, revision)


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, timeout=60)


def _read_at_revision(spec: str, path: Path, revision: str) -> Side | Problem:
    from cybergap.loader import MAX_BYTES, decode

    folder = path.resolve().parent
    try:
        top = _git(folder, "rev-parse", "--show-toplevel")
    except FileNotFoundError:
        return Problem(spec, "git is not installed; it is needed to read a file at a revision", code="unreadable")
    if top.returncode != 0:
        return Problem(spec, f"{display_path(path)} is not in a git repository", code="unreadable")
    root = Path(top.stdout.decode().strip())
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    if _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode != 0:
        return Problem(spec, f"no revision {revision!r} in {root}", code="unreadable")
    shown = _git(root, "show", f"{revision}:{relative}")
    if shown.returncode != 0:
        return Problem(spec, f"{relative} does not exist at revision {revision!r}", code="unreadable")
    if len(shown.stdout) > MAX_BYTES:
        return Problem(spec, "file is larger than the size limit", code="too-large")
    text = decode(shown.stdout, f"{display_path(path)}@{revision}")
    if isinstance(text, Problem):
        return text
    return Side(spec, path, revision, text)
