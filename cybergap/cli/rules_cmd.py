"""`cybergap rules` and `cybergap explain CODE|scoring`."""

from __future__ import annotations

import json

from cybergap.cli.common import check_choice, check_format, deliver, emit, usage_error


def run_rules(format: str) -> int:
    from cybergap.render.formats import View
    from cybergap.rules import all_rules

    check_format("rules", format)
    return deliver("rules", format, all_rules(), View(), None, False)


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
        from cybergap.render.rules import rule_dict

        emit(json.dumps(rule_dict(found), indent=2, ensure_ascii=False) + "\n", data=True)
        return 0
    emit(f"{found.code} {found.name} ({found.severity}) — {found.convention}\n\n"
         f"Why:\n{found.rationale}\n\nWhat it checks:\n{found.doc}\n\nRemedy:\n{found.remediation}\n")
    return 0
