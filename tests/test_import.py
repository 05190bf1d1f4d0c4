"""`cybergap import`: a C-PROC two-column country profile -> a draft profile that `check` proves.

The figures on the Kazakhstan source are measured against the curated profile (see
cybergap.importer.alignment for what each counts); the test holds the values reached."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from conftest import DATA, ROOT

KZ_SOURCE = ROOT / "profiles" / "sources" / "coe-cybercrime-profile-kazakhstan-2020-05-01.txt"
IMPORT_DATA = DATA / "import"


def _import(cli, tmp_path, source, name, iso2, *extra):
    target = tmp_path / f"{name.lower()}.yaml"
    result = cli("import", source, "--country", name, "--iso2", iso2, "-o", target, *extra)
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def kazakhstan_draft(tmp_path_factory):
    from cybergap.importer import draft

    return draft(KZ_SOURCE.read_text(encoding="utf-8"), "Kazakhstan", "KZ", "sources/kz.txt").profile


def test_kazakhstan_alignment_with_the_curated_profile(kazakhstan_draft):
    from cybergap.importer import alignment

    curated = yaml.safe_load((ROOT / "profiles" / "kazakhstan.yaml").read_text(encoding="utf-8"))
    figures = alignment(kazakhstan_draft, curated, KZ_SOURCE.read_text(encoding="utf-8"))
    assert figures["provisions"] == (49, 49)  # every curated provision of law cited by number
    assert figures["excerpts"] == (153, 153)  # page-split and item-split quotations included
    assert figures["articles"] == (29, 29)  # provisions the source quotes beside the article
    assert figures["articles_all"] == (18, 31)  # with the curator's cross-references (below target)
    assert figures["articles_hinted"] == (23, 31)  # ... counting the provisions the notes point at
    assert figures["law"] == (145, 145)  # no curated law drafted as commentary
    assert figures["commentary"] == (8, 8)  # Article 13's explanation of punishment included


def test_the_draft_points_at_the_articles_the_convention_refers_to(kazakhstan_draft):
    """Article 13.1 is about the sanctions of "Articles 2 through 11": the note names the offences
    quoted beside those articles; the mapping itself keeps only what the source quotes beside 13."""
    mappings = {m["element"]: m for m in kazakhstan_draft["mappings"]}
    sanctions = mappings["13.1"]
    assert 'Article 13.1 refers to "Articles 2 through 11": the source quotes pc-205,' in sanctions["note"]
    assert "pc-312" in sanctions["note"] and "pc-205" not in sanctions["provisions"]
    assert "Article 13.2 refers to \"Article 12\"" in mappings["13.2"]["note"]
    assert "refers to" not in mappings["2"]["note"]  # Article 2 refers to no other article


def test_prose_about_an_instrument_before_its_provisions_is_commentary(kazakhstan_draft):
    provisions = {p["id"]: p for p in kazakhstan_draft["provisions"]}
    assert "pc-under-13" not in provisions
    said = [e["text"] for e in provisions["commentary-13"]["excerpts"]]
    assert said[0].startswith("When establishing responsibility for the crimes in the Penal Code")
    assert provisions["pc-39"]["instrument"] == "pc"  # the provisions after it are law again


def test_an_unheaded_paragraph_that_calls_its_law_this_code_stays_law():
    from cybergap.importer import Paragraph, _Builder

    text = "Penal Code 1. Offences under this Code are crimes. The Penal Code was amended in 2019."
    builder = _Builder(text)
    for said, bold in [("Penal Code", True), ("1. Offences under this Code are crimes.", False),
                       ("The Penal Code was amended in 2019.", False)]:
        builder.read(Paragraph("2", said, bold))
    quoted = {pid: [e["text"] for e in p["excerpts"]] for pid, p in builder.provisions.items()}
    assert quoted == {"pc-under-2": ["1. Offences under this Code are crimes."],
                      "commentary-2": ["The Penal Code was amended in 2019."]}


def test_excerpt_alignment_counts_characters_reproduced_not_pieces():
    from cybergap.importer import _covered

    text = "2. The same actions, committed: 1) by a group; 2) for gain, - shall be punished by a fine"
    items = {"2. The same actions, committed:", "1) by a group;", "2) for gain, -",
             "shall be punished by a fine of up to ten thousand units."}  # runs on past the cut
    assert _covered(text, items) == len(text) - 3  # the three spaces between the items
    assert _covered(text, {"committed:", "2. The same actions, committed:"}) == len("2. The same actions, committed:")
    assert _covered(text, {"a fine of up to five"}) == 0  # a run-on needs 20 characters that match


def test_kazakhstan_draft_structure(kazakhstan_draft):
    instruments = {i["id"]: i for i in kazakhstan_draft["instruments"]}
    assert {"pc", "cpc", "constitution", "law-communications", "commentary"} <= set(instruments)
    assert instruments["commentary"]["kind"] == "commentary"
    provisions = {p["id"]: p for p in kazakhstan_draft["provisions"]}
    assert provisions["pc-205"]["reference"] == "Article 205"
    assert provisions["pc-205"]["title"].startswith("Illegal access to information")
    assert provisions["commentary-12"]["instrument"] == "commentary"  # "not compliant ..." is not law
    assert all(not e["text"].startswith("For reference") for p in provisions.values()
               if p["instrument"] != "commentary" for e in p["excerpts"])
    mappings = {m["element"]: m for m in kazakhstan_draft["mappings"]}
    assert mappings["2"]["provisions"] == ["pc-205"] and mappings["2"]["coverage"] == "draft"
    assert {m["coverage"] for m in kazakhstan_draft["mappings"]} == {"draft"}
    assert kazakhstan_draft["profile"]["status"] == "draft"
    assert kazakhstan_draft["profile"]["source"]["date"] == "2020-05-01"


def test_kazakhstan_import_checks_and_assesses(cli, tmp_path):
    target = _import(cli, tmp_path, KZ_SOURCE, "Kazakhstan", "KZ")
    assert (tmp_path / "sources" / KZ_SOURCE.name).read_bytes() == KZ_SOURCE.read_bytes()
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    check = cli("check", target, "-f", "json")
    assert check.exit_code == 0, check.output
    assert not [p for p in json.loads(check.stdout)["files"][0]["problems"] if p["severity"] == "error"]
    assessed = json.loads(cli("assess", target, "-f", "json", "--no-cache").stdout)
    assert {a["status"] for a in assessed["articles"]} == {"not_assessed"}  # nothing judged yet


def test_import_never_overwrites_without_force(cli, tmp_path):
    target = tmp_path / "kz.yaml"
    target.write_text("mine\n")
    result = cli("import", KZ_SOURCE, "--country", "Kazakhstan", "--iso2", "KZ", "-o", target)
    assert result.exit_code == 2 and "--force" in result.output
    assert target.read_text() == "mine\n"
    assert cli("import", KZ_SOURCE, "--country", "Kazakhstan", "--iso2", "KZ", "-o", target, "--force").exit_code == 0
    assert "coverage: draft" in target.read_text()


def test_import_refuses_bad_input(cli, tmp_path):
    assert cli("import", tmp_path / "none.txt", "--country", "X", "--iso2", "XX").exit_code == 2
    bad = cli("import", KZ_SOURCE, "--country", "Kazakhstan", "--iso2", "kz")
    assert bad.exit_code == 2 and "--iso2" in bad.output


def _curate(target, element, coverage):
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    for mapping in data["mappings"]:
        if mapping["element"] == element:
            mapping["coverage"] = coverage
    target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize("source, name, iso2, provisions, article_2", [
    ("genovia-cproc.txt", "Genovia", "GV",
     {"cma-2019-3-1": "Section 3(1)", "cma-2019-3-2": "Section 3(2)", "ica-2016-1": "Section 1", "cpc-42a": "Section 42A"},
     ["cma-2019-3-1", "cma-2019-3-2"]),
    ("elbonia-cproc.md", "Elbonia", "EB",
     {"cc-301": "Article 301", "cc-302": "Article 302", "law-electronic-communications-15-1-2": "Article 15(1)(2)"},
     ["cc-301"]),
    ("sylvania-cproc.html", "Sylvania", "SY",
     {"pc-210": "Article 210", "pc-212": "Article 212"},
     ["pc-210"]),
])
def test_fictional_documents_import_check_and_assess(cli, tmp_path, source, name, iso2, provisions, article_2):
    copy = tmp_path / "in" / source
    copy.parent.mkdir()
    shutil.copy(IMPORT_DATA / source, copy)
    target = _import(cli, tmp_path, copy, name, iso2)
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    found = {p["id"]: p["reference"] for p in data["provisions"]}
    assert provisions.items() <= found.items()
    kinds = {i["id"]: i["kind"] for i in data["instruments"]}
    commentary = [p for p in data["provisions"] if kinds[p["instrument"]] == "commentary"]
    assert commentary and all(kinds[p["instrument"]] != "commentary" for p in data["provisions"] if p["id"] in provisions)
    assert {m["element"]: m["provisions"] for m in data["mappings"]}["2"] == article_2
    assert cli("check", target).exit_code == 0
    _curate(target, "2", "full")  # the curator judges one element: Article 2 is assessed
    assert cli("check", target).exit_code == 0
    assessed = json.loads(cli("assess", target, "-f", "json", "--no-cache").stdout)
    statuses = {a["article"]: a["status"] for a in assessed["articles"]}
    assert statuses["2"] != "not_assessed" and statuses["3"] == "not_assessed"


def test_fictional_commentary_is_never_law():
    from cybergap.importer import draft

    profile = draft((IMPORT_DATA / "genovia-cproc.txt").read_text(encoding="utf-8"), "Genovia", "GV", "sources/g.txt").profile
    by_id = {p["id"]: p for p in profile["provisions"]}
    assert by_id["commentary-16"]["instrument"] == "commentary"
    assert by_id["commentary-12"]["instrument"] == "commentary"  # no instrument named beside Article 12
    assert all("For reference" not in e["text"] for e in by_id["cpc-42a"]["excerpts"])


def test_paragraphs_follow_the_convention_column():
    from cybergap.importer import paragraphs

    text = ("BUDAPEST CONVENTION\tDOMESTIC LEGISLATION\n"
            "<p><b>Article 2 – Illegal access</b></p>\t<p><b>Penal Code</b></p> <p>1. Text one.</p>\n"
            "**Chapter III – Co-operation****Article 24 – Extradition**\n"
            "**Penal Code****Article 9. Title**\n")
    found = [(p.article, p.text, p.bold) for p in paragraphs(text, "")]
    assert found == [("2", "Penal Code", True), ("2", "1. Text one.", False),
                     ("24", "Penal Code", True), ("24", "Article 9. Title", True)]


def test_paragraphs_that_do_not_prove_are_dropped_not_quoted():
    from cybergap.importer import Paragraph, _Builder

    builder = _Builder("Penal Code 1. The law says this.")
    for paragraph in [Paragraph("2", "Penal Code", True), Paragraph("2", "Article 1. Title", True),
                      Paragraph("2", "1. The law says this.", False), Paragraph("2", "1. The law says that.", False)]:
        builder.read(paragraph)
    assert builder.provisions["pc-1"]["excerpts"] == [{"text": "1. The law says this."}]
    assert builder.dropped == ["1. The law says that."]


def test_import_to_stdout_writes_nothing_else(cli, tmp_path):
    result = cli("import", KZ_SOURCE, "--country", "Kazakhstan", "--iso2", "KZ", cwd=tmp_path)
    assert result.exit_code == 0
    assert yaml.safe_load(result.stdout)["profile"]["status"] == "draft"
    assert list(tmp_path.iterdir()) == []  # no sources/ copy behind the user's back


def test_law_resumes_after_commentary_and_carries_over_a_page_split():
    from cybergap.importer import Paragraph, _Builder

    text = ("Penal Code Article 7. Title 1. Part one, For reference: what it means. 2. Part two. "
            "continued on the next row. Late remark.")
    builder = _Builder(text)
    for article, said, bold in [("14", "Penal Code", True), ("14", "Article 7. Title", True),
                                ("14", "1. Part one,", False), ("14", "For reference: what it means.", False),
                                ("14", "2. Part two.", False), ("15", "continued on the next row.", False),
                                ("15", "Late remark.", False)]:
        builder.read(Paragraph(article, said, bold))
    quoted = {pid: [e["text"] for e in p["excerpts"]] for pid, p in builder.provisions.items()}
    assert quoted["pc-7"] == ["1. Part one,", "2. Part two.", "continued on the next row."]
    assert quoted["commentary-14"] == ["For reference: what it means."]
    assert quoted["commentary-15"] == ["Late remark."]  # no instrument named beside Article 15


def test_import_refuses_a_document_without_a_domestic_column(cli, tmp_path):
    plain = tmp_path / "notes.txt"
    plain.write_text("Just some notes.\n\nArticle 2 – nothing here.\n")
    result = cli("import", plain, "--country", "X", "--iso2", "XX", "-o", tmp_path / "x.yaml")
    assert result.exit_code == 2 and "no domestic legislation" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]  # nothing written, nothing copied


def test_import_keeps_a_source_already_beside_the_profile(cli, tmp_path):
    (tmp_path / "sources").mkdir()
    source = tmp_path / "sources" / "genovia.txt"
    shutil.copy(IMPORT_DATA / "genovia-cproc.txt", source)
    target = _import(cli, tmp_path, source, "Genovia", "GV")
    assert yaml.safe_load(target.read_text())["profile"]["source"]["path"] == "sources/genovia.txt"
    assert sorted(p.name for p in (tmp_path / "sources").iterdir()) == ["genovia.txt"]
    assert cli("check", target).exit_code == 0


def test_import_never_replaces_a_different_source_copy(cli, tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / KZ_SOURCE.name).write_text("another text\n")
    result = cli("import", KZ_SOURCE, "--country", "Kazakhstan", "--iso2", "KZ", "-o", tmp_path / "kz.yaml")
    assert result.exit_code == 2 and "--force" in result.output
    assert (tmp_path / "sources" / KZ_SOURCE.name).read_text() == "another text\n"
    assert not (tmp_path / "kz.yaml").exists()


def test_paragraphs_are_proven_from_where_the_last_one_ended():
    """Linear, by operation count: paragraphs in source order never search the whole text again
    (a whole-text search per paragraph was paragraphs x text: 4x the input took 10x the time)."""
    from cybergap.importer import Paragraph, _Builder

    class Counting(str):
        whole = 0

        def find(self, sub, start=0, *rest):
            Counting.whole += start == 0
            return super().find(sub, start, *rest)

        def __contains__(self, sub):
            Counting.whole += 1
            return super().__contains__(sub)

    said = [f"{i}. Part {i} of the law." for i in range(1, 200)]
    builder = _Builder(Counting("Penal Code Article 1. T " + " ".join(said)))
    builder.read(Paragraph("2", "Penal Code", True))
    builder.read(Paragraph("2", "Article 1. T", True))
    for text in said:
        builder.read(Paragraph("2", text, False))
    assert len(builder.provisions["pc-1"]["excerpts"]) == len(said)
    assert Counting.whole <= 1  # the first paragraph only


def test_instrument_ids_fit_the_schema_whatever_the_title():
    from cybergap.importer import _instrument

    pattern = __import__("re").compile(r"^[a-z0-9][a-z0-9._-]*$")
    for title in ("Código Penal de Sylvania", "Édit Code", "Érdekes Act 2020", "Law on Ünits", "Ööö", "The Law of X on Y"):
        assert pattern.match(_instrument(title)["id"]), title


def test_import_makes_the_new_profiles_folder_once_the_draft_is_made(cli, tmp_path):
    target = tmp_path / "profiles" / "kazakhstan" / "kazakhstan.yaml"
    result = cli("import", KZ_SOURCE, "--country", "Kazakhstan", "--iso2", "KZ", "-o", target)
    assert result.exit_code == 0, result.output
    assert (target.parent / "sources" / KZ_SOURCE.name).is_file()
    assert cli("check", target).exit_code == 0
    failed = cli("import", tmp_path / "missing.txt", "--country", "X", "--iso2", "XX", "-o", tmp_path / "other" / "x.yaml")
    assert failed.exit_code == 2 and not (tmp_path / "other").exists()  # no folder for a profile not made
    (tmp_path / "plain").write_text("a file\n")
    blocked = cli("import", KZ_SOURCE, "--country", "Kazakhstan", "--iso2", "KZ", "-o", tmp_path / "plain" / "kz.yaml")
    assert blocked.exit_code == 2 and "is not a folder" in blocked.output
    assert (tmp_path / "plain").read_text() == "a file\n"


def test_one_instrument_whatever_date_closes_its_heading(kazakhstan_draft):
    """Resolution 246 is headed "... of March 30, 2010" twice and once with the date set apart
    from the bold heading: one instrument, the date never quoted as law. It has chapters, not
    articles: its Chapter 2, quoted beside Articles 16, 30 and 33, is one provision cited by all
    three, and its heading is the provision's reference and title, not an excerpt."""
    resolutions = [i for i in kazakhstan_draft["instruments"] if i["title"].startswith("Resolution 246")]
    assert [i["id"] for i in resolutions] == ["resolution-246"]
    excerpts = [e["text"] for p in kazakhstan_draft["provisions"] for e in p["excerpts"]]
    assert "of March 30, 2010" not in excerpts and not [e for e in excerpts if e.startswith("Chapter 2.")]
    [chapter] = [p for p in kazakhstan_draft["provisions"] if p["instrument"] == "resolution-246"]
    assert (chapter["id"], chapter["reference"]) == ("resolution-246-chapter-2", "Chapter 2")
    assert chapter["title"] == "Procedure of collecting and storing service information about subscribers by communication providers"
    cited = {m["element"].split(".")[0] for m in kazakhstan_draft["mappings"] if chapter["id"] in m["provisions"]}
    assert cited == {"16", "30", "33"}


def test_unheaded_text_quoted_again_beside_another_article_is_one_provision():
    from cybergap.importer import Paragraph, _Builder

    text = "Decree 5 1. Providers keep data. Decree 5 1. Providers keep data. 2. And more."
    builder = _Builder(text)
    for article, said, bold in [("16", "Decree 5", True), ("16", "1. Providers keep data.", False),
                                ("30", "Decree 5", True), ("30", "1. Providers keep data.", False),
                                ("30", "2. And more.", False)]:
        builder.read(Paragraph(article, said, bold))
    quoted = {pid: [e["text"] for e in p["excerpts"]] for pid, p in builder.provisions.items()}
    assert quoted == {"decree-5-under-16": ["1. Providers keep data.", "2. And more."]}
    assert builder.beside == {"16": ["decree-5-under-16"], "30": ["decree-5-under-16"]}


def test_title_key_sets_a_closing_date_aside():
    from cybergap.importer import title_key

    assert title_key("Rules for Providers of March 30, 2010") == title_key("Rules for Providers")
    assert title_key("Decree No. 5 dated 12 May 2019.") == title_key("Decree No. 5")
    assert title_key("Law on Data of 1.2.2003") == title_key("Law on Data")
    assert title_key("Law of 2019 on Data") != title_key("Law on Data")  # only a date that closes it
