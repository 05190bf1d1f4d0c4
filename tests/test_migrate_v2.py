"""Schema version 2: penalties in any law's units, parts as the law cites them, the country's own
gravity classes; the rules read them generically and give the same findings on a version-1
profile and its upgrade. The two fictional profiles in tests/data (never shipped) are its
examples: Freedonia, common law (sections and subsections, fines in a currency, felonies and
misdemeanours); Ruritania, civil law (articles and parts, fines in base amounts, four classes)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from cybergap import migrate, validate
from cybergap.catalog import load_catalog
from cybergap.engine import assess, evaluate
from cybergap.loader import load
from cybergap.rules.context import Context

DATA = Path(__file__).resolve().parent / "data"
FICTIONAL = [DATA / "freedonia.yaml", DATA / "ruritania.yaml"]


def python_verdict(data) -> bool:
    return not any(True for _ in validate.compiled_schema().iter_errors(data))


def messages(data) -> list[str]:
    return [f"{f.rule} {f.message}" for f in evaluate(Context(data, load_catalog()))]


@pytest.mark.parametrize("path", FICTIONAL, ids=lambda p: p.stem)
def test_fictional_profiles_are_version_2_and_check_clean(path, cli):
    data = load(path).data
    assert data["schema_version"] == 2
    assert validate.is_valid_fast(data) and python_verdict(data)
    result = cli("check", "--strict", "--no-cache", path)
    assert result.exit_code == 0, result.stdout
    assert "0 error(s), 0 warning(s)" in result.stderr


def test_common_law_offences_are_cited_by_subsection_and_classed_by_the_country():
    found = messages(load(DATA / "freedonia.yaml").data)
    assert ("ATT01 Attempt of 3 is not punishable: CMA s. 2(1) is a misdemeanour, and Crimes Act s. 5 punishes "
            "attempt only from a felony upwards") in found
    # A fine-only offence is in the least grave class when every class allows imprisonment.
    assert any(m.startswith("ATT01 Attempt of 4.1 is not punishable: CMA s. 3(1)(c) is a misdemeanour") for m in found)
    assert ("SAN01 CMA s. 3(1)(c), mapped to 4.1, allows no deprivation of liberty: a fine of up to 2000 FDD; "
            "imprisonment only in aggravated part(s) (1)(a), (1)(b)") in found
    assert not any("Attempt of 5 " in m or "Attempt of 2 " in m for m in found)  # felonies: attempt punishable


def test_civil_law_offences_in_base_amounts_and_own_classes():
    found = messages(load(DATA / "ruritania.yaml").data)
    assert ("ATT01 Attempt of 4.1 is not punishable: CC Article 252(1) is a minor offence, and CC Article 15 "
            "punishes attempt only from a less serious crime upwards") in found
    assert ("SAN01 CC Article 252(1), mapped to 4.1, allows only short arrest: a fine of up to 200 base amounts or "
            "arrest of up to 60 days; imprisonment only in aggravated part(s) 2") in found
    assert not any("Attempt of 8." in m for m in found)  # 96 months: a serious crime


# --- the same findings on version 1 and its upgrade -------------------------------------------

def rule_cases():
    import importlib.util

    spec = importlib.util.spec_from_file_location("rule_cases", Path(__file__).parent / "test_rules.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CASES


@pytest.mark.parametrize("code, pair", sorted(rule_cases().items()))
def test_every_rule_case_gives_the_same_findings_upgraded(code, pair):
    for profile in pair:
        upgraded = migrate.upgrade(profile)
        assert upgraded["schema_version"] == 2
        assert messages(upgraded) == messages(profile)


def test_kazakhstan_findings_are_the_same_upgraded():
    data = load(Path(__file__).resolve().parent.parent / "profiles" / "kazakhstan.yaml").data
    catalog = load_catalog()
    old, new = assess(data, catalog), assess(migrate.upgrade(data), catalog)
    assert old == new and len(old.findings) > 50
    assert validate.is_valid_fast(migrate.upgrade(data)) and python_verdict(migrate.upgrade(data))


def test_kazakhstan_is_read_as_before_version_2():
    """Version 1's meaning is kept: its classes' words and order, its fines in MCI (the same
    messages as before schema version 2 existed)."""
    data = load(Path(__file__).resolve().parent.parent / "profiles" / "kazakhstan.yaml").data
    found = [m for m in messages(data) if m[:5] in ("ATT01", "SAN01", "EXT01")]
    assert [m[:5] for m in found].count("ATT01") == 3 and [m[:5] for m in found].count("SAN01") == 4
    assert ("ATT01 Attempt of 4.1 is not punishable: PC Article 206(1) is a criminal offence (not a crime), and PC "
            "Article 24 punishes attempt only from a crime of average gravity upwards") in found
    assert ("ATT01 Attempt of 5 is not punishable: PC Article 207(1) is a crime of little gravity, and PC Article 24 "
            "punishes attempt only from a crime of average gravity upwards") in found
    assert ("SAN01 PC Article 205(1), mapped to 2, allows only short arrest: a fine of up to 160 MCI or arrest of up "
            "to 40 days; imprisonment only in aggravated part(s) 3") in found
    assert ("EXT01 PC Article 198(1), mapped to 10.1, 10.2, is punishable by a fine of up to 80 MCI: under 12 "
            "months' deprivation of liberty, so not extraditable under Art. 24.1.a") in found


# --- the rules on version-2 facts ------------------------------------------------------------

def v2(penalties, classes=None, attempt_from=None, mapping_parts=None):
    """A tiny version-2 profile: one offence mapped to Art. 4.1 (and 11.2, 13.1, 24.1.a)."""
    provisions = [{"id": "x", "instrument": "pc", "reference": "s. 3", "excerpts": [{"text": "t"}],
                   "facts": {"offence": {"conduct": ["deletion"]}, "penalties": penalties}}]
    if classes is not None:
        provisions.append({"id": "g", "instrument": "pc", "reference": "s. 4", "excerpts": [{"text": "t"}],
                           "facts": {"gravity_classes": classes, "inchoate_liability": {"attempt_from": attempt_from}}})
    element = {"element": "4.1", "provisions": ["x"], "coverage": "full", "note": "n"}
    if mapping_parts:
        element["parts"] = {"x": mapping_parts}
    return {
        "schema_version": 2,
        "country": {"name": "Testland", "iso2": "TL"},
        "profile": {"version": "1", "source": {"title": "t", "publisher": "t", "date": None, "path": "s.txt"}},
        "treaty_status": {"signature": {"date": None}, "reservations": [], "declarations": []},
        "instruments": [{"id": "pc", "title": "Act", "short": "Act", "kind": "law"}],
        "provisions": provisions,
        "mappings": [element, *({"element": e, "provisions": ["x"], "coverage": "full", "note": "n"}
                                for e in ("13.1", "24.1.a")),
                     {"element": "11.2", "provisions": ["g"] if classes is not None else [], "coverage": "full", "note": "n"}],
    }


COMMON_LAW = [{"class": "misdemeanour", "name": "a misdemeanour", "order": 1, "imprisonment": True, "max_imprisonment_months": 12},
              {"class": "felony", "name": "a felony", "order": 2, "imprisonment": True, "max_imprisonment_months": None}]


def codes(data) -> set[str]:
    return {f.rule for f in evaluate(Context(data, load_catalog()))}


def test_v2_examples_validate():
    for data in (v2([{"part": "(1)(a)", "imprisonment": {"life": True}}], COMMON_LAW, "felony"),
                 v2([{"part": "1", "other_custody": [{"name": "detention", "max_months": 24}]}])):
        assert validate.is_valid_fast(data) and python_verdict(data)


def test_life_imprisonment_is_deprivation_of_liberty_and_the_gravest_class():
    data = v2([{"part": "(1)", "imprisonment": {"life": True}}], COMMON_LAW, "felony")
    assert not codes(data) & {"SAN01", "EXT01", "ATT01"}
    felony_only = copy.deepcopy(data)
    felony_only["provisions"][0]["facts"]["penalties"] = [{"part": "(1)", "imprisonment": {"max_months": 12}}]
    assert {"ATT01"} <= codes(felony_only)  # 12 months: a misdemeanour


def test_other_custody_counts_as_deprivation_of_liberty():
    held = v2([{"part": "1", "other_custody": [{"name": "detention in a young offender institution", "max_months": 24}]}])
    assert not codes(held) & {"SAN01", "EXT01"}
    fined = v2([{"part": "1", "fine": {"max": 5000, "currency": "GBP"}, "community_service": {"max_hours": 300}}])
    assert {"SAN01", "EXT01"} <= codes(fined)
    [message] = [f.message for f in evaluate(Context(fined, load_catalog())) if f.rule == "EXT01"]
    assert message.startswith("Act s. 3(1), mapped to 4.1, is punishable by a fine of up to 5000 GBP:")


def test_the_covering_subsection_named_by_the_mapping_is_judged():
    penalties = [{"part": "(1)(a)", "imprisonment": {"max_months": 120}}, {"part": "(1)(c)", "fine": {"unlimited": True, "currency": "GBP"}}]
    assert "SAN01" not in codes(v2(penalties))
    data = v2(penalties, mapping_parts=["(1)(c)"])
    [message] = [f.message for f in evaluate(Context(data, load_catalog())) if f.rule == "SAN01"]
    assert message.startswith("Act s. 3(1)(c), mapped to 4.1, allows no deprivation of liberty: an unlimited fine;")


def test_classes_are_ordered_by_their_order_not_by_where_they_are_listed():
    shuffled = list(reversed(COMMON_LAW))
    data = v2([{"part": "1", "imprisonment": {"max_months": 24}}], shuffled, "felony")
    assert "ATT01" not in codes(data)
    data = v2([{"part": "1", "imprisonment": {"max_months": 6}}], shuffled, "felony")
    assert "ATT01" in codes(data)


# --- what the schema refuses -----------------------------------------------------------------

def _with(data, path, value):
    changed = copy.deepcopy(data)
    parent = changed
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return changed


BASE = v2([{"part": "(1)(a)", "fine": {"max": 10, "currency": "GBP"}}], COMMON_LAW, "felony", ["(1)(a)"])
PENALTY = ("provisions", 0, "facts", "penalties", 0)
CLASS = ("provisions", 1, "facts", "gravity_classes", 0)


@pytest.mark.parametrize("path, value, said", [
    (PENALTY, {"part": "1", "fine_mci_max": 160}, "unknown key 'fine_mci_max'"),  # version 1's keys
    (PENALTY + ("part",), "3(1)(a", "does not match"),
    (PENALTY + ("fine",), {"max": 10, "currency": "GBP", "reference_unit": "MCI"}, "should not be valid"),
    (PENALTY + ("fine",), {"max": 10}, "is not valid under any of the given schemas"),
    (PENALTY + ("fine",), {"max": 10, "currency": "pounds"}, "does not match"),
    (PENALTY + ("imprisonment",), {}, "should be non-empty"),
    (CLASS, {"class": "misdemeanour", "imprisonment": True}, "'name' is a required property"),
    (CLASS + ("class",), "Felony", "does not match"),
    (("mappings", 0, "parts", "x", 0), "part (a)", "does not match"),
    (("schema_version",), 3, "is not one of [1, 2]"),
])
def test_the_version_2_schema_refuses(path, value, said):
    assert validate.is_valid_fast(BASE) and python_verdict(BASE)
    changed = _with(BASE, path, value)
    assert not validate.is_valid_fast(changed) and not python_verdict(changed)
    from cybergap.loader import parse

    document = parse(json.dumps(changed), "x.yaml")
    problems = validate.schema_problems(document)
    assert any(said in p.message for p in problems), [p.message for p in problems]


def test_version_1_still_refuses_version_2_keys():
    data = load(DATA / "minimal.yaml").data
    changed = _with(data, ("provisions", 0, "facts", "penalties", 0), {"part": "1", "imprisonment": {"max_months": 36}})
    assert not validate.is_valid_fast(changed) and not python_verdict(changed)


def test_undefined_gravity_class_is_a_reference_error_in_version_2(cli, tmp_path):
    source = (DATA / "freedonia.yaml").read_text(encoding="utf-8")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "freedonia-statutes.txt").write_bytes((DATA / "sources" / "freedonia-statutes.txt").read_bytes())
    profile = tmp_path / "freedonia.yaml"
    profile.write_text(source.replace("attempt_from: felony", "attempt_from: felon"), encoding="utf-8")
    result = cli("check", "--no-cache", profile)
    assert result.exit_code == 1
    [line] = [line for line in result.stdout.splitlines() if "[undefined-gravity-class]" in line]
    row = source.splitlines().index("        attempt_from: felony") + 1
    assert line.startswith(f"{profile}:{row}:23: error: attempt_from names 'felon', which is not one of")


# --- jsonschema-rs and jsonschema agree on version 2 -----------------------------------------

ODD = [None, True, 0, -1, 1.5, "", "x", "GBP", "(1)(a)", "1", {}, [], {"unknown": 1}, ["x"], {"max": 1},
       {"max_months": 1}, {"life": True}, {"name": "x", "max_months": 1}]


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, prefix + (index,))


def test_same_verdict_on_every_single_change_of_the_version_2_facts():
    pytest.importorskip("jsonschema_rs")
    base = v2([{"part": "(1)(a)", "circumstances": ["c"], "fine": {"max": 10, "min": 1, "currency": "GBP", "text": "t"},
                "correctional_works": True, "community_service": {"max_hours": 1}, "arrest": {"max_days": 1},
                "restriction_of_liberty": {"max_months": 1}, "other_custody": [{"name": "d", "max_months": 1}],
                "imprisonment": {"max_months": 2, "min_months": 1, "life": False}, "additional": ["a"]}],
              COMMON_LAW, "felony", ["(1)(a)"])
    base["provisions"][1]["facts"]["inchoate_liability"]["preparation_from"] = "felony"
    disagreements, invalid = [], 0
    for where in _paths(base):
        if where[:1] not in (("provisions",), ("mappings",)) or len(where) < 4:
            continue
        for value in ODD:
            changed = _with(base, where, copy.deepcopy(value))
            verdict = python_verdict(changed)
            invalid += not verdict
            if validate.is_valid_fast(changed) != verdict:
                disagreements.append((where, value))
    assert not disagreements, disagreements[:5]
    assert invalid > 300
