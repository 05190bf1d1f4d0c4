"""`diff.word_diff`: a word-level diff that stays cheap on long, repetitive excerpts."""

from __future__ import annotations

import difflib
import random
import re

import pytest

from cybergap import diff

PHRASE = "shall be punished by a fine of up to the amount of the information protected by the Law".split()
MARK = re.compile(r"\[-(.+?)-\]|\{\+(.+?)\+\}|(\S+)")


@pytest.fixture
def bounded(monkeypatch):
    """Refuse any difflib matching of more than a million word pairs (the old code matched 16,000 x 16,000)."""
    seen = []

    class Bounded(difflib.SequenceMatcher):
        def __init__(self, isjunk=None, a="", b="", autojunk=True):
            seen.append(len(a) * len(b))
            assert len(a) * len(b) <= 1_000_000, f"{len(a)} x {len(b)} words matched"
            super().__init__(isjunk, a, b, autojunk)

    monkeypatch.setattr(diff.difflib, "SequenceMatcher", Bounded)
    return seen


def sides(marked: str) -> tuple[list[str], list[str]]:
    """The old and the new words back from a word diff."""
    old, new = [], []
    for match in MARK.finditer(marked):
        removed, added, same = match.groups()
        old += (removed or same or "").split()
        new += (added or same or "").split()
    return old, new


def long_text(words: int) -> list[str]:
    return (PHRASE * (words // len(PHRASE) + 1))[:words]


def test_one_changed_word_in_16000_is_exactly_that_change(bounded):
    old = long_text(16_000)
    new = list(old)
    new[9_001] = "thirty"
    result = diff.word_diff(" ".join(old), " ".join(new))
    assert result == " ".join(old[:9_001]) + f" [-{old[9_001]}-] {{+thirty+}} " + " ".join(old[9_002:])
    assert max(bounded) <= 1


def test_distant_changes_in_a_long_text_are_one_replaced_middle(bounded):
    old = long_text(16_000)
    new = list(old)
    new[100], new[15_000] = "first", "second"
    del new[8_000]
    result = diff.word_diff(" ".join(old), " ".join(new))
    assert sides(result) == (old, new)
    # The common start (100 words) and end (999 words) are kept; what lies between is replaced whole.
    assert result == (" ".join(old[:100]) + " [-" + " ".join(old[100:15_001]) + "-] {+" + " ".join(new[100:15_000])
                      + "+} " + " ".join(old[15_001:]))


def test_short_excerpts_keep_a_word_by_word_diff(bounded):
    result = diff.word_diff("Intentional illegal access of information, protected by the Law",
                            "Deliberate illegal access to information, protected by the Law")
    assert result == "[-Intentional-] {+Deliberate+} illegal access [-of-] {+to+} information, protected by the Law"
    assert diff.word_diff("", "new words") == "{+new words+}"
    assert diff.word_diff("old words", "") == "[-old words-]"
    assert diff.word_diff("same", "same") == "same"


@pytest.mark.parametrize("seed", range(100))
def test_the_marks_give_back_both_texts(seed):
    draw = random.Random(seed)
    old = [draw.choice("abc") for _ in range(draw.randrange(0, 30))]
    new = [draw.choice("abcd") for _ in range(draw.randrange(0, 30))]
    assert sides(diff.word_diff(" ".join(old), " ".join(new))) == (old, new)
