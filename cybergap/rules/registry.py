"""The rule registry: `Rule`, the `@rule` decorator and `REGISTRY`. Theme modules import
from here; `cybergap.rules` lists the themes (importing them fills the registry)."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Callable, Iterable

from cybergap.model import Finding, Severity


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    convention: str
    rationale: str
    remediation: str
    check: Callable
    theme: str
    replaces_coverage: bool = False  # its findings make the generic coverage finding redundant
    generic: bool = False  # a generic coverage rule (COV): dropped where a specific rule speaks
    reform: str = ""  # the reform that answers its findings (a priority's title); "" for generic rules
    portable: bool = False  # reads only the catalogue (like the generic rules): runs on any framework

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
            severity=Severity(severity or self.severity),
            article=article,
            element=element,
            message=message,
            convention=convention or self.convention,
            evidence=tuple(dict.fromkeys(evidence)),
            remediation=self.remediation,
            elements=affected,
            fixed_by_coverage=self.generic or self.replaces_coverage,
            weight=ctx.catalog.elements[element].get("weight", ""),
            reform=self.reform,
        )


REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, severity: str, convention: str, rationale: str, remediation: str,
         replaces_coverage: bool = False, generic: bool = False, reform: str = "", portable: bool = False):
    """Register a rule function under a stable code."""

    def register(check: Callable) -> Callable:
        if code in REGISTRY:
            raise ValueError(f"rule code {code} registered twice")
        theme = check.__module__.rsplit(".", 1)[-1]
        REGISTRY[code] = Rule(code, name, Severity(severity), convention, " ".join(rationale.split()),
                              " ".join(remediation.split()), check, theme, replaces_coverage, generic, reform, portable)
        check.rule = REGISTRY[code]
        return check

    return register
