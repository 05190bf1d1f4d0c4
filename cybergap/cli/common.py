"""Helpers shared by commands: usage errors and consoles."""

from __future__ import annotations

import sys

import typer


def usage_error(message: str) -> int:
    sys.stderr.write(f"cybergap: error: {message}\n")
    return 2


def refuse_overwrite(output, force: bool) -> int | None:
    """Exit code 2 (and why) when --output names an existing file and --force was not given."""
    if output is not None and output.exists() and not force:
        return usage_error(f"{output} exists; use --force to overwrite it")
    return None


def write_report(text: str, output) -> int:
    """The report to --output (saying so on stderr) or to stdout; 2 when the file cannot be written."""
    if output is None:
        sys.stdout.write(text)
        return 0
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        return usage_error(f"cannot write {output}: {error.strerror or error}")
    sys.stderr.write(f"wrote {output}\n")
    return 0


def export_text(renderable, width: int | None) -> str:
    """A rich renderable as plain text for a file: no colour, `width` columns (default 100)."""
    import io

    from rich.console import Console

    console = Console(record=True, width=width or 100, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.export_text()


def check_choice(value: str, choices: tuple[str, ...], option: str = "--format") -> None:
    if value not in choices:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}", param_hint=option)


def stdout_console(width: int | None = None):
    from rich.console import Console

    return Console(width=width, highlight=False, soft_wrap=False)


def cache_folder(cache_dir, no_cache: bool):
    """The verdict cache folder the options ask for: None with --no-cache, else --cache-dir or the default."""
    if no_cache:
        return None
    if cache_dir is not None:
        return cache_dir
    from cybergap.cache import default_dir

    return default_dir()


def rejected(rejection) -> int:
    """Print why a profile was not opened (intake.Rejected) to stderr; its exit code."""
    for problem in rejection.problems:
        sys.stderr.write(f"{problem}\n")
    if rejection.message:
        sys.stderr.write(f"cybergap: error: {rejection.message}\n")
    return rejection.exit_code
