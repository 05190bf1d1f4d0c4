"""Checking files: find them, load, validate; one bad file never stops the others.

Files are checked in parallel worker processes when there are enough of them, and verdicts
are cached (see cybergap.cache); the results are the same, in the same order, either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from cybergap.problems import Problem

YAML_SUFFIXES = (".yaml", ".yml")
FILES_PER_WORKER = 4  # below this many files per worker, processes cost more than they save


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


def _open_cache(cache_dir: Path | None, display: str, text: str):
    """(Cache, key) for this text reported under `display`, or (None, None) without a cache."""
    if cache_dir is None:
        return None, None
    from cybergap.cache import Cache, key

    return Cache(cache_dir), key(display, text.encode("utf-8"))


def verdict(document, cache_dir: Path | None) -> tuple[Problem, ...]:
    """Every problem of a loaded document (check_document), from the cache when it is there.

    A cached verdict is used only for a document that jsonschema-rs finds valid (0.1 ms) and
    whose cited sources are exactly those the entry was proven against: a forged or foreign
    entry can never put an invalid document in front of the engine."""
    from cybergap.validate import cited_sources, is_valid_fast

    cache, cache_key = _open_cache(cache_dir, document.path, document.text)
    hit = cache.get(cache_key, document.path) if cache is not None else None
    if hit is not None and is_valid_fast(document.data) and set(hit[1]) == cited_sources(document.data):
        return hit[0]
    return _checked(document, cache, cache_key)


def _checked(document, cache, cache_key: str | None) -> tuple[Problem, ...]:
    """check_document's problems, stored in the cache when there is one."""
    from cybergap.catalog import load_catalog
    from cybergap.validate import check_document

    checked = check_document(document, load_catalog())
    if cache is not None:
        cache.put(cache_key, checked.problems, checked.sources)
    return checked.problems


def check_file(path: Path, cache_dir: Path | None = None) -> FileResult:
    from cybergap.loader import Document, parse, read_text

    display = str(path)
    text = read_text(path, display)
    if isinstance(text, Problem):
        return FileResult(display, (text,))
    cache, cache_key = _open_cache(cache_dir, display, text)
    if cache is not None:
        hit = cache.get(cache_key, display)  # a hit skips parsing too
        if hit is not None:
            return FileResult(display, hit[0])
    document = parse(text, display)
    if not isinstance(document, Document):
        problems: tuple[Problem, ...] = (document,)
        if cache is not None:
            cache.put(cache_key, problems, {})
        return FileResult(display, problems)
    return FileResult(display, _checked(document, cache, cache_key))


def _check_item(item: Path | Problem, cache_dir: Path | None) -> FileResult:
    if isinstance(item, Problem):
        return FileResult(item.path, (item,))
    return check_file(item, cache_dir)


def check_all(items: list[Path | Problem], jobs: int, cache_dir: Path | None,
              advance: Callable[[], None] = lambda: None) -> list[FileResult]:
    """Check every item, in order; in `jobs` worker processes when there are enough files."""
    if jobs <= 1 or len(items) < jobs * FILES_PER_WORKER:
        results = []
        for item in items:
            results.append(_check_item(item, cache_dir))
            advance()
        return results
    from cybergap.workers import run_pool

    return run_pool(_check_item, items, [cache_dir] * len(items), jobs=jobs,
                    chunksize=max(1, len(items) // (jobs * 8)), advance=advance)
