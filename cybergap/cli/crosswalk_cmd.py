"""`cybergap crosswalk NAME`: a profile under Budapest and under the UN Convention, side by side."""

from __future__ import annotations

from pathlib import Path

from cybergap.cli.common import check_choice, check_format, deliver, refuse_overwrite, rejected


def run(name: str, format: str, framework: str, output: Path | None, force: bool, width: int | None,
        cache_dir: Path | None) -> int:
    from cybergap.frameworks import side_by_side
    from cybergap.intake import Rejected, open_profile
    from cybergap.render.formats import View

    check_format("crosswalk", format)
    check_choice(framework, ("un-cybercrime",), "--framework")
    if (refused := refuse_overwrite(output, force)) is not None:
        return refused
    opened = open_profile(name, cache_dir)
    if isinstance(opened, Rejected):
        return rejected(opened)
    side = side_by_side(opened.document.data, framework, opened.display)
    return deliver("crosswalk", format, side, View(width=width), output, force)
