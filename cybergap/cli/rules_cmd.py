"""`cybergap rules` and `cybergap explain CODE|scoring`."""

from __future__ import annotations

import json

from cybergap.cli.common import check_choice, emit, stdout_console, usage_error


def run_rules(format: str) -> int:
    from cybergap.rules import all_rules

    check_choice(format, ("table", "json"))
    rules = all_rules()
    if format == "json":
        emit(json.dumps([_rule_dict(r) for r in rules], indent=2, ensure_ascii=False) + "\n", data=True)
        return 0
    from rich.table import Table

    from cybergap.render.text import plain

    table = Table(title=f"{len(rules)} rules", title_justify="left")
    for column in ("Code", "Name", "Severity", "Convention", "Theme"):
        table.add_column(column, no_wrap=column in ("Code", "Severity"), overflow="fold")
    for r in rules:
        table.add_row(plain(r.code), plain(r.name), plain(r.severity), plain(r.convention), plain(r.theme))
    stdout_console().print(table)
    return 0


def run_explain(code: str, format: str) -> int:
    from cybergap.rules import all_rules
    from cybergap.priorities import RANKING
    from cybergap.scoring import FORMULA, RATING_RULE

    check_choice(format, ("text", "json"))
    topics = {"scoring": ("How cybergap scores", f"{FORMULA}\n\nHow priorities are ranked:\n\n{RANKING}"),
              "rating": ("How cybergap rates articles", RATING_RULE)}
    if code.lower() in topics:
        heading, text = topics[code.lower()]
        if format == "json":
            emit(json.dumps({code.lower(): text}, indent=2) + "\n", data=True)
        else:
            emit(f"{heading}\n\n{text}\n")
        return 0
    found = {r.code: r for r in all_rules()}.get(code.upper())
    if found is None:
        return usage_error(f"no rule {code!r}; `cybergap rules` lists them, `cybergap explain scoring` and `explain rating` explain scores and ratings")
    if format == "json":
        emit(json.dumps(_rule_dict(found), indent=2, ensure_ascii=False) + "\n", data=True)
        return 0
    emit(f"{found.code} {found.name} ({found.severity}) — {found.convention}\n\n"
         f"Why:\n{found.rationale}\n\nWhat it checks:\n{found.doc}\n\nRemedy:\n{found.remediation}\n")
    return 0


def _rule_dict(r) -> dict:
    return {"code": r.code, "name": r.name, "severity": r.severity, "convention": r.convention,
            "theme": r.theme, "rationale": r.rationale, "checks": r.doc, "remediation": r.remediation}
