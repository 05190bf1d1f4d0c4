"""Cybercrime treaties as data: articles, elements, qualifiers, declarations, reservations and
thresholds, one catalogue per framework (``budapest.yaml``: the Convention on Cybercrime, ETS 185;
``un-cybercrime.yaml``: the UN Convention against Cybercrime, A/RES/79/243), and the crosswalk
from the UN elements to the Budapest ones (``crosswalk-un-budapest.yaml``). All are curated by
hand beside this file; each ``.json`` is the same data for loading, written by
``python -m cybergap.catalog``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from cybergap.resources import catalog_path, compiled_catalog_path, compiled_crosswalk_path, crosswalk_path

FRAMEWORKS = ("budapest", "un-cybercrime")


class CatalogError(RuntimeError):
    """The bundled catalogue did not load: a packaging bug, not bad user input."""


class UnknownFramework(ValueError):
    """A framework name with no bundled catalogue: a usage error."""


@dataclass(frozen=True)
class Catalog:
    convention: dict
    sections: list[dict]
    thresholds: dict
    articles: list[dict]
    elements: dict[str, dict]  # element id -> element (with "article")
    reservations: dict[str, dict]  # id -> reservation (with "article")
    declarations: dict[str, dict]  # id -> declaration (with "article")
    framework: str = "budapest"

    def article(self, number: str) -> dict | None:
        for article in self.articles:
            if article["number"] == str(number):
                return article
        return None

    def section_title(self, section_id: str) -> str:
        for section in self.sections:
            if section["id"] == section_id:
                return section["title"]
        return section_id

    def threshold(self, name: str) -> int:
        return self.thresholds[name]["value"]


def article_number(element_id: str) -> str:
    """The article an element or reservation id belongs to: '6.1.a.ii' -> '6', 'un-11.3' -> '11'."""
    return element_id.removeprefix("un-").split(".")[0]


def build(data: dict, framework: str = "budapest") -> Catalog:
    elements: dict[str, dict] = {}
    reservations: dict[str, dict] = {}
    declarations: dict[str, dict] = {}
    for article in data["articles"]:
        for element in article.get("elements", []):
            elements[element["id"]] = {**element, "article": article["number"]}
        for reservation in article.get("reservations", []):
            reservations[reservation["id"]] = {**reservation, "article": article["number"]}
        for declaration in article.get("declarations", []):
            declarations[declaration["id"]] = {**declaration, "article": article["number"]}
    for reservation in data.get("other_reservations", []):
        reservations[reservation["id"]] = {**reservation, "article": article_number(reservation["id"])}
    return Catalog(
        convention=data["convention"],
        sections=data["sections"],
        thresholds=data["thresholds"],
        articles=data["articles"],
        elements=elements,
        reservations=reservations,
        declarations=declarations,
        framework=framework,
    )


def load_catalog(framework: str = "budapest") -> Catalog:
    """A bundled catalogue ("budapest" or "un-cybercrime"), loaded once per process.

    It is the package's own data, validated by its schema in the tests, and read from its JSON
    copy (2 ms, where PyYAML's C loader takes 10 ms for the YAML).
    """
    if framework not in FRAMEWORKS:
        raise UnknownFramework(f"no catalogue for framework {framework!r} (choose {' or '.join(FRAMEWORKS)})")
    return _load_catalog(framework)


@lru_cache(maxsize=None)
def _load_catalog(framework: str) -> Catalog:
    return build(_read_json(compiled_catalog_path(framework), "catalogue"), framework)


@dataclass(frozen=True)
class Crosswalk:
    """The crosswalk from the UN Convention's elements to the Budapest Convention's."""

    data: dict
    by_un: dict[str, dict]  # UN element id -> its mapping
    by_budapest: dict[str, list[dict]]  # Budapest element id -> the mappings that name it
    budapest_only: dict[str, dict]  # Budapest element id -> why the UN Convention has no counterpart


@lru_cache(maxsize=1)
def load_crosswalk() -> Crosswalk:
    """The bundled crosswalk, loaded once per process from its JSON copy."""
    data = _read_json(compiled_crosswalk_path(), "crosswalk")
    by_budapest: dict[str, list[dict]] = {}
    for mapping in data["mappings"]:
        for element_id in mapping["budapest"]:
            by_budapest.setdefault(element_id, []).append(mapping)
    return Crosswalk(
        data=data,
        by_un={mapping["un"]: mapping for mapping in data["mappings"]},
        by_budapest=by_budapest,
        budapest_only={entry["budapest"]: entry for entry in data.get("budapest_only", [])},
    )


def _read_json(path, what: str) -> dict:
    import json

    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CatalogError(f"bundled {what} does not load: {exc}") from exc


def source_data(framework: str = "budapest") -> dict:
    """A catalogue as its YAML source says (PyYAML's safe loader: the package's own data)."""
    return _read_yaml(catalog_path(framework))


def _read_yaml(path) -> dict:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def _as_json(data: dict) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def compile_source(framework: str = "budapest") -> str:
    """The JSON copy of a catalogue's YAML source, as `python -m cybergap.catalog` writes it."""
    return _as_json(source_data(framework))


def compile_crosswalk() -> str:
    """The JSON copy of the crosswalk's YAML source, as `python -m cybergap.catalog` writes it."""
    return _as_json(_read_yaml(crosswalk_path()))
