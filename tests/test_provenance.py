"""Provenance compares an excerpt with its source word for word: whitespace is folded (and the
source's markup), but case must match exactly (README; cybergap/provenance.py)."""

from __future__ import annotations

import pytest

from cybergap.provenance import is_verbatim, normalise

SOURCE = normalise("<p>1. Intentional illegal access to the information system, -\nshall be punished</p>")


@pytest.mark.parametrize("excerpt, verbatim", [
    ("1. Intentional illegal access to the information system", True),
    ("Intentional   illegal\naccess", True),  # whitespace folds
    ("1. intentional illegal access to the information system", False),  # case differs
    ("INTENTIONAL ILLEGAL ACCESS", False),
    ("Intentional illegal entry", False),
])
def test_is_verbatim(excerpt, verbatim):
    assert is_verbatim(excerpt, SOURCE) is verbatim


@pytest.mark.parametrize("original, changed", [
    ("1. Intentional illegal access", "1. intentional illegal access"),
    ("information system", "Information System"),
])
def test_an_excerpt_differing_only_in_case_fails_check(cli, minimal, original, changed):
    assert cli("check", minimal).exit_code == 0
    text = minimal.read_text()
    assert original in text
    minimal.write_text(text.replace(original, changed, 1))
    result = cli("check", minimal)
    assert result.exit_code == 1
    assert "provision 'pc-1': excerpt 1 is not verbatim in sources/mini.txt" in result.stdout
    assert "[not-verbatim]" in result.stdout
