"""The four-level rating (C / LC / PC / NC, NA, not assessed): the rule of
`cybergap explain rating`, each level reached and each boundary tried from both sides."""

from __future__ import annotations

import json

import pytest

from cybergap.model import Coverage, ElementResult, Finding, Status
from cybergap.scoring import RATING_RULE, article_rating


def element(score: float | None, weight: str = "core", name: str = "e") -> ElementResult:
    return ElementResult(id=name, label=name, obligation="mandatory", coverage=Coverage.PARTIAL, provisions=(),
                         score=score, weight=weight)


def finding(severity: str) -> Finding:
    return Finding(rule="X", name="x", severity=severity, article="2", element="e", message="", convention="")


def rate(core=(), ancillary=(), severities=(), status=Status.PARTIAL):
    elements = [element(s, "core", f"c{i}") for i, s in enumerate(core)]
    elements += [element(s, "ancillary", f"a{i}") for i, s in enumerate(ancillary)]
    return article_rating(status, elements, [finding(s) for s in severities])


@pytest.mark.parametrize("core, ancillary, severities, expected, why", [
    # C: nothing short of full
    ([1, 1], [1], ["info"], "C", "every element scores 1; an info finding is no shortcoming"),
    ([1, 1], [0.75], ["minor"], "LC", "one minor shortcoming is enough to leave C"),
    # LC: only minor shortcomings, the core largely met
    ([1, 0.5], [0, 1], ["minor"], "LC", "core mean 0.75, one of two ancillary elements missing: minor only"),
    ([1, 0.5], [0, 0.5], ["minor"], "PC", "core mean 0.75, but the formalities mostly unmet (mean 0.25)"),
    ([1, 0.5, 0.5], [], ["minor"], "PC", "core mean 0.67 is below 0.75: more than minor"),
    ([1, 1, 1, 0], [], ["minor"], "PC", "core mean 0.75, but one core element not met at all"),
    ([1, 1], [1], ["major"], "PC", "a major finding is never a minor shortcoming"),
    # NC: the core obligation not met
    ([1, 0], [], ["major"], "PC", "core mean exactly 0.5 is not NC"),
    ([0.5, 0.5, 0], [], ["major"], "NC", "core mean 0.33"),
    ([1, 1], [0], ["critical"], "NC", "a critical finding is the core obligation not met"),
    ([0], [], ["major"], "NC", "the one core element missing"),
    # an article without core elements is judged on all its elements
    ([], [0.5, 0], ["minor"], "NC", "no core: all elements, mean 0.25"),
    ([], [1, 0.5], ["minor"], "LC", "no core: all elements, mean 0.75, none at 0"),
])
def test_the_rating_rule(core, ancillary, severities, expected, why):
    assert rate(core, ancillary, severities) == expected, why


def test_not_applicable_and_not_assessed():
    assert rate([1], status=Status.NOT_APPLICABLE) == "NA"
    assert rate([], status=Status.NOT_ASSESSED) is None


def test_unscored_elements_do_not_count():
    """An excluded element (score None) is left out, as in the score."""
    assert rate([1, None], [None], []) == "C"


def test_the_rule_is_explained(cli):
    result = cli("explain", "rating")
    assert result.exit_code == 0
    for level in ("C, compliant", "LC, largely compliant", "PC, partially compliant", "NC, non-compliant"):
        assert level in result.stdout
    assert RATING_RULE in result.stdout.replace("How cybergap rates articles\n\n", "")
    assert json.loads(cli("explain", "rating", "--format", "json").stdout)["rating"] == RATING_RULE


# Kazakhstan: each rating pinned with the reason (element scores, weights, findings).
KAZAKHSTAN = {
    "5": ("C", "PC 207 covers system interference in full, no finding"),
    "8": ("PC", "8.a and 8.b (both core) only partly covered: core mean 0.5"),
    "15": ("LC", "15.1 met, 15.2 partly (judge only for some powers, PROC04 minor): core mean 0.75, minor only"),
    "16": ("NC", "a retention regime, no preservation order: PRE01 critical"),
    "19": ("NC", "no search of computer data, no extension, no copying: PROC01 major, core mean below 0.5"),
    "12": ("NC", "no liability of legal persons of any kind: LP01 critical"),
    "32": ("NA", "Art. 32 has only optional elements"),
    "23": (None, "the profile maps nothing of Art. 23: not assessed"),
}


def test_kazakhstan_ratings(cli):
    report = json.loads(cli("assess", "kazakhstan", "--format", "json", "--no-cache").stdout)
    ratings = {a["article"]: a["rating"] for a in report["articles"]}
    for number, (expected, why) in KAZAKHSTAN.items():
        assert ratings[number] == expected, why
    # 27 is PC, not LC: its core is largely met (27.2.a full, 27.2.b partial) but six of its seven
    # ancillary elements are only partly met and 27.2.c not at all.
    assert ratings["27"] == "PC"
    assert report["rating_counts"] == {"C": 2, "LC": 1, "PC": 15, "NC": 15, "NA": 1, "not_assessed": 1}
