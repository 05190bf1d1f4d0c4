"""`cybergap compare A B C ...`: profiles side by side (see cybergap.compare).

Each profile is opened once (through the verdict cache, like `assess`) and assessed once, in
worker processes when there are many; a profile that cannot be opened is reported and left
out, and the command then exits 2 after writing the comparison of the others. A working-tree
profile's row is cached beside its verdict, sealed like it, for its framework and the day; it is
used only when the verdict itself is found in the cache without errors (see _stored_row).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from cybergap.cli.common import check_choice, check_format, deliver, progress, refuse_overwrite, rejected, usage_error

FILES_PER_WORKER = 4  # below this many profiles per worker, processes cost more than they save


def open_row(spec: str, cache_dir: Path | None, profile_dirs: list[Path] | None = None, framework: str = "budapest"):
    """One profile as a comparison row, or the intake's Rejected. In a worker process,
    `profile_dirs` are the parent's --profiles-dir (a spawned worker starts without them)."""
    from datetime import date

    from cybergap.catalog import load_catalog
    from cybergap.compare import assessed_row
    from cybergap.intake import Rejected, open_profile

    if profile_dirs is not None:
        from cybergap.profiles import use_dirs

        use_dirs(profile_dirs)
    day = date.today().isoformat()  # a row holds the overrides that apply on this day
    stored = _stored_row(spec, cache_dir, framework, day)
    if stored is not None:
        return stored
    opened = open_profile(spec, cache_dir, revisions=True)
    if isinstance(opened, Rejected):
        return opened
    row = assessed_row(opened.document.data, load_catalog(framework), opened.display, opened.revision)
    if cache_dir is not None and opened.revision is None:  # valid, and its verdict now cached
        from cybergap.compare import row_data
        from cybergap.cache import Cache, key

        verdict_key = key(opened.document.path, opened.document.text.encode("utf-8"))
        Cache(cache_dir).put_result(_row_key(verdict_key, framework, day), row_data(row), day)
    return row


def _row_key(verdict_key: str, framework: str, day: str) -> str:
    """Where a profile's comparison row is cached: beside its verdict (the same bytes, path and
    tool), for this framework and day (overrides expire)."""
    from cybergap.cache import result_key

    return result_key(verdict_key, "compare-row", framework, day)


def _stored_row(spec: str, cache_dir: Path | None, framework: str, day: str):
    """The cached row of a working-tree profile whose verdict is cached without errors (what
    `check` finds without parsing: the same bytes, path and tool, and sources that still hash to
    what was proven); None when there is none."""
    if cache_dir is None:
        return None
    from cybergap.cache import Cache, key
    from cybergap.compare import row_from_data
    from cybergap.intake import SideError, read_side
    from cybergap.problems import Problem

    try:
        side = read_side(spec)
    except SideError:
        return None
    if isinstance(side, Problem) or side.revision is not None:
        return None
    cache, verdict_key = Cache(cache_dir), key(side.display, side.text.encode("utf-8"))
    verdict = cache.get(verdict_key, side.display)
    if verdict is None or any(p.severity == "error" for p in verdict[0]):
        return None
    row = cache.get_result(_row_key(verdict_key, framework, day), day)
    return row_from_data(row, side.display, None)


def open_rows(specs: list[str], jobs: int, cache_dir: Path | None, framework: str = "budapest") -> list:
    """open_row for each distinct spec, in order; in `jobs` processes when there are enough."""
    distinct = list(dict.fromkeys(specs))
    with progress(len(distinct), "comparing") as advance:
        if jobs <= 1 or len(distinct) < jobs * FILES_PER_WORKER:
            results = []
            for spec in distinct:
                results.append(open_row(spec, cache_dir, None, framework))
                advance()
        else:
            from cybergap.profiles import explicit_dirs
            from cybergap.workers import run_pool

            results = run_pool(open_row, distinct, [cache_dir] * len(distinct), [explicit_dirs()] * len(distinct),
                               [framework] * len(distinct), jobs=jobs, chunksize=max(1, len(distinct) // (jobs * 8)),
                               advance=advance)
    by_spec = dict(zip(distinct, results))
    return [by_spec[spec] for spec in specs]


def run(specs: list[str], format: str, output: Path | None, force: bool, width: int | None, top: int,
        jobs: int | None, cache_dir: Path | None, framework: str = "budapest") -> int:
    from cybergap.catalog import FRAMEWORKS, load_catalog
    from cybergap.compare import catalogue_axes, compare
    from cybergap.intake import Rejected

    check_format("compare", format)
    check_choice(framework, tuple(FRAMEWORKS), "--framework")
    if (refused := refuse_overwrite(output, force)) is not None:
        return refused
    results = open_rows(specs, jobs or os.cpu_count() or 1, cache_dir, framework)
    failed = [result for result in results if isinstance(result, Rejected)]
    for rejection in failed:
        rejected(rejection)
    rows = [result for result in results if not isinstance(result, Rejected)]
    if not rows:
        return usage_error("no profile could be opened; nothing to compare")
    if failed:
        sys.stderr.write(f"cybergap: error: {len(failed)} of {len(specs)} profile(s) could not be opened "
                         "and are left out of the comparison\n")
    catalog = load_catalog(framework)
    comparison = compare(rows, *catalogue_axes(catalog), (framework, catalog.convention.get("title", "")))
    from cybergap.render.formats import View

    if failed_write := deliver("compare", format, comparison, View(width=width, top=top), output, force):
        return failed_write
    return max((rejection.exit_code for rejection in failed), default=0)
