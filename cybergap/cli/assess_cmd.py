"""`cybergap assess NAME|PATH`: load, validate, evaluate, score, render."""

from __future__ import annotations

import sys
from pathlib import Path

from cybergap.cli.common import check_choice, refuse_overwrite, rejected, stdout_console, usage_error, write_report

FORMATS = ("table", "json", "markdown", "html")
SEVERITY_ORDER = ("info", "minor", "major", "critical")


def run(name: str, format: str, article: str | None, sections: list[str], output: Path | None, force: bool,
        fail_under: float | None, fail_on: str | None, width: int | None, cache_dir: Path | None = None,
        details: bool = False, framework: str = "budapest") -> int:
    from cybergap.catalog import FRAMEWORKS, load_catalog
    from cybergap.frameworks import assess

    check_choice(format, FORMATS)
    check_choice(framework, tuple(FRAMEWORKS), "--framework")
    if fail_on is not None:
        check_choice(fail_on, SEVERITY_ORDER, "--fail-on")
    catalog = load_catalog(framework)
    if article is not None and catalog.article(article) is None:
        numbers = [a["number"] for a in catalog.articles]
        return usage_error(f"no article {article!r} in the {catalog.convention['title']} catalogue (articles {numbers[0]}-{numbers[-1]})")
    known_sections = [s["id"] for s in catalog.sections]
    for section in sections:
        if section not in known_sections:
            return usage_error(f"no section {section!r} (one of: {', '.join(known_sections)})")
    if format == "html" and (article is not None or sections):
        return usage_error("--format html shows every article; --article and --section are for the other formats")
    if (refused := refuse_overwrite(output, force)) is not None:
        return refused  # before the work, not after
    from cybergap.intake import Rejected, open_profile

    opened = open_profile(name, cache_dir)
    if isinstance(opened, Rejected):
        return rejected(opened)
    document = opened.document
    assessment = assess(document.data, framework, document.path)
    text = _render(assessment, format, article, sections, catalog, output is not None, width, details)
    if text is not None and (failed := write_report(text, output, force, data=format != "table")):
        return failed
    return _exit_code(assessment, fail_under, fail_on)


def _render(assessment, format, article, sections, catalog, to_file: bool, width: int | None,
            details: bool = False) -> str | None:
    articles = [article] if article else None
    if format == "json":
        from cybergap.render import json_report

        data = json_report.to_dict(assessment)
        if articles or sections:
            data["articles"] = [a for a in data["articles"]
                                if (not articles or a["article"] in articles) and (not sections or a["section"] in sections)]
        from cybergap.escaping import dumps

        return dumps(data)
    if format == "markdown":
        from cybergap.render import markdown

        return markdown.render(assessment, articles, sections or None)
    if format == "html":
        from cybergap.render import assess_html

        return assess_html.render(assessment, catalog)
    from rich.console import Console

    from cybergap.render import table

    if article:
        text = catalog.article(article).get("text") or "The project holds no text of this article; see its summary: " \
            + catalog.article(article).get("summary", "")
        renderable = table.render_article(assessment, article, text)
    else:
        renderable = table.render(assessment, None, sections or None, details)
    if to_file:
        from cybergap.cli.common import export_text

        return export_text(renderable, width)
    stdout_console(width).print(renderable)
    return None


def _exit_code(assessment, fail_under: float | None, fail_on: str | None) -> int:
    if fail_under is not None and (assessment.overall or 0) < fail_under:
        sys.stderr.write(f"cybergap: overall score {assessment.overall} is below --fail-under {fail_under}\n")
        return 1
    if fail_on is not None:
        threshold = SEVERITY_ORDER.index(fail_on)
        hits = [f for f in assessment.findings if SEVERITY_ORDER.index(f.severity) >= threshold]
        if hits:
            sys.stderr.write(f"cybergap: {len(hits)} finding(s) at or above {fail_on}\n")
            return 1
    return 0
