"""Checking files: find them, load, validate; one bad file never stops the others."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from cybergap.problems import Problem

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class FileResult:
    path: str
    problems: tuple[Problem, ...]

    @property
    def unreadable(self) -> bool:
        return any(p.code == "unreadable" for p in self.problems)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")


def iter_files(paths: list[Path]) -> Iterator[Path | Problem]:
    """Expand folders into their YAML files (sorted); a missing path is yielded as a Problem."""
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
            yield from found
        elif path.exists() or path.is_symlink():
            yield path
        else:
            yield Problem(str(path), "no such file or folder", code="unreadable")


def check_file(path: Path) -> FileResult:
    from cybergap.catalog import load_catalog
    from cybergap.loader import Document, load
    from cybergap.validate import check_document

    display = str(path)
    try:
        document = load(path, display)
    except OSError as exc:  # e.g. a symlink loop
        return FileResult(display, (Problem(display, exc.strerror or str(exc), code="unreadable"),))
    if not isinstance(document, Document):
        return FileResult(display, (document,))
    return FileResult(display, tuple(check_document(document, load_catalog())))
