"""`cybergap diff OLD NEW`: compare two versions of a profile and their assessments."""

from __future__ import annotations

import sys
from pathlib import Path

from cybergap.cli.common import check_choice, rejected

FORMATS = ("table", "json", "markdown")


def run(old_spec: str, new_spec: str, format: str, fail_on_regression: bool, width: int | None,
        cache_dir: Path | None = None) -> int:
    from cybergap.catalog import load_catalog
    from cybergap.diff import compare
    from cybergap.engine import assess
    from cybergap.intake import Rejected, open_profile

    check_choice(format, FORMATS)
    old, new = (open_profile(spec, cache_dir, revisions=True) for spec in (old_spec, new_spec))
    if isinstance(old, Rejected) or isinstance(new, Rejected):
        return max(rejected(side) for side in (old, new) if isinstance(side, Rejected))
    catalog = load_catalog()
    old_doc, new_doc = old.document, new.document
    delta = compare(old_doc, assess(old_doc.data, catalog, old.display), new_doc,
                    assess(new_doc.data, catalog, new.display), old.display, new.display)
    if format == "json":
        from cybergap.render import diff_json

        sys.stdout.write(diff_json.render(delta))
    elif format == "markdown":
        from cybergap.render import diff_markdown

        sys.stdout.write(diff_markdown.render(delta))
    else:
        from rich.console import Console

        from cybergap.render import diff_table

        Console(width=width, highlight=False).print(diff_table.render(delta))
    return 1 if fail_on_regression and delta.regressions else 0
