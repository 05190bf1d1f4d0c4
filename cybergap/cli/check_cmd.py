"""`cybergap check PATH...`: every problem at its line, in the formats CI tools read."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from cybergap.cli.common import cache_folder, check_choice, emit

FORMATS = ("text", "json", "sarif", "junit", "github")
PROGRESS_FROM = 20  # files; fewer finish before a progress bar would be worth showing


def run(paths: list[Path], format: str | None, strict: bool, jobs: int | None = None,
        cache_dir: Path | None = None, no_cache: bool = False) -> int:
    from cybergap.checking import check_all, iter_files

    if format is None:
        format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    check_choice(format, FORMATS)
    cache_dir = cache_folder(cache_dir, no_cache)
    items = list(iter_files(paths or [Path("profiles")]))
    with _progress(len(items)) as advance:
        results = check_all(items, jobs or os.cpu_count() or 1, cache_dir, advance)
    emit(_render(results, format, strict), data=format != "text")
    errors = sum(r.errors for r in results)
    warnings = sum(len(r.problems) - r.errors for r in results)
    sys.stderr.write(f"{len(results)} file(s) checked: {errors} error(s), {warnings} warning(s)\n")
    if not results:
        sys.stderr.write("cybergap: error: no YAML files found\n")
        return 2
    if any(r.unreadable for r in results):
        return 2
    return 1 if errors or (strict and warnings) else 0


def _render(results, format: str, strict: bool) -> str:
    if format == "json":
        from cybergap.render import check_json

        return check_json.render(results, strict)
    if format == "sarif":
        from cybergap.render import check_sarif

        return check_sarif.render(results)
    if format == "junit":
        from cybergap.render import check_junit

        return check_junit.render(results, strict)
    if format == "github":
        from cybergap.render import check_github

        return check_github.render(results)
    return "".join(f"{p}\n" for r in results for p in r.problems)


class _progress:
    """A progress bar on a terminal for many files; nothing when output is piped."""

    def __init__(self, total: int):
        self.bar = None
        if total >= PROGRESS_FROM and sys.stderr.isatty():
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.task = self.bar.add_task("checking", total=total)

    def __enter__(self):
        if self.bar is None:
            return lambda: None
        self.bar.start()
        return lambda: self.bar.advance(self.task)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False
