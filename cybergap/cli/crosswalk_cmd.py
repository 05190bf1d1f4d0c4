"""`cybergap crosswalk NAME`: a profile under Budapest and under the UN Convention, side by side."""

from __future__ import annotations

from pathlib import Path

from cybergap.cli.common import check_choice, refuse_overwrite, rejected, stdout_console, write_report

FORMATS = ("table", "markdown", "json")


def run(name: str, format: str, framework: str, output: Path | None, force: bool, width: int | None,
        cache_dir: Path | None) -> int:
    from cybergap.frameworks import side_by_side
    from cybergap.intake import Rejected, open_profile
    from cybergap.render import crosswalk

    check_choice(format, FORMATS)
    check_choice(framework, ("un-cybercrime",), "--framework")
    if (refused := refuse_overwrite(output, force)) is not None:
        return refused
    opened = open_profile(name, cache_dir)
    if isinstance(opened, Rejected):
        return rejected(opened)
    side = side_by_side(opened.document.data, framework, opened.display)
    if format == "table":
        if output is None:
            stdout_console(width).print(crosswalk.table(side))
            return 0
        from cybergap.cli.common import export_text

        return write_report(export_text(crosswalk.table(side), width), output, force)
    text = crosswalk.render_json(side) if format == "json" else crosswalk.markdown(side)
    return write_report(text, output, force, data=True)
