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


def catalog_path() -> Path:
    """The catalogue's source, curated by hand."""
    return PACKAGE / "catalog" / "budapest.yaml"


def compiled_catalog_path() -> Path:
    """The same data as JSON, which loads about 5x faster; `python -m cybergap.catalog` writes it
    from the YAML, and a test holds the two equal."""
    return PACKAGE / "catalog" / "budapest.json"
