"""A Delta for the terminal, with rich."""

from __future__ import annotations

from cybergap.diff import Delta
from cybergap.render.diff_markdown import ARROW, override_cells, summary
from cybergap.render.table import article_status
from cybergap.render.text import plain, rating_code, score

STYLE = {"better": "green", "worse": "red", "changed": "yellow"}


def _table(title: str, columns: tuple[str, ...], rows) -> object:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    return table


def render(delta: Delta):
    from rich.console import Group
    from rich.text import Text

    parts = [Text(summary(delta).replace("**", ""), style="bold"), plain(f"{delta.old} → {delta.new}", "dim")]
    parts += [Text(f"▼ {reason}", style="red") for reason in delta.regressions]
    sections = [x for x in delta.sections if x.old_score != x.new_score]
    if sections:
        parts.append(_table("Sections that changed", ("Section", "Old", "New"), (
            (plain(x.title), plain(score(x.old_score)), plain(score(x.new_score))) for x in sections)))
    if delta.articles:
        parts.append(_table("Articles that changed", ("Art.", "Title", "Old", "New", "Rating", "Score", ""), (
            (plain(a.number), plain(a.title), article_status(a.old), article_status(a.new),
             plain(f"{rating_code(a.old)} → {rating_code(a.new)}"),
             plain(f"{score(a.old_score)} → {score(a.new_score)}"), Text(ARROW[a.direction], style=STYLE[a.direction]))
            for a in delta.articles)))
    parts.append(plain(f"{delta.unchanged_articles} article(s) unchanged.", "dim"))
    if delta.overrides:
        parts.append(_table("Overrides", ("Art.", "Change", "Status", "Expires", "Justification", "Line"), (
            (plain(o.article), plain(o.kind), *(plain(c) for c in override_cells(o)), plain(o.line or ""))
            for o in delta.overrides)))
    for title, findings, style in (("Resolved", delta.resolved, "green"), ("Introduced", delta.introduced, "red")):
        if findings:
            parts.append(_table(f"{title} findings", ("Rule", "Art.", "Element", "Message"), (
                (Text(f.rule, style=style), plain(f.article), plain(f.element), plain(f.message)) for f in findings)))
    if delta.provisions:
        parts.append(_table("Provisions", ("Provision", "Change", "Line", "Wording"), (
            (plain(f"{p.id} ({p.label})"), plain(p.kind), plain(p.line or ""), plain("\n".join(p.wording)))
            for p in delta.provisions)))
    if delta.facts:
        parts.append(_table("Facts and mappings", ("Where", "Old", "New", "Line"), (
            (plain(f.where), plain(f.old), plain(f.new), plain(f.line or "")) for f in delta.facts)))
    return Group(*parts)

