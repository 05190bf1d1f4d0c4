"""`cybergap new NAME --iso2 XX`: a skeleton profile to fill in (see cybergap.skeleton)."""

from __future__ import annotations

import sys
from pathlib import Path

from cybergap.cli.common import make_profile_folder, new_profile_problem, usage_error, write_report


def run(name: str, iso2: str, output: Path | None, force: bool) -> int:
    from cybergap.cli.import_cmd import schema_reference
    from cybergap.escaping import printable
    from cybergap.provenance import SOURCES_FOLDER
    from cybergap.skeleton import PLACEHOLDER, skeleton, slug

    if (refused := new_profile_problem(name, iso2, output, force)) is not None \
            or (refused := make_profile_folder(output)) is not None:
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
