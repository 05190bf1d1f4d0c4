"""Showing untrusted text safely: file names that are not UTF-8, control characters, and the
invisible characters that reorder or hide text (bidi overrides, zero-width spaces)."""

from __future__ import annotations

import re

# Bidi marks, embeddings, overrides and isolates; zero-width spaces and joiners; word joiner and
# invisible operators; byte order mark. They can make a line read differently from what it says.
INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]|" + INVISIBLE.pattern)
_UNDECODABLE = re.compile("[\udc80-\udcff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (os.fsdecode's surrogate escape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0xA0:
        return _NAMED.get(char, f"\\x{code:02x}")
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    return f"<U+{code:04X}>"


def printable(text: object) -> str:
    """`text` as one line safe for a terminal and for XML: an undecodable byte of a file name as \\xff,
    control characters as \\n, \\t, \\x1b, invisible characters as <U+202E>."""
    return _UNSAFE.sub(lambda m: _escape(m.group()), str(text))


def show_invisible(text: str) -> str:
    """Invisible characters as <U+202E>, the rest unchanged."""
    return INVISIBLE.sub(lambda m: _escape(m.group()), text)


def decodable(text: str) -> str:
    """Undecodable bytes of a file name as \\xff, so the text can be written as UTF-8."""
    return _UNDECODABLE.sub(lambda m: _escape(m.group()), text)


def dumps(data: object) -> str:
    """Indented JSON text, UTF-8 characters as they are except invisible ones and lone surrogates,
    which become \\u escapes: a JSON reader gets the exact data, a person reading the file sees them."""
    import json

    text = json.dumps(data, indent=2, ensure_ascii=False)
    return re.sub("[\ud800-\udfff]|" + INVISIBLE.pattern, lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
