"""Profiles side by side: one row per profile, one cell per Convention article, and the articles
where they differ most. Plain data in, plain data out; `cybergap compare` opens and assesses
the profiles, the render/compare_* modules draw the result.

A cell holds an article's rating, its computed status and its score (an analyst's override is
carried beside, never instead: countries are compared on what the engine computed). An article a
draft profile has not assessed yet is *pending*, not "not assessed": the curator has not got to
it, which says nothing about the law.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class Cell(NamedTuple):
    rating: str | None  # C, LC, PC, NC, NA; None when not assessed
    status: str  # the computed status: compliant, partial, missing, not_applicable, not_assessed
    score: float | None
    pending: bool = False  # a draft's article not assessed yet
    override: str | None = None  # the status an applied analyst override gives, if any


class Row(NamedTuple):
    """One profile, as a row of the comparison (picklable: built in worker processes)."""

    label: str  # how the user named it, resolved: "profiles/kazakhstan.yaml@HEAD~1"
    country: str
    iso2: str
    version: str
    revision: str | None
    draft: bool
    overall: float | None
    sections: dict[str, float | None]  # section id -> score
    cells: dict[str, Cell]  # article number -> cell


class Article(NamedTuple):
    number: str
    title: str
    section: str


class Section(NamedTuple):
    id: str
    title: str
    scored: bool


class Difference(NamedTuple):
    """An article on which the profiles differ: the spread of their scores, and who is where."""

    article: str
    title: str
    spread: float  # highest score - lowest score
    low: float
    high: float
    lowest: tuple[int, ...]  # indices of the rows at the lowest score
    highest: tuple[int, ...]
    ratings: int  # how many different ratings the rows that rate the article give it


class Comparison(NamedTuple):
    articles: tuple[Article, ...]
    sections: tuple[Section, ...]
    rows: tuple[Row, ...]
    headings: tuple[str, ...]  # one short, unique column heading per row: "KZ", "KZ@HEAD~1"
    differences: tuple[Difference, ...]  # every article they differ on, most first
    framework: str = "budapest"  # the framework every row was assessed against
    framework_title: str = "Convention on Cybercrime"


def row(label: str, revision: str | None, profile: dict, articles, sections, overall: float | None) -> Row:
    """A comparison row from a profile's scored articles (ArticleResult) and sections (SectionResult)."""
    draft = is_draft(profile)
    cells = {}
    for article in articles:
        override = article.override
        cells[article.number] = Cell(
            rating=article.rating.value if article.rating else None,
            status=article.computed_status.value,
            score=article.score,
            pending=draft and article.rating is None,
            override=override.status.value if override is not None and not override.expired else None,
        )
    country = profile.get("country", {})
    return Row(label, country.get("name", ""), country.get("iso2", ""), str(profile.get("profile", {}).get("version", "")),
               revision, draft, overall, {s.id: s.score for s in sections}, cells)


def assessed_row(profile: dict, catalog, label: str, revision: str | None = None, today: date | None = None) -> Row:
    """A profile's row: its findings, ratings, statuses and scores, as `assess` computes them, but
    under Budapest without what a comparison does not show (each finding's gain, the priorities:
    more than half of an assessment's time). Under another framework, as `assess --framework`."""
    from cybergap.engine import evaluate
    from cybergap.rules.context import Context
    from cybergap.scoring import score_articles, score_sections

    if catalog.framework != "budapest":
        from cybergap.frameworks import assess

        assessment = assess(profile, catalog.framework, label, today)
        return row(label, revision, profile, assessment.articles, assessment.sections, assessment.overall)
    ctx = Context(profile, catalog)
    articles = score_articles(ctx, evaluate(ctx), today or date.today())
    sections, overall = score_sections(catalog, articles)
    return row(label, revision, profile, articles, sections, overall)


def row_data(row: Row) -> dict:
    """What a row holds of its profile (not how the user named it), as JSON for the cache."""
    return {"country": row.country, "iso2": row.iso2, "version": row.version, "draft": row.draft,
            "overall": row.overall, "sections": row.sections,
            "cells": {number: list(cell) for number, cell in row.cells.items()}}


def _score(value) -> bool:
    return value is None or (isinstance(value, float) and 0.0 <= value <= 100.0)


def _word(value, vocabulary) -> bool:
    """`value` is one of the vocabulary's words (a Status, a Rating)."""
    return isinstance(value, str) and value in {member.value for member in vocabulary}


def _cell(value) -> Cell | None:
    from cybergap.vocabulary import Rating, Status

    if not isinstance(value, list) or len(value) != 5:
        return None
    rating, status, score, pending, override = value
    if (rating is None or _word(rating, Rating)) and _word(status, Status) and _score(score) \
            and isinstance(pending, bool) and (override is None or _word(override, Status)):
        return Cell(rating, status, score, pending, override)
    return None


def row_from_data(data, label: str, revision: str | None) -> Row | None:
    """The row `row_data` wrote, named as the user named it now; None for any other shape."""
    fields = {"country": str, "iso2": str, "version": str, "draft": bool}
    if not isinstance(data, dict) or set(data) != {*fields, "overall", "sections", "cells"}:
        return None
    if not all(isinstance(data[name], kind) for name, kind in fields.items()) or not _score(data["overall"]):
        return None
    sections, cells = data["sections"], data["cells"]
    if not isinstance(sections, dict) or not all(isinstance(k, str) and _score(v) for k, v in sections.items()):
        return None
    if not isinstance(cells, dict):
        return None
    parsed = {number: _cell(value) for number, value in cells.items()}
    if None in parsed.values():
        return None
    return Row(label, data["country"], data["iso2"], data["version"], revision, data["draft"], data["overall"],
               dict(sections), parsed)


def is_draft(profile: dict) -> bool:
    return profile.get("profile", {}).get("status") == "draft"


def headings(rows) -> tuple[str, ...]:
    """Short column headings: the ISO code (the country's name without one), '@REV' for a side read
    at a revision; a heading two rows would share gets '#2', '#3' after the first."""
    base = []
    for item in rows:
        name = item.iso2 or item.country or item.label
        base.append(f"{name}@{item.revision}" if item.revision else name)
    seen: dict[str, int] = {}
    out = []
    for name in base:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
    return tuple(out)


def differences(rows, articles) -> tuple[Difference, ...]:
    """The articles that at least two rows assess (rate) and on which they differ, in score or in
    rating: by spread of the scores, then by the number of different ratings, then in catalogue
    order. A row that does not assess an article has nothing to differ with on it."""
    found = []
    for position, article in enumerate(articles):
        rated = [(index, item.cells[article.number]) for index, item in enumerate(rows)
                 if article.number in item.cells and item.cells[article.number].rating is not None]
        scored = [(index, cell.score) for index, cell in rated if cell.score is not None]
        ratings = len({cell.rating for _, cell in rated})
        if len(rated) < 2 or not scored:
            continue
        low, high = min(s for _, s in scored), max(s for _, s in scored)
        if high == low and ratings < 2:
            continue
        found.append((-(high - low), -ratings, position, Difference(
            article.number, article.title, round(high - low, 1), low, high,
            tuple(i for i, s in scored if s == low), tuple(i for i, s in scored if s == high), ratings)))
    return tuple(item[-1] for item in sorted(found, key=lambda item: item[:3]))


def compare(rows, articles, sections, framework: tuple[str, str] = ("budapest", "Convention on Cybercrime")) -> Comparison:
    """The comparison of `rows` over the catalogue's `articles` and `sections` (plain tuples);
    `framework` is (id, title) of the catalogue."""
    rows, articles = tuple(rows), tuple(Article(*a) for a in articles)
    return Comparison(articles, tuple(Section(*s) for s in sections), rows, headings(rows),
                      differences(rows, articles), *framework)


def catalogue_axes(catalog) -> tuple[list[tuple], list[tuple]]:
    """(articles, sections) of the catalogue, as `compare` takes them."""
    articles = [(a["number"], a["title"], a["scoring_section"]) for a in catalog.articles]
    sections = [(s["id"], s["title"], s.get("scored", True)) for s in catalog.sections]
    return articles, sections
