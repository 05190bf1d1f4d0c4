"""`python -m cybergap.catalog`: write budapest.json from budapest.yaml after editing the YAML."""

from cybergap.catalog import compile_source
from cybergap.resources import compiled_catalog_path

compiled_catalog_path().write_text(compile_source(), encoding="utf-8")
print(f"wrote {compiled_catalog_path()}")
