"""The Convention on Cybercrime (ETS 185) as data: articles, elements, qualifiers,
declarations, reservations and thresholds (``budapest.yaml`` beside this file)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from cybergap.resources import catalog_path


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

    It is the package's own data, validated by its schema in the tests, so it is read with
    PyYAML's safe loader directly (libyaml's when present) rather than the guarded loader
    that user files need: about 8x faster.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(catalog_path().read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogError(f"bundled catalogue does not load: {exc}") from exc
    return build(data)
