"""The rules engine: plain Python rules, one small module per theme.

A rule is a function ``check(ctx) -> iterable of Finding`` decorated with ``@rule`` (see
``cybergap.rules.registry``), which records its code, short name, severity, rationale (citing
the Convention) and remediation. The rule's docstring is its documentation: what triggers it,
with a passing and a failing example. This module only lists the themes.
"""

from __future__ import annotations

from cybergap.rules.registry import REGISTRY, Rule

THEMES = ("attempt", "child", "coverage", "legal_persons", "procedural", "qualifiers", "preservation",
          "sanctions", "cooperation")


def all_rules() -> list[Rule]:
    """Every registered rule, in code order (importing the theme modules registers them)."""
    from importlib import import_module

    for theme in THEMES:
        import_module(f"cybergap.rules.{theme}")
    return sorted(REGISTRY.values(), key=lambda r: r.code)
