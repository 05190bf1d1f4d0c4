"""Every rule on a tiny profile that triggers it and one that does not.

Each case is (failing profile, passing profile); the profiles are built from small parts
so that each pair differs only in what the rule reads. A meta-test proves every
registered rule has a case, a docstring, a severity and a rationale.
"""

from __future__ import annotations

import copy

import pytest

from cybergap.catalog import load_catalog
from cybergap.engine import evaluate
from cybergap.rules import all_rules
from cybergap.rules.context import Context


def profile(provisions=(), mappings=(), reservations=(), declarations=(), commentary=()):
    instruments = [{"id": "pc", "title": "Penal Code", "short": "PC", "kind": "code"},
                   {"id": "commentary", "title": "Source commentary", "kind": "commentary"}]
    provs = [dict(p, instrument=p.get("instrument", "pc")) for p in provisions]
    provs += [dict(p, instrument="commentary") for p in commentary]
    for p in provs:
        p.setdefault("reference", f"Article {p['id']}")
        p.setdefault("excerpts", [{"text": "x"}])
    return {
        "schema_version": 1,
        "country": {"name": "Testland", "iso2": "TL"},
        "profile": {"version": "1", "source": {"title": "t", "publisher": "t", "date": None, "path": "x.txt"}},
        "treaty_status": {"signature": {"date": None}, "reservations": [{"element": r} for r in reservations],
                          "declarations": [dict(d) for d in declarations]},
        "instruments": instruments,
        "provisions": provs,
        "mappings": [dict(m) for m in mappings],
    }


def m(element, provisions=(), coverage="full", note="n"):
    return {"element": element, "provisions": list(provisions), "coverage": coverage, "note": note}


def offence(pid, *, qualifiers=(), penalties=None):
    return {"id": pid, "facts": {
        "offence": {"conduct": ["x"], "qualifiers": [{"kind": k, "text": f"{k} words"} for k in qualifiers]},
        "penalties": penalties if penalties is not None else [{"part": "1", "imprisonment_months_max": 36}],
    }}


def fact(pid, **facts):
    return {"id": pid, "facts": facts}


GRAVITY = fact("g", gravity_classes=[
    {"class": "criminal_offence", "imprisonment": False},
    {"class": "little", "imprisonment": True, "max_imprisonment_months": 24},
    {"class": "average", "imprisonment": True, "max_imprisonment_months": 60},
    {"class": "grave", "imprisonment": True, "max_imprisonment_months": 144},
    {"class": "especially_grave", "imprisonment": True, "max_imprisonment_months": None},
])
ATTEMPT = fact("a", inchoate_liability={"attempt_from": "average", "preparation_from": "grave"})
FINE_OR_ARREST = [{"part": "1", "fine_mci_max": 160, "arrest_days_max": 40}]
RETENTION = fact("r", data_retention={"period_days": 730, "scope": "subscriber data", "bearer": "providers"})
ORDER = fact("o", preservation_order={"max_days": 90, "renewable": True, "scope": "any data", "on_foreign_request": True})
LIABLE = fact("lp", legal_person_liability={"administrative": "provided", "lack_of_supervision": "provided",
                                            "monetary_sanctions": "provided"})

CASES = {
    "COV01": (profile(mappings=[m("6.1.a.ii", coverage="none")]), profile([offence("p")], [m("6.1.a.ii", ["p"])])),
    "COV02": (profile([offence("p")], [m("3", ["p"], "partial")]), profile([offence("p")], [m("3", ["p"])])),
    "COV03": (profile([offence("p")], [m("9.1.a", ["p"])]),
              profile([offence("p")], [m(e, ["p"]) for e in ("9.1.a", "9.1.b", "9.1.c", "9.1.d", "9.1.e",
                                                              "9.2.a", "9.2.b", "9.2.c", "9.3")])),
    "COV04": (profile(mappings=[m("10.1", ["c"], "partial")], commentary=[{"id": "c"}]),
              profile([offence("p")], [m("10.1", ["p"], "partial")])),
    "QUA01": (profile([offence("p", qualifiers=["harm_threshold"])], [m("2", ["p"])]),
              profile([offence("p", qualifiers=["security_measures"])], [m("2", ["p"])], declarations=[{"element": "2"}])),
    "QUA02": (profile([offence("p", qualifiers=["harm_threshold"])], [m("4.1", ["p"])]),
              profile([offence("p", qualifiers=["harm_threshold"])], [m("4.1", ["p"])], reservations=["4.2"])),
    "QUA03": (profile([offence("p", qualifiers=["security_measures"])], [m("2", ["p"])]),
              profile([offence("p", qualifiers=["security_measures"])], [m("2", ["p"])], declarations=[{"element": "2"}])),
    "LP01": (profile(mappings=[m("12.1.a", ["c"], "none")], commentary=[fact("c", legal_person_liability={"criminal": "excluded", "civil": "asserted"})]),
             profile([LIABLE], [m("12.1.a", ["lp"])])),
    "LP02": (profile([fact("lp", legal_person_liability={"administrative": "provided"})], [m("12.2", ["lp"], "none")]),
             profile([LIABLE], [m("12.2", ["lp"])])),
    "LP03": (profile(mappings=[m("12.3", ["c"], "none")], commentary=[fact("c", legal_person_liability={"civil": "asserted"})]),
             profile([LIABLE], [m("12.3", ["lp"])])),
    "LP04": (profile([fact("lp", legal_person_liability={"administrative": "provided"})], [m("13.2", ["lp"], "none")]),
             profile([LIABLE], [m("13.2", ["lp"])])),
    "PRE01": (profile([RETENTION], [m("16.1", ["r"], "partial")]), profile([RETENTION, ORDER], [m("16.1", ["o"])])),
    "PRE02": (profile(mappings=[m("16.1", coverage="none")]), profile([ORDER], [m("16.1", ["o"])])),
    "PRE03": (profile([fact("o", preservation_order={"max_days": 30, "scope": "any"})], [m("16.2", ["o"])]),
              profile([ORDER], [m("16.2", ["o"])])),
    "PRE04": (profile(mappings=[m("17.1.b", coverage="none")]),
              profile([fact("d", procedural_power={"power": "partial_disclosure"})], [m("17.1.b", ["d"])])),
    "PRE05": (profile([RETENTION], [m("29.3", ["r"], "none")]), profile([ORDER], [m("29.3", ["o"])])),
    "PRE06": (profile(mappings=[m("30.1", coverage="none")]),
              profile([fact("d", procedural_power={"power": "partial_disclosure"})], [m("30.1", ["d"])])),
    "SAN01": (profile([offence("p", penalties=FINE_OR_ARREST)], [m("2", ["p"]), m("13.1", ["p"])]),
              profile([offence("p")], [m("2", ["p"]), m("13.1", ["p"])])),
    "EXT01": (profile([offence("p", penalties=FINE_OR_ARREST)], [m("2", ["p"]), m("24.1.a", ["p"])]),
              profile([offence("p")], [m("2", ["p"]), m("24.1.a", ["p"])])),
    "EXT02": (profile([fact("x", extradition={"min_imprisonment_months": 24})], [m("24.1.a", ["x"])]),
              profile([fact("x", extradition={"min_imprisonment_months": 12})], [m("24.1.a", ["x"])])),
    "ATT01": (profile([offence("p", penalties=FINE_OR_ARREST), GRAVITY, ATTEMPT], [m("4.1", ["p"]), m("11.2", ["a"])]),
              profile([offence("p", penalties=[{"part": "1", "imprisonment_months_max": 60}]), GRAVITY, ATTEMPT],
                      [m("4.1", ["p"]), m("11.2", ["a"])])),
    "ATT02": (profile(mappings=[m("11.1", coverage="none")]),
              profile([fact("c", complicity={"forms": ["organizer", "instigator", "accomplice"]})], [m("11.1", ["c"])])),
    "ATT03": (profile(mappings=[m("11.2", coverage="none")]), profile([GRAVITY, ATTEMPT], [m("11.2", ["a"])])),
    "CAM01": (profile([offence("p")], [m("9.1.e", ["p"], "none")]), profile([offence("p")], [m("9.1.e", ["p"], "none")], reservations=["9.4"])),
    "CAM02": (profile([offence("p")], [m("9.2.c", [], "none")]), profile([offence("p")], [m("9.2.c", ["p"])])),
    "CAM03": (profile([fact("age", age_limits={"minor_under": 14})], [m("9.3", ["age"])]),
              profile([fact("age", age_limits={"minor_under": 18})], [m("9.3", ["age"])])),
    "PROC01": (profile([fact("s", procedural_power={"power": "search", "computer_data": False})], [m("19.1.a", ["s"], "partial")]),
               profile([fact("s", procedural_power={"power": "search", "computer_data": True})], [m("19.1.a", ["s"])])),
    "PROC02": (profile([fact("s", procedural_power={"power": "access_to_service_information"})], [m("18.1.b", ["s"], "partial")]),
               profile([fact("s", procedural_power={"power": "production_order"})], [m("18.1.b", ["s"])])),
    "PROC03": (profile([fact("c", safeguards=["legality"])], [m("15.1", ["c"], "partial")]),
               profile([fact("c", safeguards=["legality", "proportionality"])], [m("15.1", ["c"])])),
    "PROC04": (profile([fact("c", procedural_power={"power": "covert_data_collection", "judicial_authorisation": "prosecutor"})], [m("15.2", ["c"], "partial")]),
               profile([fact("c", procedural_power={"power": "covert_data_collection", "judicial_authorisation": "required"})], [m("15.2", ["c"])])),
    "CP01": (profile(mappings=[m("35.1.a", ["c"], "none")], commentary=[fact("c", contact_point={"designated": False, "authorities": ["Police"]})]),
             profile([fact("k", contact_point={"designated": True})], [m("35.1.a", ["k"])])),
    "MLA01": (profile([fact("x", mutual_assistance={"bases": ["treaty"]})], [m("25.3", ["x"], "none")]),
              profile([fact("x", mutual_assistance={"urgent_channels": ["e-mail", "fax"]})], [m("25.3", ["x"])])),
    "CP02": (profile(mappings=[m("26.1", coverage="none")]), profile([fact("x", mutual_assistance={"bases": ["treaty"]})], [m("26.1", ["x"])])),
}


def codes(data) -> set[str]:
    return {f.rule for f in evaluate(Context(copy.deepcopy(data), load_catalog()))}


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_triggers_on_failing_profile(code):
    failing, _ = CASES[code]
    assert code in codes(failing)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_silent_on_passing_profile(code):
    _, passing = CASES[code]
    assert code not in codes(passing)


def test_every_rule_is_documented_and_tested_both_ways():
    rules = all_rules()
    assert {r.code for r in rules} == set(CASES)
    for r in rules:
        assert r.severity in ("critical", "major", "minor", "info"), r.code
        assert "Fails:" in r.doc and "Passes:" in r.doc, r.code
        assert "Art" in r.rationale or "Article" in r.rationale, r.code
        assert r.remediation and r.name and r.convention, r.code


def test_findings_cite_elements_in_the_catalogue():
    catalog = load_catalog()
    for failing, _ in CASES.values():
        for finding in evaluate(Context(copy.deepcopy(failing), catalog)):
            assert all(e in catalog.elements for e in finding.affected), finding
            assert finding.convention and finding.message


def test_unassessed_article_gets_no_findings():
    # Nothing of Article 12 is mapped: no evidence either way, so no liability finding.
    assert not {"LP01", "LP02"} & codes(profile([offence("p")], [m("2", ["p"])]))


def test_specific_rule_replaces_generic_coverage_finding():
    failing, _ = CASES["CAM01"]
    assert "COV01" not in codes(failing)


def test_qualifier_of_an_aggravated_part_only_does_not_narrow_the_offence():
    provision = offence("p", qualifiers=["harm_threshold"], penalties=[
        {"part": "1", "imprisonment_months_max": 36}, {"part": "2", "imprisonment_months_max": 60}])
    provision["facts"]["offence"]["qualifiers"][0]["parts"] = ["2"]
    assert "QUA01" not in codes(profile([provision], [m("2", ["p"])]))
    provision["facts"]["offence"]["qualifiers"][0]["parts"] = ["1", "2"]
    assert "QUA01" in codes(profile([provision], [m("2", ["p"])]))


AGGRAVATED_JAIL = [{"part": "1", "fine_mci_max": 160, "arrest_days_max": 40},
                   {"part": "3", "circumstances": ["by illegal access"], "imprisonment_months_max": 60}]


def with_parts(mapping, parts):
    return dict(mapping, parts=parts)


@pytest.mark.parametrize("code, element", [("SAN01", "8.a"), ("EXT01", "8.a"), ("ATT01", "8.a")])
def test_the_covering_part_named_by_the_mapping_is_judged(code, element):
    """The computer-related form sits in an aggravated part: its sanction counts, not part 1's."""
    extra = [GRAVITY, ATTEMPT] if code == "ATT01" else []
    base = [m(element, ["p"]), m("13.1", ["p"]), m("24.1.a", ["p"]), m("11.2", ["a"])]
    by_basic_part = profile([offence("p", penalties=AGGRAVATED_JAIL), *extra], base)
    assert code in codes(by_basic_part)
    by_covering_part = profile([offence("p", penalties=AGGRAVATED_JAIL), *extra],
                               [with_parts(base[0], {"p": ["3"]}), *base[1:]])
    assert code not in codes(by_covering_part)


def test_sanction_finding_names_the_covering_part():
    penalties = [{"part": "1", "imprisonment_months_max": 36}, {"part": "2", "fine_mci_max": 10}]
    data = profile([offence("p", penalties=penalties)], [with_parts(m("2", ["p"]), {"p": ["2"]}), m("13.1", ["p"])])
    [finding] = [f for f in evaluate(Context(data, load_catalog())) if f.rule == "SAN01"]
    assert "Article p(2)" in finding.message


@pytest.mark.parametrize("element, weight, severity", [
    ("2", "core", "major"),  # the offence of illegal access itself
    ("28.4", "ancillary", "minor"),  # a duty to explain the use made of information
    ("19.2", "core", "major"),  # extending a search to another system
    ("16.3", "ancillary", "minor"),  # the custodian's confidentiality
])
def test_an_uncovered_element_weighs_by_its_catalogue_weight(element, weight, severity):
    catalog = load_catalog()
    assert catalog.elements[element]["weight"] == weight
    [finding] = [f for f in evaluate(Context(profile(mappings=[m(element, coverage="none")]), catalog))
                 if f.rule == "COV01" and f.element == element]
    assert (finding.severity, finding.weight) == (severity, weight)
