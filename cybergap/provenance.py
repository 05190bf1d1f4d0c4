"""Provenance: prove that every quoted excerpt stands verbatim in its cited source.

Both the source and the excerpt are normalised the same way before comparing:
inline HTML tags (<i>, <b>…) and markdown emphasis are removed, block tags become
spaces, list markers and the page headers the PDF conversion repeated are dropped,
and whitespace is folded. Words, punctuation and case must match exactly.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_INLINE_TAG = re.compile(r"</?(?:i|b|em|strong|u|span|sup|sub|a)(?:\s[^>]*)?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_PAGE_HEADER = re.compile(
    r"^\s*(\*\*)?BUDAPEST CONVENTION(\*\*)?\s*(\*\*)?(DOMESTIC LEGISLATION)?(\*\*)?\s*$"
    r"|^\s*(\*\*)?DOMESTIC LEGISLATION(\*\*)?\s*$"
    r"|^\s*\[Back to the Table of Contents\]\(#\)\s*$",
    re.MULTILINE,
)
_LIST_MARKER = re.compile(r"^[ \t]*- ", re.MULTILINE)
_EMPHASIS = re.compile(r"\*+")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Fold markup and whitespace so that only the words are compared."""
    text = _INLINE_TAG.sub("", text)
    text = _TAG.sub(" ", text)
    text = _PAGE_HEADER.sub(" ", text)
    text = _LIST_MARKER.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    return _SPACE.sub(" ", text).strip()


def _header_free_tabs(text: str) -> str:
    # Table rows put the two columns on one line separated by a TAB; a page
    # header row "BUDAPEST CONVENTION\tDOMESTIC LEGISLATION" is dropped whole.
    return re.sub(r"^BUDAPEST CONVENTION\tDOMESTIC LEGISLATION\s*$", " ", text, flags=re.MULTILINE)


@lru_cache(maxsize=16)
def normalised_source(path: str, mtime_ns: int, size: int) -> str:
    """The normalised text of a source file (cached per path, mtime and size)."""
    raw = Path(path).read_text(encoding="utf-8")
    return normalise(_header_free_tabs(raw))


def load_source(path: Path) -> str:
    stat = path.stat()
    return normalised_source(str(path), stat.st_mtime_ns, stat.st_size)


def is_verbatim(excerpt: str, source_text: str) -> bool:
    """True when the excerpt, normalised, occurs in the normalised source text."""
    needle = normalise(excerpt)
    return bool(needle) and needle in source_text


def first_mismatch(excerpt: str, source_text: str) -> str:
    """The longest leading run of the excerpt's words found in the source, for error messages."""
    words = normalise(excerpt).split(" ")
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if " ".join(words[:mid]) in source_text:
            lo = mid
        else:
            hi = mid - 1
    if lo >= len(words):
        return ""
    return " ".join(words[max(0, lo - 3): lo + 1])
