"""Safe text for rich: profile text never restyles or breaks the output."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]|\x1b\[[0-9;?]*[ -/]*[@-~]")


def clean(value: object) -> str:
    """Strip terminal escape sequences and control characters (newlines and tabs kept)."""
    return _CONTROL.sub("", "" if value is None else str(value))


def plain(value: object, style: str = ""):
    """A rich Text that shows `value` literally: markup like [bold] is not interpreted."""
    from rich.text import Text

    return Text(clean(value), style=style)
