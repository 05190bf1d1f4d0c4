"""The Kazakhstan profile: valid, complete against the source, and every excerpt proven verbatim."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cybergap.catalog import load_catalog
from cybergap.loader import load

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "profiles" / "kazakhstan.yaml"

# Every provision the source quotes (instrument id, reference number) — read off the source.
QUOTED = {
    "pc": {"7", "10", "11", "24", "27", "28", "29", "39", "40", "56", "80", "147", "188", "190", "195", "198",
           "199", "205", "206", "207", "208", "210", "212", "312"},
    "cpc": {"3", "7", "201", "244", "245", "252", "253", "254", "557", "558", "559", "560", "561", "566", "567",
            "568", "569", "570", "579"},
    "constitution": {"1", "39"},
    "law-communications": {"15"},
    "law-personal-data": {"11", "16"},
    "law-operational-investigations": {"11"},
}
INSTRUMENTS = {"pc", "cpc", "constitution", "law-communications", "res-246", "law-personal-data",
               "law-operational-investigations", "law-informatization", "law-state-services"}


@pytest.fixture(scope="module")
def profile():
    return load(PROFILE).data


def test_check_passes_with_provenance(cli):
    result = cli("check", PROFILE)
    assert result.exit_code == 0, result.stdout
    assert "0 error(s)" in result.stderr


def test_every_article_the_source_addresses_is_mapped(profile):
    catalog = load_catalog()
    mapped = {catalog.elements[m["element"]]["article"] for m in profile["mappings"]}
    assert mapped >= {str(n) for n in range(1, 36)} - {"23"}
    for article in catalog.articles:
        if article["number"] == "23":
            continue
        for element in article["elements"]:
            if element["obligation"] == "mandatory":
                assert element["id"] in {m["element"] for m in profile["mappings"]}, element["id"]


def test_uncited_elements_say_so(profile):
    for mapping in profile["mappings"]:
        if not mapping["provisions"]:
            assert mapping["coverage"] == "none", mapping
            assert mapping["note"], mapping


def test_all_instruments_and_quoted_provisions_present(profile):
    assert INSTRUMENTS <= {i["id"] for i in profile["instruments"]}
    present: dict[str, set[str]] = {}
    for provision in profile["provisions"]:
        number = provision["reference"].split()[1].split("(")[0].rstrip(",") if provision["reference"].startswith("Article") else ""
        present.setdefault(provision["instrument"], set()).add(number)
    for instrument, numbers in QUOTED.items():
        assert numbers <= present.get(instrument, set()), (instrument, numbers - present.get(instrument, set()))
    assert any(p["instrument"] == "res-246" for p in profile["provisions"])


def test_key_facts(profile):
    provisions = {p["id"]: p for p in profile["provisions"]}
    assert provisions["pc-205"]["facts"]["penalties"][0] == {
        "part": "1", "fine_mci_max": 160, "correctional_works": True, "community_service_hours_max": 160,
        "arrest_days_max": 40, "additional": [
            "deprivation of the right to occupy determined positions or engage in a determined activity up to 2 years (optional)"]}
    part3 = provisions["pc-205"]["facts"]["penalties"][2]
    assert part3["imprisonment_months_max"] == 24 and part3["restriction_of_liberty_months_max"] == 24
    assert provisions["res-246-ch2"]["facts"]["data_retention"]["period_days"] == 730
    assert provisions["pc-24"]["facts"]["inchoate_liability"] == {"attempt_from": "average", "preparation_from": "grave"}
    assert provisions["cpc-579"]["facts"]["extradition"]["min_imprisonment_months"] == 12
    liability = provisions["commentary-12"]["facts"]["legal_person_liability"]
    assert liability["criminal"] == "excluded" and liability["administrative"] == "asserted"
    assert not any("preservation_order" in p.get("facts", {}) for p in provisions.values())
    assert profile["treaty_status"]["signature"]["date"] is None


def test_header_points_editors_at_the_schema():
    assert PROFILE.read_text().splitlines()[0] == "# yaml-language-server: $schema=../schemas/profile.schema.json"


def test_one_changed_word_fails_provenance_at_its_line(cli, tmp_path):
    shutil.copytree(ROOT / "profiles" / "sources", tmp_path / "sources")
    copy = tmp_path / "kazakhstan.yaml"
    lines = PROFILE.read_text(encoding="utf-8").splitlines(keepends=True)
    target = next(i for i, line in enumerate(lines) if "calculation indices or correctional works in the same amount" in line)
    lines[target] = lines[target].replace("correctional works", "corrective works", 1)
    copy.write_text("".join(lines), encoding="utf-8")
    result = cli("check", copy)
    assert result.exit_code == 1
    (problem,) = result.stdout.splitlines()
    assert "not verbatim" in problem and "[not-verbatim]" in problem
    # At the edited word itself, and the source's own words beside it.
    assert problem.split(":")[1:3] == [str(target + 1), str(lines[target].index("corrective") + 1)]
    assert "at 'corrective'" in problem and "where the source reads 'correctional works in the same amount" in problem
