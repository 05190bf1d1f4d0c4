"""A table of fixed-width columns drawn as text, in the look of rich's default table.

The default `assess` screen is one table row per article. rich's Table measures, wraps and
pads every cell (about 15 ms for Kazakhstan's 35 rows, a tenth of the whole command); with
the widths known up front, the same lines are a few string joins. Cells are rich Text, so
styles and the literal display of profile text are rich's own; a cell may hold several lines.
"""

from __future__ import annotations


def fitted_widths(columns: list[tuple[str, int | float, str]], total: int) -> list[int]:
    """Column widths: an int is fixed; a float is a share of what the fixed columns and the
    borders leave of `total` (never narrower than its header)."""
    fixed = sum(width for _, width, _ in columns if isinstance(width, int))
    spare = max(0, total - fixed - 3 * len(columns) - 1)
    return [width if isinstance(width, int) else max(len(header), int(spare * width)) for header, width, _ in columns]


def _cell(text, width: int, justify: str):
    line = text.copy()
    line.truncate(width, overflow="ellipsis")
    line.align("right" if justify == "right" else "left", width)
    return line


def draw(title: str, columns: list[tuple[str, int | float, str]], rows: list[tuple], total: int):
    """The table as one rich Text: title, heavy header, rows, bottom rule."""
    from rich.text import Text

    widths = fitted_widths(columns, total)
    justify = [j for _, _, j in columns]
    out = Text(no_wrap=True, overflow="crop")
    out.append(title.ljust(sum(widths) + 3 * len(widths) + 1), style="italic")
    out.append("\n┏" + "┳".join("━" * (w + 2) for w in widths) + "┓\n┃")
    for (header, _, _), width, side in zip(columns, widths, justify):
        out.append(" ")
        out.append_text(_cell(Text(header, style="bold"), width, side))
        out.append(" ┃")
    out.append("\n┡" + "╇".join("━" * (w + 2) for w in widths) + "┩\n")
    for row in rows:
        cells = [cell.split("\n") for cell in row]
        for index in range(max(len(lines) for lines in cells)):
            out.append("│")
            for lines, width, side in zip(cells, widths, justify):
                out.append(" ")
                out.append_text(_cell(lines[index] if index < len(lines) else Text(), width, side))
                out.append(" │")
            out.append("\n")
    out.append("└" + "┴".join("─" * (w + 2) for w in widths) + "┘")
    return out
