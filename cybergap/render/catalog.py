"""The catalogue as a table, one article in depth, or JSON."""

from __future__ import annotations

import json

from cybergap.catalog import Catalog, article_number
from cybergap.render.text import plain

# Shown wherever an element or article of a catalogue that records verification was not verified.
UNVERIFIED = "UNVERIFIED"
UNVERIFIED_NOTE = ("UNVERIFIED: no text of this article is held; its number, title and paragraph structure come from "
                   "the curators' knowledge of the Convention and were not checked against an official text.")
SUMMARY_TITLE = "Summary (the curators' words, not the treaty's)"


def _records_verification(catalog: Catalog) -> bool:
    return any("verified" in article for article in catalog.articles)


def _verified(item: dict) -> str:
    return "yes" if item.get("verified") else UNVERIFIED


def _heading(catalog: Catalog) -> str:
    convention = catalog.convention
    if convention.get("document"):
        return f"{convention['title']} ({convention['document']})"
    return "Convention on Cybercrime (ETS 185)"


def catalog_table(catalog: Catalog):
    from rich.table import Table

    checked = _records_verification(catalog)
    table = Table(title=_heading(catalog), title_justify="left", expand=False)
    table.add_column("Art.", justify="right", no_wrap=True)
    table.add_column("Title (curators' English)" if checked else "Title")
    table.add_column("Section", no_wrap=True)
    table.add_column("Elements", justify="right", no_wrap=True)
    if checked:
        table.add_column("Verified", no_wrap=True)
        table.caption = ("Verified: number, title and paragraphs checked against the Arabic text held; "
                         f"{UNVERIFIED}: not checked against any text of the Convention.")
        table.caption_justify = "left"
    for article in catalog.articles:
        elements = article.get("elements", [])
        optional = sum(1 for e in elements if e["obligation"] == "optional")
        no_duty = sum(1 for e in elements if e["obligation"] == "none")  # purpose, scope, interpretation
        notes = [f"{optional} opt."] * bool(optional) + [f"{no_duty} no duty"] * bool(no_duty)
        row = [
            plain(article["number"]),
            plain(article["title"]),
            plain(catalog.section_title(article["scoring_section"])),
            plain(f"{len(elements)}" + (f" ({', '.join(notes)})" if notes else "")),
        ]
        if checked:
            row.append(plain(_verified(article), style="" if article.get("verified") else "bold red"))
        table.add_row(*row)
    return table


def article_view(catalog: Catalog, article: dict):
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table

    checked = _records_verification(catalog)
    heading = f"Article {article['number']} – {article['title']}"
    if not checked:
        parts = [Panel(plain(article["text"].strip()), title=plain(heading), title_align="left")]
    elif article.get("text"):  # verified: the official text, in its language, then our summary
        language = {"ar": "Arabic"}.get(article.get("text_language", "en"), "English")
        official = f"{heading} – official {language} text: {article.get('official_title', '')} (verified)"
        parts = [Panel(plain(article["text"].strip()), title=plain(official), title_align="left"),
                 Panel(plain(article.get("summary", "").strip()), title=SUMMARY_TITLE, title_align="left")]
    else:
        body = plain(UNVERIFIED_NOTE, style="bold red")
        body.append(f"\n\n{SUMMARY_TITLE}:\n")
        body.append_text(plain(article.get("summary", "").strip()))
        parts = [Panel(body, title=plain(f"{heading} – {UNVERIFIED}"), title_align="left")]
    elements = Table(title="Elements", title_justify="left")
    elements.add_column("Id", no_wrap=True)
    elements.add_column("Requirement (summary)" if checked else "Requirement")
    elements.add_column("Obligation", no_wrap=True)
    elements.add_column("Weight", no_wrap=True)
    if checked:
        elements.add_column("Verified", no_wrap=True)
    for element in article.get("elements", []):
        requirement = plain(element["label"])
        if element.get("weight_reason"):  # why it weighs what it does, under the requirement
            requirement.append("\n")
            requirement.append_text(plain(element["weight_reason"], style="dim"))
        row = [plain(element["id"]), requirement, plain(element["obligation"]), plain(element.get("weight", "-"))]
        if checked:
            row.append(plain(_verified(element), style="" if element.get("verified") else "bold red"))
        elements.add_row(*row)
    parts.append(elements)
    extras = Table(title="Qualifiers, declarations and reservations", title_justify="left")
    extras.add_column("Kind", no_wrap=True)
    extras.add_column("Id / element", no_wrap=True)
    extras.add_column("What")
    for qualifier in article.get("qualifiers", []):
        how = qualifier["permitted"].replace("_", " ")
        where = f", {qualifier['paragraph']}" if qualifier.get("paragraph") else ""
        mark = f" ({UNVERIFIED})" if checked and not article.get("verified") else ""
        extras.add_row(plain("qualifier"), plain(qualifier["element"]), plain(f"{qualifier['label']} ({how}{where}){mark}"))
    for declaration in article.get("declarations", []):
        extras.add_row(plain("declaration"), plain(declaration["id"]), plain(declaration["label"]))
    for reservation in article.get("reservations", []):
        mark = f" ({UNVERIFIED})" if checked and not reservation.get("verified") else ""
        extras.add_row(plain("reservation"), plain(reservation["id"]), plain(reservation["label"] + mark))
    if extras.row_count:
        parts.append(extras)
    thresholds = [t for t in catalog.thresholds.values() if article_number(t["element"]) == article["number"]]
    if thresholds:
        lines = "\n".join(f"{t['element']}: {_threshold_words(t, checked)}" for t in thresholds)
        parts.append(Panel(plain(lines), title="Thresholds", title_align="left"))
    return Group(*parts)


def _threshold_words(threshold: dict, checked: bool) -> str:
    if "text" in threshold:
        return threshold["text"]
    mark = "" if threshold.get("verified") or not checked else f" [{UNVERIFIED}]"
    return f"{threshold['summary']} (summary){mark}"


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
