"""The catalogue as a table, one article in depth, or JSON."""

from __future__ import annotations

import json

from cybergap.catalog import Catalog
from cybergap.render.text import plain


def catalog_table(catalog: Catalog):
    from rich.table import Table

    table = Table(title="Convention on Cybercrime (ETS 185)", title_justify="left", expand=False)
    table.add_column("Art.", justify="right", no_wrap=True)
    table.add_column("Title")
    table.add_column("Section", no_wrap=True)
    table.add_column("Elements", justify="right", no_wrap=True)
    for article in catalog.articles:
        elements = article.get("elements", [])
        mandatory = sum(1 for e in elements if e["obligation"] == "mandatory")
        table.add_row(
            plain(article["number"]),
            plain(article["title"]),
            plain(catalog.section_title(article["scoring_section"])),
            plain(f"{len(elements)}" + (f" ({len(elements) - mandatory} opt.)" if len(elements) > mandatory else "")),
        )
    return table


def article_view(catalog: Catalog, article: dict):
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table

    heading = f"Article {article['number']} – {article['title']}"
    text = Panel(plain(article["text"].strip()), title=plain(heading), title_align="left")
    elements = Table(title="Elements", title_justify="left")
    elements.add_column("Id", no_wrap=True)
    elements.add_column("Requirement")
    elements.add_column("Obligation", no_wrap=True)
    elements.add_column("Weight", no_wrap=True)
    for element in article.get("elements", []):
        requirement = plain(element["label"])
        if element.get("weight_reason"):  # why it weighs what it does, under the requirement
            requirement.append("\n")
            requirement.append_text(plain(element["weight_reason"], style="dim"))
        elements.add_row(plain(element["id"]), requirement, plain(element["obligation"]), plain(element.get("weight", "-")))
    parts = [text, elements]
    extras = Table(title="Qualifiers, declarations and reservations", title_justify="left")
    extras.add_column("Kind", no_wrap=True)
    extras.add_column("Id / element", no_wrap=True)
    extras.add_column("What")
    for qualifier in article.get("qualifiers", []):
        how = qualifier["permitted"].replace("_", " ")
        extras.add_row(plain("qualifier"), plain(qualifier["element"]), plain(f"{qualifier['label']} ({how})"))
    for declaration in article.get("declarations", []):
        extras.add_row(plain("declaration"), plain(declaration["id"]), plain(declaration["label"]))
    for reservation in article.get("reservations", []):
        extras.add_row(plain("reservation"), plain(reservation["id"]), plain(reservation["label"]))
    if extras.row_count:
        parts.append(extras)
    thresholds = [t for t in catalog.thresholds.values() if t["element"].split(".")[0] == article["number"]]
    if thresholds:
        lines = "\n".join(f"{t['element']}: {t['text']}" for t in thresholds)
        parts.append(Panel(plain(lines), title="Thresholds", title_align="left"))
    return Group(*parts)


def catalog_json(catalog: Catalog, article: dict | None = None) -> str:
    if article is not None:
        return json.dumps(article, indent=2, ensure_ascii=False)
    payload = {
        "convention": catalog.convention,
        "sections": catalog.sections,
        "thresholds": catalog.thresholds,
        "articles": catalog.articles,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)
