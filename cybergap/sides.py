"""Reading one side of a diff: a path, a profile name, or PATH@REV / NAME@REV (the file as it was
at a git revision, read with git from the repository that holds the file)."""

from __future__ import annotations

import os
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


class SideError(ValueError):
    """A side the user wrote wrongly (a usage error, not an unreadable file)."""


def split_revision(spec: str) -> tuple[str, str | None]:
    """'kazakhstan@HEAD~1' -> ('kazakhstan', 'HEAD~1'); a spec that names a file as a whole wins.

    The split is at the first '@' whose left part names a profile, so a revision may hold '@'
    itself: 'kazakhstan@HEAD@{1}' -> ('kazakhstan', 'HEAD@{1}'). 'kazakhstan@' gives an empty
    revision, which read_side refuses rather than reading the working tree.
    """
    if "@" not in spec or resolve(spec) is not None:
        return spec, None
    splits = [(spec[:i], spec[i + 1:]) for i, char in enumerate(spec) if char == "@"]
    return next(((name, rev) for name, rev in splits if resolve(name) is not None), splits[0])


def read_side(spec: str) -> Side | Problem:
    """The side `spec` names; a Problem when it cannot be read; SideError when it is miswritten."""
    from cybergap.loader import read_text

    name, revision = split_revision(spec)
    path = resolve(name)
    if path is None:
        return Problem(spec, f"no profile {name!r}", code="unreadable")
    if revision == "":
        raise SideError(f"{spec!r} names no revision after '@': write {name} for the working tree, or {name}@REV")
    if revision is not None and revision.startswith("-"):
        raise SideError(f"{spec!r}: a git revision cannot start with '-'")
    if revision is None:
        text = read_text(path, display_path(path))
        if isinstance(text, Problem):
            return text
        return Side(spec, path, None, text)
    return _read_at_revision(spec, path, revision)


# Variables that point git at another repository, index or object store. The file's own repository
# is meant, whatever the caller's environment says (git sets GIT_DIR for hooks, often relative).
_GIT_LOCATION = ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
                 "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_PREFIX")


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in _GIT_LOCATION}
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, timeout=60, env=env)


def _said(result: subprocess.CompletedProcess) -> str:
    """git's own reason for failing: the first line of its stderr, without 'fatal: '."""
    from cybergap.render.text import clean

    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    if not lines:
        return f"git exited with status {result.returncode}"
    return clean(lines[0]).removeprefix("fatal: ").removeprefix("error: ")


def _read_at_revision(spec: str, path: Path, revision: str) -> Side | Problem:
    try:
        return _read_blob(spec, path, revision)
    except FileNotFoundError:
        return Problem(spec, "git is not installed; it is needed to read a file at a revision", code="unreadable")
    except subprocess.TimeoutExpired:
        return Problem(spec, "git did not answer within 60 seconds", code="unreadable")


def _read_blob(spec: str, path: Path, revision: str) -> Side | Problem:
    from cybergap.loader import MAX_BYTES, decode

    folder = path.resolve().parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        return Problem(spec, f"git cannot read {display_path(path)}: {_said(top)}", code="unreadable")
    root = Path(top.stdout.decode().strip())
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Problem(spec, f"{display_path(path)} is outside the repository git found at {root}", code="unreadable")
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if commit.returncode != 0:
        return Problem(spec, f"no revision {revision!r} in {root}", code="unreadable")
    # The commit's id, not the revision, from here on: what was measured is what is read.
    blob = f"{commit.stdout.decode().strip()}:{relative}"
    kind = _git(root, "cat-file", "-t", blob)
    if kind.returncode != 0:
        return Problem(spec, f"{relative} does not exist at revision {revision!r}", code="unreadable")
    if kind.stdout.strip() != b"blob":
        return Problem(spec, f"{relative} is not a file at revision {revision!r}", code="unreadable")
    size = _git(root, "cat-file", "-s", blob)
    if size.returncode != 0:
        return Problem(spec, f"git cannot read {relative}: {_said(size)}", code="unreadable")
    if int(size.stdout) > MAX_BYTES:  # asked before reading: a huge blob is never loaded
        return Problem(spec, f"file is larger than the {MAX_BYTES // (1024 * 1024)} MB limit", code="too-large")
    shown = _git(root, "cat-file", "blob", blob)
    if shown.returncode != 0:
        return Problem(spec, f"git cannot read {relative}: {_said(shown)}", code="unreadable")
    text = decode(shown.stdout, f"{display_path(path)}@{revision}")
    if isinstance(text, Problem):
        return text
    return Side(spec, path, revision, text)
