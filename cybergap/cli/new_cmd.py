"""`cybergap new NAME --iso2 XX`: a skeleton profile to fill in (see cybergap.skeleton)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from cybergap.cli.common import refuse_overwrite, usage_error, write_report


def run(name: str, iso2: str, output: Path | None, force: bool) -> int:
    from cybergap.cli.import_cmd import schema_reference
    from cybergap.escaping import printable
    from cybergap.provenance import SOURCES_FOLDER
    from cybergap.skeleton import PLACEHOLDER, skeleton, slug

    if not re.fullmatch(r"[A-Z]{2}", iso2):
        return usage_error(f"--iso2 {iso2!r} is not an ISO 3166-1 alpha-2 code (two capital letters)")
    if not name.strip():
        return usage_error("NAME is empty")
    refused = refuse_overwrite(output, force)
    if refused is not None:
        return refused
    folder = (output or Path.cwd() / "profile.yaml").resolve().parent
    relative = f"{SOURCES_FOLDER}/{slug(name)}-source.txt"
    written = write_report(skeleton(name.strip(), iso2, schema_reference(folder), relative), output, force, data=True)
    if written == 0 and output is not None:
        source = folder / relative
        if not source.exists():  # the placeholder excerpt is proven against it, so `check` passes
            try:
                source.parent.mkdir(exist_ok=True)
                source.write_text(PLACEHOLDER + "\n", encoding="utf-8")
                sys.stderr.write(f"wrote {printable(source)} (a placeholder: put the source's text there)\n")
            except OSError as error:
                return usage_error(f"cannot write {printable(source)}: {error.strerror or error}")
    return written
