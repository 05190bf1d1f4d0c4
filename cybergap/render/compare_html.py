"""A Comparison as one self-contained HTML page (templates/compare.html.j2): the profiles, a
heatmap of articles down and profiles across (section and overall scores above their articles;
ten profiles a matrix, so a printed page stays legible), and the articles where they differ
most. Safety and look as in assess_html: no script, nothing fetched, CSS allowed by its hash,
every value escaped and its invisible characters shown."""

from __future__ import annotations

from cybergap.compare import Cell, Comparison
from cybergap.model import Status
from cybergap.render.assess_html import environment, page_head, section_groups
from cybergap.render.text import under

PENDING = "…"
PER_BLOCK = 10  # profiles side by side in one matrix: more are continued in another, as in the table


def cell_class(cell: Cell | None) -> str:
    if cell is None or cell.rating is None:
        return "r-none pending" if cell is not None and cell.pending else "r-none"
    return f"r-{cell.rating}"


def cell_code(cell: Cell | None) -> str:
    if cell is not None and cell.pending:
        return PENDING
    return cell.rating if cell is not None and cell.rating else "?"


def cell_words(cell: Cell | None) -> str:
    """The cell in words, for its tooltip and for screen readers."""
    if cell is None:
        return "not in this profile"
    if cell.pending:
        return "pending: the draft has not assessed it yet"
    words = f"{cell.rating or 'not rated'}, {Status(cell.status).word}"
    if cell.override:
        words += f" (override applies: {Status(cell.override).word})"
    return words


def render(comparison: Comparison, top: int = 10) -> str:
    from cybergap import __version__

    framework = under(comparison)
    template = environment().get_template("compare.html.j2")
    indices = list(range(len(comparison.rows)))
    blocks = [indices[start:start + PER_BLOCK] for start in range(0, len(indices), PER_BLOCK)]
    return template.render(
        c=comparison, rows=comparison.rows, headings=comparison.headings, groups=section_groups(comparison.articles, [s._asdict() for s in comparison.sections]), blocks=blocks,
        differences=comparison.differences[:top], under=framework, version=__version__,
        cell_class=cell_class, cell_code=cell_code, cell_words=cell_words, pending=PENDING,
        **page_head(f"cybergap · comparison of {len(comparison.rows)} profile(s){framework}"),
    )
