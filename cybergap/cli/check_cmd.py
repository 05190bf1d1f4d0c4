"""`cybergap check PATH...`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cybergap.cli.common import check_choice


def run(paths: list[Path], format: str) -> int:
    from cybergap.checking import FileResult, check_file, iter_files

    check_choice(format, ("text", "json"))
    if not paths:
        paths = [Path("profiles")]
    results: list[FileResult] = []
    for item in iter_files(paths):
        if isinstance(item, Path):
            results.append(check_file(item))
        else:
            results.append(FileResult(item.path, (item,)))
    if format == "json":
        print(json.dumps(_as_json(results), indent=2, ensure_ascii=False))
    else:
        for result in results:
            for problem in result.problems:
                print(problem)
    errors = sum(r.errors for r in results)
    warnings = sum(len(r.problems) - r.errors for r in results)
    sys.stderr.write(f"{len(results)} file(s) checked: {errors} error(s), {warnings} warning(s)\n")
    if not results:
        sys.stderr.write("cybergap: error: no YAML files found\n")
        return 2
    if any(r.unreadable for r in results):
        return 2
    return 1 if errors else 0


def _as_json(results) -> dict:
    return {
        "files": [
            {
                "path": r.path,
                "valid": r.errors == 0,
                "problems": [
                    {"line": p.line, "column": p.column, "severity": p.severity, "code": p.code, "message": p.message}
                    for p in r.problems
                ],
            }
            for r in results
        ]
    }
