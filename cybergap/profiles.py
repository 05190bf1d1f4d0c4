"""Finding a profile by path, or by name along the profile search path:

1. the folders given with `--profiles-dir` (in the order given),
2. the folders listed in the environment variable CYBERGAP_PROFILES (separated like PATH:
   ':' on POSIX, ';' on Windows; missing folders are skipped, as PATH's are),
3. ./profiles in the working folder,
4. the profiles bundled with the package.

So a team keeps its own repository of profiles and runs `cybergap assess armenia` from anywhere.
"""

from __future__ import annotations

import os
from pathlib import Path

from cybergap.resources import data_dir

ENVIRONMENT = "CYBERGAP_PROFILES"
_explicit: list[Path] = []  # --profiles-dir, set once per run by the command line


def use_dirs(folders) -> None:
    """Search these folders first (the command line's --profiles-dir); [] to search none."""
    _explicit[:] = [Path(folder) for folder in folders]


def explicit_dirs() -> list[Path]:
    """The folders given with --profiles-dir (for worker processes, which start without them)."""
    return list(_explicit)


def search_path() -> list[Path]:
    """The folders a name is looked up in, in order."""
    listed = [Path(entry) for entry in os.environ.get(ENVIRONMENT, "").split(os.pathsep) if entry.strip()]
    return [*_explicit, *listed, Path.cwd() / "profiles", data_dir("profiles")]


def looks_like_path(value: str) -> bool:
    return "/" in value or "\\" in value or value.endswith((".yaml", ".yml")) or value.startswith(".")


def resolve(value: str) -> Path | None:
    """The profile file `value` names, or None when no such profile exists."""
    if looks_like_path(value):
        path = Path(value)
        return path if path.exists() or path.is_symlink() else None
    for folder in search_path():
        for suffix in (".yaml", ".yml"):
            candidate = folder / f"{value}{suffix}"
            if _is(candidate.is_file):
                return candidate
    return None


def available() -> list[str]:
    names = set()
    for folder in search_path():
        if _is(folder.is_dir):
            try:
                names |= {p.stem for p in folder.glob("*.y*ml") if not p.stem.startswith("_")}
            except OSError:  # a folder on the search path we may not list: its names stay unknown
                continue
    return sorted(names)


def _is(test) -> bool:
    """A path test that answers False where the path cannot be looked at (permission denied)."""
    try:
        return test()
    except OSError:
        return False


def display_path(path: Path) -> str:
    """A path as the user will recognise it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
