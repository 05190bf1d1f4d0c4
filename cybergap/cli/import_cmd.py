"""`cybergap import SOURCE`: a C-PROC country profile -> a draft profile (see cybergap.importer)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from cybergap.cli.common import refuse_overwrite, usage_error, write_report


def run(source: Path, country: str, iso2: str, output: Path | None, force: bool) -> int:
    import re

    from cybergap import provenance
    from cybergap.escaping import printable

    if not re.fullmatch(r"[A-Z]{2}", iso2):
        return usage_error(f"--iso2 {iso2!r} is not an ISO 3166-1 alpha-2 code (two capital letters)")
    if not country.strip():
        return usage_error("--country is empty")
    refused = refuse_overwrite(output, force)
    if refused is not None:
        return refused
    try:
        data = provenance.read_bytes(source)
        text = provenance._decoded(data)
    except provenance.SourceError as error:
        return usage_error(f"{printable(source)} {error}")
    folder = (output or Path.cwd() / "profile.yaml").resolve().parent
    sources = folder / provenance.SOURCES_FOLDER
    if output is not None:
        relative = _place_source(source, data, sources, force)
        if isinstance(relative, int):
            return relative
    else:  # stdout: nothing else is written; say where the source must go
        relative = f"{provenance.SOURCES_FOLDER}/{source.name}"
        if sources.resolve() not in source.resolve().parents:
            sys.stderr.write(f"note: keep a copy of the source at {relative} beside the profile: "
                             "check proves its excerpts there\n")
    from cybergap.importer import draft, to_yaml

    result = draft(text, country.strip(), iso2, relative)
    schema = schema_reference(folder)
    written = write_report(to_yaml(result.profile, relative, schema), output, force, data=True)
    if written == 0:
        found = result.profile["provisions"]
        sys.stderr.write(f"imported {len(found)} provision(s) beside {len(result.articles)} Convention article(s); "
                         f"{len(result.dropped)} paragraph(s) not quoted (not verbatim); every mapping is a draft\n")
    return written


def _place_source(source: Path, data: bytes, sources: Path, force: bool) -> str | int:
    """The source's path relative to the profile: it must stand in sources/ beside it, so it is
    copied there unless it is already (never over a different file without --force)."""
    from cybergap.escaping import printable

    resolved = source.resolve()
    if sources.resolve() in resolved.parents:
        return os.path.relpath(resolved, sources.resolve().parent).replace(os.sep, "/")
    target = sources / source.name
    if target.exists() and target.read_bytes() != data and not force:
        return usage_error(f"{printable(target)} exists with other content; use --force to overwrite it")
    try:
        sources.mkdir(exist_ok=True)
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
            sys.stderr.write(f"copied the source to {printable(target)}\n")
    except OSError as error:
        return usage_error(f"cannot copy the source to {printable(target)}: {error.strerror or error}")
    return f"{sources.name}/{source.name}"


def schema_reference(folder: Path) -> str:
    """The schema for the editor's header: relative when the profile lies in this project."""
    from cybergap.resources import schema_path

    schema = schema_path("profile.schema.json").resolve()
    project = schema.parent.parent
    if folder == project or project in folder.parents:
        return os.path.relpath(schema, folder).replace(os.sep, "/")
    return "https://cybergap.dev/schemas/profile.schema.json"
