"""`cybergap import SOURCE`: a C-PROC country profile -> a draft profile (see cybergap.importer)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from cybergap.cli.common import make_profile_folder, new_profile_problem, usage_error, write_report


def run(source: Path, country: str, iso2: str, output: Path | None, force: bool) -> int:
    from cybergap import provenance
    from cybergap.escaping import printable

    if (refused := new_profile_problem(country, iso2, output, force, "--country")) is not None:
        return refused
    try:
        data = provenance.read_bytes(source)
        text = provenance.decoded(data)
    except provenance.SourceError as error:
        return usage_error(f"{printable(source)} {error}")
    folder = (output or Path.cwd() / "profile.yaml").resolve().parent
    sources = folder / provenance.SOURCES_FOLDER
    inside = sources.resolve() in source.resolve().parents
    relative = os.path.relpath(source.resolve(), folder).replace(os.sep, "/") if inside \
        else f"{provenance.SOURCES_FOLDER}/{source.name}"
    from cybergap.importer import draft, to_yaml

    result = draft(text, country.strip(), iso2, relative)
    if not result.profile["provisions"]:
        return usage_error(f"{printable(source)}: no domestic legislation found (is it a C-PROC country profile, "
                           "with a BUDAPEST CONVENTION / DOMESTIC LEGISLATION column header?); nothing was written")
    if (refused := make_profile_folder(output)) is not None:
        return refused
    if output is not None and not inside:
        copied = _place_source(source, data, sources, force)
        if isinstance(copied, int):
            return copied
    elif output is None and not inside:  # stdout: nothing else is written; say where the source must go
        sys.stderr.write(f"note: keep a copy of the source at {relative} beside the profile: "
                         "check proves its excerpts there\n")
    schema = schema_reference(folder)
    written = write_report(to_yaml(result.profile, relative, schema), output, force, data=True)
    if written == 0:
        found = result.profile["provisions"]
        sys.stderr.write(f"imported {len(found)} provision(s) beside {len(result.articles)} Convention article(s); "
                         f"{len(result.dropped)} paragraph(s) not quoted (not verbatim); every mapping is a draft\n")
    return written


def _place_source(source: Path, data: bytes, sources: Path, force: bool) -> str | int:
    """Copy the source into sources/ beside the profile, where check proves the excerpts (never
    over a different file without --force); its path relative to the profile, or exit code 2."""
    from cybergap.escaping import printable
    from cybergap.provenance import SourceError, read_bytes

    target = sources / source.name

    def same() -> bool:
        try:
            return read_bytes(target) == data
        except SourceError:
            return False

    if (target.exists() or target.is_symlink()) and not same() and not force:
        return usage_error(f"{printable(target)} exists with other content; use --force to overwrite it")
    try:
        sources.mkdir(exist_ok=True)
        if not same():
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
