"""Every format the registry lists is reachable from its command and renders (issue 17, item 4):
adding a format to cybergap/render/formats.py adds it here without editing this file."""

from __future__ import annotations

import pytest

from cybergap.render.formats import FORMATS, help_text

COMMANDS = {
    "assess": lambda p: ["assess", p],
    "diff": lambda p: ["diff", p, p],
    "check": lambda p: ["check", p],
    "compare": lambda p: ["compare", p, "kazakhstan"],
    "crosswalk": lambda p: ["crosswalk", p],
    "catalog": lambda p: ["catalog", "16"],
    "rules": lambda p: ["rules"],
}
CASES = [(kind, name) for kind, names in FORMATS.items() for name in names]


def test_every_kind_has_a_command():
    assert set(FORMATS) == set(COMMANDS)


@pytest.mark.parametrize("kind, name", CASES, ids=[f"{k}-{n}" for k, n in CASES])
def test_every_registered_format_renders(cli, minimal, kind, name):
    result = cli(*COMMANDS[kind](str(minimal)), "--format", name, "--width", "100") if kind not in ("check", "catalog", "rules") \
        else cli(*COMMANDS[kind](str(minimal)), "--format", name)
    assert result.exit_code in (0, 1), result.output  # 1: findings (check) never a usage error
    assert result.stdout.strip()


@pytest.mark.parametrize("kind", ["assess", "diff", "check", "compare", "crosswalk"])
def test_help_lists_the_registry_choices(cli, kind):
    assert " ".join(help_text(kind).split()) in " ".join(cli(kind, "--help").stdout.split())


def test_an_unknown_format_names_the_choices(cli, minimal):
    result = cli("assess", minimal, "--format", "pdf")
    assert result.exit_code == 2 and "'pdf' is not one of table, json, markdown, html" in result.output
