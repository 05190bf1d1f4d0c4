"""A Comparison for the terminal: articles down, profiles across (a matrix of 35 articles by a
few countries fits 80 columns this way round); when the profiles do not fit the width, the
matrix continues in further blocks of columns, each repeating the article titles."""

from __future__ import annotations

from cybergap.compare import Cell, Comparison
from cybergap.model import Rating, Status
from cybergap.render.text import clean, score, under

CELL = 10  # "PC ◐  62.5"
HEADING_MAX = 12  # longer headings are cut with an ellipsis; the profile list names them in full
ARTICLE_MIN = 22  # the article column never gets narrower than this
PENDING = "… pending"


def cell_text(cell: Cell | None):
    """Rating, status symbol and score in ten characters, coloured as `assess` colours them."""
    from rich.text import Text

    if cell is None:
        return Text("", style="dim")
    if cell.pending:
        return Text(PENDING, style="dim italic")
    status = Status(cell.status)
    text = Text()
    if cell.rating is None:
        text.append("? ", style="dim")
    else:
        text.append(f"{cell.rating:<2}", style=Rating(cell.rating).style)
    text.append(f" {status.symbol}", style=status.style)
    text.append(f" {score(cell.score):>5}")
    return text



def _fits(comparison: Comparison, width: int) -> int:
    """How many profile columns fit beside the article column in `width`."""
    cell = _cell_width(comparison)
    return max(1, (width - 1 - (ARTICLE_MIN + 3)) // (cell + 3))


def _cell_width(comparison: Comparison) -> int:
    return max([CELL, *(min(HEADING_MAX, len(h)) for h in comparison.headings)])


def _matrix(comparison: Comparison, indices: list[int], width: int, title: str):
    from rich.text import Text

    from cybergap.render.grid import draw

    cell = _cell_width(comparison)
    columns = [("Article", 1.0, "left")] + [(comparison.headings[i], cell, "left") for i in indices]
    rows = [(Text("Overall", style="bold"), *(Text(f"{score(comparison.rows[i].overall):>{cell}}", style="bold")
                                               for i in indices))]
    for section in comparison.sections:
        if section.scored:
            rows.append((Text(clean(section.title), style="bold"),
                         *(Text(f"{score(comparison.rows[i].sections.get(section.id)):>{cell}}") for i in indices)))
    for article in comparison.articles:
        rows.append((Text(clean(f"{article.number} {article.title}")),
                     *(cell_text(comparison.rows[i].cells.get(article.number)) for i in indices)))
    return draw(title, columns, rows, width)


def _profiles(comparison: Comparison, width: int):
    """Who each heading is: the country, the file (and revision), the profile's version."""
    from rich.text import Text

    out = Text(no_wrap=True, overflow="ellipsis")
    pad = max(len(h) for h in comparison.headings)
    for heading, item in zip(comparison.headings, comparison.rows):
        line = f"{heading:<{pad}}  {item.country} · {item.label} · profile {item.version}"
        if item.draft:
            line += " · draft"
        line = clean(line)
        out.append((line[:width - 1] + "…") if len(line) > width else line)
        out.append("\n")
    out.rstrip()
    return out


def _differences(comparison: Comparison, width: int, top: int):
    from rich.text import Text

    from cybergap.render.grid import draw

    shown = comparison.differences[:top]

    def who(indices) -> str:
        return ", ".join(comparison.headings[i] for i in indices)

    rows = [(Text(d.article), Text(clean(d.title)), Text(f"{d.spread:.1f}"),
             Text(f"{score(d.high)} {who(d.highest)}", style="green"),
             Text(f"{score(d.low)} {who(d.lowest)}", style="red")) for d in shown]
    title = f"Where they differ most ({len(shown)} of {len(comparison.differences)} articles)"
    return draw(title, [("Art.", 4, "right"), ("Title", 0.4, "left"), ("Spread", 6, "right"),
                        ("Highest", 0.3, "left"), ("Lowest", 0.3, "left")], rows, width)


KEY = ("Ratings C LC PC NC NA · statuses ✔ compliant ◐ partial ✘ missing – not applicable ? not assessed · "
       f"{PENDING}: a draft's article not assessed yet · computed statuses (overrides: --format json)")


def render(comparison: Comparison, width: int, top: int = 10):
    """A rich renderable: the profiles, the matrix (in blocks of columns), the differences."""
    from rich.console import Group
    from rich.text import Text

    framework = under(comparison)
    parts = [Text(f"cybergap comparison: {len(comparison.rows)} profile(s){framework}", style="bold"),
             _profiles(comparison, width)]
    per_block = _fits(comparison, width)
    indices = list(range(len(comparison.rows)))
    blocks = [indices[start:start + per_block] for start in range(0, len(indices), per_block)]
    for number, block in enumerate(blocks, start=1):
        title = "Ratings and scores" + (f" ({number}/{len(blocks)})" if len(blocks) > 1 else "")
        parts.append(_matrix(comparison, block, width, title))
    if len(comparison.rows) > 1 and top:
        if comparison.differences:
            parts.append(_differences(comparison, width, top))
        else:
            parts.append(Text("The profiles do not differ on any article both assess.", style="dim"))
    key = Text(KEY, style="dim")
    parts.append(key)
    return Group(*parts)
