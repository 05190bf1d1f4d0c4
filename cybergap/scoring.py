"""Scores and statuses from mappings and findings. Scoring never prints.

The formula (also shown by ``cybergap explain scoring``):

* Element: its coverage value (full 1, partial 0.5, none or unmapped 0), capped by the
  worst finding on it (critical 0, major 0.5, minor 0.75, info no cap). Elements excluded by
  a declared reservation or marked not applicable are left out, openly.
* Article: 100 x the mean of its scored mandatory elements (the denominator is shown).
  An article none of whose elements the profile maps is ``not_assessed``; one whose
  elements are all excluded, or that imposes no mandatory obligation, is
  ``not_applicable``. Otherwise 100 is ``compliant``, 0 ``missing``, anything between ``partial``.
* Section: the mean of its scored articles. Overall: the mean of every scored article of the
  scored sections (substantive law, procedural law, jurisdiction, international co-operation),
  so each section weighs by its number of scored articles and every article counts the same.
* Impact of a finding: the article and overall points gained if it alone were fixed
  (its cap lifted and, for a coverage finding, its elements fully covered).
* Weights do not enter the score, so that it stays a plain mean anyone can recompute; they
  enter the rating (`cybergap explain rating`), the severity of an uncovered element (core
  major, ancillary minor) and the order of the priorities.

The rating (also shown by ``cybergap explain rating``):

Every assessed article is rated on the four-level scale of assessment practice (the FATF
technical-compliance scale), from its elements' scores, their weights in the catalogue (core:
the obligation itself; ancillary: a formality, a notification, a duty to explain) and the
severity of its findings. "The core" means its core elements (all its elements if none is core).

* C, compliant: every scored element scores 1 and no finding above info is on the article.
* NC, non-compliant: the core obligation is not met: a critical finding on the article, or the
  mean score of the core below 0.5.
* LC, largely compliant: only minor shortcomings: no critical or major finding on the article,
  every core element at least partly met (scores above 0), the mean score of the core at least
  0.75 (a core of partial coverage only is more than a minor shortcoming) and that of the
  ancillary elements at least 0.5 (formalities mostly unmet are more than minor, too).
* PC, partially compliant: everything else (moderate shortcomings).
* NA: not applicable (every element excluded, or no mandatory obligation); an article the
  profile does not map is not rated (not assessed: no evidence either way).
The rating is computed, like the status: an analyst override is shown beside it, never instead.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from math import fsum

from cybergap.model import (ArticleResult, ElementResult, Finding, Override, Rating, SectionResult, Severity,
                            Status, Weight)


FORMULA, RATING_RULE = (part.strip() for part in __doc__.split("The formula (also shown by ``cybergap explain scoring``):", 1)[1]
                         .split("The rating (also shown by ``cybergap explain rating``):", 1))


def mean(values: list[float]) -> float:
    """The mean, with an exactly rounded sum (statistics.mean works in fractions: 10x slower)."""
    return fsum(values) / len(values)


def _caps(findings: list[Finding]) -> dict[str, float]:
    caps: dict[str, float] = {}
    for finding in findings:
        for element in finding.affected:
            caps[element] = min(caps.get(element, 1.0), finding.severity.cap)
    return caps


def element_results(ctx, article: dict, caps: dict[str, float], fixed: frozenset = frozenset()) -> list[ElementResult]:
    results = []
    assessed = any(element["id"] in ctx.mappings for element in article.get("elements", []))
    for element in article.get("elements", []):
        element_id = element["id"]
        mapping = ctx.mappings.get(element_id, {})
        coverage = ctx.coverage(element_id)
        excluded = ctx.excluded(element_id)
        score = None
        if assessed and not excluded and element["obligation"] == "mandatory":  # no evidence, no score
            base = 1.0 if element_id in fixed else coverage.score
            score = min(base, caps.get(element_id, 1.0))
        results.append(ElementResult(
            id=element_id, label=element["label"], obligation=element["obligation"], coverage=coverage,
            provisions=tuple(mapping.get("provisions", [])), score=score, excluded=excluded,
            note=mapping.get("note", ""), weight=element.get("weight", ""), verified=element.get("verified", True)))
    return results


def article_score(ctx, elements: list[ElementResult]) -> tuple[Status, float | None]:
    """(computed status, score 0-100 or None)."""
    if not any(e.id in ctx.mappings for e in elements):
        return Status.NOT_ASSESSED, None
    scored = [e.score for e in elements if e.score is not None]
    if not scored:
        return Status.NOT_APPLICABLE, None
    score = round(100 * mean(scored), 1)
    if score >= 100:
        return Status.COMPLIANT, score
    if score <= 0:
        return Status.MISSING, score
    return Status.PARTIAL, score


def article_rating(status: Status, elements: list[ElementResult], findings: list[Finding]) -> Rating | None:
    """The article's rating from its computed status, elements and findings (RATING_RULE)."""
    if status is Status.NOT_ASSESSED:
        return None
    if status is Status.NOT_APPLICABLE:
        return Rating.NA
    scored = [e for e in elements if e.score is not None]
    worst = max((f.severity.rank for f in findings), default=-1)
    if all(e.score >= 1 for e in scored) and worst <= Severity.INFO.rank:
        return Rating.C
    core = [e.score for e in scored if e.weight == Weight.CORE] or [e.score for e in scored]
    ancillary = [e.score for e in scored if e.weight != Weight.CORE] or [1.0]
    if worst >= Severity.CRITICAL.rank or mean(core) < 0.5:
        return Rating.NC
    if worst < Severity.MAJOR.rank and min(core) > 0 and mean(core) >= 0.75 and mean(ancillary) >= 0.5:
        return Rating.LC
    return Rating.PC


def _override(ctx, number: str, today: date) -> Override | None:
    for item in ctx.profile.get("overrides", []):
        if item["article"] != number:
            continue
        expires = item.get("expires") or ""
        expired = bool(expires) and date.fromisoformat(expires) < today
        return Override(Status(item["status"]), item["justification"], item.get("approver", ""), expires, expired)
    return None


def score_articles(ctx, findings: list[Finding], today: date) -> list[ArticleResult]:
    caps = _caps(findings)
    by_article: dict[str, list[Finding]] = {}
    for finding in findings:
        by_article.setdefault(finding.article, []).append(finding)
    results = []
    for article in ctx.catalog.articles:
        elements = element_results(ctx, article, caps)
        computed, score = article_score(ctx, elements)
        override = _override(ctx, article["number"], today)
        status = override.status if override and not override.expired else computed
        rating = article_rating(computed, elements, by_article.get(article["number"], []))
        results.append(ArticleResult(
            number=article["number"], title=article["title"], section=article["scoring_section"],
            status=status, computed_status=computed, score=score,
            scored_elements=sum(1 for e in elements if e.score is not None),
            excluded_elements=sum(1 for e in elements if e.excluded),
            elements=tuple(elements), findings=tuple(by_article.get(article["number"], [])), override=override,
            rating=rating))
    return results


def score_sections(catalog, articles: list[ArticleResult]) -> tuple[list[SectionResult], float | None]:
    sections = []
    for section in catalog.sections:
        members = [a for a in articles if a.section == section["id"]]
        scored = [a.score for a in members if a.score is not None]
        score = round(mean(scored), 1) if scored and section.get("scored", True) else None
        sections.append(SectionResult(section["id"], section["title"], score, len(scored), len(members)))
    return sections, overall_score(catalog, {a.number: a.score for a in articles})


def overall_score(catalog, scores: dict[str, float | None]) -> float | None:
    """The mean of the scored articles of the scored sections, from article number -> score."""
    scored_sections = {spec["id"] for spec in catalog.sections if spec.get("scored", True)}
    counted = [scores[a["number"]] for a in catalog.articles
               if a["scoring_section"] in scored_sections and scores.get(a["number"]) is not None]
    return round(mean(counted), 1) if counted else None


def fixer(ctx, findings: list[Finding], today: date, articles: list[ArticleResult] | None = None):
    """(article scores, overall score, fix): `fix(indices)` gives the article scores and the overall
    score if the findings at those indices were all fixed together (their caps lifted and, for a
    coverage finding, their elements fully covered). Only the articles they touch are re-scored,
    with the caps of the other findings; the other articles keep their scores. `articles`:
    score_articles(ctx, findings, today), when the caller has it already."""
    articles = articles if articles is not None else score_articles(ctx, findings, today)
    base_scores = {a.number: a.score for a in articles}
    base_caps = _caps(findings)
    on_element: dict[str, list[tuple[int, float]]] = {}
    for index, finding in enumerate(findings):
        for element in finding.affected:
            on_element.setdefault(element, []).append((index, finding.severity.cap))

    def fix(indices) -> tuple[dict[str, float | None], float | None]:
        indices = set(indices)
        caps, fixed, touched = dict(base_caps), set(), set()
        for index in indices:
            finding = findings[index]
            for element in finding.affected:
                caps[element] = min((cap for other, cap in on_element[element] if other not in indices), default=1.0)
            if finding.fixed_by_coverage:
                fixed |= set(finding.affected)
            touched |= {ctx.catalog.elements[e]["article"] for e in finding.affected} | {finding.article}
        scores = dict(base_scores)
        for number in touched:
            if scorable[number]:
                values = [min(1.0 if e in fixed else coverage, caps.get(e, 1.0)) for e, coverage in scorable[number]]
                scores[number] = round(100 * mean(values), 1)
        return scores, overall_score(ctx.catalog, scores)

    # What fix re-scores, per article: its scored elements and their coverage values, as
    # element_results and article_score would find them (no score: not assessed or not applicable).
    scorable = {article.number: [(e.id, e.coverage.score) for e in article.elements if e.score is not None]
                for article in articles}
    return base_scores, overall_score(ctx.catalog, base_scores), fix


def with_impact(ctx, findings: list[Finding], today: date) -> list[Finding]:
    """Each finding with the points fixing it alone would add, ranked by that impact."""
    base_scores, base_overall, fix = fixer(ctx, findings, today)
    ranked = []
    for index, finding in enumerate(findings):
        scores, overall = fix({index})
        article_gain = (scores[finding.article] or 0) - (base_scores[finding.article] or 0)
        overall_gain = (overall or 0) - (base_overall or 0)
        ranked.append(dataclasses.replace(finding, article_gain=round(article_gain, 1), overall_gain=round(overall_gain, 2)))
    ranked.sort(key=lambda f: (-f.overall_gain, -f.article_gain, -f.severity.rank, _article_key(f.article), f.rule))
    return ranked


def _article_key(number: str) -> int:
    return int(number) if number.isdigit() else 999
