"""`cybergap diff OLD NEW`: compare two versions of a profile and their assessments."""

from __future__ import annotations

from pathlib import Path

from cybergap.cli.common import check_choice, check_format, deliver, refuse_overwrite, rejected


def run(old_spec: str, new_spec: str, format: str, fail_on_regression: bool, width: int | None,
        cache_dir: Path | None = None, output: Path | None = None, force: bool = False,
        framework: str = "budapest") -> int:
    from cybergap.catalog import FRAMEWORKS, load_catalog
    from cybergap.diff import compare
    from cybergap.frameworks import assess
    from cybergap.intake import Rejected, open_profile
    from cybergap.render.formats import View

    check_format("diff", format)
    check_choice(framework, tuple(FRAMEWORKS), "--framework")
    if (refused := refuse_overwrite(output, force)) is not None:
        return refused
    old, new = (open_profile(spec, cache_dir, revisions=True) for spec in (old_spec, new_spec))
    if isinstance(old, Rejected) or isinstance(new, Rejected):
        return max(rejected(side) for side in (old, new) if isinstance(side, Rejected))
    catalog = load_catalog(framework)
    old_doc, new_doc = old.document, new.document
    old_assessment, new_assessment = (assess(side.document.data, framework, side.display) for side in (old, new))
    delta = compare(old_doc, old_assessment, new_doc, new_assessment, old.display, new.display)
    view = View(width=width, catalog=catalog, extra=(old_assessment, new_assessment))
    if failed := deliver("diff", format, delta, view, output, force):
        return failed
    return 1 if fail_on_regression and delta.regressions else 0
