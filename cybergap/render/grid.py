"""A table of fixed-width columns drawn as text, in the look of rich's default table.

The default `assess` screen is one table row per article. rich's Table measures, wraps and
pads every cell (about 15 ms for Kazakhstan's 35 rows, a tenth of the whole command); with
the widths known up front, the lines are a few string joins, handed to rich as segments.
Cells are rich Text, so styles and the literal display of profile text are rich's own; a cell
may hold several lines.
"""

from __future__ import annotations


def fitted_widths(columns: list[tuple[str, int | float, str]], total: int) -> list[int]:
    """Column widths: an int is fixed; a float is a share of what the fixed columns and the
    borders leave of `total` (never narrower than its header)."""
    fixed = sum(width for _, width, _ in columns if isinstance(width, int))
    spare = max(0, total - fixed - 3 * len(columns) - 1)
    return [width if isinstance(width, int) else max(len(header), int(spare * width)) for header, width, _ in columns]


class Grid:
    """The table, rendered line by line as segments."""

    def __init__(self, title: str, columns: list[tuple[str, int | float, str]], rows: list[tuple], total: int):
        self.title, self.columns, self.rows, self.total = title, columns, rows, total

    def __rich_console__(self, console, options):
        from rich.segment import Segment
        from rich.text import Text

        widths = fitted_widths(self.columns, self.total)
        sides = [side for _, _, side in self.columns]
        line = Segment.line()
        yield Segment(self.title.ljust(sum(widths) + 3 * len(widths) + 1), console.get_style("italic"))
        yield line
        yield Segment("┏" + "┳".join("━" * (w + 2) for w in widths) + "┓")
        yield line
        yield Segment("┃")
        for (header, _, _), width, side in zip(self.columns, widths, sides):
            yield Segment(" ")
            yield from _cell(console, Text(header, style="bold"), width, side)
            yield Segment(" ┃")
        yield line
        yield Segment("┡" + "╇".join("━" * (w + 2) for w in widths) + "┩")
        yield line
        for row in self.rows:
            cells = [cell.split("\n") for cell in row]
            for index in range(max(len(lines) for lines in cells)):
                yield Segment("│")
                for lines, width, side in zip(cells, widths, sides):
                    yield Segment(" ")
                    yield from _cell(console, lines[index] if index < len(lines) else Text(), width, side)
                    yield Segment(" │")
                yield line
        yield Segment("└" + "┴".join("─" * (w + 2) for w in widths) + "┘")
        yield line


def _cell(console, text, width: int, justify: str):
    """The segments of one cell: `text` cut with an ellipsis, or padded, to `width` display cells."""
    from rich.cells import cell_len, set_cell_size
    from rich.segment import Segment

    if text.spans:  # several styles in one cell (a score bar): rich's own cut and padding
        cut = text.copy()
        cut.truncate(width, overflow="ellipsis")
        cut.align("right" if justify == "right" else "left", width)
        yield from cut.render(console)
        return
    plain = text.plain
    size = cell_len(plain)
    if size > width:
        plain, size = set_cell_size(plain, width - 1) + "…", width
    pad = " " * (width - size)
    yield Segment(pad + plain if justify == "right" else plain + pad, console.get_style(text.style) if text.style else None)


def draw(title: str, columns: list[tuple[str, int | float, str]], rows: list[tuple], total: int) -> Grid:
    """The table for a width of `total` columns: title, heavy header, rows, bottom rule."""
    return Grid(title, columns, rows, total)


class Box:
    """A rich Text in a rounded box with a title, as wide as the console: rich's Panel, drawn
    directly (the header of the default screen)."""

    def __init__(self, body, title: str):
        self.body, self.title = body, title

    def __rich_console__(self, console, options):
        from rich.cells import cell_len
        from rich.segment import Segment

        width = options.max_width
        inner = width - 4
        title = f" {self.title} "
        if cell_len(title) > width - 3:  # a title wider than the box is cut, as rich's Panel cuts it
            from rich.cells import set_cell_size

            title = set_cell_size(title, max(0, width - 4)) + "…"
        yield Segment("╭─" + title + "─" * max(0, width - 3 - cell_len(title)) + "╮")
        yield Segment.line()
        for line in self.body.wrap(console, inner):
            line.align("left", inner)
            yield Segment("│ ")
            yield from line.render(console)
            yield Segment(" │")
            yield Segment.line()
        yield Segment("╰" + "─" * (width - 2) + "╯")
        yield Segment.line()
