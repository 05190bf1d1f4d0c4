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
