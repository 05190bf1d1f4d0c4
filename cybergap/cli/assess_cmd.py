"""`cybergap assess NAME|PATH`: load, validate, evaluate, score, render."""

from __future__ import annotations

import sys
from pathlib import Path

from cybergap.cli.common import check_choice, emit, output_problem, stdout_console, usage_error, write_output

FORMATS = ("table", "json", "markdown")
SEVERITY_ORDER = ("info", "minor", "major", "critical")


def load_valid(name: str, cache_dir: Path | None = None):
    """(Document, None) for a valid profile, or (None, exit code) after printing why not.

    The verdict comes from `check`'s cache when this exact text was checked before."""
    from cybergap.checking import verdict
    from cybergap.loader import Document, load
    from cybergap.profiles import available, display_path, resolve

    path = resolve(name)
    if path is None:
        names = ", ".join(available()) or "none"
        return None, usage_error(f"no profile {name!r} (a path, or one of: {names})")
    document = load(path, display_path(path))
    if not isinstance(document, Document):
        sys.stderr.write(f"{document}\n")
        return None, 2
    problems = [p for p in verdict(document, cache_dir) if p.severity == "error"]
    if problems:
        for problem in problems:
            sys.stderr.write(f"{problem}\n")
        sys.stderr.write(f"cybergap: error: {document.path} is not a valid profile ({len(problems)} error(s)); run `cybergap check` for details\n")
        return None, 2
    return document, None


def run(name: str, format: str, article: str | None, sections: list[str], output: Path | None, force: bool,
        fail_under: float | None, fail_on: str | None, width: int | None, cache_dir: Path | None = None) -> int:
    from cybergap.catalog import load_catalog
    from cybergap.engine import assess

    check_choice(format, FORMATS)
    if fail_on is not None:
        check_choice(fail_on, SEVERITY_ORDER, "--fail-on")
    catalog = load_catalog()
    if article is not None and catalog.article(article) is None:
        return usage_error(f"no article {article!r} in the Convention catalogue (articles 1-35)")
    known_sections = [s["id"] for s in catalog.sections]
    for section in sections:
        if section not in known_sections:
            return usage_error(f"no section {section!r} (one of: {', '.join(known_sections)})")
    if output is not None and (problem := output_problem(output, force)) is not None:
        return usage_error(problem)  # before the work, not after
    document, code = load_valid(name, cache_dir)
    if document is None:
        return code
    assessment = assess(document.data, catalog, document.path)
    text = _render(assessment, format, article, sections, catalog, output is not None, width)
    if output is not None:
        if write_output(output, text, force):
            return 2
    elif text is not None:
        emit(text, data=True)
    return _exit_code(assessment, fail_under, fail_on)


def _render(assessment, format, article, sections, catalog, to_file: bool, width: int | None) -> str | None:
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
    from rich.console import Console

    from cybergap.render import table

    if article:
        renderable = table.render_article(assessment, article, catalog.article(article)["text"])
    else:
        renderable = table.render(assessment, None, sections or None)
    if to_file:
        import io

        console = Console(record=True, width=width or 100, file=io.StringIO(), color_system=None)
        console.print(renderable)
        return console.export_text()
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
