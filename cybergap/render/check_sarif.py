"""`cybergap check` results as SARIF 2.1.0."""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePath
from urllib.parse import quote

from cybergap import __version__
from cybergap.escaping import decodable, dumps
from cybergap.problems import CODES, Problem

LEVEL = {"error": "error", "warning": "warning"}


def fingerprint(problem: Problem) -> str:
    """Stable across unrelated edits: file, code, data pointer and message without numbers."""
    text = re.sub(r"\d+", "#", problem.message)
    raw = "\x1f".join((PurePath(problem.path).as_posix(), problem.code, problem.pointer, text))
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _rule(code: str) -> dict:
    check, short, help_text = CODES.get(code, ("yaml", code, code))
    return {
        "id": code,
        "name": "".join(part.capitalize() for part in code.split("-")),
        "shortDescription": {"text": short},
        "fullDescription": {"text": help_text},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": "warning" if check == "coverage" else "error"},
        "properties": {"check": check},
    }


def render(results) -> str:
    problems = [p for r in results for p in r.problems]
    codes = sorted({p.code for p in problems})
    index = {code: i for i, code in enumerate(codes)}
    sarif_results = []
    for p in problems:
        location: dict = {"artifactLocation": {"uri": quote(PurePath(p.path).as_posix(), errors="surrogateescape")}}
        if p.line is not None:
            location["region"] = {"startLine": p.line, "startColumn": p.column or 1}
        sarif_results.append({
            "ruleId": p.code,
            "ruleIndex": index[p.code],
            "level": LEVEL[p.severity],
            "message": {"text": decodable(p.message)},
            "locations": [{"physicalLocation": location}],
            "partialFingerprints": {"cybergap/v1": fingerprint(p)},
        })
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "cybergap", "version": __version__, "rules": [_rule(c) for c in codes]}},
            "results": sarif_results,
        }],
    }
    return dumps(log)
