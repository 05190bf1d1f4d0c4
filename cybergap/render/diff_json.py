"""A Delta as JSON, documented by schemas/diff.schema.json."""

from __future__ import annotations

import json

from cybergap import __version__
from cybergap.diff import Delta
from cybergap.model import Finding, Override


def _finding(f: Finding) -> dict:
    return {"rule": f.rule, "severity": f.severity, "article": f.article, "element": f.element,
            "message": f.message, "evidence": list(f.evidence)}


def _override(o: Override | None) -> dict | None:
    """The shape the assessment's JSON report gives an override."""
    if o is None:
        return None
    return {"status": o.status, "justification": o.justification, "approver": o.approver or None,
            "expires": o.expires or None, "expired": o.expired}


def _value(value):
    return value if value is None or isinstance(value, (str, int, float, bool, list, dict)) else str(value)


def to_dict(delta: Delta) -> dict:
    return {
        "tool": {"name": "cybergap", "version": __version__},
        "framework": delta.framework,
        "old": delta.old,
        "new": delta.new,
        "changed": delta.changed,
        "regression": bool(delta.regressions),
        "regressions": delta.regressions,
        "score": {"old": delta.old_overall, "new": delta.new_overall},
        "sections": [{"id": s.id, "title": s.title, "old": s.old_score, "new": s.new_score} for s in delta.sections],
        "articles": [
            {"article": a.number, "title": a.title, "old_status": a.old_status, "new_status": a.new_status,
             "old_computed_status": a.old.computed_status, "new_computed_status": a.new.computed_status,
             "old_override": _override(a.old.override), "new_override": _override(a.new.override),
             "old_rating": a.old.rating, "new_rating": a.new.rating,
             "old_score": a.old_score, "new_score": a.new_score, "direction": a.direction}
            for a in delta.articles
        ],
        "unchanged_articles": delta.unchanged_articles,
        "findings": {"resolved": [_finding(f) for f in delta.resolved],
                     "introduced": [_finding(f) for f in delta.introduced]},
        "provisions": [{"id": p.id, "change": p.kind, "label": p.label, "line": p.line, "wording": list(p.wording)}
                       for p in delta.provisions],
        "facts": [{"where": f.where, "old": _value(f.old), "new": _value(f.new), "line": f.line} for f in delta.facts],
        "overrides": [{"article": o.article, "change": o.kind, "old": _override(o.old), "new": _override(o.new),
                       "line": o.line} for o in delta.overrides],
    }


def render(delta: Delta) -> str:
    return json.dumps(to_dict(delta), indent=2, ensure_ascii=False) + "\n"
