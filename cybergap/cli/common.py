"""Helpers shared by commands: usage errors and consoles."""

from __future__ import annotations

import sys

import typer


def usage_error(message: str) -> int:
    sys.stderr.write(f"cybergap: error: {message}\n")
    return 2


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
