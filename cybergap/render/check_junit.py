"""`cybergap check` results as JUnit XML: one test suite per file, one test case per check."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from cybergap.escaping import printable
from cybergap.problems import CHECKS, check_of


def render(results, strict: bool = False) -> str:
    root = ET.Element("testsuites", name="cybergap check")
    total = failed = 0
    for result in results:
        name = printable(result.path)  # XML 1.0 holds no control characters, even escaped
        suite = ET.SubElement(root, "testsuite", name=name)
        by_check: dict[str, list] = {}
        for problem in result.problems:
            by_check.setdefault(check_of(problem.code), []).append(problem)
        stopped = any(p.severity == "error" for c in ("file", "yaml", "schema") for p in by_check.get(c, []))
        suite_failures = skipped = 0
        for check in CHECKS:
            case = ET.SubElement(suite, "testcase", classname=name, name=check)
            problems = by_check.get(check, [])
            failing = [p for p in problems if p.severity == "error" or strict]
            if failing:
                failure = ET.SubElement(case, "failure", message=printable(failing[0].message), type=failing[0].code)
                failure.text = "\n".join(str(p) for p in failing)
                suite_failures += 1
            elif problems:
                ET.SubElement(case, "system-out").text = "\n".join(str(p) for p in problems)
            elif stopped and check in ("references", "provenance", "coverage"):
                ET.SubElement(case, "skipped", message="not run: the file did not load or fit the schema")
                skipped += 1
        suite.set("tests", str(len(CHECKS)))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        suite.set("skipped", str(skipped))
        total += len(CHECKS)
        failed += suite_failures
    root.set("tests", str(total))
    root.set("failures", str(failed))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
