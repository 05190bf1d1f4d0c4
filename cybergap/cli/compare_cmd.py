"""`cybergap compare A B C ...`: profiles side by side (see cybergap.compare).

Each profile is opened once (through the verdict cache, like `assess`) and assessed once, in
worker processes when there are many; a profile that cannot be opened is reported and left
out, and the command then exits 2 after writing the comparison of the others.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from cybergap.cli.common import check_choice, rejected, usage_error

FORMATS = ("table", "markdown", "csv", "json")
FILES_PER_WORKER = 4  # below this many profiles per worker, processes cost more than they save


def open_row(spec: str, cache_dir: Path | None, profile_dirs: list[Path] | None = None):
    """One profile as a comparison row, or the intake's Rejected. In a worker process,
    `profile_dirs` are the parent's --profiles-dir (a spawned worker starts without them)."""
    from cybergap.catalog import load_catalog
    from cybergap.compare import assessed_row
    from cybergap.intake import Rejected, open_profile

    if profile_dirs is not None:
        from cybergap.profiles import use_dirs

        use_dirs(profile_dirs)
    opened = open_profile(spec, cache_dir, revisions=True)
    if isinstance(opened, Rejected):
        return opened
    return assessed_row(opened.document.data, load_catalog(), opened.display, opened.revision)


def open_rows(specs: list[str], jobs: int, cache_dir: Path | None) -> list:
    """open_row for each distinct spec, in order; in `jobs` processes when there are enough."""
    distinct = list(dict.fromkeys(specs))
    if jobs <= 1 or len(distinct) < jobs * FILES_PER_WORKER:
        results = [open_row(spec, cache_dir) for spec in distinct]
    else:
        from concurrent.futures import ProcessPoolExecutor
        from itertools import repeat

        from cybergap.profiles import explicit_dirs

        chunk = max(1, len(distinct) // (jobs * 8))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(open_row, distinct, repeat(cache_dir), repeat(explicit_dirs()), chunksize=chunk))
    by_spec = dict(zip(distinct, results))
    return [by_spec[spec] for spec in specs]


def run(specs: list[str], format: str, output: Path | None, force: bool, width: int | None, top: int,
        jobs: int | None, cache_dir: Path | None) -> int:
    from cybergap.catalog import load_catalog
    from cybergap.compare import catalogue_axes, compare
    from cybergap.intake import Rejected

    check_choice(format, FORMATS)
    if output is not None and (output.exists() or output.is_symlink()) and not force:
        return usage_error(f"{output} exists; use --force to overwrite it")
    results = open_rows(specs, jobs or os.cpu_count() or 1, cache_dir)
    failed = [result for result in results if isinstance(result, Rejected)]
    for rejection in failed:
        rejected(rejection)
    rows = [result for result in results if not isinstance(result, Rejected)]
    if not rows:
        return usage_error("no profile could be opened; nothing to compare")
    if failed:
        sys.stderr.write(f"cybergap: error: {len(failed)} of {len(specs)} profile(s) could not be opened "
                         "and are left out of the comparison\n")
    comparison = compare(rows, *catalogue_axes(load_catalog()))
    text = _render(comparison, format, width, top, output is not None)
    if text is not None:
        if output is not None:
            try:
                output.write_text(text, encoding="utf-8", newline="")
            except OSError as error:
                return usage_error(f"cannot write {output}: {error.strerror or error}")
            sys.stderr.write(f"wrote {output}\n")
        else:
            sys.stdout.write(text)
    return max((rejection.exit_code for rejection in failed), default=0)


def _render(comparison, format: str, width: int | None, top: int, to_file: bool) -> str | None:
    if format == "json":
        from cybergap.render import compare_json

        return compare_json.render(comparison)
    if format == "csv":
        from cybergap.render import compare_csv

        return compare_csv.render(comparison)
    if format == "markdown":
        from cybergap.render import compare_markdown

        return compare_markdown.render(comparison, top)
    from rich.console import Console

    from cybergap.render import compare_table

    if to_file:
        import io

        console = Console(record=True, width=width or 100, file=io.StringIO(), color_system=None)
        console.print(compare_table.render(comparison, console.width, top))
        return console.export_text()
    console = Console(width=width, highlight=False)
    console.print(compare_table.render(comparison, console.width, top))
    return None
