"""A cache of `check` verdicts, keyed by everything a verdict depends on, and of results computed
from a valid profile (`compare`'s rows), keyed beside its verdict (result_key) and sealed alike.

Key: the file's bytes and the path it is reported under, and the tool as installed: its
version and the size and modification time of each file of its code, its catalogues and the
profile schema (so an edited checkout never reads verdicts of the code it replaced).

What an entry must pass before it is used (anything else is a miss, never an error):
- its shape: exactly the fields this module writes, of the right types and values;
- its seal: an HMAC of the key and the entry under a secret that never leaves this machine
  (``$XDG_STATE_HOME/cybergap/cache-key``, mode 0600, outside the cache folder), so an entry
  written by hand, or copied in from another machine or a shared CI cache, is never trusted;
- its sources: every source the verdict was proven against is resolved again from the
  profile's CURRENT location (another checkout, a retargeted symlink) and must still hash to
  the bytes that were proven, or still be refused for the same reason.
Whoever can read the secret and write the cache folder can still forge a pass: share a cache
only between jobs you trust as much as the branch it checks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
from functools import lru_cache
from pathlib import Path

from cybergap import __version__
from cybergap.problems import CODES, Problem
from cybergap.resources import PACKAGE, schema_path

_PROBLEM_FIELDS = {"path": str, "message": str, "line": (int, type(None)), "column": (int, type(None)),
                   "code": str, "severity": str, "pointer": str}


def _xdg(variable: str, fallback: str) -> Path:
    """An XDG base folder; a relative value is ignored, as the specification says."""
    value = os.environ.get(variable, "")
    return Path(value) if os.path.isabs(value) else Path(os.path.expanduser("~")) / fallback


def default_dir() -> Path:
    return _xdg("XDG_CACHE_HOME", ".cache") / "cybergap"


def secret_path() -> Path:
    return _xdg("XDG_STATE_HOME", ".local/state") / "cybergap" / "cache-key"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _stamped_files(folder: str) -> list[str]:
    """The package's code and data files the verdicts depend on: every .py, the catalogues
    (every framework, the crosswalk) as loaded (.json)."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                found += _stamped_files(entry.path)
            elif entry.name.endswith((".py", ".json")):
                found.append(entry.path)
    return found


@lru_cache(maxsize=1)
def _tool_stamp() -> str:
    """The tool as it is installed: its version, and the path, size and modification time (to the
    nanosecond) of each of its code and data files and of the profile schema -- what Python itself
    checks before trusting a compiled module. Any edit of the package changes it."""
    files = sorted(_stamped_files(str(PACKAGE))) + [str(schema_path("profile.schema.json"))]
    parts = [__version__]
    for name in files:
        stat = os.stat(name)
        parts.append(f"{os.path.relpath(name, PACKAGE)}:{stat.st_size}:{stat.st_mtime_ns}")
    return digest("\x00".join(parts).encode())


def key(display: str, content: bytes) -> str:
    return digest(b"\x00".join([_tool_stamp().encode(), display.encode("utf-8", "surrogateescape"), content]))


def _secret() -> bytes | None:
    """This machine's cache secret, created on first use; None when it cannot be had."""
    path = secret_path()
    try:
        return _read_secret(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    import secrets

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    except FileExistsError:
        pass  # another process made it first
    except OSError:
        return None
    try:
        return _read_secret(path)
    except OSError:
        return None


def _read_secret(path: Path) -> bytes | None:
    data = path.read_bytes()
    return data if len(data) == 32 else None


def _seal(secret: bytes, cache_key: str, sources: dict, problems: list) -> str:
    body = json.dumps([cache_key, sources, problems], sort_keys=True, ensure_ascii=True)
    return hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()


def _seal_result(secret: bytes, result_key: str, result) -> str:
    body = json.dumps(["result", result_key, result], sort_keys=True, ensure_ascii=True)
    return hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()


def result_key(verdict_key: str, *context: str) -> str:
    """The key of a result computed from a profile whose verdict is under `verdict_key` (so the
    same bytes, path and tool), in a context the result also depends on (a framework, a date)."""
    return digest("\x00".join(["result", verdict_key, *context]).encode("utf-8"))


def _read(path: Path):
    """An entry's JSON value, or None when it cannot be read or is not JSON."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _problems_of(items) -> tuple[Problem, ...] | None:
    """The problems of a well-shaped entry, or None for any other shape."""
    if not isinstance(items, list):
        return None
    problems = []
    for item in items:
        if not isinstance(item, dict) or set(item) != set(_PROBLEM_FIELDS):
            return None
        if not all(isinstance(item[name], kind) and not isinstance(item[name], bool)
                   for name, kind in _PROBLEM_FIELDS.items()):
            return None
        if item["severity"] not in ("error", "warning") or item["code"] not in CODES:
            return None
        problems.append(Problem(**item))
    return tuple(problems)


class Cache:
    def __init__(self, folder: Path):
        self.folder = folder
        self.secret = _secret()

    def _entry(self, cache_key: str) -> Path:
        return self.folder / cache_key[:2] / f"{cache_key}.json"

    def get(self, cache_key: str, profile_path: str) -> tuple[tuple[Problem, ...], dict[str, str]] | None:
        """(problems, sources) of a sound entry whose sources still are what was proven, else None."""
        from cybergap.provenance import fingerprint

        if self.secret is None:
            return None
        entry = _read(self._entry(cache_key))
        if not isinstance(entry, dict) or set(entry) != {"sources", "problems", "seal"}:
            return None
        sources, seal = entry["sources"], entry["seal"]
        if not isinstance(sources, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in sources.items()):
            return None
        if not isinstance(seal, str) or not hmac.compare_digest(seal, _seal(self.secret, cache_key, sources, entry["problems"])):
            return None
        problems = _problems_of(entry["problems"])
        if problems is None:
            return None
        for relative, expected in sources.items():
            if fingerprint(profile_path, relative) != expected:
                return None
        return problems, sources

    def _result_entry(self, key_of_result: str, day: str) -> Path:
        return self.folder / "results" / day / f"{key_of_result}.json"

    def get_result(self, key_of_result: str, day: str):
        """The JSON value sealed under `key_of_result` (see result_key) on `day` (ISO date), or
        None. Its shape is the caller's to check: the seal proves only that this machine wrote it
        under this key."""
        if self.secret is None:
            return None
        entry = _read(self._result_entry(key_of_result, day))
        if not isinstance(entry, dict) or set(entry) != {"result", "seal"} or not isinstance(entry["seal"], str):
            return None
        if not hmac.compare_digest(entry["seal"], _seal_result(self.secret, key_of_result, entry["result"])):
            return None
        return entry["result"]

    def put_result(self, key_of_result: str, result, day: str) -> None:
        """Store a result of `day` (ISO date); results of earlier days are deleted, as a key that
        holds its day is never asked for again."""
        if self.secret is None:
            return
        entry = {"result": result, "seal": _seal_result(self.secret, key_of_result, result)}
        self._write(self._result_entry(key_of_result, day), entry)
        try:
            earlier = [d for d in (self.folder / "results").iterdir() if d.name < day]
        except OSError:
            return
        for folder in earlier:
            shutil.rmtree(folder, ignore_errors=True)

    def put(self, cache_key: str, problems: tuple[Problem, ...], sources: dict[str, str]) -> None:
        """Store a verdict with the fingerprints of the sources it was proven against (the
        bytes that were read for the proof, not a second read)."""
        if self.secret is None:
            return
        items = [p.__dict__ for p in problems]
        self._write(self._entry(cache_key), {"sources": dict(sources), "problems": items, "seal": _seal(self.secret, cache_key, sources, items)})

    def _write(self, target: Path, entry: dict) -> None:
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(entry, ensure_ascii=True), encoding="utf-8")
            temporary.replace(target)
        except (OSError, ValueError):
            try:
                temporary.unlink()
            except OSError:
                pass  # a cache that cannot be written only costs time
