"""Priorities: findings grouped by the reform that answers them, ranked by severity, then
weight, then the gain of fixing them together (`cybergap explain scoring`)."""

from __future__ import annotations

import json

from cybergap import priorities
from cybergap.model import Finding


def finding(rule, article, element, severity, weight="core", reform="", gain=0.0):
    return Finding(rule=rule, name=rule.lower(), severity=severity, article=article, element=element, message="",
                   convention="", weight=weight, reform=reform, remediation=f"fix {rule}", overall_gain=gain)


TITLES = {"8": "Computer-related fraud", "16": "Expedited preservation", "17": "Traffic data", "26": "Spontaneous information"}


def ranked(findings, gains=None):
    gains = gains or {}
    return priorities.rank(findings, TITLES, lambda indices: sum(gains.get(i, 1.0) for i in indices))


def test_one_reform_answers_findings_across_articles_and_their_generic_findings():
    findings = [
        finding("PRE01", "16", "16.1", "critical", reform="Preservation"),
        finding("PRE04", "17", "17.1.b", "major", reform="Preservation"),
        finding("COV01", "16", "16.3", "minor", weight="ancillary"),  # joins the reform on Art. 16
        finding("COV02", "8", "8.a", "minor"),  # no reform speaks to Art. 8: a priority of its own
    ]
    first, second = ranked(findings)
    assert (first.title, first.articles, first.rules) == ("Preservation", ("16", "17"), ("PRE01", "PRE04", "COV01"))
    assert (first.rank, first.severity, first.core, first.overall_gain) == (1, "critical", True, 3.0)
    assert second.title == "Cover Article 8 (Computer-related fraud) in full" and second.rank == 2


def test_a_generic_finding_prefers_the_reform_on_its_element():
    findings = [
        finding("LP04", "13", "13.2", "critical", reform="Legal persons"),
        finding("SAN01", "13", "13.1", "major", reform="Sanctions"),
        finding("COV02", "13", "13.1", "minor"),
    ]
    by_title = {p.title: p.rules for p in ranked(findings)}
    assert by_title == {"Legal persons": ("LP04",), "Sanctions": ("SAN01", "COV02")}


def test_severity_then_weight_then_gain():
    findings = [
        finding("A", "26", "26.2", "major", weight="ancillary", reform="a"),
        finding("B", "8", "8.a", "major", weight="core", reform="b"),
        finding("C", "17", "17.2", "major", weight="core", reform="c"),
        finding("D", "16", "16.1", "critical", weight="ancillary", reform="d"),
        finding("E", "26", "26.1", "minor", weight="core", reform="e"),
    ]
    order = [p.title for p in ranked(findings, gains={0: 9.0, 1: 1.0, 2: 2.0, 3: 0.0, 4: 5.0})]
    # d: critical beats every major, whatever its weight and gain; c before b: same severity and
    # weight, more gain; a: major but ancillary, after the core majors despite the largest gain;
    # e: minor, last.
    assert order == ["d", "c", "b", "a", "e"]


def test_information_alone_is_not_a_priority():
    findings = [finding("EXT01", "24", "24.1.a", "info", reform="Sanctions"),
                finding("CP02", "26", "26.1", "info", reform="Spontaneous")]
    assert ranked(findings) == ()


def test_the_ranking_rule_is_explained(cli):
    out = cli("explain", "scoring").stdout
    assert priorities.RANKING in out


# Kazakhstan's first priorities, each with the reason for its rank.
KAZAKHSTAN_FIRST = [
    # critical, core: retention is not preservation (PRE01), no preservation on request (PRE05);
    # one law answers Arts. 16, 17, 29 and 30, and gains the most of the critical ones.
    ("Enact expedited preservation and partial disclosure of data, at home and on request", ("16", "17", "29", "30")),
    # critical, core: no liability of legal persons of any kind (LP01), nor fines for them (LP04).
    ("Establish the liability of legal persons, with effective sanctions", ("12", "13")),
    # critical, core: no 24/7 point of contact (CP01); one article, so less gain than the two above.
    ("Designate a 24/7 point of contact with the powers of Art. 35", ("35",)),
    # major, core: harm thresholds and other conditions on the offences of Arts. 2, 3, 4, 7
    # (QUA01/QUA02); the largest gain of the major ones.
    ("Remove the conditions the Convention does not permit from the offence definitions", ("2", "3", "4", "7")),
    # major, core: no production order (PROC02).
    ("Provide for a production order for data and subscriber information", ("18",)),
]


def test_kazakhstan_priorities_read_as_an_assessor_ranks_them(cli):
    report = json.loads(cli("assess", "kazakhstan", "--format", "json", "--no-cache").stdout)
    found = [(p["title"], tuple(p["articles"])) for p in report["priorities"][:len(KAZAKHSTAN_FIRST)]]
    assert found == KAZAKHSTAN_FIRST
    ranks = [p["rank"] for p in report["priorities"]]
    assert ranks == list(range(1, len(ranks) + 1))
    # No ancillary formality above a missing core power: every priority that answers only
    # ancillary elements comes after every core one of the same or a lower severity.
    order = {"critical": 3, "major": 2, "minor": 1}
    keys = [(order[p["severity"]], p["weight"] == "core") for p in report["priorities"]]
    assert keys == sorted(keys, reverse=True)
    spontaneous = next(p for p in report["priorities"] if "26" in p["articles"])
    assert spontaneous["weight"] == "ancillary" and spontaneous["rank"] > 10  # 26.2 was the old top gap
