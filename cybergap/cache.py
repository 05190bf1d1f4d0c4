"""A cache of `check` verdicts, keyed by everything a verdict depends on.

Key: the file's bytes and the path it is reported under, the tool version, the bytes of the
package's own code (so an edited checkout never reads verdicts of the code it replaced), and
the bytes of the catalogue and of the profile schema. An entry also records the hash of every source file
the excerpts were proven against; a source that changed since makes the entry stale. A stale,
unreadable or corrupt entry is never used: the file is checked again.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from cybergap import __version__
from cybergap.problems import Problem
from cybergap.resources import PACKAGE, catalog_path, schema_path


def default_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cybergap"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=1)
def _tool_stamp() -> str:
    code = [path.read_bytes() for path in sorted(PACKAGE.rglob("*.py"))]
    parts = [__version__.encode(), *code, catalog_path().read_bytes(), schema_path("profile.schema.json").read_bytes()]
    return digest(b"\x00".join(parts))


def key(display: str, content: bytes) -> str:
    return digest(b"\x00".join([_tool_stamp().encode(), display.encode(), content]))


class Cache:
    def __init__(self, folder: Path):
        self.folder = folder

    def _entry(self, cache_key: str) -> Path:
        return self.folder / cache_key[:2] / f"{cache_key}.json"

    def get(self, cache_key: str) -> tuple[Problem, ...] | None:
        try:
            entry = json.loads(self._entry(cache_key).read_text(encoding="utf-8"))
            for source, expected in entry["sources"].items():
                if digest(Path(source).read_bytes()) != expected:
                    return None
            return tuple(Problem(**item) for item in entry["problems"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, cache_key: str, problems: tuple[Problem, ...], sources: list[Path]) -> None:
        try:
            entry = {
                "sources": {str(s): digest(s.read_bytes()) for s in sources if s.is_file()},
                "problems": [p.__dict__ for p in problems],
            }
            target = self._entry(cache_key)
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(entry), encoding="utf-8")
            temporary.replace(target)
        except OSError:
            pass  # a cache that cannot be written only costs time
