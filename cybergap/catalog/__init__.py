"""The Convention on Cybercrime (ETS 185) as data: articles, elements, qualifiers,
declarations, reservations and thresholds (``budapest.yaml`` beside this file, curated by hand;
``budapest.json`` is the same data for loading, written by ``python -m cybergap.catalog``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from cybergap.resources import catalog_path, compiled_catalog_path


class CatalogError(RuntimeError):
    """The bundled catalogue did not load: a packaging bug, not bad user input."""


@dataclass(frozen=True)
class Catalog:
    convention: dict
    sections: list[dict]
    thresholds: dict
    articles: list[dict]
    elements: dict[str, dict]  # element id -> element (with "article")
    reservations: dict[str, dict]  # id -> reservation (with "article")
    declarations: dict[str, dict]  # id -> declaration (with "article")

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


def build(data: dict) -> Catalog:
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
        reservations[reservation["id"]] = {**reservation, "article": reservation["id"].split(".")[0]}
    return Catalog(
        convention=data["convention"],
        sections=data["sections"],
        thresholds=data["thresholds"],
        articles=data["articles"],
        elements=elements,
        reservations=reservations,
        declarations=declarations,
    )


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """The bundled catalogue, loaded once per process.

    It is the package's own data, validated by its schema in the tests, and read from its JSON
    copy (2 ms, where PyYAML's C loader takes 10 ms for the YAML).
    """
    import json

    try:
        data = json.loads(compiled_catalog_path().read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CatalogError(f"bundled catalogue does not load: {exc}") from exc
    return build(data)


def source_data() -> dict:
    """The catalogue as its YAML source says (PyYAML's safe loader: the package's own data)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(catalog_path().read_text(encoding="utf-8"), Loader=loader)


def compile_source() -> str:
    """The JSON copy of the YAML source, as `python -m cybergap.catalog` writes it."""
    import json

    return json.dumps(source_data(), ensure_ascii=False, indent=1) + "\n"
