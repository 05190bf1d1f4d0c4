"""Evaluate rules on a profile and assemble the Assessment."""

from __future__ import annotations

from datetime import date

from cybergap.catalog import Catalog
from cybergap.model import Assessment, Finding
from cybergap.rules import REGISTRY, all_rules
from cybergap.rules.context import Context
from cybergap import priorities
from cybergap.scoring import fixer, score_articles, score_sections, with_impact


def reads_catalogue(finding: Finding) -> bool:
    """Its rule reads only the catalogue (coverage, qualifiers), so it runs on any framework."""
    rule = REGISTRY[finding.rule]
    return rule.generic or rule.portable


def evaluate(ctx: Context, catalogue_rules_only: bool = False, extra: tuple[Finding, ...] = ()) -> list[Finding]:
    """Every rule's findings on the articles the profile assesses (maps at least one element of).

    An article the profile does not map has no evidence either way: it is reported as
    not assessed, never as a gap. A generic coverage finding is dropped where a specific
    rule speaks to the same element. With `catalogue_rules_only` (another framework than the one
    the rules were written for) only the rules that read the catalogue run, beside the `extra`
    findings carried over from Budapest (cybergap.frameworks).
    """
    assessed = {ctx.catalog.elements[e]["article"] for e in ctx.mappings if e in ctx.catalog.elements}
    findings: list[Finding] = []
    for rule in all_rules():
        if not catalogue_rules_only or rule.generic or rule.portable:
            findings.extend(f for f in rule.check(ctx) if f.article in assessed)
    findings += [f for f in extra if f.article in assessed]
    specific = {element for f in findings if REGISTRY[f.rule].replaces_coverage for element in f.affected}
    return [f for f in findings if not (REGISTRY[f.rule].generic and f.element in specific)]


def assess(profile: dict, catalog: Catalog, profile_path: str = "", today: date | None = None,
           extra_findings: list[Finding] | None = None) -> Assessment:
    today = today or date.today()
    ctx = Context(profile, catalog)
    findings = with_impact(ctx, evaluate(ctx, extra_findings is not None, tuple(extra_findings or ())), today)
    articles = score_articles(ctx, findings, today)
    _, base_overall, fix = fixer(ctx, findings, today, articles)
    titles = {article["number"]: article["title"] for article in catalog.articles}
    ranked = priorities.rank(findings, titles, lambda indices: (fix(indices)[1] or 0) - (base_overall or 0))
    sections, overall = score_sections(catalog, articles)
    source = profile.get("profile", {}).get("source", {})
    notes = []
    for article in articles:
        if article.override and article.override.expired:
            notes.append(f"The override of Article {article.number} expired on {article.override.expires} and no longer applies.")
    return Assessment(
        profile_path=profile_path,
        country=profile.get("country", {}).get("name", ""),
        iso2=profile.get("country", {}).get("iso2", ""),
        profile_version=str(profile.get("profile", {}).get("version", "")),
        source_title=source.get("title", ""),
        source_date=source.get("date") or "",
        overall=overall,
        sections=tuple(sections),
        articles=tuple(articles),
        findings=tuple(findings),
        notes=tuple(notes),
        provisions=provision_labels(ctx),
        priorities=ranked,
        framework=catalog.convention.get("framework", "budapest"),
        draft=profile.get("profile", {}).get("status") == "draft",
        framework_title=catalog.convention.get("title", ""),
    )


def provision_labels(ctx: Context) -> dict:
    labels = {}
    for pid, provision in ctx.provisions.items():
        instrument = ctx.instruments.get(provision["instrument"], {})
        name = instrument.get("short") or instrument.get("title", provision["instrument"])
        labels[pid] = {
            "label": f"{name} {provision['reference']}",
            "title": provision.get("title", ""),
            "commentary": not ctx.is_law(pid),
            "excerpts": [e["text"] for e in provision.get("excerpts", [])],
        }
    return labels
