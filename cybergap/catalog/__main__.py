"""`python -m cybergap.catalog`: write each catalogue's .json (and the crosswalk's) from its YAML
after editing the YAML."""

from cybergap.catalog import FRAMEWORKS, compile_crosswalk, compile_source
from cybergap.resources import compiled_catalog_path, compiled_crosswalk_path

for framework in FRAMEWORKS:
    compiled_catalog_path(framework).write_text(compile_source(framework), encoding="utf-8")
    print(f"wrote {compiled_catalog_path(framework)}")
compiled_crosswalk_path().write_text(compile_crosswalk(), encoding="utf-8")
print(f"wrote {compiled_crosswalk_path()}")
