"""The Convention catalogue: valid against its schema, complete, and verbatim from the source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from cybergap import provenance
from cybergap.catalog import load_catalog
from cybergap.loader import load

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "profiles" / "sources" / "coe-cybercrime-profile-kazakhstan-2020-05-01.txt"

# Paragraphs the source splits across a page break (the other column's text sits between the
# two halves): (article, the words at which the second half starts).
SPLIT = {
    ("6", "with intent that it be used"),
    ("7", "suppression of computer data, resulting"),
    ("10", "Convention for the Protection of Performers"),
    ("12", "benefit of that legal person"),
    ("18", "provider's possession or control."),
    ("21", "ii to co-operate and assist"),
    ("24", "concluded between or among them."),
    ("24", "that the details held on the register"),
    ("27", "authorities of the requesting Party to the competent"),
    ("35", "authority or authorities responsible for international"),
    ("29", "the requesting Party to submit a request for the search"),
}
# Paragraphs the source numbers or labels differently from the Convention.
RELABELLED = {
    ("21", "i to collect or record through the application of technical means on the territory of that Party, or"):
        "to collect or record through the application of technical means on the territory of that Party, or",
    ("27", "e Each Party may, at the time of signature"): "Each Party may, at the time of signature",
    ("29", "7 Any preservation effected"): "4 Any preservation effected",
}


@pytest.fixture(scope="module")
def data():
    return load(ROOT / "cybergap" / "catalog" / "budapest.yaml").data


def test_catalogue_validates_against_its_schema(data):
    schema = json.loads((ROOT / "schemas" / "catalog.schema.json").read_text())
    errors = sorted(Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).iter_errors(data),
                    key=lambda e: list(e.absolute_path))
    assert not errors, f"{list(errors[0].absolute_path)}: {errors[0].message}"


def test_all_35_articles_and_consistent_references():
    catalog = load_catalog()
    assert [a["number"] for a in catalog.articles] == [str(n) for n in range(1, 36)]
    ids = [e["id"] for a in catalog.articles for e in a["elements"]]
    assert len(ids) == len(set(ids))
    for article in catalog.articles:
        for element in article["elements"]:
            assert element["id"].split(".")[0] == article["number"], element["id"]
        for item in article.get("qualifiers", []) + article.get("declarations", []) + article.get("reservations", []):
            assert item["element"] in catalog.elements, item
        for reservation in article.get("reservations", []):
            assert all(e in catalog.elements for e in reservation.get("excludes", [])), reservation
    assert set(catalog.reservations) == {"4.2", "6.3", "9.4", "10.3", "11.3", "14.3", "22.2", "29.4", "41.1"}
    assert set(catalog.declarations) == {"2", "3", "6.1.b", "7", "9.3", "27.9.e"}


def test_thresholds():
    catalog = load_catalog()
    assert catalog.threshold("preservation_max_days") == 90
    assert catalog.thresholds["preservation_max_days"]["renewable"] is True
    assert catalog.threshold("foreign_preservation_min_days") == 60
    assert catalog.threshold("extradition_min_deprivation_months") == 12
    assert catalog.threshold("minor_age") == 18 and catalog.threshold("minor_age_floor") == 16


def _pieces(number: str, paragraph: str) -> list[str]:
    """The paragraph as the source prints it: relabelled, and split at a page break."""
    for (article, prefix), replacement in RELABELLED.items():
        if article == number and paragraph.startswith(prefix):
            paragraph = replacement + paragraph[len(prefix):]
    for article, start in SPLIT:
        if article == number and start in paragraph and not paragraph.startswith(start):
            head, tail = paragraph.split(start, 1)
            return [head.strip(), (start + tail).strip()]
    return [paragraph]


def test_article_texts_are_verbatim_from_the_source():
    source = provenance.normalise(SOURCE.read_text(encoding="utf-8"))  # both columns: the Convention is the left one
    missing = []
    for article in load_catalog().articles:
        if article["number"] == "23":  # not in the source: taken from the Convention itself
            continue
        for paragraph in article["text"].split("\n"):
            for piece in _pieces(article["number"], paragraph):
                if not provenance.is_verbatim(piece, source):
                    missing.append((article["number"], piece[:60], provenance.first_mismatch(piece, source)))
    assert not missing, missing


def test_the_json_copy_is_the_yaml_source():
    """load_catalog reads budapest.json; after editing budapest.yaml, run `python -m cybergap.catalog`."""
    from cybergap.catalog import compile_source
    from cybergap.resources import compiled_catalog_path

    assert compiled_catalog_path().read_text(encoding="utf-8") == compile_source(), \
        "budapest.json differs from budapest.yaml: run `python -m cybergap.catalog`"
