"""The rules engine: plain Python rules, one small module per theme, registered here.

A rule is a function ``check(ctx) -> iterable of Finding`` decorated with ``@rule``,
which records its code, short name, severity, rationale (citing the Convention) and
remediation. The rule's docstring is its documentation: what triggers it, with a
passing and a failing example.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Callable, Iterable

from cybergap.model import Finding


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    convention: str
    rationale: str
    remediation: str
    check: Callable
    theme: str
    replaces_coverage: bool = False  # its findings make the generic coverage finding redundant

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    def finding(self, ctx, element: str, message: str, evidence: Iterable[str] = (), *,
                elements: Iterable[str] = (), severity: str | None = None, convention: str | None = None) -> Finding:
        """A Finding of this rule on `element` (and `elements`), citing `evidence` provision ids."""
        article = ctx.catalog.elements[element]["article"]
        affected = tuple(dict.fromkeys((element, *elements)))
        return Finding(
            rule=self.code,
            name=self.name,
            severity=severity or self.severity,
            article=article,
            element=element,
            message=message,
            convention=convention or self.convention,
            evidence=tuple(dict.fromkeys(evidence)),
            remediation=self.remediation,
            elements=affected,
        )


REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, severity: str, convention: str, rationale: str, remediation: str,
         replaces_coverage: bool = False):
    """Register a rule function under a stable code."""

    def register(check: Callable) -> Callable:
        if code in REGISTRY:
            raise ValueError(f"rule code {code} registered twice")
        theme = check.__module__.rsplit(".", 1)[-1]
        REGISTRY[code] = Rule(code, name, severity, convention, " ".join(rationale.split()),
                              " ".join(remediation.split()), check, theme, replaces_coverage)
        check.rule = REGISTRY[code]
        return check

    return register


def all_rules() -> list[Rule]:
    """Every registered rule, in code order (importing the theme modules registers them)."""
    from cybergap.rules import (  # noqa: F401  (imported for registration)
        attempt,
        child,
        coverage,
        legal_persons,
        procedural,
        qualifiers,
        preservation,
        sanctions,
        cooperation,
    )

    return sorted(REGISTRY.values(), key=lambda r: r.code)
