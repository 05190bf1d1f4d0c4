"""Safe text for rich: profile text never restyles or breaks the output."""

from __future__ import annotations

import re

from cybergap.escaping import show_invisible

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]|\x1b\[[0-9;?]*[ -/]*[@-~]")


def clean(value: object) -> str:
    """Strip terminal escape sequences and control characters (newlines and tabs kept); show
    bidi overrides and zero-width characters as <U+202E>, so text reads as it is stored."""
    return show_invisible(_CONTROL.sub("", "" if value is None else str(value)))


def plain(value: object, style: str = ""):
    """A rich Text that shows `value` literally: markup like [bold] is not interpreted."""
    from rich.text import Text

    return Text(clean(value), style=style)


def score(value: float | None) -> str:
    """A score as every output shows it: one decimal, or an em dash when there is none."""
    return "—" if value is None else f"{value:.1f}"


def rating_code(article) -> str:
    """An article's rating code (C, LC, PC, NC, NA), or '?' when it is not assessed."""
    return article.rating.value if article.rating else "?"


def under(result) -> str:
    """" under the <framework's title>" for a result (a Delta, a Comparison) assessed against
    another framework than Budapest, the default that titles do not name; else ""."""
    return f" under the {result.framework_title}" if result.framework != "budapest" else ""
