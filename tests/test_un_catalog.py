"""The UN Convention against Cybercrime catalogue: valid against the catalogue schema (which stays
as strict for Budapest as it was), honest about what it verified, and, for Articles 1-15, proved
against the Arabic text the project holds (article numbers, titles, texts and paragraph numbering)."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import jsonschema_rs
import pytest
from jsonschema import Draft202012Validator

from cybergap.catalog import FRAMEWORKS, UnknownFramework, article_number, load_catalog
from cybergap.loader import load

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "cybergap" / "catalog"
SOURCE = ROOT / "profiles" / "sources" / "un-convention-against-cybercrime-arabic-arts-1-15.txt"

# The Arabic paragraph markers, as the source prints them at the start of a line:
# "1 - " a numbered paragraph, "(أ) " a lettered subparagraph, "’1’ " a numbered item.
ARTICLE = re.compile(r"^المادة (\d+): (.+)$")
CHAPTER = re.compile(r"^الفصل (\S+): (.+)$")
PARAGRAPH = re.compile(r"^(\d+) - ")
LETTER = re.compile(r"^\((\S)\) ")
ITEM = re.compile(r"^’(\d)’ ")
# Arabic letters in the order the UN uses them for (a), (b), (c) ... (the abjad order).
LATIN = dict(zip("أبجدهوزحطيكلمنس", "abcdefghijklmno"))
ROMAN = {"1": "i", "2": "ii", "3": "iii"}


def parse(text: str) -> dict[str, dict]:
    """Article number -> {title, chapter, lines, paths}: the article's Arabic title, the chapter
    heading last seen before it, its non-blank lines, and every paragraph path its markers give
    ('1', '1.a', '1.a.ii', 'b' ...)."""
    body = text.split("-" * 72, 1)[1]  # below the provenance header
    articles: dict[str, dict] = {}
    current, chapter = None, None
    paragraph = letter = None
    for line in (raw.strip() for raw in body.splitlines()):
        if m := CHAPTER.match(line):
            chapter, current = m.group(2), None
            continue
        if m := ARTICLE.match(line):
            current = articles.setdefault(m.group(1), {"title": m.group(2), "chapter": chapter, "lines": [], "paths": set()})
            paragraph = letter = None
            continue
        if current is None or not line:
            continue
        current["lines"].append(line)
        if m := PARAGRAPH.match(line):
            paragraph, letter = m.group(1), None
            current["paths"].add(paragraph)
        elif m := LETTER.match(line):
            letter = f"{paragraph}.{LATIN[m.group(1)]}" if paragraph else LATIN[m.group(1)]
            current["paths"].add(letter)
        elif m := ITEM.match(line):
            current["paths"].add(f"{letter}.{ROMAN[m.group(1)]}")
    return articles


@pytest.fixture(scope="module")
def arabic():
    return parse(SOURCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def data():
    return load(CATALOG / "un-cybercrime.yaml").data


@pytest.fixture(scope="module")
def budapest():
    return load(CATALOG / "budapest.yaml").data


@pytest.fixture(scope="module")
def schema():
    return json.loads((ROOT / "schemas" / "catalog.schema.json").read_text(encoding="utf-8"))


def fold(text: str) -> str:
    return " ".join(text.split())


def path_of(element_id: str) -> str:
    """'un-11.1.a.ii' -> '1.a.ii' (the paragraph path inside Article 11); '' for a whole article."""
    return element_id.removeprefix("un-").partition(".")[2]


def _errors(schema, document):
    """Messages from both validators the project uses (jsonschema, and jsonschema-rs at run time)."""
    python = [e.message for e in Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).iter_errors(document)]
    rust = [e.message for e in jsonschema_rs.validator_for(schema).iter_errors(document)]
    assert bool(python) == bool(rust), (python, rust)
    return python


# --- the parser reads the source as intended (else every proof below is empty) -------------------

def test_the_parser_finds_articles_1_to_15_and_their_paragraph_markers(arabic):
    assert list(arabic) == [str(n) for n in range(1, 16)]
    assert {"1", "1.a", "1.a.i", "1.a.ii", "1.b", "2", "3"} == arabic["11"]["paths"]
    assert {"a", "b", "c", "d", "e", "e.i", "e.ii", "f", "f.i", "f.ii", "f.iii", "g", "h", "i", "j", "k", "l", "m", "n",
            "o"} == arabic["2"]["paths"]
    assert arabic["10"]["paths"] == set()  # one unnumbered paragraph
    assert arabic["6"]["chapter"] is None and arabic["7"]["chapter"] == arabic["15"]["chapter"] == "التجريم"


# --- Articles 1-15 against the Arabic text ---------------------------------------------------------

def test_articles_1_to_15_carry_the_arabic_title_and_text_verbatim(data, arabic):
    articles = {a["number"]: a for a in data["articles"]}
    for number, source in arabic.items():
        article = articles[number]
        assert article["verified"] is True and article["text_language"] == "ar", number
        assert article["official_title"] == source["title"], number  # the words after "المادة N:"
        assert fold(article["text"]) == fold(" ".join(source["lines"])), number


def test_every_element_of_articles_1_to_15_stands_in_the_arabic_text(data, arabic):
    missing = []
    for article in data["articles"]:
        source = arabic.get(article["number"])
        if source is None:
            continue
        for element in article["elements"]:
            path = path_of(element["id"])
            if path and path not in source["paths"]:
                missing.append(element["id"])
            if not path and source["paths"]:  # a whole-article id only for an unnumbered article
                missing.append(element["id"])
            assert element["verified"] is True, element["id"]
        for item in article.get("qualifiers", []) + article.get("reservations", []):
            paragraph = item.get("paragraph") or item["id"]
            if path_of(paragraph) not in source["paths"]:
                missing.append(paragraph)
    assert not missing, missing


def test_every_paragraph_of_articles_1_to_15_is_modelled(data, arabic):
    """Each top-level paragraph (numbered, else lettered, else the article) is an element, the
    paragraph of a qualifier, or a reservation: dropping one from the catalogue fails here."""
    for article in data["articles"]:
        source = arabic.get(article["number"])
        if source is None:
            continue
        ids = [e["id"] for e in article["elements"]]
        ids += [q["paragraph"] for q in article.get("qualifiers", [])] + [r["id"] for r in article.get("reservations", [])]
        modelled = {path_of(i).split(".")[0] for i in ids}
        top = {p.split(".")[0] for p in source["paths"]} or {""}
        assert top <= modelled, (article["number"], sorted(top - modelled))


def test_chapter_numbers_follow_the_arabic_chapter_heading(data, arabic):
    chapters = {a["number"]: a["chapter"]["number"] for a in data["articles"]}
    for number, source in arabic.items():
        assert chapters[number] == ("II" if source["chapter"] == "التجريم" else "I"), number


# Thresholds the Arabic text states, with the words that state them in the element's paragraph.
STATED = {
    "minor_age": (18, "دون الثامنة عشرة"),  # "under eighteen"
    "serious_crime_min_deprivation_months": (48, "لا تقل عن أربع سنوات"),  # "not less than four years"
}


@pytest.mark.parametrize("name", sorted(STATED))
def test_verified_thresholds_are_worded_in_their_paragraph(data, arabic, name):
    value, words = STATED[name]
    threshold = data["thresholds"][name]
    assert threshold["value"] == value and threshold["verified"] is True
    article = arabic[article_number(threshold["element"])]
    assert path_of(threshold["element"]) in article["paths"]
    assert any(words in line for line in article["lines"])


# --- honesty beyond Article 15 ---------------------------------------------------------------------

def test_nothing_after_article_15_claims_a_text_or_a_verification(data):
    for article in data["articles"]:
        if int(article["number"]) <= 15:
            continue
        assert article["verified"] is False, article["number"]
        assert "text" not in article and "official_title" not in article, article["number"]
        for item in article["elements"] + article.get("reservations", []):
            assert item["verified"] is False, item["id"]
    for name, threshold in data["thresholds"].items():
        if int(article_number(threshold["element"])) > 15:
            assert threshold["verified"] is False, name
        assert "text" not in threshold, name  # English only as a summary
    assert all(r["verified"] is False for r in data.get("other_reservations", []))


def test_english_is_labelled_as_summary(data):
    assert "summaries" in data["convention"]["note"] and "not the treaty's words" in data["convention"]["note"]
    for article in data["articles"]:
        assert article["summary"].strip(), article["number"]
        if not article["verified"]:
            assert "no text held" in fold(article["summary"]), article["number"]


# --- shape: ids, references, weights, coverage of the chapters -------------------------------------

def test_articles_1_to_52_with_unique_prefixed_ids_and_consistent_references():
    catalog = load_catalog("un-cybercrime")
    assert [a["number"] for a in catalog.articles] == [str(n) for n in range(1, 53)]
    ids = [e["id"] for a in catalog.articles for e in a["elements"]]
    assert len(ids) == len(set(ids))
    budapest = load_catalog()
    assert not set(ids) & set(budapest.elements)  # the two id spaces never collide
    for article in catalog.articles:
        for element in article["elements"]:
            assert element["id"].startswith("un-") and article_number(element["id"]) == article["number"], element["id"]
        for item in article.get("qualifiers", []) + article.get("reservations", []):
            assert item["element"] in catalog.elements, item
            assert article_number(item.get("paragraph") or item["id"]) == article["number"], item
        for reservation in article.get("reservations", []):
            assert all(e in catalog.elements for e in reservation.get("excludes", [])), reservation
    for threshold in catalog.thresholds.values():
        assert threshold["element"] in catalog.elements, threshold
    assert catalog.reservations["un-63.3"]["article"] == "63"


CHAPTERS = {"I": range(1, 7), "II": range(7, 22), "III": range(22, 23), "IV": range(23, 35), "V": range(35, 53)}


def test_each_article_sits_in_its_chapter_and_scoring_section():
    section = {"I": "general", "II": "substantive", "III": "jurisdiction", "IV": "procedural", "V": "international"}
    for article in load_catalog("un-cybercrime").articles:
        [chapter] = [c for c, numbers in CHAPTERS.items() if int(article["number"]) in numbers]
        assert article["chapter"]["number"] == chapter, article["number"]
        expected = "use_of_terms" if article["number"] == "2" else section[chapter]
        assert article["scoring_section"] == expected, article["number"]


# The UN-only obligations the issue names, each with its core element.
UN_ONLY = {"15": "un-15.1", "16": "un-16.1", "17": "un-17.1.a.i", "20": "un-20", "31": "un-31.1.a",
           "33": "un-33.1", "34": "un-34.1"}


@pytest.mark.parametrize("number", sorted(UN_ONLY, key=int))
def test_the_un_only_obligations_are_catalogued_as_mandatory_core(number):
    element = load_catalog("un-cybercrime").elements[UN_ONLY[number]]
    assert (element["article"], element["obligation"], element["weight"]) == (number, "mandatory", "core")


def test_serious_crime_is_defined():
    catalog = load_catalog("un-cybercrime")
    assert catalog.elements["un-2.h"]["kind"] == "definition"
    assert catalog.threshold("serious_crime_min_deprivation_months") == 48


def test_shall_and_may_as_the_issue_reads_them():
    elements = load_catalog("un-cybercrime").elements
    assert elements["un-19.1"]["obligation"] == "mandatory"  # participation: shall
    assert elements["un-19.2"]["obligation"] == elements["un-19.3"]["obligation"] == "optional"  # attempt, preparation: may


QUALIFIERS = {  # article -> {(kind, how permitted, paragraph)} as the Arabic text words them
    "7": {("security_measures", "freely", "un-7.2"), ("dishonest_intent", "freely", "un-7.2"),
          ("criminal_intent", "freely", "un-7.2"), ("connected_system", "freely", "un-7.2")},
    "8": {("dishonest_intent", "freely", "un-8.2"), ("criminal_intent", "freely", "un-8.2"),
          ("connected_system", "freely", "un-8.2")},
    "9": {("serious_harm", "freely", "un-9.2")},
    "12": {("intent_to_defraud", "freely", "un-12.2"), ("criminal_intent", "freely", "un-12.2")},
}


@pytest.mark.parametrize("number", sorted(QUALIFIERS, key=int))
def test_the_conditions_a_state_may_add(number):
    article = load_catalog("un-cybercrime").article(number)
    assert {(q["kind"], q["permitted"], q["paragraph"]) for q in article["qualifiers"]} == QUALIFIERS[number]


def test_reservation_11_3_spares_the_sale_of_passwords():
    reservation = load_catalog("un-cybercrime").reservations["un-11.3"]
    assert reservation["effect"] == "excludes_element"
    assert set(reservation["excludes"]) == {"un-11.1.a.i", "un-11.1.b"}  # never un-11.1.a.ii


def test_every_mandatory_element_is_weighed_with_a_reason_citing_its_article(data):
    problems = []
    for article in data["articles"]:
        for element in article["elements"]:
            if element["obligation"] != "mandatory":
                assert "weight" not in element, element["id"]
                continue
            if element.get("weight") not in ("core", "ancillary"):
                problems.append((element["id"], element.get("weight")))
            if not re.match(rf"Art\. {article['number']}(?![0-9])", element.get("weight_reason", "")):
                problems.append((element["id"], element.get("weight_reason")))
    assert not problems, problems


def test_no_duty_elements_only_state_purpose_scope_or_interpretation(data):
    for article in data["articles"]:
        for element in article["elements"]:
            if element["obligation"] == "none":
                assert element["kind"] in ("general", "definition"), element["id"]


# --- the schema: valid for both catalogues, and each branch as strict as it should be --------------

def test_both_catalogues_validate_against_the_schema(schema, data, budapest):
    assert _errors(schema, data) == []
    assert _errors(schema, budapest) == []


def _first_element(document):
    return document["articles"][6]["elements"][0]


def test_schema_keeps_budapest_strict(schema, budapest):
    short = copy.deepcopy(budapest)
    short["articles"].pop()
    assert _errors(schema, short)  # 35 articles, no fewer
    textless = copy.deepcopy(budapest)
    del textless["articles"][3]["text"]
    assert _errors(schema, textless)  # every Budapest article carries its official text
    prefixed = copy.deepcopy(budapest)
    _first_element(prefixed)["id"] = "un-7"
    assert _errors(schema, prefixed)  # Budapest ids carry no prefix
    missing = copy.deepcopy(budapest)
    del missing["thresholds"]["minor_age_floor"]
    assert _errors(schema, missing)  # the five Budapest thresholds


def test_schema_holds_the_un_catalogue_to_its_honesty_rules(schema, data):
    bare = copy.deepcopy(data)
    _first_element(bare)["id"] = "7.1"
    assert _errors(schema, bare)  # UN ids carry the prefix
    silent = copy.deepcopy(data)
    del _first_element(silent)["verified"]
    assert _errors(schema, silent)  # every element says whether it was verified
    claimed = copy.deepcopy(data)
    claimed["articles"][20]["text"] = "Each State Party shall ..."
    assert _errors(schema, claimed)  # an unverified article carries no treaty text
    textless = copy.deepcopy(data)
    del textless["articles"][6]["text"]
    assert _errors(schema, textless)  # a verified article carries its text
    quoted = copy.deepcopy(data)
    del quoted["thresholds"]["minor_age"]["summary"]
    quoted["thresholds"]["minor_age"]["text"] = "any person under 18"
    assert _errors(schema, quoted)  # UN thresholds are summaries


# --- loading ---------------------------------------------------------------------------------------

def test_the_json_copy_is_the_yaml_source():
    """load_catalog reads un-cybercrime.json; after editing the YAML, run `python -m cybergap.catalog`."""
    from cybergap.catalog import compile_source
    from cybergap.resources import compiled_catalog_path

    assert compiled_catalog_path("un-cybercrime").read_text(encoding="utf-8") == compile_source("un-cybercrime"), \
        "un-cybercrime.json differs from un-cybercrime.yaml: run `python -m cybergap.catalog`"


def test_load_catalog_without_argument_is_budapest():
    assert FRAMEWORKS == ("budapest", "un-cybercrime")
    default = load_catalog()
    assert default.framework == "budapest" and default.convention["id"] == "ETS-185"
    assert load_catalog("budapest").elements == default.elements
    un = load_catalog("un-cybercrime")
    assert un.framework == "un-cybercrime" and un.convention["document"] == "A/RES/79/243"
    assert un.convention["adopted"] == "2024-12-24" and un.convention["opened_for_signature"] == "2025-10-25"


def test_an_unknown_framework_is_refused_by_name():
    with pytest.raises(UnknownFramework, match="'coe-185'.*budapest or un-cybercrime"):
        load_catalog("coe-185")


def test_the_catalogue_names_the_source_copy_it_was_checked_against(data):
    assert (CATALOG / data["convention"]["source"]["path"]).resolve() == SOURCE.resolve()
    assert SOURCE.read_text(encoding="utf-8").startswith("https://github.com/AhmedZakiMohamed/synQanun-semantic-search/")


# --- `cybergap catalog --framework un-cybercrime` --------------------------------------------------

def _rows(stdout: str) -> dict[str, str]:
    """Article number -> the table line that starts its row."""
    return {m.group(1): line for line in stdout.splitlines() if (m := re.match(r"^│ +(\d+) │", line))}


def test_catalog_table_marks_every_unverified_article(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    result = cli("catalog", "--framework", "un-cybercrime")
    assert result.exit_code == 0, result.stderr
    assert "United Nations Convention against Cybercrime (A/RES/79/243)" in result.stdout
    rows = _rows(result.stdout)
    assert list(rows) == [str(n) for n in range(1, 53)]
    for number, line in rows.items():
        expected = "yes" if int(number) <= 15 else "UNVERIFIED"
        assert re.search(rf"│ {expected} +│$", line), line


def test_catalog_article_view_of_an_unverified_article_says_so_everywhere(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    result = cli("catalog", "16", "--framework", "un-cybercrime")
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.replace("│", " ").split())
    assert "Article 16 – Non-consensual dissemination of intimate images – UNVERIFIED" in flat
    assert "no text of this article is held" in flat and "the curators' words, not the treaty's" in flat
    rows = [line for line in result.stdout.splitlines() if re.match(r"^│ un-16\.\d", line)]
    assert len(rows) == len(load_catalog("un-cybercrime").article("16")["elements"])
    assert all(line.rstrip().endswith("│ UNVERIFIED │") for line in rows), rows
    assert "(freely, un-16.5) (UNVERIFIED)" in flat  # the qualifier too
    assert not re.search("[\u0600-\u06ff]", result.stdout)  # no treaty text where none is held


def test_catalog_article_view_of_a_verified_article_shows_the_arabic_and_labels_the_english(cli, monkeypatch, arabic):
    monkeypatch.setenv("COLUMNS", "160")
    result = cli("catalog", "9", "--framework", "un-cybercrime")
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.replace("│", " ").split())
    assert f"official Arabic text: {arabic['9']['title']} (verified)" in flat
    assert fold(arabic["9"]["lines"][1]) in flat  # paragraph 2 (serious harm), verbatim
    assert "Summary (the curators' words, not the treaty's)" in flat
    assert re.search(r"│ un-9\.1 .*│ yes +│$", result.stdout, re.M)
    assert "the conduct results in serious harm (freely, un-9.2)" in flat


def test_catalog_json_for_the_un_framework(cli):
    whole = json.loads(cli("catalog", "--framework", "un-cybercrime", "--format", "json").stdout)
    assert whole["convention"]["document"] == "A/RES/79/243"
    assert [a["verified"] for a in whole["articles"]] == [n <= 15 for n in range(1, 53)]
    article = json.loads(cli("catalog", "19", "--framework", "un-cybercrime", "-f", "json").stdout)
    assert {e["id"]: (e["obligation"], e["verified"]) for e in article["elements"]} == {
        "un-19.1": ("mandatory", False), "un-19.2": ("optional", False), "un-19.3": ("optional", False)}


def test_catalog_framework_errors(cli):
    unknown = cli("catalog", "--framework", "coe-185")
    assert unknown.exit_code == 2 and "'coe-185' is not one of budapest, un-cybercrime" in unknown.stderr
    missing = cli("catalog", "53", "--framework", "un-cybercrime")
    assert missing.exit_code == 2
    assert missing.stderr == "cybergap: error: no article '53' in the un-cybercrime catalogue (articles 1-52)\n"


def test_catalog_defaults_to_budapest_unchanged(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    default, explicit = cli("catalog", "4"), cli("catalog", "4", "--framework", "budapest")
    assert default.exit_code == explicit.exit_code == 0
    assert default.stdout == explicit.stdout
    assert "Verified" not in default.stdout and "UNVERIFIED" not in default.stdout
    assert cli("catalog", "99").stderr == "cybergap: error: no article '99' in the Convention catalogue (articles 1-35)\n"
