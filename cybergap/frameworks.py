"""Assessing a profile against another framework (the UN Convention against Cybercrime) through
the crosswalk, from the same facts: a profile describes the law once.

How it works (also in the README):

* Mappings. A UN element the profile maps itself (ids `un-…`) keeps that mapping. Otherwise it
  takes the coverage of the Budapest element(s) the crosswalk relates it to: the weakest of them
  (all must be met); where the UN element is `broader` (it asks more than Budapest), full coverage
  of the Budapest element proves only part of it, so it counts as partial. A UN-only element
  (relation `none`) is not assessed until the profile maps it.
* Rules that read the catalogue (coverage COV, qualifiers QUA) run on the UN catalogue, so a
  condition the UN permits (serious harm under UN 9(2)) is simply not a finding there. Rules
  written for Budapest articles (preservation, legal persons, sanctions…) run on the Budapest
  catalogue and their findings carry over to the UN elements the crosswalk relates theirs to.
* A Budapest finding that does not carry over is listed with the reason: no UN counterpart, the
  UN element is optional (attempt, UN 19(2)), or the condition it objects to is permitted.
* Overrides and `not_assessed` name Budapest articles: they are not applied to another framework.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import NamedTuple

from cybergap.catalog import Catalog, Crosswalk
from cybergap.model import Assessment, Coverage, Finding, NotCarried, Severity

CARRIED_RELATIONS = ("equivalent", "narrower", "broader")
_ORDER = (Coverage.NONE, Coverage.PARTIAL, Coverage.FULL)


def translated_profile(profile: dict, crosswalk: Crosswalk, catalog: Catalog) -> dict:
    """The profile with its mappings restated as the framework's elements (see the module doc)."""
    by_element = {m["element"]: m for m in profile.get("mappings", []) if m.get("coverage") != "draft"}
    mappings = []
    for element_id in catalog.elements:
        if element_id in by_element:
            mappings.append(by_element[element_id])
            continue
        link = crosswalk.by_un.get(element_id)
        if not link or link["relation"] not in CARRIED_RELATIONS:
            continue
        sources = [by_element[b] for b in link["budapest"] if b in by_element]
        if not sources or len(sources) < len(link["budapest"]) and link["relation"] == "equivalent":
            continue  # some Budapest counterpart unmapped: no evidence for the whole
        coverages = [Coverage(m["coverage"]) for m in sources]
        if Coverage.NOT_APPLICABLE in coverages:
            continue
        coverage = min(coverages, key=_ORDER.index)
        if link["relation"] == "broader" and coverage is Coverage.FULL:
            coverage = Coverage.PARTIAL
        provisions = list(dict.fromkeys(p for m in sources for p in m.get("provisions", [])))
        mappings.append({
            "element": element_id, "provisions": provisions, "coverage": coverage.value,
            "note": f"Via Budapest {', '.join(m['element'] for m in sources)} ({link['relation']}): "
                    + " ".join(m.get("note", "") for m in sources).strip(),
        })
    return {**profile, "mappings": mappings, "overrides": [], "not_assessed": []}


def carried_findings(findings: list[Finding], crosswalk: Crosswalk, catalog: Catalog) -> tuple[list[Finding], list[NotCarried]]:
    """Budapest findings of the rules written for Budapest articles, restated on the framework's
    elements; and those that do not carry over, with why."""
    carried, dropped = [], []
    for finding in findings:
        targets = [m for e in finding.affected for m in crosswalk.by_budapest.get(e, [])
                   if m["relation"] in CARRIED_RELATIONS]
        if not targets:
            reason = next((crosswalk.budapest_only[e]["note"] for e in finding.affected if e in crosswalk.budapest_only),
                          "the UN Convention has no counterpart to this element")
            dropped.append(_not_carried(finding, reason))
            continue
        duties = [m["un"] for m in targets if catalog.elements[m["un"]]["obligation"] == "mandatory"]
        if not duties:
            optional = ", ".join(dict.fromkeys(m["un"] for m in targets))
            dropped.append(_not_carried(finding, f"optional under the UN Convention ({optional}: 'may')"))
            continue
        element = duties[0]
        carried.append(dataclasses.replace(
            finding, element=element, elements=tuple(dict.fromkeys(duties)),
            article=catalog.elements[element]["article"],
            convention=f"UN {element} (Budapest {finding.convention})",
            weight=catalog.elements[element].get("weight", "")))
    return carried, dropped


def _not_carried(finding: Finding, reason: str) -> NotCarried:
    return NotCarried(rule=finding.rule, severity=finding.severity, article=finding.article, element=finding.element,
                      message=finding.message, reason=reason)


def vanished_natively(budapest_findings: list[Finding], framework_findings: list[Finding],
                      crosswalk: Crosswalk) -> list[NotCarried]:
    """Budapest findings of catalogue-reading rules (COV, QUA) with no finding of the same rule on a
    related UN element: the framework's own reading answered them; say why where the crosswalk can."""
    found = {(f.rule, e) for f in framework_findings for e in f.affected}
    vanished = []
    for finding in budapest_findings:
        related = [m for e in finding.affected for m in crosswalk.by_budapest.get(e, [])]
        if any((finding.rule, m["un"]) in found for m in related):
            continue
        if any(m["relation"] in CARRIED_RELATIONS for m in related):
            differences = [d["summary"] for m in related for d in m.get("differences", [])
                           if d.get("un") == "freely" or d.get("kind") == "obligation"]
            reason = "; ".join(dict.fromkeys(differences)) or \
                f"answered on {', '.join(dict.fromkeys(m['un'] for m in related))} by the UN catalogue's own reading"
        else:
            reason = next((crosswalk.budapest_only[e]["note"] for e in finding.affected if e in crosswalk.budapest_only),
                          "the UN Convention has no counterpart to this element")
        vanished.append(_not_carried(finding, reason))
    return vanished


def assess(profile: dict, framework: str, profile_path: str = "", today: date | None = None) -> Assessment:
    """The profile assessed against `framework` ("budapest", or "un-cybercrime" through the crosswalk)."""
    from cybergap import engine
    from cybergap.catalog import load_catalog, load_crosswalk
    from cybergap.rules.context import Context

    budapest = load_catalog()
    if framework == "budapest":
        return engine.assess(profile, budapest, profile_path, today)
    catalog, crosswalk = load_catalog(framework), load_crosswalk()
    base = engine.evaluate(Context(profile, budapest))
    generic = {f for f in base if engine.reads_catalogue(f)}
    carried, dropped = carried_findings([f for f in base if f not in generic], crosswalk, catalog)
    translated = translated_profile(profile, crosswalk, catalog)
    native = engine.evaluate(Context(translated, catalog), catalogue_rules_only=True)
    dropped += vanished_natively([f for f in base if f in generic and f.severity is not Severity.INFO], native, crosswalk)
    assessment = engine.assess(translated, catalog, profile_path, today, extra_findings=carried)
    notes = assessment.notes
    if profile.get("overrides"):
        notes += ("The profile's overrides name Budapest articles and are not applied to this framework.",)
    return dataclasses.replace(assessment, not_carried=tuple(dropped), notes=notes)


class ArticlePair(NamedTuple):
    """A UN article beside the Budapest articles the crosswalk relates it to, with their ratings."""

    article: str
    title: str
    budapest: tuple[str, ...]
    budapest_ratings: tuple[str, ...]  # rating code or "?" per Budapest article
    rating: str  # the UN article's, or "?"
    score: float | None


class Side(NamedTuple):
    """`cybergap crosswalk`: a profile under Budapest and under another framework, obligation by obligation."""

    budapest: Assessment
    other: Assessment
    pairs: tuple[ArticlePair, ...]
    gaps: int  # Budapest findings above info
    vanished: tuple[NotCarried, ...]  # those that do not carry over (above info)
    remaining: int
    other_only: tuple[str, ...]  # mandatory UN-only elements of articles the profile does not assess

    @property
    def summary(self) -> str:
        return (f"Of {self.gaps} Budapest gaps, {self.remaining} remain under the {self.other.framework_title} and "
                f"{len(self.vanished)} do not carry over; {len(self.other_only)} obligations only the "
                f"{self.other.framework_title} has are not assessed yet")


def side_by_side(profile: dict, framework: str, profile_path: str = "", today: date | None = None) -> Side:
    from cybergap.catalog import load_catalog, load_crosswalk

    budapest, other = assess(profile, "budapest", profile_path, today), assess(profile, framework, profile_path, today)
    catalog, crosswalk = load_catalog(framework), load_crosswalk()
    ratings = {a.number: a.rating.value if a.rating else "?" for a in budapest.articles}
    pairs = []
    for article in other.articles:
        related = [m for e in catalog.article(article.number).get("elements", [])
                   for m in [crosswalk.by_un.get(e["id"])] if m and m["relation"] in CARRIED_RELATIONS]
        numbers = tuple(sorted({load_catalog().elements[b]["article"] for m in related for b in m["budapest"]}, key=int))
        if numbers:
            pairs.append(ArticlePair(article.number, article.title, numbers, tuple(ratings[n] for n in numbers),
                                     article.rating.value if article.rating else "?", article.score))
    assessed = {a.number for a in other.articles if a.rating is not None}
    other_only = tuple(e for e, element in catalog.elements.items()
                       if element["obligation"] == "mandatory" and element["article"] not in assessed
                       and crosswalk.by_un.get(e, {}).get("relation") == "none")
    gaps = sum(1 for f in budapest.findings if f.severity is not Severity.INFO)
    vanished = tuple(n for n in other.not_carried if n.severity is not Severity.INFO)
    return Side(budapest, other, tuple(pairs), gaps, vanished, gaps - len(vanished), other_only)
