"""The same profile assessed against the UN Convention through the crosswalk (issue 13): what
carries over, what does not and why, UN-only obligations, and the commands."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from cybergap import frameworks
from tests.test_rules import GRAVITY, m, offence, profile

ROOT = Path(__file__).resolve().parent.parent
TODAY = None


def assess(data, framework="un-cybercrime"):
    return frameworks.assess(data, framework, "t.yaml")


def codes(assessment) -> set[tuple[str, str]]:
    return {(f.rule, f.element) for f in assessment.findings}


def test_a_condition_the_un_permits_does_not_carry_over():
    """A harm threshold on data interference: QUA02 under Budapest (only by reservation 4.2);
    UN 9(2) permits serious harm freely, so no finding, and the report says why."""
    data = profile([offence("p", qualifiers=["harm_threshold"])], [m("4.1", ["p"], coverage="partial")])
    assert ("QUA02", "4.1") in codes(assess(data, "budapest"))
    un = assess(data)
    assert not {rule for rule, _ in codes(un)} & {"QUA01", "QUA02", "QUA03"}
    [gone] = [n for n in un.not_carried if n.rule == "QUA02"]
    assert gone.element == "4.1" and "UN 9(2)" in gone.reason and "serious harm" in gone.reason


def test_a_condition_the_un_does_not_permit_stays_a_gap():
    """'Protected by the law' is permitted by neither treaty: QUA01 on Art. 2 becomes QUA01 on UN 7."""
    data = profile([offence("p", qualifiers=["protected_information"])], [m("2", ["p"], coverage="partial")])
    assert ("QUA01", "2") in codes(assess(data, "budapest"))
    assert ("QUA01", "un-7.1") in codes(assess(data))


def test_a_budapest_equivalent_gap_carries_over():
    """No preservation order (PRE02 on 16.1) is the same gap under UN 25, carried with its rule."""
    data = profile(mappings=[m("16.1", coverage="none"), m("16.2", coverage="none")])
    budapest = assess(data, "budapest")
    assert any(f.rule == "PRE02" and f.element == "16.1" for f in budapest.findings)
    un = assess(data)
    [carried] = [f for f in un.findings if f.rule == "PRE02"]
    assert carried.element == "un-25.1" and carried.article == "25" and "Budapest" in carried.convention
    assert ("COV01", "un-25.1") not in codes(un)  # the specific rule replaces the generic one, as under Budapest


def test_an_obligation_the_un_makes_optional_does_not_carry_over():
    """Attempt is optional under UN 19(2): ATT01 does not carry over, and says so."""
    attempt = {"id": "a", "facts": {"inchoate_liability": {"attempt_from": "grave"}}}
    data = profile([offence("p", penalties=[{"part": "1", "imprisonment_months_max": 24}]), GRAVITY, attempt],
                   [m("4.1", ["p"]), m("11.2", ["a"], coverage="partial")])
    assert any(f.rule == "ATT01" for f in assess(data, "budapest").findings)
    un = assess(data)
    assert not any(f.rule == "ATT01" for f in un.findings)
    assert any(n.rule == "ATT01" and "optional" in n.reason and "un-19.2" in n.reason for n in un.not_carried)


def test_an_element_without_a_counterpart_does_not_carry_over():
    data = profile([offence("p")], [m("10.1", ["p"], coverage="none")])
    un = assess(data)
    assert any(n.element == "10.1" and "copyright" in n.reason for n in un.not_carried)


def test_un_only_obligations_are_not_assessed_until_mapped():
    data = profile([offence("p")], [m("2", ["p"])])
    un = assess(data)
    grooming = next(a for a in un.articles if a.number == "15")
    assert grooming.rating is None and grooming.computed_status == "not_assessed"
    mapped = assess(profile([offence("p"), offence("g")], [m("2", ["p"]), m("un-15.1", ["g"])]))
    grooming = next(a for a in mapped.articles if a.number == "15")
    assert grooming.computed_status == "compliant" and grooming.score == 100.0


def test_broader_un_elements_are_only_partly_proven_by_full_budapest_coverage():
    """UN 14.1(b) (procuring, soliciting, accessing) is broader than Budapest 9.1.d (procuring)."""
    un = assess(profile([offence("p")], [m("9.1.d", ["p"])]))
    element = next(e for a in un.articles for e in a.elements if e.id == "un-14.1.b")
    assert element.coverage == "partial"


def test_kazakhstan_under_the_un_convention(cli):
    result = cli("assess", "kazakhstan", "--framework", "un-cybercrime", "--format", "json", "--no-cache")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    jsonschema.validate(report, json.loads((ROOT / "schemas" / "report.schema.json").read_text()))
    assert report["framework"] == "un-cybercrime"
    reasons = {(n["rule"], n["budapest_element"]): n["reason"] for n in report["not_carried_over"]}
    # The harm threshold of PC 206 on data interference is permitted by UN 9(2) ...
    assert "UN 9(2)" in reasons[("QUA02", "4.1")]
    # ... but not the harm threshold of PC 205 on illegal access: UN 7(2) permits none.
    findings = {(f["rule"], f["element"]) for f in report["findings"]}
    assert ("QUA01", "un-7.1") in findings
    assert "optional" in reasons[("ATT01", "11.2")]
    # Unverified elements (Arts. 16 and after) say so in JSON.
    elements = {e["id"]: e for a in report["articles"] for e in a["elements"]}
    assert elements["un-25.1"]["verified"] is False and "verified" not in elements["un-9.1"]


def test_the_table_names_the_framework_and_marks_unverified_elements(cli):
    table = cli("assess", "kazakhstan", "--framework", "un-cybercrime", "--width", "120", "--no-cache").stdout
    assert "United Nations Convention against Cybercrime" in table
    assert "Budapest gaps that do not carry over" in table
    article = cli("assess", "kazakhstan", "--framework", "un-cybercrime", "--article", "25", "--width", "160").stdout
    assert "UNVERIFIED" in article and "The project holds no text of this article" in article


@pytest.mark.parametrize("format", ["table", "markdown", "json"])
def test_crosswalk_command(cli, format):
    result = cli("crosswalk", "kazakhstan", "--format", format, "--width", "120", "--no-cache")
    assert result.exit_code == 0, result.output
    assert "Budapest gaps" in result.stdout
    if format == "json":
        data = json.loads(result.stdout)
        assert data["gaps"] == data["remaining"] + len(data["not_carried_over"])
        pair = next(p for p in data["pairs"] if p["article"] == "25")
        assert pair["budapest"] == ["16"] and pair["budapest_ratings"] == ["NC"] and pair["rating"] == "NC"
        assert "un-15.1" in data["other_only_not_assessed"]  # grooming: UN-only, not mapped


def test_profiles_may_map_un_elements_and_check_knows_them(cli, minimal):
    text = minimal.read_text()
    minimal.write_text(text.replace("  - element: \"2\"", "  - element: un-15.1\n    provisions: [pc-1]\n"
                                    "    coverage: partial\n    note: n\n  - element: \"2\"", 1))
    assert "un-15.1" in minimal.read_text()
    result = cli("check", "--no-cache", minimal)
    assert result.exit_code == 0, result.output
    minimal.write_text(minimal.read_text().replace("un-15.1", "un-99.9"))
    assert "[unknown-element]" in cli("check", "--no-cache", minimal).stdout
