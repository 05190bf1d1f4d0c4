"""A Comparison as Markdown: articles down, profiles across, then where they differ most."""

from __future__ import annotations

from cybergap.compare import Cell, Comparison
from cybergap.model import Status
from cybergap.render.markdown import cell as md
from cybergap.render.text import score, under

PENDING = "… pending"


def cell_text(cell: Cell | None) -> str:
    if cell is None:
        return ""
    if cell.pending:
        return PENDING
    rating = cell.rating or "?"
    return f"{rating} {Status(cell.status).symbol} {score(cell.score)}"



def render(comparison: Comparison, top: int = 10) -> str:
    rows = comparison.rows
    framework = under(comparison)
    lines = [f"# Comparison of {len(rows)} profile(s){framework}", "",
             "| Column | Country | Profile | Version | Overall |", "|---|---|---|---|---:|"]
    for heading, item in zip(comparison.headings, rows):
        name = md(item.country) + (" (draft)" if item.draft else "")
        lines.append(f"| {md(heading)} | {name} | {md(item.label)} | {md(item.version)} | {score(item.overall)} |")
    lines += ["", "## Ratings and scores", "",
              "| Article | " + " | ".join(md(h) for h in comparison.headings) + " |",
              "|---|" + "---|" * len(rows)]
    lines.append("| **Overall** | " + " | ".join(f"**{score(item.overall)}**" for item in rows) + " |")
    for section in comparison.sections:
        if section.scored:
            lines.append(f"| **{md(section.title)}** | " + " | ".join(score(item.sections.get(section.id)) for item in rows) + " |")
    for article in comparison.articles:
        lines.append(f"| {md(article.number)} {md(article.title)} | "
                     + " | ".join(cell_text(item.cells.get(article.number)) for item in rows) + " |")
    lines += ["", "Ratings C, LC, PC, NC, NA; statuses ✔ compliant, ◐ partial, ✘ missing, – not applicable, "
              f"? not assessed; {PENDING}: a draft's article not assessed yet. Statuses are the computed ones.", ""]
    if len(rows) > 1 and top:
        lines += ["## Where they differ most", ""]
        if not comparison.differences:
            lines += ["The profiles do not differ on any article both assess.", ""]
        else:
            lines += ["| Article | Spread | Highest | Lowest |", "|---|---:|---|---|"]
            for d in comparison.differences[:top]:
                high = ", ".join(md(comparison.headings[i]) for i in d.highest)
                low = ", ".join(md(comparison.headings[i]) for i in d.lowest)
                lines.append(f"| {md(d.article)} {md(d.title)} | {d.spread:.1f} | {score(d.high)} {high} | "
                             f"{score(d.low)} {low} |")
            lines.append("")
    return "\n".join(lines)
