"""`cybergap new`: the text of a skeleton profile (schema version 2, status draft) with every
mandatory element of the Convention listed as a draft mapping, and comments that say what each
block is for. Plain text out; the command line writes it."""

from __future__ import annotations

import json
import re

PLACEHOLDER = "Replace this file with the text of the source document the profile is curated from."


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "country"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def skeleton(name: str, iso2: str, schema: str, source_path: str, catalog=None) -> str:
    from cybergap.catalog import load_catalog

    catalog = catalog or load_catalog()
    lines = [
        f"# yaml-language-server: $schema={schema}",
        "#",
        f"# {name}, measured against the Budapest Convention on Cybercrime (ETS 185). A SKELETON written",
        "# by `cybergap new`: fill it in from the source, then run `cybergap check` until it is clean",
        "# and `cybergap assess`. Record what the law SAYS (verbatim excerpts, facts); scores are computed.",
        "schema_version: 2",
        "# The State profiled.",
        "country:",
        f"  name: {_q(name)}",
        f"  iso2: {iso2}",
        "# This profile's version and the document it is curated from. The source's text must be kept",
        "# in the sources/ folder beside this file: `check` proves every excerpt verbatim against it.",
        "profile:",
        '  version: "draft"',
        "  status: draft  # set curated once every mapping below is judged",
        "  source:",
        f"    title: {_q(name + ' – Cybercrime legislation (the source document; replace)')}",
        "    publisher: Council of Europe, Cybercrime Programme Office (C-PROC)",
        "    date: null  # the source's version date, YYYY-MM-DD",
        f"    path: {source_path}",
        "# The State's acts in respect of the Convention: dates, reservations and declarations made.",
        "treaty_status:",
        "  signature:",
        "    date: null",
        "  reservations: []",
        "  declarations: []",
        "# The legal instruments the profile quotes (codes, laws, regulations); `commentary` is the",
        "# source's own explanatory text, never law.",
        "instruments:",
        "  - id: commentary",
        "    title: Explanatory text of the source (not law)",
        "    kind: commentary",
        "# The provisions quoted: one entry per article or section, each excerpt verbatim from the source,",
        "# with the facts it states (offence, penalties, ...) for the rules. Replace this placeholder.",
        "provisions:",
        "  - id: commentary-placeholder",
        "    instrument: commentary",
        "    reference: placeholder",
        "    excerpts:",
        f"      - text: {_q(PLACEHOLDER)}",
        "# Every mandatory element of the Convention, mapped to the provisions that implement it.",
        "# coverage: draft means not judged yet; set full, partial, none or not_applicable, and say why.",
        "mappings:",
    ]
    for article in catalog.articles:
        elements = [e for e in article.get("elements", []) if e["obligation"] == "mandatory"] or article.get("elements", [])
        if not elements:
            continue
        lines.append(f"  # Article {article['number']} – {article['title']}")
        for element in elements:
            lines += [f"  - element: {_q(element['id'])}",
                      "    provisions: []",
                      "    coverage: draft",
                      f"    note: {_q('To curate: ' + element['label'])}"]
    return "\n".join(lines) + "\n"
