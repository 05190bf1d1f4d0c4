"""The assessment as JSON, documented by schemas/report.schema.json."""

from __future__ import annotations

from cybergap import __version__
from cybergap.model import Assessment, Finding


def finding_dict(finding: Finding, assessment: Assessment) -> dict:
    return {
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity,
        "article": finding.article,
        "element": finding.element,
        "elements": list(finding.affected),
        "message": finding.message,
        "convention": finding.convention,
        "evidence": [
            {"provision": pid, "reference": assessment.provisions.get(pid, {}).get("label", pid)}
            for pid in finding.evidence
        ],
        "remediation": finding.remediation,
        "impact": {"article": finding.article_gain, "overall": finding.overall_gain},
    }


def to_dict(assessment: Assessment) -> dict:
    return {
        "tool": {"name": "cybergap", "version": __version__},
        "framework": assessment.framework,
        "profile": {
            "path": assessment.profile_path,
            "country": assessment.country,
            "iso2": assessment.iso2,
            "version": assessment.profile_version,
            "source": {"title": assessment.source_title, "date": assessment.source_date},
            **({"draft": True} if assessment.draft else {}),
        },
        "score": {
            "overall": assessment.overall,
            "sections": [
                {"id": s.id, "title": s.title, "score": s.score,
                 "articles_scored": s.articles_scored, "articles_total": s.articles_total}
                for s in assessment.sections
            ],
        },
        "counts": assessment.counts(),
        # Beside the computed counts, only when an override applies: reports without one stay as they were.
        **({"counts_with_overrides": assessment.counts(overrides=True)} if assessment.applied_overrides() else {}),
        "rating_counts": assessment.rating_counts(),
        "articles": [
            {
                "article": a.number,
                "title": a.title,
                "section": a.section,
                "status": a.status,
                "computed_status": a.computed_status,
                "rating": a.rating,
                "score": a.score,
                "scored_elements": a.scored_elements,
                "excluded_elements": a.excluded_elements,
                "override": None if a.override is None else {
                    "status": a.override.status, "justification": a.override.justification,
                    "approver": a.override.approver or None, "expires": a.override.expires or None,
                    "expired": a.override.expired,
                },
                "elements": [
                    {"id": e.id, "label": e.label, "obligation": e.obligation, "coverage": e.coverage,
                     "provisions": list(e.provisions), "score": e.score, "excluded": e.excluded or None,
                     "weight": e.weight or None, **({} if e.verified else {"verified": False})}
                    for e in a.elements
                ],
                "findings": [finding_dict(f, assessment) for f in a.findings],
            }
            for a in assessment.articles
        ],
        "findings": [finding_dict(f, assessment) for f in assessment.findings],
        "priorities": [
            {"rank": p.rank, "title": p.title, "severity": p.severity, "weight": "core" if p.core else "ancillary",
             "articles": list(p.articles), "elements": list(p.elements), "rules": list(p.rules),
             "provisions": [{"provision": pid, "reference": assessment.provisions.get(pid, {}).get("label", pid)}
                            for pid in p.provisions],
             "remedies": list(p.remedies), "impact": {"overall": p.overall_gain}, "findings": len(p.findings)}
            for p in assessment.priorities
        ],
        **({"not_carried_over": [
            {"rule": n.rule, "severity": n.severity, "budapest_article": n.article, "budapest_element": n.element,
             "message": n.message, "reason": n.reason} for n in assessment.not_carried]}
           if assessment.framework != "budapest" else {}),
        "notes": list(assessment.notes),
    }
