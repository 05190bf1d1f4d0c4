"""`cybergap rules`: every rule of the engine, as a rich table or JSON."""

from __future__ import annotations

import json


def rule_dict(r) -> dict:
    return {"code": r.code, "name": r.name, "severity": r.severity, "convention": r.convention,
            "theme": r.theme, "rationale": r.rationale, "checks": r.doc, "remediation": r.remediation}


def table(rules):
    from rich.table import Table

    from cybergap.render.text import plain

    rendered = Table(title=f"{len(rules)} rules", title_justify="left")
    for column in ("Code", "Name", "Severity", "Convention", "Theme"):
        rendered.add_column(column, no_wrap=column in ("Code", "Severity"), overflow="fold")
    for r in rules:
        rendered.add_row(plain(r.code), plain(r.name), plain(r.severity), plain(r.convention), plain(r.theme))
    return rendered


def render_json(rules) -> str:
    return json.dumps([rule_dict(r) for r in rules], indent=2, ensure_ascii=False) + "\n"
