"""`cybergap assess NAME|PATH`: load, validate, evaluate, score, render."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from cybergap.cli.common import check_choice, check_format, deliver, refuse_overwrite, rejected, usage_error
from cybergap.model import Severity


@dataclass(frozen=True)
class AssessOptions:
    """What `cybergap assess` was asked (the command line, parsed)."""

    profile: str
    format: str = "table"
    article: str | None = None
    sections: tuple[str, ...] = ()
    output: Path | None = None
    force: bool = False
    fail_under: float | None = None
    fail_on: Severity | None = None
    width: int | None = None
    cache_dir: Path | None = None
    details: bool = False
    framework: str = "budapest"


def run(options: AssessOptions) -> int:
    from cybergap.catalog import FRAMEWORKS, load_catalog
    from cybergap.frameworks import assess
    from cybergap.intake import Rejected, open_profile
    from cybergap.render.formats import View

    check_format("assess", options.format)
    check_choice(options.framework, tuple(FRAMEWORKS), "--framework")
    catalog = load_catalog(options.framework)
    if options.article is not None and catalog.article(options.article) is None:
        numbers = [a["number"] for a in catalog.articles]
        return usage_error(f"no article {options.article!r} in the {catalog.convention['title']} catalogue "
                           f"(articles {numbers[0]}-{numbers[-1]})")
    known_sections = [s["id"] for s in catalog.sections]
    for section in options.sections:
        if section not in known_sections:
            return usage_error(f"no section {section!r} (one of: {', '.join(known_sections)})")
    if options.format == "html" and (options.article is not None or options.sections):
        return usage_error("--format html shows every article; --article and --section are for the other formats")
    if (refused := refuse_overwrite(options.output, options.force)) is not None:
        return refused  # before the work, not after
    opened = open_profile(options.profile, options.cache_dir)
    if isinstance(opened, Rejected):
        return rejected(opened)
    assessment = assess(opened.document.data, options.framework, opened.display)
    view = View(articles=(options.article,) if options.article else (), sections=options.sections,
                details=options.details, width=options.width, catalog=catalog)
    if failed := deliver("assess", options.format, assessment, view, options.output, options.force):
        return failed
    return _exit_code(assessment, options.fail_under, options.fail_on)


def _exit_code(assessment, fail_under: float | None, fail_on: Severity | None) -> int:
    if fail_under is not None and (assessment.overall or 0) < fail_under:
        sys.stderr.write(f"cybergap: overall score {assessment.overall} is below --fail-under {fail_under}\n")
        return 1
    if fail_on is not None:
        hits = [f for f in assessment.findings if f.severity.rank >= fail_on.rank]
        if hits:
            sys.stderr.write(f"cybergap: {len(hits)} finding(s) at or above {fail_on}\n")
            return 1
    return 0
