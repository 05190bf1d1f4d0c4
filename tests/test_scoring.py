"""The scoring formula (`cybergap explain scoring`), table by table, on tiny profiles.

Most tests build a profile dict of a few mappings, hand the scoring functions findings made
here (so a test says exactly which cap sits on which element), and read the numbers back.
A few go through `engine.assess` so that the real rules feed the same formula, and the last
part pins the Kazakhstan profile's scores with the reason for each.

Each expected number is worked out by hand in the table or the comment beside it.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from cybergap.catalog import build, load_catalog
from cybergap.engine import assess
from cybergap.model import Finding
from cybergap.rules import all_rules
from cybergap.rules.context import Context
from cybergap.scoring import overall_score, score_articles, score_sections, with_impact

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 1, 1)
CATALOG = load_catalog()
all_rules()  # registers every rule: the impact of a finding depends on whether its rule replaces coverage


def profile(mappings: dict[str, str], reservations=(), overrides=()) -> dict:
    """A tiny profile: one provision of law, and `mappings` {element id: coverage}."""
    return {
        "country": {"name": "Scoreland", "iso2": "SL"},
        "instruments": [{"id": "pc", "title": "Penal Code", "short": "PC", "kind": "code"}],
        "provisions": [{"id": "pc-1", "instrument": "pc", "reference": "Article 1"}],
        "mappings": [
            {"element": element, "coverage": coverage,
             "provisions": ["pc-1"] if coverage in ("full", "partial") else []}
            for element, coverage in mappings.items()
        ],
        "treaty_status": {"reservations": [{"element": r} for r in reservations], "declarations": []},
        "overrides": list(overrides),
    }


def finding(element: str, severity: str, rule: str = "QUA01", elements: tuple[str, ...] = ()) -> Finding:
    """A finding of `severity` on `element` (and `elements`); QUA01 stands for any non-coverage rule.
    Whether a coverage fix removes it comes from its rule, as the engine sets it."""
    from cybergap.rules import all_rules

    rules = {r.code: r for r in all_rules()}
    return Finding(rule=rule, name="test", severity=severity, article=CATALOG.elements[element]["article"],
                   element=element, message="", convention="", elements=elements,
                   fixed_by_coverage=rules[rule].generic or rules[rule].replaces_coverage)


def articles(data: dict, findings=(), today: date = TODAY, catalog=CATALOG) -> dict:
    """Article number -> ArticleResult."""
    ctx = Context(data, catalog)
    return {a.number: a for a in score_articles(ctx, list(findings), today)}


def sections_and_overall(data: dict, findings=()):
    ctx = Context(data, CATALOG)
    sections, overall = score_sections(CATALOG, score_articles(ctx, list(findings), TODAY))
    return {s.id: s for s in sections}, overall


def gains(data: dict, findings: list[Finding]) -> list[tuple[float, float]]:
    """(article_gain, overall_gain) of each finding, in the order given."""
    ranked = with_impact(Context(data, CATALOG), findings, TODAY)
    plain = lambda f: dataclasses.replace(f, article_gain=0.0, overall_gain=0.0)  # noqa: E731
    return [next((f.article_gain, f.overall_gain) for f in ranked if plain(f) == given) for given in findings]


# --- Element: coverage capped by the worst finding -------------------------------------------

@pytest.mark.parametrize("coverage, severities, expected", [
    # full coverage: the cap is all that shows
    ("full", [], 1.0),
    ("full", ["critical"], 0.0),
    ("full", ["major"], 0.5),
    ("full", ["minor"], 0.75),
    ("full", ["info"], 1.0),  # info never caps
    # partial coverage (0.5): the score is the LOWER of coverage and cap, not the cap, not their product
    ("partial", [], 0.5),
    ("partial", ["critical"], 0.0),  # the cap shows below partial
    ("partial", ["major"], 0.5),  # product would give 0.25
    ("partial", ["minor"], 0.5),  # cap alone would give 0.75
    ("partial", ["info"], 0.5),
    # no coverage: nothing to cap
    ("none", [], 0.0),
    ("none", ["info"], 0.0),
    # several findings: the worst one caps, whatever the order
    ("full", ["minor", "major"], 0.5),
    ("full", ["info", "critical", "minor"], 0.0),
    ("full", ["minor", "minor"], 0.75),
])
def test_element_scores_coverage_capped_by_worst_finding(coverage, severities, expected):
    # Article 2 has a single mandatory element "2", so the article score is 100 x the element's.
    art = articles(profile({"2": coverage}), [finding("2", s) for s in severities])["2"]
    assert art.elements[0].score == expected
    assert art.score == 100 * expected


def test_a_cap_stays_on_its_own_element():
    # A critical finding on 13.2 caps 13.2 only: 13.1 keeps its full 1.0, so Art. 13 = (1 + 0) / 2.
    art = articles(profile({"13.1": "full", "13.2": "full"}), [finding("13.2", "critical")])["13"]
    assert [e.score for e in art.elements] == [1.0, 0.0]
    assert art.score == 50.0


def test_a_finding_caps_every_element_it_affects_across_articles():
    # One finding resting on 16.1 that also affects 17.1.a (as PRE01 does) caps both.
    scored = articles(profile({"16.1": "full", "16.2": "full", "16.3": "full", "16.4": "full",
                               "17.1.a": "full", "17.1.b": "full", "17.2": "full"}),
                      [finding("16.1", "major", elements=("16.1", "17.1.a"))])
    assert scored["16"].score == 87.5  # (0.5 + 1 + 1 + 1) / 4
    assert scored["17"].score == 83.3  # (0.5 + 1 + 1) / 3


# --- Article: 100 x the mean of its scored mandatory elements ---------------------------------

@pytest.mark.parametrize("mappings, reservations, number, score, denominator, excluded", [
    # Art. 13 has two mandatory elements: the mean of 1 and 0
    ({"13.1": "full", "13.2": "none"}, (), "13", 50.0, 2, 0),
    # an unmapped mandatory element of an assessed article counts as 0, and counts in the denominator
    ({"13.1": "full"}, (), "13", 50.0, 2, 0),
    # Art. 12: five mandatory elements and one optional (12.3); the optional one is left out,
    # even when fully covered: 1 of 5, not 2 of 6 (33.3)
    ({"12.1.a": "full", "12.1.b": "none", "12.1.c": "none", "12.2": "none", "12.3": "full", "12.4": "none"},
     (), "12", 20.0, 5, 0),
    # Art. 9: 3.5 / 9 (three full, one partial, five none)
    ({"9.1.a": "full", "9.1.b": "partial", "9.1.c": "full", "9.1.d": "none", "9.1.e": "none",
      "9.2.a": "full", "9.2.b": "none", "9.2.c": "none", "9.3": "none"}, (), "9", 38.9, 9, 0),
    # reservation 11.3 excludes 11.2: the uncovered 11.2 leaves the denominator, 1 / 1
    ({"11.1": "full", "11.2": "none"}, ("11.3",), "11", 100.0, 1, 1),
    # ... and without the reservation it counts: 1 / 2
    ({"11.1": "full", "11.2": "none"}, (), "11", 50.0, 2, 0),
    # an element the profile marks not applicable is left out the same way
    ({"11.1": "full", "11.2": "not_applicable"}, (), "11", 100.0, 1, 1),
    # reservation 9.4 excludes 9.1.d, 9.1.e, 9.2.b, 9.2.c: 3.5 / 5
    ({"9.1.a": "full", "9.1.b": "partial", "9.1.c": "full", "9.1.d": "none", "9.1.e": "none",
      "9.2.a": "full", "9.2.b": "none", "9.2.c": "none", "9.3": "none"}, ("9.4",), "9", 70.0, 5, 4),
])
def test_article_score_is_the_mean_of_mandatory_elements(mappings, reservations, number, score, denominator, excluded):
    art = articles(profile(mappings, reservations))[number]
    assert art.score == score
    assert art.scored_elements == denominator
    assert art.excluded_elements == excluded


# --- Statuses ----------------------------------------------------------------------------------

@pytest.mark.parametrize("mappings, reservations, number, status, score", [
    ({"2": "full"}, (), "2", "compliant", 100.0),
    ({"2": "none"}, (), "2", "missing", 0.0),
    ({"2": "partial"}, (), "2", "partial", 50.0),
    ({"13.1": "full", "13.2": "none"}, (), "13", "partial", 50.0),
    # every mandatory element excluded (11.2 by reservation 11.3, 11.1 marked not applicable)
    ({"11.1": "not_applicable", "11.2": "none"}, ("11.3",), "11", "not_applicable", None),
    # Art. 32 imposes no mandatory obligation (both elements optional)
    ({"32.a": "full"}, (), "32", "not_applicable", None),
    # nothing of Art. 3 mapped: no evidence either way, never a gap
    ({"2": "full"}, (), "3", "not_assessed", None),
])
def test_status(mappings, reservations, number, status, score):
    art = articles(profile(mappings, reservations))[number]
    assert (art.status, art.computed_status, art.score) == (status, status, score)


def test_not_applicable_when_a_declared_reservation_excludes_every_element():
    # No article of the real catalogue has a reservation that excludes all its elements, so a
    # one-article catalogue states the rule: the reserved element leaves an empty denominator.
    tiny = build({
        "convention": {}, "thresholds": {},
        "sections": [{"id": "substantive", "title": "Substantive", "scored": True}],
        "articles": [{"number": "2", "title": "Illegal access", "scoring_section": "substantive",
                      "elements": [{"id": "2", "label": "access", "obligation": "mandatory"}],
                      "reservations": [{"id": "2.9", "element": "2", "effect": "excludes_element", "excludes": ["2"]}]}],
    })
    assert articles(profile({"2": "none"}, ("2.9",)), catalog=tiny)["2"].status == "not_applicable"
    assert articles(profile({"2": "none"}), catalog=tiny)["2"].status == "missing"


def test_not_assessed_even_with_a_finding_on_it():
    # A finding on an article the profile does not map does not make it scored.
    art = articles(profile({"2": "full"}), [finding("3", "critical")])["3"]
    assert (art.status, art.score) == ("not_assessed", None)


def test_a_not_assessed_article_scores_no_element():
    art = articles(profile({"2": "full"}))["3"]
    assert art.scored_elements == 0
    assert [e.score for e in art.elements] == [None]


# --- Sections and the overall score ---------------------------------------------------------

# Articles 2, 3, 5 fully covered (100 each), Art. 13 half (50): substantive = 350 / 4 = 87.5.
# Art. 16 covered by nothing (0): procedural = 0.
# Art. 1 fully covered (100), but its section (use of terms) is not scored.
SPREAD = {"1.a": "full", "1.b": "full", "1.c.i": "full", "1.c.ii": "full", "1.d": "full",
          "2": "full", "3": "full", "5": "full", "13.1": "full", "13.2": "none",
          "16.1": "none", "16.2": "none", "16.3": "none", "16.4": "none"}


def test_section_score_is_the_mean_of_its_scored_articles():
    sections, _ = sections_and_overall(profile(SPREAD))
    assert sections["substantive"].score == 87.5  # (100 + 100 + 100 + 50) / 4; not the best (100)
    assert (sections["substantive"].articles_scored, sections["substantive"].articles_total) == (4, 12)
    assert sections["procedural"].score == 0.0
    assert sections["jurisdiction"].score is None  # nothing of it assessed
    assert sections["use_of_terms"].score is None  # Article 1 is scored, its section is not


def test_overall_is_the_mean_of_scored_articles_without_article_1():
    _, overall = sections_and_overall(profile(SPREAD))
    # (100 + 100 + 100 + 50 + 0) / 5 articles = 70.0.
    # Counting Article 1 (100) would give 450 / 6 = 75.0; the mean of the two section scores
    # (87.5 + 0) / 2 = 43.8: each article counts the same, not each section.
    assert overall == 70.0


def test_article_1_alone_gives_no_overall_score():
    _, overall = sections_and_overall(profile({"1.a": "full", "1.b": "full"}))
    assert overall is None


def test_overall_score_from_article_scores():
    scores = {"1": 100.0, "2": 100.0, "16": 0.0, "23": None}
    assert overall_score(CATALOG, scores) == 50.0  # Art. 1 left out, Art. 23 unscored


# --- Impact: what fixing one finding alone would add ------------------------------------------

@pytest.mark.parametrize("coverage, findings, article_gain, why", [
    ("none", [finding("2", "major", "COV01")], 100.0,
     "a coverage fix covers the element fully: 0 -> 1"),
    ("full", [finding("2", "major")], 50.0,
     "a qualifier fix lifts the cap: 0.5 -> 1"),
    ("full", [finding("2", "critical")], 100.0,
     "lifting a critical cap: 0 -> 1"),
    ("partial", [finding("2", "critical")], 50.0,
     "lifting a critical cap on a partial element: 0 -> 0.5, no further"),
    ("partial", [finding("2", "major")], 0.0,
     "a qualifier fix leaves partial coverage partial: 0.5 -> 0.5"),
    ("partial", [finding("2", "minor", "COV02")], 50.0,
     "a coverage fix raises partial to full: 0.5 -> 1"),
    ("partial", [finding("2", "minor", "COV02"), finding("2", "major")], 0.0,
     "the other finding's cap still holds: min(1, 0.5) = 0.5"),
    ("full", [finding("2", "major"), finding("2", "minor")], 25.0,
     "the next worst cap takes over: 0.5 -> 0.75"),
    ("full", [finding("2", "major"), finding("2", "major")], 0.0,
     "a duplicate cap remains: fixing one alone adds nothing"),
])
def test_impact_of_a_coverage_fix_versus_a_qualifier_fix(coverage, findings, article_gain, why):
    # The first finding is the one fixed. Art. 3 is fully covered beside Art. 2, so two articles
    # count: the overall gain is half the article's.
    data = profile({"2": coverage, "3": "full"})
    gain = gains(data, findings)[0]
    assert gain == (article_gain, round(article_gain / 2, 2)), why


def test_impact_of_a_specific_rule_that_replaces_coverage_spans_articles():
    # PRE01 (critical; its findings stand for coverage) on 16.1, 16.2 and 17.1.a, none covered.
    # Fixed, the three elements are covered: Art. 16 gains 2/4 = 50, Art. 17 gains 1/3 = 33.3;
    # the article gain is its own article's, the overall gain counts both:
    # overall from (100 + 0 + 0) / 3 = 33.3 to (100 + 50 + 33.3) / 3 = 61.1, +27.8.
    data = profile({"2": "full", "16.1": "none", "16.2": "none", "16.3": "none", "16.4": "none",
                    "17.1.a": "none", "17.1.b": "none", "17.2": "none"})
    pre01 = finding("16.1", "critical", "PRE01", elements=("16.1", "16.2", "17.1.a"))
    assert gains(data, [pre01]) == [(50.0, 27.8)]


def test_impact_of_an_article_1_fix_adds_nothing_overall():
    data = profile({"1.a": "none", "1.b": "full", "1.c.i": "full", "1.c.ii": "full", "1.d": "full", "2": "full"})
    assert gains(data, [finding("1.a", "major", "COV01")]) == [(20.0, 0.0)]


def test_findings_ranked_by_overall_gain():
    data = profile({"2": "full", "3": "none", "13.1": "full", "13.2": "full"})
    small, large = finding("13.2", "minor"), finding("3", "major", "COV01")
    ranked = with_impact(Context(data, CATALOG), [small, large], TODAY)
    assert [f.article for f in ranked] == ["3", "13"]  # +33.3 overall before +4.2


# --- Overrides -----------------------------------------------------------------------------

def override(article: str, status: str, expires: str | None = None) -> dict:
    item = {"article": article, "status": status, "justification": "analyst judgement (test)"}
    if expires is not None:
        item["expires"] = expires
    return item


@pytest.mark.parametrize("expires, applies", [
    (None, True),  # no expiry date
    ("2026-06-30", True),  # expires after today
    ("2025-12-31", False),  # expired yesterday
    ("2001-01-01", False),
])
def test_override_applies_until_it_expires(expires, applies):
    data = profile({"2": "none", "3": "full"}, overrides=[override("2", "compliant", expires)])
    art = articles(data)["2"]
    assert art.computed_status == "missing"  # computed beside the override, never replaced
    assert art.status == ("compliant" if applies else "missing")
    assert art.override.expired is not applies
    assert art.score == 0.0  # an override changes the status shown, not the score


def test_override_leaves_the_scores_alone():
    plain = sections_and_overall(profile({"2": "none", "3": "full"}))
    overridden = sections_and_overall(profile({"2": "none", "3": "full"}, overrides=[override("2", "compliant")]))
    assert plain[1] == overridden[1] == 50.0
    assert plain[0]["substantive"].score == overridden[0]["substantive"].score == 50.0


def test_assessment_notes_an_expired_override_and_shows_a_live_one():
    data = profile({"2": "none", "3": "full"},
                   overrides=[override("2", "compliant", "2025-12-31"), override("3", "partial", "2026-12-31")])
    result = assess(data, CATALOG, "scoreland.yaml", today=TODAY)
    by_number = {a.number: a for a in result.articles}
    assert (by_number["2"].status, by_number["2"].computed_status) == ("missing", "missing")
    assert (by_number["3"].status, by_number["3"].computed_status) == ("partial", "compliant")
    assert result.notes == ("The override of Article 2 expired on 2025-12-31 and no longer applies.",)
    assert result.counts()["missing"] == 1 and result.counts()["compliant"] == 1  # computed statuses, the headline
    assert result.counts(overrides=True)["partial"] == 1  # the live override's status, counted beside them


# --- Through the real rules ----------------------------------------------------------------

def test_the_rules_caps_reach_the_score():
    # Full coverage of Art. 2 by an offence with a harm threshold: QUA01 (major) caps it at 0.5.
    data = profile({"2": "full"})
    data["provisions"][0]["facts"] = {"offence": {"conduct": ["access"], "mental_element": "intentional",
                                                  "qualifiers": [{"kind": "harm_threshold", "text": "causing harm"}]}}
    result = assess(data, CATALOG, today=TODAY)
    art2 = next(a for a in result.articles if a.number == "2")
    assert [(f.rule, f.severity) for f in art2.findings] == [("QUA01", "major")]
    assert (art2.status, art2.score) == ("partial", 50.0)
    assert (art2.findings[0].article_gain, result.overall) == (50.0, 50.0)


# --- Kazakhstan: the README's numbers, with the reasons ----------------------------------------

@pytest.fixture(scope="module")
def kazakhstan():
    from typer.testing import CliRunner

    from cybergap.cli import app

    result = CliRunner().invoke(app, ["assess", str(ROOT / "profiles" / "kazakhstan.yaml"), "-f", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_kazakhstan_overall_score(kazakhstan):
    # The 32 scored articles of sections 2-4 sum to 1228.9 (substantive 613.9 + procedural 250
    # + jurisdiction 40 + co-operation 325): 1228.9 / 32 = 38.4.
    # (With Article 1's 30.0 it would be 38.1; the mean of the four sections 38.0.)
    assert kazakhstan["score"]["overall"] == 38.4


def test_kazakhstan_section_scores(kazakhstan):
    sections = {s["id"]: (s["score"], s["articles_scored"], s["articles_total"]) for s in kazakhstan["score"]["sections"]}
    assert sections == {
        "use_of_terms": (None, 1, 1),  # Article 1 scores 30.0, but the section is not scored
        # Arts. 2-4, 7 at 50 (partial, with a harm or other qualifier), 5 and 10 at 100, 6 at 25,
        # 8 at 50, 9 at 38.9, 11 at 75, 12 at 0, 13 at 25: 613.9 / 12 = 51.2
        "substantive": (51.2, 12, 12),
        # 14 50, 15 66.7, 16-18 0 (no preservation, partial disclosure, production order), 19 33.3,
        # 20-21 50: 250 / 8 = 31.25, shown 31.2
        "procedural": (31.2, 8, 8),
        "jurisdiction": (40.0, 1, 1),  # Art. 22 alone
        # 13 articles, 11 scored: Art. 23 not assessed, Art. 32 not applicable; 325 / 11 = 29.5
        "international": (29.5, 11, 13),
    }


@pytest.mark.parametrize("number, status, score, denominator", [
    # 16: retention is not preservation (PRE01, critical); 16.1-16.4 all coverage none: 0 / 4
    ("16", "missing", 0.0, 4),
    # 12: no liability of legal persons (LP01, critical); 12.3 is optional, so 0 / 5, not 0 / 6
    ("12", "missing", 0.0, 5),
    # 9: 9.1.a, 9.1.c, 9.2.a full, 9.1.b partial, 9.1.d-e, 9.2.b-c (CAM01/CAM02) and 9.3 none:
    # 3.5 / 9 = 38.9 (no reservation 9.4 declared, so all nine count)
    ("9", "partial", 38.9, 9),
    # 22: 22.1.a full, 22.1.b-c partial, 22.1.d and 22.3 none; 22.4-22.5 optional: 2 / 5
    ("22", "partial", 40.0, 5),
    # 28: 28.2.a-b are optional and left out though fully covered; 28.3 partial, 28.4 none: 0.5 / 2
    ("28", "partial", 25.0, 2),
    # 2: PC 205 has a harm threshold: partial coverage 0.5 with QUA01 (major) and COV02 (minor)
    ("2", "partial", 50.0, 1),
    # the profile maps nothing of Art. 23 (its denominator is not checked: see the xfail above)
    ("23", "not_assessed", None, None),
    ("32", "not_applicable", None, 0),  # both elements optional
])
def test_kazakhstan_article_scores(kazakhstan, number, status, score, denominator):
    art = next(a for a in kazakhstan["articles"] if a["article"] == number)
    assert (art["status"], art["score"]) == (status, score)
    if denominator is not None:
        assert art["scored_elements"] == denominator


def test_kazakhstan_top_gaps(kazakhstan):
    top = [(f["rule"], f["element"], f["impact"]["article"], f["impact"]["overall"]) for f in kazakhstan["findings"][:2]]
    assert top == [
        # 26.2 (the only mandatory element of Art. 26) covered by nothing: 0 -> 100, overall 38.4 -> 41.5
        ("COV01", "26.2", 100.0, 3.1),
        # PRE01 also covers 16.2 and 17.1.a: Art. 16 +50 (2 of 4), Art. 17 +33.3 (1 of 3): 83.3 / 32 = +2.6
        ("PRE01", "16.1", 50.0, 2.6),
    ]
