"""`cybergap diff OLD NEW`: compare two versions of a profile and their assessments."""

from __future__ import annotations

import sys

from cybergap.cli.common import check_choice, usage_error

FORMATS = ("table", "json", "markdown")


def load_side(spec: str):
    """(Side, Document) for a readable, valid side; (None, None) after printing why not.

    A side read at a git revision is checked for schema and references; its excerpts'
    provenance was proven when it was committed, against the source of that time.
    """
    from cybergap.catalog import load_catalog
    from cybergap.loader import Document, parse
    from cybergap.sides import read_side
    from cybergap.validate import convention_text, provenance_problems, reference_problems, schema_problems

    from cybergap.sides import SideError

    try:
        side = read_side(spec)
    except SideError as error:
        usage_error(str(error))
        return None, None
    if not hasattr(side, "text"):
        sys.stderr.write(f"{side}\n")
        return None, None
    document = parse(side.text, side.display)
    if not isinstance(document, Document):
        sys.stderr.write(f"{document}\n")
        return None, None
    problems = schema_problems(document)
    if not problems:
        problems = reference_problems(document, load_catalog())
        if side.revision is None:
            problems += provenance_problems(document, convention_text(load_catalog()))[0]
    errors = [p for p in problems if p.severity == "error"]
    for problem in errors:
        sys.stderr.write(f"{problem}\n")
    if errors:
        sys.stderr.write(f"cybergap: error: {side.display} is not a valid profile\n")
        return None, None
    return side, document


def run(old_spec: str, new_spec: str, format: str, fail_on_regression: bool, width: int | None) -> int:
    from cybergap.catalog import load_catalog
    from cybergap.diff import compare
    from cybergap.engine import assess

    check_choice(format, FORMATS)
    old_side, old_doc = load_side(old_spec)
    new_side, new_doc = load_side(new_spec)
    if old_doc is None or new_doc is None:
        return 2
    catalog = load_catalog()
    delta = compare(old_doc, assess(old_doc.data, catalog, old_side.display), new_doc,
                    assess(new_doc.data, catalog, new_side.display), old_side.display, new_side.display)
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
