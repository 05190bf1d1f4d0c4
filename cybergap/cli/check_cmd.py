"""`cybergap check PATH...`: every problem at its line, in the formats CI tools read."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from cybergap.cli.common import cache_folder, check_format, emit, progress


def run(paths: list[Path], format: str | None, strict: bool, jobs: int | None = None,
        cache_dir: Path | None = None, no_cache: bool = False) -> int:
    from cybergap.checking import check_all, iter_files

    if format is None:
        format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    check_format("check", format)
    cache_dir = cache_folder(cache_dir, no_cache)
    items = list(iter_files(paths or [Path("profiles")]))
    with progress(len(items), "checking") as advance:
        results = check_all(items, jobs or os.cpu_count() or 1, cache_dir, advance)
    from cybergap.render.formats import FORMATS, View

    spec = FORMATS["check"][format]
    emit(spec.render(results, View(strict=strict)), data=spec.data)
    errors = sum(r.errors for r in results)
    warnings = sum(len(r.problems) - r.errors for r in results)
    sys.stderr.write(f"{len(results)} file(s) checked: {errors} error(s), {warnings} warning(s)\n")
    if not results:
        sys.stderr.write("cybergap: error: no YAML files found\n")
        return 2
    if any(r.unreadable for r in results):
        return 2
    return 1 if errors or (strict and warnings) else 0
