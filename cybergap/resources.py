"""Where bundled data lives: inside the wheel, or at the top of a source checkout."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The bundled folder `name` ("profiles" or "schemas").

    A wheel carries them under cybergap/_data/; an editable install or a source
    checkout has them beside the package.
    """
    bundled = PACKAGE / "_data" / name
    if bundled.is_dir():
        return bundled
    return PACKAGE.parent / name


def schema_path(name: str) -> Path:
    return data_dir("schemas") / name


def catalog_path(framework: str = "budapest") -> Path:
    """A framework's catalogue source, curated by hand (`budapest.yaml`, `un-cybercrime.yaml`)."""
    return PACKAGE / "catalog" / f"{framework}.yaml"


def compiled_catalog_path(framework: str = "budapest") -> Path:
    """The same data as JSON, which loads about 5x faster; `python -m cybergap.catalog` writes it
    from the YAML, and a test holds the two equal."""
    return PACKAGE / "catalog" / f"{framework}.json"


def crosswalk_path() -> Path:
    """The crosswalk from the UN Convention's elements to Budapest's, curated by hand."""
    return PACKAGE / "catalog" / "crosswalk-un-budapest.yaml"


def compiled_crosswalk_path() -> Path:
    """The crosswalk as JSON, written by `python -m cybergap.catalog` like the catalogues."""
    return PACKAGE / "catalog" / "crosswalk-un-budapest.json"
