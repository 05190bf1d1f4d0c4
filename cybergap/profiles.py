"""Finding a profile by name (the working folder's profiles/ first, then the bundled ones) or by path."""

from __future__ import annotations

from pathlib import Path

from cybergap.resources import data_dir


def looks_like_path(value: str) -> bool:
    return "/" in value or "\\" in value or value.endswith((".yaml", ".yml")) or value.startswith(".")


def resolve(value: str) -> Path | None:
    """The profile file `value` names, or None when no such profile exists."""
    if looks_like_path(value):
        path = Path(value)
        return path if path.exists() or path.is_symlink() else None
    for folder in (Path.cwd() / "profiles", data_dir("profiles")):
        for suffix in (".yaml", ".yml"):
            candidate = folder / f"{value}{suffix}"
            if candidate.is_file():
                return candidate
    return None


def available() -> list[str]:
    names = set()
    for folder in (Path.cwd() / "profiles", data_dir("profiles")):
        if folder.is_dir():
            names |= {p.stem for p in folder.glob("*.y*ml") if not p.stem.startswith("_")}
    return sorted(names)


def display_path(path: Path) -> str:
    """A path as the user will recognise it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
