"""A Delta for the terminal, with rich."""

from __future__ import annotations

from cybergap.diff import Delta
from cybergap.render.diff_markdown import ARROW, summary
from cybergap.render.table import status_text
from cybergap.render.text import plain

STYLE = {"better": "green", "worse": "red", "changed": "yellow"}


def render(delta: Delta):
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts = [Text(summary(delta).replace("**", ""), style="bold"), plain(f"{delta.old} → {delta.new}", "dim")]
    for reason in delta.regressions:
        parts.append(Text(f"▼ {reason}", style="red"))
    if delta.articles:
        table = Table(title="Articles that changed", title_justify="left")
        for column in ("Art.", "Title", "Old", "New", "Score", ""):
            table.add_column(column)
        for a in delta.articles:
            old_score = "—" if a.old_score is None else f"{a.old_score:.1f}"
            new_score = "—" if a.new_score is None else f"{a.new_score:.1f}"
            table.add_row(plain(a.number), plain(a.title), status_text(a.old_status), status_text(a.new_status),
                          plain(f"{old_score} → {new_score}"), Text(ARROW[a.direction], style=STYLE[a.direction]))
        parts.append(table)
    parts.append(plain(f"{delta.unchanged_articles} article(s) unchanged.", "dim"))
    for title, findings, style in (("Resolved", delta.resolved, "green"), ("Introduced", delta.introduced, "red")):
        if findings:
            table = Table(title=f"{title} findings", title_justify="left")
            for column in ("Rule", "Art.", "Element", "Message"):
                table.add_column(column)
            for f in findings:
                table.add_row(Text(f.rule, style=style), plain(f.article), plain(f.element), plain(f.message))
            parts.append(table)
    if delta.provisions:
        table = Table(title="Provisions", title_justify="left")
        for column in ("Provision", "Change", "Line", "Wording"):
            table.add_column(column)
        for p in delta.provisions:
            table.add_row(plain(f"{p.id} ({p.label})"), plain(p.kind), plain(p.line or ""), plain("\n".join(p.wording)))
        parts.append(table)
    if delta.facts:
        table = Table(title="Facts and mappings", title_justify="left")
        for column in ("Where", "Old", "New", "Line"):
            table.add_column(column)
        for f in delta.facts:
            table.add_row(plain(f.where), plain(f.old), plain(f.new), plain(f.line or ""))
        parts.append(table)
    return Group(*parts)
