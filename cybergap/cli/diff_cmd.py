"""`cybergap diff OLD NEW`: compare two versions of a profile and their assessments."""

from __future__ import annotations

from pathlib import Path

from cybergap.cli.common import check_format, deliver, refuse_overwrite, rejected


def run(old_spec: str, new_spec: str, format: str, fail_on_regression: bool, width: int | None,
        cache_dir: Path | None = None, output: Path | None = None, force: bool = False) -> int:
    from cybergap.catalog import load_catalog
    from cybergap.diff import compare
    from cybergap.engine import assess
    from cybergap.intake import Rejected, open_profile
    from cybergap.render.formats import View

    check_format("diff", format)
    if (refused := refuse_overwrite(output, force)) is not None:
        return refused
    old, new = (open_profile(spec, cache_dir, revisions=True) for spec in (old_spec, new_spec))
    if isinstance(old, Rejected) or isinstance(new, Rejected):
        return max(rejected(side) for side in (old, new) if isinstance(side, Rejected))
    catalog = load_catalog()
    old_doc, new_doc = old.document, new.document
    old_assessment, new_assessment = assess(old_doc.data, catalog, old.display), assess(new_doc.data, catalog, new.display)
    delta = compare(old_doc, old_assessment, new_doc, new_assessment, old.display, new.display)
    view = View(width=width, catalog=catalog, extra=(old_assessment, new_assessment))
    if failed := deliver("diff", format, delta, view, output, force):
        return failed
    return 1 if fail_on_regression and delta.regressions else 0
