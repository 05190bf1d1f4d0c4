"""`cybergap check` results as JSON, documented by schemas/check.schema.json."""

from __future__ import annotations

from cybergap import __version__
from cybergap.escaping import decodable, dumps


def render(results, strict: bool = False) -> str:
    files = []
    for r in results:
        errors = sum(1 for p in r.problems if p.severity == "error")
        warnings = len(r.problems) - errors
        files.append({
            "path": decodable(r.path),
            "valid": errors == 0 and not (strict and warnings),
            "problems": [
                {"line": p.line, "column": p.column, "severity": p.severity, "code": p.code,
                 "message": decodable(p.message), "pointer": p.pointer or None}
                for p in r.problems
            ],
        })
    summary = {
        "files": len(results),
        "invalid": sum(1 for f in files if not f["valid"]),
        "errors": sum(1 for r in results for p in r.problems if p.severity == "error"),
        "warnings": sum(1 for r in results for p in r.problems if p.severity == "warning"),
        "strict": strict,
    }
    return dumps({"tool": {"name": "cybergap", "version": __version__}, "summary": summary, "files": files})
