"""`cybergap migrate PROFILE`: rewrite a version-1 profile to schema version 2 (see cybergap.migrate)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from cybergap.cli.common import usage_error

BOM = b"\xef\xbb\xbf"


def run(spec: str, output: Path | None, force: bool, in_place: bool) -> int:
    from cybergap.loader import Document, parse, read_text
    from cybergap.problems import Problem
    from cybergap.profiles import available, display_path, resolve

    if in_place and output is not None:
        return usage_error("--in-place rewrites PROFILE itself; it cannot be used with --output")
    path = resolve(spec)
    if path is None:
        return usage_error(f"no profile {spec!r} (a path, or one of: {', '.join(available()) or 'none'})")
    shown = display_path(path)
    text = read_text(path, shown)
    document = text if isinstance(text, Problem) else parse(text, shown)
    if not isinstance(document, Document):
        sys.stderr.write(f"{document}\n")
        return 2
    version = document.data.get("schema_version")
    if version == 2:
        sys.stderr.write(f"{shown} is already at schema version 2; nothing to do\n")
        return 0
    if version != 1:
        return usage_error(f"{shown}: schema_version {version!r} is not one cybergap can migrate (1 -> 2)")
    from cybergap.validate import schema_problems

    problems = schema_problems(document)
    if problems:
        for problem in problems:
            sys.stderr.write(f"{problem}\n")
        return usage_error(f"{shown} is not a valid version-1 profile ({len(problems)} error(s)); "
                           "fix it first, then migrate")
    target = path if in_place else output
    if target is not None and not in_place and (target.exists() or target.is_symlink()) and not force:
        return usage_error(f"{target} exists; use --force to overwrite it")
    from cybergap.migrate import MigrationError, rewrite

    try:
        new_text = rewrite(document)
    except MigrationError as error:
        return usage_error(f"{shown} cannot be rewritten safely ({error}); nothing was written")
    new_problems = schema_problems(parse(new_text, shown))
    if new_problems:  # never expected: the rewrite loads to upgrade(data), which the schema describes
        for problem in new_problems:
            sys.stderr.write(f"{problem}\n")
        return usage_error(f"the version-2 text of {shown} does not validate; nothing was written")
    if target is None:
        sys.stdout.write(new_text)
        return 0
    encoded = new_text.encode("utf-8")
    if _has_bom(path):
        encoded = BOM + encoded
    try:
        _write_atomically(target, encoded)
    except OSError as error:
        return usage_error(f"cannot write {target}: {error.strerror or error}")
    sys.stderr.write(f"wrote {target} (schema version 2)\n")
    if not in_place and target.resolve().parent != path.resolve().parent:
        sys.stderr.write(f"note: {target} is not beside {shown}: its excerpts' sources are found in the sources/ "
                         "folder beside it\n")
    return 0


def _has_bom(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(3) == BOM


def _write_atomically(target: Path, data: bytes) -> None:
    """Write beside the target, then rename over it: an interrupted run leaves the old file whole."""
    import tempfile

    folder = target.resolve().parent if target.exists() else target.parent
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        else:  # as a plainly created file would be (mkstemp makes it private)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target.resolve() if target.is_symlink() else target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
