"""Import a C-PROC two-column country profile ("Cybercrime legislation — domestic equivalent to
the provisions of the Budapest Convention") into a DRAFT profile. Plain data in, plain data out:
`draft(text, ...)` returns the profile as a dict; the command line writes it.

How the source is read. Line by line, as `cybergap.provenance` reads it: page headers and the
repeated column header are skipped; a TAB-separated row is "Convention cell<TAB>domestic cell"
(a Markdown table row `| left | right |`, or an HTML `<tr>` with two cells, likewise); a free
line is domestic text unless it is the Convention's own text. An "Article N – Title" heading (a
dash, not a full stop) in the Convention column says which Convention article the rows that
follow belong to. The title page and table of contents before the first column header are skipped.

The domestic column is cut into paragraphs at block tags (<p>, <li>, <br> ...). A paragraph set
wholly in bold is a heading: an instrument ("Penal Code of ...", "The Law of ... on ...", "...
Act 2019") or a provision ("Article 205. Title", "Article 15(1)(2)", "Section 3(1) Title"). Every
other paragraph is quoted verbatim (after the same markup folding the provenance proof applies
to the source) under the provision or instrument heading before it; a paragraph that starts
"For reference" (and what follows it up to the next heading), or text before any instrument,
is the source's own commentary, never law. Each excerpt is proven against the source as
`cybergap check` will prove it; one that does not prove is dropped and counted.

Each Convention article's mandatory elements are mapped, `coverage: draft`, to the provisions
quoted beside it: the curator judges the coverage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cybergap import provenance

_BLOCK_TAG = re.compile(r"</?(?:p|li|ol|ul|div|br|tr|td|th|h[1-6]|blockquote)\b[^<>]{0,500}>", re.IGNORECASE)
_BOLD_RUN = re.compile(r"\s*(?:<b>(.{1,500}?)</b>|<strong>(.{1,500}?)</strong>|\*\*\*?(.{1,500}?)\*\*(?:\*(?!\*))?)\s*")
_CONVENTION_HEADING = re.compile(r"Article\s+(\d{1,2})\s*[–—-]\s*\S")
_PROVISION = re.compile(
    r"^(?:(Article|Art\.|Section|s\.)\s*)(\d{1,4}[A-Za-z]?(?:-\d+)?)((?:\s?\([0-9a-zA-Z]{1,4}\))*)\s*[.:]?\s*(.*)$")
_CHAPTER = re.compile(r"^Chapter\s+(\d{1,3}|[IVXLC]{1,7})\s*[.:]\s+(\S.{0,158})$")  # of a regulation without articles
_INSTRUMENT = re.compile(r"\b(Code|Law|Act|Constitution|Resolution|Decree|Ordinance|Regulations?|Statute)\b")
_ENUMERATOR = re.compile(r"^(?:\(?[a-z]{1,4}\)\s*|\d{1,2}\)\s*)+")
_REFERENCE = re.compile(r"^\W*for reference\b", re.IGNORECASE)
_DATE = r"(?:[A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}|\d{1,2}\.\d{1,2}\.\d{4})"
_DATED = re.compile(rf"\s*,?\s*\b(?:of|dated|from)\s+{_DATE}[.:]?\s*$")  # "of March 30, 2010" closing a title
_ITEM = re.compile(r"^\(?\d{1,3}[.)]\s")  # "1. ", "26) ", "(2) ": how law's parts and items begin
_STOP = {"of", "the", "on", "and", "for", "in", "a", "an", "to", "republic"}


@dataclass
class Paragraph:
    article: str | None  # the Convention article beside it
    text: str  # folded as the provenance proof folds the source
    bold: bool


@dataclass
class Draft:
    profile: dict
    dropped: list[str] = field(default_factory=list)  # paragraphs that did not prove verbatim
    articles: dict[str, list[str]] = field(default_factory=dict)  # Convention article -> provision ids


def _fold(raw: str) -> str:
    return provenance.fold(provenance._fold_markup(raw))


def _blocks(cell: str) -> list[tuple[str, bool]]:
    """(folded text, set wholly in bold) for each paragraph of one cell or line; a paragraph made of
    several bold runs ("**Penal Code ...****Article 188. Theft**") gives one heading per run."""
    found = []
    for block in _BLOCK_TAG.split(cell.replace("<br/>", "<br>")):
        if not block.strip():
            continue
        runs = []
        at = 0
        while at < len(block):
            match = _BOLD_RUN.match(block, at)
            if not match or match.end() == at:
                break
            runs.append(next(g for g in match.groups() if g is not None))
            at = match.end()
        if runs and at >= len(block.rstrip()):
            found.extend((_fold(run), True) for run in runs if _fold(run))
            continue
        # headings run into the text ("<b>Code</b> <b>Article 3. Title</b> 1. Criminal ..."): split them off
        leading = 0
        for run in runs:
            if not (_PROVISION.match(_fold(run)) or is_instrument_heading(_fold(run))):
                break
            leading += 1
        if leading == len(runs) and leading:
            found.extend((_fold(run), True) for run in runs)
            block = block[at:]
        if _fold(block):
            found.append((_fold(block), False))
    return found


def _cells(line: str) -> tuple[str, str] | None:
    """(Convention cell, domestic cell) of a table row, or None for a free line."""
    if "\t" in line:
        left, _, right = line.partition("\t")
        return left, right
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        cells = [c.strip() for c in stripped[1:-1].split("|")]
        return cells[0], " | ".join(cells[1:])
    return None


def _is_column_header(line: str) -> bool:
    cells = _cells(line)
    return cells is not None and _is_table_furniture(*cells) and "CONVENTION" in line.upper()


def _is_table_furniture(left: str, right: str) -> bool:
    """A Markdown table's separator row or its column header row."""
    both = f"{left} {right}".strip()
    if both and set(both) <= set("-:| "):
        return True
    return (_fold(left).upper(), _fold(right).upper()) == ("BUDAPEST CONVENTION", "DOMESTIC LEGISLATION")


_ROW = re.compile(r"<tr\b[^<>]{0,500}>", re.IGNORECASE)
_CELL = re.compile(r"<t[dh]\b[^<>]{0,500}>", re.IGNORECASE)
_ROW_END = re.compile(r"</tr\s*>|</table\s*>|</t[dh]\s*>|</?tbody\b[^<>]{0,500}>|</?thead\b[^<>]{0,500}>", re.IGNORECASE)


def html_rows(text: str) -> str:
    """An HTML document's table rows as "left<TAB>right" lines (a cell's line breaks become spaces);
    text outside the tables is kept as it is. Text without <tr> is returned unchanged."""
    if not _ROW.search(text):
        return text
    pieces = _ROW.split(text)
    lines = [pieces[0]]
    for row in pieces[1:]:
        cells = [_ROW_END.sub(" ", cell).replace("\t", " ") for cell in _CELL.split(row)[1:]]
        cells = [" ".join(cell.split()) for cell in cells]
        if cells:
            lines.append("\t".join([cells[0], " ".join(cells[1:])]))
    return "\n".join(lines)


def paragraphs(text: str, convention: str) -> list[Paragraph]:
    """The domestic column's paragraphs, each with the Convention article it stands beside."""
    text = html_rows(text)
    article = None
    found = []
    started = False  # the title page and table of contents come before the first column header
    for line in text.splitlines():
        if provenance._is_header(line) or _is_column_header(line):
            started = started or "CONVENTION" in line.upper()
            continue
        if not started:
            continue
        cells = _cells(line)
        if cells is not None:
            left, right = cells
            if _is_table_furniture(left, right):
                continue
            heading = _CONVENTION_HEADING.search(_fold(left))
            if heading:
                article = heading.group(1)
            domestic = right
        else:
            folded = _fold(line)
            heading = _CONVENTION_HEADING.search(folded[:100]) if line.lstrip().startswith(("**", "<")) else None
            if heading:
                article = heading.group(1)
                continue
            if len(folded) >= provenance._CONVENTION_LINE_MIN and folded in convention:
                continue  # the Convention's own paragraph outside the table
            domestic = line
        found.extend(Paragraph(article, block, bold) for block, bold in _blocks(domestic))
    return found


def _slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by '-': what the schema allows in an id."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _instrument(title: str) -> dict:
    """An instrument from its heading: id, title, short name, kind."""
    title = re.sub(r"^the\s+", "", title.strip().rstrip(".:"), flags=re.IGNORECASE)
    title = re.sub(r"\b(\w+) \1\b", r"\1", title)  # "of of": a slip in the source's heading
    words = title.split()
    lower = title.lower()
    if "constitution" in lower:
        return {"id": "constitution", "title": title, "short": "Constitution", "kind": "constitution"}
    if re.search(r"\bcode\b", lower):
        before = lower.split("code")[0].split()
        ident = _slug("".join(w[0] for w in before if w not in _STOP)) + "c"
        return {"id": ident, "title": title, "short": ident.upper(), "kind": "code"}
    if re.search(r"\b(resolution|decree|ordinance|regulations?)\b", lower):
        return {"id": _slug(" ".join(words[:2])), "title": title, "short": " ".join(words[:2]), "kind": "regulation"}
    on = re.search(r"\b(?:on|about)\s+(.+)$", title, flags=re.IGNORECASE)
    if lower.startswith("law") and on:
        subject = [w for w in on.group(1).split() if w.lower() not in _STOP][:2]
        return {"id": "law-" + _slug(" ".join(subject)), "title": title, "short": f"Law on {on.group(1)}", "kind": "law"}
    act = re.search(r"^(.*?\bAct)\b\s*(\d{4})?", title)
    if act:
        initials = _slug("".join(w[0] for w in act.group(1).lower().split() if w not in _STOP)) or "act"
        return {"id": initials + (f"-{act.group(2)}" if act.group(2) else ""), "title": title,
                "short": act.group(1) + (f" {act.group(2)}" if act.group(2) else ""), "kind": "law"}
    return {"id": _slug(" ".join(words[:4])) or "instrument", "title": title, "short": " ".join(words[:4]), "kind": "law"}


def _plain_heading(match: re.Match) -> bool:
    """A provision heading not set in bold: "Article 40. Types of punishment", "Article 1"."""
    title = match.group(4)
    return len(title) <= 160 and not title.endswith((";", ",", ":")) and \
        (not title or match.string[match.end(3):].lstrip().startswith(".")) and "shall" not in title


def title_key(title: str) -> str:
    """An instrument's title compared loosely: case, "the", doubled words, "of the Republic of
    <country>" and a closing date aside ("The Law On Personal Data" = "Law of the Republic of
    Kazakhstan on Personal Data"; "Rules ... of March 30, 2010" = "Rules ...")."""
    key = re.sub(r"\b(\w+) \1\b", r"\1", _DATED.sub("", title).lower().rstrip(".:"))
    key = re.sub(r"\bof the republic of \w+\b|^the\b", "", key)
    return " ".join(key.split())


def is_instrument_heading(text: str) -> bool:
    text = _ENUMERATOR.sub("", text).strip()
    return bool(_INSTRUMENT.search(text)) and not _PROVISION.match(text) and len(text) <= 200 \
        and not text.lower().startswith(("chapter", "part ", "title "))


def _speaks_of(text: str, instrument: dict) -> bool:
    """The paragraph names its own instrument ("the Penal Code"): words about the law, not of it
    (a law calls itself "this Code")."""
    name = re.sub(r"\s+of the Republic of \w+", "", instrument["title"], flags=re.IGNORECASE)
    return bool(re.search(rf"\bthe\s+{re.escape(name)}\b", text, flags=re.IGNORECASE))


class _Builder:
    """The draft profile as the paragraphs are read."""

    def __init__(self, source_text: str):
        self.source_text = source_text
        self.instruments: dict[str, dict] = {}
        self.provisions: dict[str, dict] = {}
        self.beside: dict[str, list[str]] = {}
        self.dropped: list[str] = []
        self.quoted: set[tuple[str, str]] = set()  # (provision id, excerpt): each quoted once
        self.instrument: str | None = None
        self.provision: str | None = None
        self.commentary = False
        self.article: str | None = None
        self.carried: str | None = None  # the provision a page-split continuation still belongs to
        self.titled = False  # an instrument's heading was the last paragraph read
        self.cursor = 0  # where the last quoted paragraph ended in the source text

    def add_instrument(self, instrument: dict) -> str:
        known = {title_key(i["title"]): i["id"] for i in self.instruments.values()}
        if title_key(instrument["title"]) in known:
            return known[title_key(instrument["title"])]
        base, n = instrument["id"] or "instrument", 2
        while instrument["id"] in self.instruments or not instrument["id"]:
            instrument["id"] = f"{base}-{n}"
            n += 1
        self.instruments[instrument["id"]] = instrument
        return instrument["id"]

    def open_provision(self, pid: str, instrument: str, reference: str, title: str) -> None:
        if pid not in self.provisions:
            self.provisions[pid] = {"id": pid, "instrument": instrument, "reference": reference,
                                    "title": title, "excerpts": []}
        self.provision = pid
        if self.article:
            self.beside.setdefault(self.article, [])
            if pid not in self.beside[self.article]:
                self.beside[self.article].append(pid)

    def quote(self, text: str) -> None:
        if not self.proven(text):
            self.dropped.append(text)
            return
        unheaded = f"{self.instrument}-under-{self.article or 0}"
        if not self.commentary and self.instrument is not None and self.provision in (None, unheaded) \
                and _speaks_of(text, self.instruments[self.instrument]):
            self.commentary, self.provision = True, None  # prose about the law, under none of its provisions
        if self.commentary or self.instrument is None:
            article = self.article or "0"
            self.add_instrument({"id": "commentary", "title": "Explanatory text of the C-PROC profile "
                                 "(the source's own words, not law)", "short": "C-PROC commentary",
                                 "kind": "commentary"})
            pid, law = f"commentary-{article}", self.provision
            self.open_provision(pid, "commentary", f"under Article {article}", "")
            self.provision = law  # the law quoted before the commentary may resume after it
        elif self.provision is None:
            pid = self.quoted_before(text) or unheaded  # the same unheaded text quoted again, elsewhere
            self.open_provision(pid, self.instrument, f"quoted under Convention Article {self.article or 0}", "")
        else:
            pid = self.provision
        if (pid, text) not in self.quoted:
            self.quoted.add((pid, text))
            self.provisions[pid]["excerpts"].append({"text": text})

    def quoted_before(self, text: str) -> str | None:
        """The unheaded provision of the current instrument that already quotes `text`."""
        prefix = f"{self.instrument}-under-"
        return next((pid for pid in self.provisions if pid.startswith(prefix) and (pid, text) in self.quoted), None)

    def proven(self, text: str) -> bool:
        """The paragraph stands verbatim in the source (as check proves it). Paragraphs come in the
        source's order, so the search starts where the last one ended: linear, not paragraphs x text."""
        needle = provenance.fold(text)
        if not needle or provenance.markup_in(text):
            return False
        at = self.source_text.find(needle, self.cursor)
        if at < 0:
            at = self.source_text.find(needle)
        if at >= 0:
            self.cursor = at + len(needle)
        return at >= 0

    def continue_(self, pid: str, text: str) -> None:
        if not self.proven(text):
            self.dropped.append(text)
        elif (pid, text) not in self.quoted:
            self.quoted.add((pid, text))
            self.provisions[pid]["excerpts"].append({"text": text})

    def read(self, paragraph: Paragraph) -> None:
        if paragraph.article != self.article:
            # each Convention article names its instruments anew: text before one is commentary
            self.carried = None if self.commentary else self.provision
            self.article, self.instrument, self.provision, self.commentary = paragraph.article, None, None, False
        text = paragraph.text
        if self.carried and not paragraph.bold and text[:1].islower() and self.instrument is None:
            self.continue_(self.carried, text)  # the previous page's sentence, carried over the row
            return
        self.carried = None
        heading = _PROVISION.match(text)
        if heading and not paragraph.bold and not _plain_heading(heading):
            heading = None
        if heading:
            self.commentary = False
            if self.instrument is None:
                self.instrument = self.add_instrument({"id": "law", "title": "Unnamed instrument (the source names none)",
                                                       "kind": "law"})
            kind, number, parts, title = heading.groups()
            kind = "Section" if kind in ("Section", "s.") else "Article"
            parts = parts.replace(" ", "")
            reference = f"{kind} {number}{parts}"
            pid = f"{self.instrument}-{_slug(number + ' ' + parts)}"
            self.open_provision(pid, self.instrument, reference, title.rstrip(".").strip())
            return
        chapter = _CHAPTER.match(text)
        if chapter and self.instrument is not None:
            self.commentary = False
            number, title = chapter.groups()
            self.open_provision(f"{self.instrument}-chapter-{_slug(number)}", self.instrument, f"Chapter {number}",
                                title.rstrip(".").strip())
            return
        if paragraph.bold and is_instrument_heading(text):
            self.instrument = self.add_instrument(_instrument(_ENUMERATOR.sub("", text)))
            self.provision, self.commentary, self.titled = None, False, True
            return
        if self.titled and self.provision is None and _DATED.fullmatch(" " + text):
            return  # the instrument heading's date, set apart from it ("of March 30, 2010"): not law
        self.titled = False
        if paragraph.bold and len(text) < 60 and not re.search(r"[a-z]{3}.*[.;:,]$", text):
            return  # a label ("c) i)", "Chapter 2"), not law
        if _REFERENCE.match(text):
            self.commentary = True
        elif self.commentary and self.provision and _ITEM.match(text):
            self.commentary = False  # a numbered part or item: the provision's text resumes
        self.quote(text)


def draft(text: str, country: str, iso2: str, source_path: str, catalog=None) -> Draft:
    """The draft profile of a C-PROC source's text; `source_path` is the source's path relative
    to the profile (inside `sources/` beside it)."""
    from cybergap.catalog import load_catalog
    from cybergap.validate import convention_text

    catalog = catalog or load_catalog()
    convention = convention_text(catalog)
    source_text = provenance.domestic_column(text, convention) if provenance.is_two_column(text) \
        else provenance.normalise(text)
    builder = _Builder(source_text)
    for paragraph in paragraphs(text, convention):
        builder.read(paragraph)
    provisions = [p for p in builder.provisions.values() if p["excerpts"]]
    kept = {p["id"] for p in provisions}
    for provision in provisions:
        if not provision["title"]:
            del provision["title"]
    used = {p["instrument"] for p in provisions}
    instruments = [i for i in builder.instruments.values() if i["id"] in used]
    if not instruments:
        instruments = [{"id": "commentary", "title": "Explanatory text of the source (not law)", "kind": "commentary"}]
    beside = {a: [p for p in ids if p in kept] for a, ids in builder.beside.items()}
    mappings = []
    for article in catalog.articles:
        cited = beside.get(article["number"], [])
        elements = article.get("elements", [])
        for element in [e for e in elements if e["obligation"] == "mandatory"] or elements:
            note = (f"Draft: the source quotes {', '.join(cited)} beside Article {article['number']}; judge the coverage."
                    if cited else f"Draft: the source quotes nothing beside Article {article['number']}.")
            note += "".join(f" {hint}" for hint in _hints(catalog, element["id"], beside, cited))
            mappings.append({"element": element["id"], "provisions": list(cited), "coverage": "draft", "note": note})
    title, version = _title_and_version(text, country)
    profile = {
        "schema_version": 2,
        "country": {"name": country, "iso2": iso2},
        "profile": {
            "version": version or "draft",
            "source": {"title": title, "publisher": "Council of Europe, Cybercrime Programme Office (C-PROC)",
                       "date": version, "path": source_path},
            "status": "draft",
            "notes": ["Imported by `cybergap import`: provisions and excerpts found mechanically, coverage not "
                      "judged (coverage: draft). Curate every mapping, then set status: curated."],
        },
        "treaty_status": {"signature": {"date": None, "note": "Not imported: take it from the source."},
                          "reservations": [], "declarations": []},
        "instruments": instruments,
        "provisions": provisions,
        "mappings": mappings,
    }
    return Draft(profile, builder.dropped, beside)


def _hints(catalog, element_id: str, beside: dict[str, list[str]], cited: list[str]) -> list[str]:
    """Where the element's paragraph refers to other articles ("Articles 2 through 11"), the
    provisions the source quotes beside those: candidates the curator may cite here too."""
    from cybergap.catalog.references import referred

    hints, named = [], set(cited)
    for words, articles in referred(catalog, element_id):
        candidates = [p for a in articles for p in beside.get(a, []) if p not in named]
        candidates = list(dict.fromkeys(candidates))
        if candidates:
            named.update(candidates)
            hints.append(f"Article {element_id} refers to \"{words}\": the source quotes "
                         f"{', '.join(candidates)} beside {'it' if len(articles) == 1 else 'them'}.")
    return hints


_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"), 1)}


def _title_and_version(text: str, country: str) -> tuple[str, str | None]:
    """The source's title and its version date (ISO) from a "Version 01 May 2020" line."""
    date = None
    match = re.search(r"\bversion\s+(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", text[:20000], flags=re.IGNORECASE)
    if match and match.group(2).lower() in _MONTHS:
        date = f"{match.group(3)}-{_MONTHS[match.group(2).lower()]:02d}-{int(match.group(1)):02d}"
    title = f"{country} – Cybercrime legislation: Domestic equivalent to the provisions of the Budapest Convention"
    if match:
        title += f" (version {match.group(1)} {match.group(2)} {match.group(3)})"
    return title, date


HEADER = """# yaml-language-server: $schema={schema}
#
# DRAFT imported by `cybergap import` from {source}.
# Provisions and verbatim excerpts were found mechanically; every mapping has `coverage: draft`
# (not judged). Curate: check instruments and provisions, set each mapping's coverage (full,
# partial, none, not_applicable) with a note, record facts, then set profile.status: curated.
# `cybergap check` proves every excerpt verbatim in the source; `--strict` fails while drafts remain.
"""


def to_yaml(profile: dict, source: str, schema: str) -> str:
    import yaml

    body = yaml.safe_dump(profile, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return HEADER.format(schema=schema, source=source) + body


# --- alignment with a curated profile (how good a draft is) ------------------------------------

_NUMBER = re.compile(r"^(?:Article|Section)\s+(\d{1,4}[A-Za-z]?)")


def _keys(profile: dict) -> dict[str, tuple[str, str]]:
    """Provision id -> (instrument title, article number) for provisions of law cited by number."""
    titles = {i["id"]: (i["kind"], title_key(i["title"])) for i in profile.get("instruments", [])}
    keys = {}
    for provision in profile.get("provisions", []):
        kind, title = titles.get(provision["instrument"], ("", ""))
        number = _NUMBER.match(provision.get("reference", ""))
        if kind != "commentary" and number:
            keys[provision["id"]] = (title, number.group(1))
    return keys


def _covered(text: str, pieces: set[str]) -> int:
    """How many characters of `text` the draft's pieces reproduce: every place a piece stands
    in it, and a last piece that runs on past it (the curator cut the quotation short)."""
    marked = bytearray(len(text))
    for piece in pieces:
        at = text.find(piece)
        while at >= 0:
            marked[at:at + len(piece)] = b"\1" * len(piece)
            at = text.find(piece, at + 1)
        for size in range(min(len(piece), len(text)) - 1, 19, -1):  # a run-on of 20+ characters
            if text.endswith(piece[:size]):
                marked[len(text) - size:] = b"\1" * size
                break
    return sum(marked)


def alignment(drafted: dict, curated: dict, source: str = "") -> dict[str, tuple[int, int]]:
    """(hits, total) of measures of a draft against the curated profile of the same source:
    provisions: curated provisions of law cited by article number (instrument title + number,
      titles compared by `title_key`) that the draft also has;
    excerpts: curated excerpts the draft reproduces (folded text: one draft excerpt contains it,
      or draft excerpts cover at least 90% of its characters, e.g. a page-split quotation or
      one split into its numbered items, the last of which may run on past the curator's cut);
    articles: Convention articles whose curated mappings cite law by number that the source
      quotes beside the article (one of its curated excerpts stands in the article's domestic
      text, given `source`), where the draft's provisions beside the article include every one
      of them (the same set or a superset);
    articles_all: the same, counting every provision the curated mappings cite, also those the
      source quotes beside another article (the curator's cross-references: the sanctions of
      Article 13 are the offences quoted under Articles 2-10);
    articles_hinted: the same again, where the draft's provisions also count those its notes
      point at: the provisions beside the articles the element's Convention paragraph refers to
      ("Articles 2 through 11", "this section"; see cybergap.catalog.references);
    commentary: curated commentary excerpts the draft does not quote as law;
    law: curated excerpts of law the draft does not quote as commentary
      (an excerpt "quotes" another when either contains the other)."""
    from cybergap.catalog import article_number, load_catalog
    from cybergap.catalog.references import referred
    from cybergap.validate import convention_text

    catalog = load_catalog()
    fold = provenance.fold
    draft_keys, curated_keys = _keys(drafted), _keys(curated)
    found = set(draft_keys.values())
    provisions = (sum(key in found for key in set(curated_keys.values())), len(set(curated_keys.values())))
    pieces = {fold(e["text"]) for p in drafted.get("provisions", []) for e in p["excerpts"]}
    hits = total = 0
    for provision in curated.get("provisions", []):
        for excerpt in provision["excerpts"]:
            text, total = fold(excerpt["text"]), total + 1
            hits += any(text in piece for piece in pieces) or _covered(text, pieces) >= 0.9 * len(text)
    beside_text: dict[str, str] = {}
    for paragraph in paragraphs(source, convention_text(catalog)) if source else []:
        beside_text[paragraph.article] = beside_text.get(paragraph.article, "") + " " + paragraph.text
    quoted = {p["id"]: [fold(e["text"]) for e in p["excerpts"]] for p in curated.get("provisions", [])}
    wanted: dict[str, set] = {}
    wanted_all: dict[str, set] = {}
    for mapping in curated.get("mappings", []):
        article = article_number(mapping["element"])
        cited = [p for p in mapping["provisions"] if p in curated_keys]
        wanted_all.setdefault(article, set()).update(curated_keys[p] for p in cited)
        here = beside_text.get(article, "")
        wanted.setdefault(article, set()).update(
            curated_keys[p] for p in cited if any(e in here for e in quoted[p]))
    beside: dict[str, set] = {}
    for mapping in drafted.get("mappings", []):
        beside.setdefault(article_number(mapping["element"]), set()).update(
            draft_keys[p] for p in mapping["provisions"] if p in draft_keys)
    hinted = {article: set(keys) for article, keys in beside.items()}
    for mapping in drafted.get("mappings", []):
        for _words, articles in referred(catalog, mapping["element"]):
            hinted[article_number(mapping["element"])].update(*(beside.get(a, set()) for a in articles))

    def share(want: dict[str, set], drafted_keys: dict[str, set]) -> tuple[int, int]:
        measured = [article for article, keys in want.items() if keys]
        return sum(want[a] <= drafted_keys.get(a, set()) for a in measured), len(measured)

    def split(profile: dict) -> tuple[list[str], list[str]]:
        kinds = {i["id"]: i["kind"] for i in profile.get("instruments", [])}
        said = {True: [], False: []}
        for provision in profile.get("provisions", []):
            said[kinds.get(provision["instrument"]) == "commentary"] += [fold(e["text"]) for e in provision["excerpts"]]
        return said[True], said[False]

    def apart(texts: list[str], other: list[str]) -> tuple[int, int]:
        return sum(not any(t in o or o in t for o in other) for t in texts), len(texts)

    (curated_commentary, curated_law), (draft_commentary, draft_law) = split(curated), split(drafted)
    return {"provisions": provisions, "excerpts": (hits, total), "articles": share(wanted, beside),
            "articles_all": share(wanted_all, beside), "articles_hinted": share(wanted_all, hinted),
            "commentary": apart(curated_commentary, draft_law), "law": apart(curated_law, draft_commentary)}
