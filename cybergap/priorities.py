"""Priorities: the findings one reform would answer together, ranked as an assessor would.

The ranking (also shown by ``cybergap explain scoring``):

* A finding belongs to the reform its rule names: PRE01-PRE06 are one law on expedited
  preservation (Arts. 16, 17, 29, 30), LP01-LP04 one on the liability of legal persons
  (Arts. 12, 13.2), SAN01 and EXT01-02 one on sanctions (Arts. 13, 24.1). A generic coverage
  finding joins the reform that already speaks to its element, else to its article (the worst
  one, if several); otherwise its article is a priority of its own ("Cover Article 28 ... in
  full").
* A priority made only of information findings is not a priority.
* Priorities rank by their worst severity (critical first); then by weight: one that answers a
  finding on a core element (the obligation itself) before one that answers only ancillary
  elements (formalities, notifications); then by the overall score gained if every finding of
  it were fixed together; then by their first article.
"""

from __future__ import annotations

import dataclasses
from typing import Callable

from cybergap.model import Finding, Priority, Severity, Weight

RANKING = __doc__.split("The ranking (also shown by ``cybergap explain scoring``):", 1)[1].strip()


def _article_key(number: str) -> int:
    return int(number) if number.isdigit() else 999


def group(findings: list[Finding], titles: dict[str, str]) -> dict[str, list[int]]:
    """Reform title -> indices of its findings (in the given order); `titles` names each
    article ('8' -> 'Computer-related fraud') for priorities of generic findings."""
    groups: dict[str, list[int]] = {}
    reforms_on: dict[str, list[str]] = {}  # element, and article, -> the reforms that speak to it
    for index, finding in enumerate(findings):
        if finding.reform:
            groups.setdefault(finding.reform, []).append(index)
            for place in (*finding.affected, f"Art. {finding.article}"):
                if finding.reform not in reforms_on.setdefault(place, []):
                    reforms_on[place].append(finding.reform)

    def worst(reform: str) -> int:
        return max(findings[i].severity.rank for i in groups[reform])

    for index, finding in enumerate(findings):
        if finding.reform:
            continue
        reforms = reforms_on.get(finding.element) or reforms_on.get(f"Art. {finding.article}")
        title = max(reforms, key=worst) if reforms else \
            f"Cover Article {finding.article} ({titles.get(finding.article, '')}) in full"
        groups.setdefault(title, []).append(index)
    return groups


def rank(findings: list[Finding], titles: dict[str, str],
         gain: Callable[[list[int]], float]) -> tuple[Priority, ...]:
    """The priorities, in order. `gain(indices)` is the overall score gained if the findings at
    those indices were all fixed (cybergap.scoring.fixer)."""
    candidates = []
    for title, indices in group(findings, titles).items():
        members = [findings[i] for i in indices]
        worst = max(members, key=lambda f: f.severity.rank).severity
        if worst is Severity.INFO:
            continue
        articles = tuple(sorted({f.article for f in members}, key=_article_key))
        candidates.append(Priority(
            rank=0, title=title, severity=worst,
            core=any(f.weight == Weight.CORE for f in members if f.severity is not Severity.INFO),
            articles=articles,
            elements=tuple(dict.fromkeys(e for f in members for e in f.affected)),
            rules=tuple(dict.fromkeys(f.rule for f in members)),
            provisions=tuple(dict.fromkeys(p for f in members for p in f.evidence)),
            remedies=tuple(dict.fromkeys(f.remediation for f in members if f.remediation)),
            overall_gain=round(gain(indices), 2),
            findings=tuple(members)))
    candidates.sort(key=lambda p: (-p.severity.rank, not p.core, -p.overall_gain, _article_key(p.articles[0]), p.title))
    return tuple(dataclasses.replace(p, rank=n) for n, p in enumerate(candidates, 1))
