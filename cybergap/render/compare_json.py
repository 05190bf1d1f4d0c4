"""A Comparison as JSON, documented by schemas/compare.schema.json."""

from __future__ import annotations

import json

from cybergap import __version__
from cybergap.compare import Comparison


def to_dict(comparison: Comparison) -> dict:
    headings = comparison.headings
    return {
        "tool": {"name": "cybergap", "version": __version__},
        "framework": comparison.framework,
        "sections": [{"id": s.id, "title": s.title, "scored": s.scored} for s in comparison.sections],
        "articles": [{"article": a.number, "title": a.title, "section": a.section} for a in comparison.articles],
        "profiles": [
            {
                "column": heading,
                "path": item.label,
                "revision": item.revision,
                "country": item.country,
                "iso2": item.iso2,
                "version": item.version,
                "draft": item.draft,
                "overall": item.overall,
                "sections": {s.id: item.sections.get(s.id) for s in comparison.sections},
                "articles": {
                    number: {"rating": cell.rating, "status": cell.status, "score": cell.score,
                             "pending": cell.pending, "override": cell.override}
                    for number, cell in item.cells.items()
                },
            }
            for heading, item in zip(headings, comparison.rows)
        ],
        "differences": [
            {"article": d.article, "title": d.title, "spread": d.spread, "low": d.low, "high": d.high,
             "lowest": [headings[i] for i in d.lowest], "highest": [headings[i] for i in d.highest],
             "ratings": d.ratings}
            for d in comparison.differences
        ],
    }


def render(comparison: Comparison) -> str:
    return json.dumps(to_dict(comparison), indent=2, ensure_ascii=False) + "\n"
