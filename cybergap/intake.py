"""The one way in for a profile: from what the user typed (a name, a path, or NAME@REV /
PATH@REV, the file as it was at a git revision) to a valid Document, or a rejection that says
why and with which exit code. `assess`, `diff` and every later command go through `open_profile`.

A file in the working tree gets the full verdict (schema, references, provenance), from
`check`'s cache when this exact text was checked before. A file read at a revision is checked
for schema and references; its excerpts' provenance was proven when it was committed, against
the source of that time.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import NamedTuple

from cybergap.loader import Document
from cybergap.problems import Problem
from cybergap.profiles import available, display_path, resolve


class Side(NamedTuple):
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


class Loaded(NamedTuple):
    document: Document  # its path is the display name: "profiles/x.yaml" or "profiles/x.yaml@HEAD~1"
    revision: str | None

    @property
    def display(self) -> str:
        return self.document.path


class Rejected(NamedTuple):
    problems: tuple[Problem, ...]  # each on its own line, positioned
    message: str  # the closing sentence ("" when the problems say it all)
    exit_code: int = 2


def open_profile(spec: str, cache_dir: Path | None = None, *, revisions: bool = False) -> Loaded | Rejected:
    """A valid profile from a name or path (and NAME@REV when `revisions`), or why not."""
    from cybergap.loader import parse

    try:
        side = read_side(spec) if revisions else _read_working(spec)
    except SideError as error:
        return Rejected((), str(error))
    if isinstance(side, Problem):
        return Rejected((side,), "")
    document = parse(side.text, side.display)
    if not isinstance(document, Document):
        return Rejected((document,), "")
    errors = tuple(p for p in _problems(document, side.revision, cache_dir) if p.severity == "error")
    if errors:
        return Rejected(errors, f"{side.display} is not a valid profile ({len(errors)} error(s)); "
                                "run `cybergap check` for details")
    return Loaded(document, side.revision)


def _problems(document: Document, revision: str | None, cache_dir: Path | None) -> tuple[Problem, ...]:
    if revision is None:
        from cybergap.checking import verdict

        return verdict(document, cache_dir)
    from cybergap.catalog import load_catalog
    from cybergap.validate import reference_problems, schema_problems

    return tuple(schema_problems(document) or reference_problems(document, load_catalog()))


def _read_working(spec: str) -> Side | Problem:
    path = resolve(spec)
    if path is None:
        raise SideError(f"no profile {spec!r} (a path, or one of: {', '.join(available()) or 'none'})")
    return _read_file(spec, path)


def _read_file(spec: str, path: Path) -> Side | Problem:
    from cybergap.loader import read_text

    text = read_text(path, display_path(path))
    return text if isinstance(text, Problem) else Side(spec, path, None, text)


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
    name, revision = split_revision(spec)
    path = resolve(name)
    if path is None:
        return Problem(spec, f"no profile {name!r}", code="unreadable")
    if revision == "":
        raise SideError(f"{spec!r} names no revision after '@': write {name} for the working tree, or {name}@REV")
    if revision is not None and revision.startswith("-"):
        raise SideError(f"{spec!r}: a git revision cannot start with '-'")
    if revision is None:
        return _read_file(spec, path)
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
