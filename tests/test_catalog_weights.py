"""Element weights in the Convention catalogue: every mandatory element is `core` or `ancillary`,
with a one-line reason; the schema insists on both; `cybergap catalog` shows them."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import jsonschema_rs
import pytest
from jsonschema import Draft202012Validator

from cybergap.loader import load

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def data():
    return load(ROOT / "cybergap" / "catalog" / "budapest.yaml").data


@pytest.fixture(scope="module")
def schema():
    return json.loads((ROOT / "schemas" / "catalog.schema.json").read_text(encoding="utf-8"))


def elements(data):
    return {e["id"]: e for a in data["articles"] for e in a["elements"]}


def weight(data, element_id):
    return elements(data)[element_id]["weight"]


def test_every_mandatory_element_has_a_weight_and_a_reason_citing_its_article(data):
    mandatory = [(a["number"], e) for a in data["articles"] for e in a["elements"] if e["obligation"] == "mandatory"]
    assert len(mandatory) == 120  # a new mandatory element must be weighed too
    problems = []
    for number, element in mandatory:
        reason = element.get("weight_reason", "")
        if element.get("weight") not in ("core", "ancillary"):
            problems.append((element["id"], "weight", element.get("weight")))
        if not reason.strip() or len(reason) > 160 or "\n" in reason:
            problems.append((element["id"], "reason is not one line of at most 160 characters", reason))
        # The reason cites the element's own article first ("Art. 16.1: ...", "Art. 31.1-2: ...").
        if not re.match(rf"Art\. {number}(?![0-9])", reason):
            problems.append((element["id"], "reason does not cite Art. " + number, reason))
    assert not problems, problems


# Pinned weights, each with the reason an assessor would give.
PINNED = {
    "16.1": "core",       # the expedited preservation power itself: without it there is no Art. 16
    "28.4": "ancillary",  # explaining the use made of conditioned information: a duty to explain, not assistance
    "35.1": "core",       # the 24/7 point of contact itself: the channel of Art. 35
    "26.2": "ancillary",  # confidentiality conditions on spontaneous information: a formality of 26.1
    "12.1.a": "core",     # corporate liability itself (a leading person with a power of representation)
    "15.1": "core",       # conditions and safeguards: an obligation of principle for every Section 2 power
    "16.3": "ancillary",  # the custodian's confidentiality duty, attached to the power
    "24.7.a": "ancillary",  # a notification to the Secretary General
    "29.3": "core",       # preserving on a foreign request: the obligation of Art. 29 itself
}


@pytest.mark.parametrize("element_id", sorted(PINNED))
def test_pinned_weights(data, element_id):
    assert weight(data, element_id) == PINNED[element_id]


# Parallel structures weigh alike: the same kind of clause in sister articles.
PARALLEL = {
    "the power itself (preservation, disclosure, production, search, interception)": (
        "core", ["16.1", "17.1.a", "17.1.b", "18.1.a", "18.1.b", "19.1.a", "20.1.a", "21.1.a", "29.3", "30.1", "31.1", "33.1", "34"]),
    "how long preservation lasts, at home and on request": ("core", ["16.2", "29.7"]),
    "'subject to Articles 14 and 15': weighed once, under Art. 15": (
        "ancillary", ["16.4", "17.2", "18.2", "19.5", "20.4", "21.4"]),
    "a confidentiality duty on the custodian or provider": ("ancillary", ["16.3", "20.3", "21.3"]),
    "compelling a service provider in real time": ("core", ["20.1.b.i", "20.1.b.ii", "21.1.b.i", "21.1.b.ii"]),
    "limits on the grounds for refusal": ("ancillary", ["25.4", "27.4", "29.5", "30.2"]),
    "notifications to the Secretary General": ("ancillary", ["24.7.a", "27.2.c"]),
    "duties to inform or explain": ("ancillary", ["27.7", "28.4", "29.6"]),
    "conditions on information supplied": ("ancillary", ["26.2", "28.3"]),
    "no safe haven: prosecute where extradition is refused for nationality": ("core", ["22.3", "24.6"]),
    "the channel: central authority, urgent means, 24/7 contact": ("core", ["25.3", "27.2.a", "27.2.b", "35.1", "35.2.a"]),
}


@pytest.mark.parametrize("kind", sorted(PARALLEL))
def test_parallel_structures_weigh_alike(data, kind):
    expected, ids = PARALLEL[kind]
    assert {i: weight(data, i) for i in ids} == {i: expected for i in ids}


def _errors(schema, document):
    """Messages from both validators the project uses (jsonschema, and jsonschema-rs at run time)."""
    python = [e.message for e in Draft202012Validator(schema).iter_errors(document)]
    rust = [e.message for e in jsonschema_rs.validator_for(schema).iter_errors(document)]
    assert bool(python) == bool(rust), (python, rust)
    return python


def _with(data, element_id, change):
    document = copy.deepcopy(data)
    for article in document["articles"]:
        for element in article["elements"]:
            if element["id"] == element_id:
                change(element)
    return document


def test_the_intact_catalogue_passes_both_validators(data, schema):
    assert _errors(schema, data) == []


@pytest.mark.parametrize("drop", [("weight", "weight_reason"), ("weight",), ("weight_reason",)])
def test_schema_rejects_a_mandatory_element_without_its_weight(data, schema, drop):
    def strip(element):
        for key in drop:
            del element[key]
    errors = _errors(schema, _with(data, "16.1", strip))
    assert errors and any("weight" in message for message in errors), errors


@pytest.mark.parametrize("key, value", [("weight", "important"), ("weight_reason", ""), ("weight_reason", "the power itself"),
                                        ("weight_reason", "Art. 16.1: " + "x" * 160)])
def test_schema_rejects_a_bad_weight_or_reason(data, schema, key, value):
    assert _errors(schema, _with(data, "16.1", lambda e: e.update({key: value})))


def test_schema_lets_an_optional_element_go_unweighed_but_not_half_weighed(data, schema):
    assert "weight" not in elements(data)["18.3"] and elements(data)["18.3"]["obligation"] == "optional"
    assert _errors(schema, _with(data, "18.3", lambda e: e.update(weight="ancillary", weight_reason="Art. 18.3: a definition"))) == []
    assert _errors(schema, _with(data, "18.3", lambda e: e.update(weight="ancillary")))


def _row(stdout: str, element_id: str) -> str:
    """The table line that starts the element's row."""
    lines = [line for line in stdout.splitlines() if re.match(rf"^│ {re.escape(element_id)} +│", line)]
    assert len(lines) == 1, (element_id, stdout)
    return lines[0]


def test_catalog_article_view_shows_each_weight_and_its_reason(cli, data, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    result = cli("catalog", "16")
    assert result.exit_code == 0
    assert "Weight" in result.stdout
    flat = " ".join(result.stdout.replace("│", " ").split())
    for element_id in ("16.1", "16.2", "16.3", "16.4"):
        element = elements(data)[element_id]
        assert re.search(rf"│ {element['weight']} +│$", _row(result.stdout, element_id)), _row(result.stdout, element_id)
        assert element["weight_reason"] in flat


def test_catalog_article_view_marks_an_unweighed_optional_element(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    result = cli("catalog", "18")
    assert re.search(r"│ optional +│ - +│$", _row(result.stdout, "18.3"))


def test_catalog_json_carries_the_weights(cli, data):
    article = json.loads(cli("catalog", "16", "--format", "json").stdout)
    assert {e["id"]: (e["weight"], e["weight_reason"]) for e in article["elements"]} == {
        i: (elements(data)[i]["weight"], elements(data)[i]["weight_reason"]) for i in ("16.1", "16.2", "16.3", "16.4")}
    whole = json.loads(cli("catalog", "--format", "json").stdout)
    weighed = [e for a in whole["articles"] for e in a["elements"] if e["obligation"] == "mandatory" and e.get("weight")]
    assert len(weighed) == 120
