"""Validation of a loaded profile: JSON Schema, then references, then provenance.

Each step is a function from a Document to a list of positioned Problems.

The schema step asks jsonschema-rs first whether the document is valid (about 0.1 ms for
the Kazakhstan profile, against about 25 ms for jsonschema); jsonschema, which words every
message and path, runs only on a document that has errors, or when jsonschema-rs is missing.
Both implement Draft 2020-12; tests hold them to the same verdict.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from cybergap.catalog import Catalog
from cybergap.loader import Document
from cybergap.model import Coverage
from cybergap.problems import Problem
from cybergap.resources import schema_path


@lru_cache(maxsize=4)
def _schema(name: str) -> dict:
    return json.loads(schema_path(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def compiled_schema(name: str = "profile.schema.json"):
    """A Draft 2020-12 validator for a bundled schema, compiled once per process."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


@lru_cache(maxsize=4)
def fast_validator(name: str = "profile.schema.json"):
    """jsonschema-rs's validator for a bundled schema (formats checked too), or None without it."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    return jsonschema_rs.validator_for(_schema(name), validate_formats=True)


def is_valid_fast(data, schema: str = "profile.schema.json") -> bool:
    """True when jsonschema-rs finds no error; False when it finds one, is missing, or fails."""
    validator = fast_validator(schema)
    try:
        return validator is not None and validator.is_valid(data)
    except Exception:  # a value it cannot take: let jsonschema decide
        return False


def dotted(path) -> str:
    """('provisions', 3, 'id') -> 'provisions[3].id'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _problem(doc: Document, path: tuple, message: str, code: str, *, key: bool = False, severity: str = "error") -> Problem:
    mark = doc.mark(path, key=key)
    return Problem(doc.path, message, mark.line, mark.column, code=code, severity=severity, pointer=dotted(path))


def schema_problems(doc: Document, schema: str = "profile.schema.json") -> list[Problem]:
    if is_valid_fast(doc.data, schema):
        return []
    problems = []
    for error in compiled_schema(schema).iter_errors(doc.data):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = set(error.schema.get("properties", {}))
            for extra in sorted(k for k in error.instance if k not in allowed):
                where = dotted(path + (extra,))
                problems.append(_problem(doc, path + (extra,), f"{where}: unknown key {extra!r}", "schema", key=True))
            continue
        problems.append(_problem(doc, path, f"{dotted(path)}: {error.message}", "schema"))
    return problems


def _duplicates(doc: Document, items: list, key: str, collection: str, what: str) -> list[Problem]:
    counts = Counter(item.get(key) for item in items if isinstance(item, dict))
    seen: set = set()
    problems = []
    for index, item in enumerate(items):
        value = item.get(key) if isinstance(item, dict) else None
        if value is not None and counts[value] > 1:
            if value in seen:
                problems.append(_problem(doc, (collection, index, key), f"duplicate {what} {value!r}", "duplicate-id"))
            seen.add(value)
    return problems


def _other_elements() -> dict:
    """The elements of the other frameworks' catalogues, which a profile may map too (un-…)."""
    from cybergap.catalog import load_catalog

    return load_catalog("un-cybercrime").elements


def reference_problems(doc: Document, catalog: Catalog) -> list[Problem]:
    """Ids that are defined twice, or cited but never defined (in the profile or the catalogue)."""
    data = doc.data
    instruments = data.get("instruments", [])
    provisions = data.get("provisions", [])
    mappings = data.get("mappings", [])
    problems = []
    problems += _duplicates(doc, instruments, "id", "instruments", "instrument id")
    problems += _duplicates(doc, provisions, "id", "provisions", "provision id")
    problems += _duplicates(doc, mappings, "element", "mappings", "mapping for element")
    problems += _duplicates(doc, data.get("overrides", []), "article", "overrides", "override for article")
    instrument_ids = {i.get("id") for i in instruments}
    provision_ids = {p.get("id") for p in provisions}
    penalty_parts = {p.get("id"): {x.get("part") for x in p.get("facts", {}).get("penalties", [])} for p in provisions}
    for index, provision in enumerate(provisions):
        if provision.get("instrument") not in instrument_ids:
            problems.append(_problem(doc, ("provisions", index, "instrument"),
                                     f"provision {provision.get('id')!r} cites undefined instrument {provision.get('instrument')!r}",
                                     "undefined-instrument"))
    for index, mapping in enumerate(mappings):
        element = mapping.get("element")
        if element not in catalog.elements and element not in _other_elements():
            problems.append(_problem(doc, ("mappings", index, "element"),
                                     f"element {element!r} is not in the Convention catalogue", "unknown-element"))
        for pos, provision_id in enumerate(mapping.get("provisions", [])):
            if provision_id not in provision_ids:
                problems.append(_problem(doc, ("mappings", index, "provisions", pos),
                                         f"mapping for element {element!r} cites undefined provision {provision_id!r}",
                                         "undefined-provision"))
        problems += _part_problems(doc, index, mapping, penalty_parts)
    if data.get("schema_version") == 2:
        problems += _gravity_problems(doc, provisions)
    status = data.get("treaty_status", {})
    for index, item in enumerate(status.get("reservations", [])):
        if item.get("element") not in catalog.reservations:
            problems.append(_problem(doc, ("treaty_status", "reservations", index, "element"),
                                     f"{item.get('element')!r} is not a reservation the Convention allows (Art. 42)",
                                     "unknown-reservation"))
    for index, item in enumerate(status.get("declarations", [])):
        if item.get("element") not in catalog.declarations:
            problems.append(_problem(doc, ("treaty_status", "declarations", index, "element"),
                                     f"{item.get('element')!r} is not a declaration the Convention provides for (Art. 40)",
                                     "unknown-declaration"))
    for index, override in enumerate(data.get("overrides", [])):
        if catalog.article(override.get("article", "")) is None:
            problems.append(_problem(doc, ("overrides", index, "article"),
                                     f"article {override.get('article')!r} is not in the Convention catalogue",
                                     "unknown-article"))
    return problems


def _part_problems(doc: Document, index: int, mapping: dict, penalty_parts: dict[str, set]) -> list[Problem]:
    """A mapping's `parts` must name cited provisions and parts they record a penalty for
    (`penalty_parts`: provision id -> the parts its penalties list)."""
    problems = []
    for provision_id, parts in mapping.get("parts", {}).items():
        where = ("mappings", index, "parts", provision_id)
        if provision_id not in mapping.get("provisions", []):
            problems.append(_problem(doc, where, f"mapping for element {mapping.get('element')!r} names parts of "
                                     f"{provision_id!r}, which it does not cite", "undefined-part", key=True))
            continue
        for part in parts:
            if part not in penalty_parts.get(provision_id, set()):
                problems.append(_problem(doc, where, f"{provision_id!r} records no penalty for part {part!r}",
                                         "undefined-part"))
    return problems


def _gravity_problems(doc: Document, provisions: list) -> list[Problem]:
    """In schema version 2 a profile names its own gravity classes: the classes attempt and
    preparation are punishable from must be among them (version 1's are a closed list)."""
    defined = {item.get("class") for p in provisions for item in p.get("facts", {}).get("gravity_classes", [])}
    problems = []
    for index, provision in enumerate(provisions):
        inchoate = provision.get("facts", {}).get("inchoate_liability", {})
        for key in ("attempt_from", "preparation_from"):
            if key in inchoate and inchoate[key] not in defined:
                problems.append(_problem(doc, ("provisions", index, "facts", "inchoate_liability", key),
                                         f"{key} names {inchoate[key]!r}, which is not one of the profile's gravity_classes",
                                         "undefined-gravity-class"))
    return problems


def coverage_warnings(doc: Document, catalog: Catalog) -> list[Problem]:
    """What is legal but suspicious: an article left unmapped without a reason, or an element
    marked covered that cites no provision of law."""
    data = doc.data
    mappings = data.get("mappings", [])
    mapped = {catalog.elements[m["element"]]["article"] for m in mappings if m.get("element") in catalog.elements}
    explained = {item.get("article") for item in data.get("not_assessed", [])}
    problems = []
    unmapped = [a["number"] for a in catalog.articles if a["number"] not in mapped | explained]
    if unmapped:
        which = f"Article {unmapped[0]} has" if len(unmapped) == 1 else f"Articles {', '.join(unmapped)} have"
        problems.append(_problem(doc, ("mappings",), f"{which} no mapping; map them, or list them under not_assessed "
                                 "with the reason", "article-not-mapped", key=True, severity="warning"))
    kinds = {i.get("id"): i.get("kind") for i in data.get("instruments", [])}
    law = {p.get("id") for p in data.get("provisions", []) if kinds.get(p.get("instrument")) != "commentary"}
    for index, mapping in enumerate(mappings):
        if mapping.get("coverage") in (Coverage.FULL, Coverage.PARTIAL) and not law & set(mapping.get("provisions", [])):
            problems.append(_problem(doc, ("mappings", index, "coverage"),
                                     f"element {mapping.get('element')!r} is marked {mapping.get('coverage')} but cites no provision of law",
                                     "covered-without-provision", severity="warning"))
    drafts = [m.get("element") for m in mappings if m.get("coverage") == "draft"]
    if drafts:  # one warning, not one per element: a fresh import has a hundred
        problems.append(_problem(doc, ("mappings",), f"{len(drafts)} mapping(s) still have coverage: draft "
                                 f"(first: element {drafts[0]!r}); curate them before the profile is finished",
                                 "draft-coverage", key=True, severity="warning"))
    return problems


class Verdict(NamedTuple):
    """Every problem of a document, and what its provenance proof rests on: each cited source
    path -> the sha256 of the bytes proven against, or "!" and the reason it was refused."""

    problems: tuple[Problem, ...]
    sources: dict[str, str]


def cited_sources(data: dict) -> set[str]:
    """The source paths a schema-valid document's excerpts are proven against (each
    excerpt's own `source`, else the profile's)."""
    default = data.get("profile", {}).get("source", {}).get("path")
    return {excerpt.get("source", default) for provision in data.get("provisions", [])
            for excerpt in provision.get("excerpts", [])} - {None, ""}


_CONVENTION: dict[int, str] = {}


def convention_text(catalog: Catalog) -> str:
    """The Convention's official text, normalised, to tell its column from domestic law."""
    if id(catalog) not in _CONVENTION:
        from cybergap.provenance import normalise

        _CONVENTION[id(catalog)] = normalise(" ".join(a.get("text", "") for a in catalog.articles))
    return _CONVENTION[id(catalog)]


def provenance_problems(doc: Document, convention: str = "") -> tuple[list[Problem], dict[str, str]]:
    """Every excerpt must stand verbatim in its cited source file (see cybergap.provenance).
    Also returns what each cited source was, for the verdict cache (see Verdict.sources)."""
    from cybergap import provenance

    default = doc.data.get("profile", {}).get("source", {}).get("path")
    loaded: dict[str, provenance.Source | None] = {}
    states: dict[str, str] = {}
    problems = []
    for p_index, provision in enumerate(doc.data.get("provisions", [])):
        for e_index, excerpt in enumerate(provision.get("excerpts", [])):
            relative = excerpt.get("source", default)
            where = ("provisions", p_index, "excerpts", e_index)
            if not relative:
                problems.append(_problem(doc, where, f"provision {provision.get('id')!r}: excerpt has no source to prove it against", "provenance"))
                continue
            if relative not in loaded:
                try:
                    loaded[relative] = provenance.load(doc.path, relative, convention)
                    states[relative] = loaded[relative].digest
                except provenance.SourceError as exc:
                    loaded[relative], states[relative] = None, provenance.refused(exc)
                    origin = where + ("source",) if "source" in excerpt else ("profile", "source", "path")
                    problems.append(_problem(doc, origin, f"source file {relative!r} {exc}", exc.code))
            source = loaded[relative]
            if source is None:
                continue
            text = excerpt.get("text", "")
            label = f"provision {provision.get('id')!r}: excerpt {e_index + 1}"
            if provenance.markup_in(text):
                problems.append(_problem(doc, where + ("text",), f"{label} contains markup (<...> tags, '*', list markers); "
                                         "quote the words only, as the source shows them", "markup-in-excerpt"))
            elif not provenance.is_verbatim(text, source.text):
                problems.append(_not_verbatim(doc, where + ("text",), text, source.text, f"{label} is not verbatim in {relative}"))
    return problems, states


def _not_verbatim(doc: Document, path: tuple, text: str, source_text: str, message: str) -> Problem:
    """The problem at the line and column where the excerpt departs from its source, with the
    source's own words there (at the scalar's start when the word cannot be found in the file)."""
    from cybergap import provenance

    words = provenance.fold(text).split(" ")
    before, word = provenance.first_mismatch(text, source_text)
    if before:
        said = provenance.words_after(" ".join(words[:provenance.departure(text, source_text)]), source_text)
        message += f"; it departs from the source at '{word}' after '{before}'"
        message += f", where the source reads '{said}'" if said else ""
    elif word:
        message += f"; its first word '{word}' is not in the source"
    mark = doc.mark(path)
    at = _position_of_word(doc.text, mark, words, word) if word else None
    line, column = at or (mark.line, mark.column)
    return Problem(doc.path, message, line, column, code="not-verbatim", pointer=dotted(path))


def _position_of_word(text: str, mark, words: list[str], word: str) -> tuple[int, int] | None:
    """(line, column) of `word` in the file, found by following the excerpt's words from the
    scalar's position; None when an escape or a line fold hides them."""
    lines = text.split("\n")
    offset = sum(len(line) + 1 for line in lines[:mark.line - 1]) + mark.column - 1
    limit = offset + 2 * sum(len(w) + 1 for w in words) + 200
    for current in words:
        found = text.find(current, offset, limit)
        if found < 0:
            return None
        if current == word:
            line = text.count("\n", 0, found) + 1
            return line, found - (text.rfind("\n", 0, found) + 1) + 1
        offset = found + len(current)
    return None


def check_document(doc: Document, catalog: Catalog) -> Verdict:
    """Schema first; references and provenance only on a schema-valid document."""
    problems = schema_problems(doc)
    if problems:
        return Verdict(tuple(sorted(problems, key=_order)), {})
    proven, sources = provenance_problems(doc, convention_text(catalog))
    problems = reference_problems(doc, catalog) + proven + coverage_warnings(doc, catalog)
    return Verdict(tuple(sorted(problems, key=_order)), sources)


def _order(problem: Problem):
    return (problem.line or 0, problem.column or 0, problem.message)
