"""The fixed-width grid of the default `assess` screen: it fits the width, cuts cells with an
ellipsis by display cells (not characters), keeps multi-line cells, and shows text literally."""

from __future__ import annotations

import io

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from cybergap.render.grid import draw, fitted_widths

COLUMNS = [("Art.", 4, "right"), ("Title", 0.4, "left"), ("Status", 14, "left"), ("Gap", 0.6, "left")]


def lines_of(renderable, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(renderable)
    return console.file.getvalue().splitlines()


@pytest.mark.parametrize("width", [60, 80, 120, 200])
def test_the_grid_fits_the_width(width):
    rows = [(Text("1"), Text("A title far longer than any column " * 3), Text("◐ partial"), Text("gap " * 80))]
    lines = lines_of(draw("Articles", COLUMNS, rows, width), width)
    assert all(cell_len(line) <= width for line in lines)
    assert cell_len(lines[1]) == sum(fitted_widths(COLUMNS, width)) + 3 * len(COLUMNS) + 1
    assert "…" in lines[4]  # cut, never wrapped: one line for the row
    assert len(lines) == 6


def test_wide_characters_are_cut_by_display_cells():
    rows = [(Text("2"), Text("刑法第二百零五条" * 4), Text("✔ compliant"), Text("🙂" * 50))]
    lines = lines_of(draw("t", COLUMNS, rows, 80), 80)
    assert {cell_len(line) for line in lines[1:]} == {cell_len(lines[1])}  # every row as wide as the rules


def test_a_cell_of_several_lines_makes_a_taller_row():
    rows = [(Text("23"), Text("General principles"), Text("✔ compliant\nby override;\ncomputed:\n? not assessed"), Text("x"))]
    lines = lines_of(draw("t", COLUMNS, rows, 80), 80)
    assert [line.split("│")[3].strip() for line in lines[4:8]] == ["✔ compliant", "by override;", "computed:", "? not assessed"]
    assert lines[4].split("│")[1].strip() == "23" and lines[5].split("│")[1].strip() == ""


def test_profile_text_is_shown_literally():
    rows = [(Text("1"), Text("[bold red]not markup[/] \x1b[31m"), Text("x"), Text("y"))]
    line = lines_of(draw("t", COLUMNS, rows, 120), 120)[4]
    assert "[bold red]not markup[/]" in line


@pytest.mark.parametrize("width", [40, 80])
def test_the_header_box_fits_whatever_its_title(width):
    from cybergap.render.grid import Box

    lines = lines_of(Box(Text("Kazakhstan (KZ) " * 12), "cybergap assessment · " + "a very long framework name " * 4), width)
    assert all(cell_len(line) == width for line in lines)
    assert lines[0].startswith("╭─ cybergap assessment") and lines[-1].startswith("╰")
