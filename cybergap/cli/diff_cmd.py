"""`cybergap diff OLD NEW`: compare two versions of a profile and their assessments."""

from __future__ import annotations

from pathlib import Path

from cybergap.cli.common import check_choice, refuse_overwrite, rejected, stdout_console, write_report

FORMATS = ("table", "json", "markdown", "html")


def run(old_spec: str, new_spec: str, format: str, fail_on_regression: bool, width: int | None,
        cache_dir: Path | None = None, output: Path | None = None, force: bool = False) -> int:
    from cybergap.catalog import load_catalog
    from cybergap.diff import compare
    from cybergap.engine import assess
    from cybergap.intake import Rejected, open_profile

    check_choice(format, FORMATS)
    if (refused := refuse_overwrite(output, force)) is not None:
        return refused
    old, new = (open_profile(spec, cache_dir, revisions=True) for spec in (old_spec, new_spec))
    if isinstance(old, Rejected) or isinstance(new, Rejected):
        return max(rejected(side) for side in (old, new) if isinstance(side, Rejected))
    catalog = load_catalog()
    old_doc, new_doc = old.document, new.document
    old_assessment, new_assessment = assess(old_doc.data, catalog, old.display), assess(new_doc.data, catalog, new.display)
    delta = compare(old_doc, old_assessment, new_doc, new_assessment, old.display, new.display)
    if format == "json":
        from cybergap.render import diff_json

        text = diff_json.render(delta)
    elif format == "markdown":
        from cybergap.render import diff_markdown

        text = diff_markdown.render(delta)
    elif format == "html":
        from cybergap.render import diff_html

        text = diff_html.render(delta, old_assessment, new_assessment, catalog)
    else:
        from cybergap.render import diff_table

        if output is None:
            stdout_console(width).print(diff_table.render(delta))
            text = None
        else:
            from cybergap.cli.common import export_text

            text = export_text(diff_table.render(delta), width)
    if text is not None and (failed := write_report(text, output, force, data=format != "table")):
        return failed
    return 1 if fail_on_regression and delta.regressions else 0
