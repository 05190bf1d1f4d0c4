"""Provenance: prove that every quoted excerpt stands verbatim in its cited source.

Trust boundary. A profile may cite only files inside the `sources/` folder beside it
(symlinks resolved first, then checked): regular files, not profiles, at most 10 MB of
UTF-8. Anything else is refused with a reason; nothing outside that folder is ever read,
so an excerpt can neither be "proven" against the profile itself nor probe other files.

The comparison. The source's markup is folded away (inline HTML tags removed, other tags
and list markers become spaces, Markdown emphasis and the page headers the PDF conversion
repeated are dropped); the excerpt is compared as written, whitespace aside. An excerpt that
contains markup itself is refused rather than folded: `shall <not> be punished` would
otherwise read as `shall be punished`. Words, punctuation and case must match exactly.

Two-column sources. A Council of Europe country profile sets the Convention (left column)
beside domestic law (right column). Excerpts are proven against the domestic column only:
a table row keeps the text after its TAB, and a free paragraph that is the Convention's own
text (it stands in the catalogue's official text) is left out, so an excerpt can neither
splice the Convention onto domestic law nor quote the Convention as domestic law.

Every step runs line by line with bounded patterns: normalisation is linear in the input.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path
from typing import NamedTuple

MAX_SOURCE_BYTES = 10 * 1024 * 1024
SOURCES_FOLDER = "sources"
PROFILE_SUFFIXES = (".yaml", ".yml")

# Tags are bounded (no '<' or '>' inside, at most 500 characters), so a run of '<' costs
# one short scan per character, not a scan to the end of the text.
_INLINE_TAG = re.compile(r"</?(?:i|b|em|strong|u|span|sup|sub|a)(?:\s[^<>]{0,500})?>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]{1,500}>")
_LIST_MARKER = re.compile(r"^[ \t]*- ")
_EMPHASIS = re.compile(r"\*+")
_SPACE = re.compile(r"\s+")
_PAGE_HEADERS = frozenset({
    "BUDAPEST CONVENTION", "DOMESTIC LEGISLATION", "BUDAPEST CONVENTIONDOMESTIC LEGISLATION",
    "BUDAPEST CONVENTION DOMESTIC LEGISLATION", "[Back to the Table of Contents](#)",
})
_COLUMN_HEADER = ("BUDAPEST CONVENTION", "DOMESTIC LEGISLATION")
_HEADER_MAX = 120  # characters: a longer line is never a header
_CONVENTION_LINE_MIN = 40  # characters: shorter free lines are too common to call the Convention's


class SourceError(Exception):
    """A cited source that may not (source-refused), or cannot (missing-source), be read;
    the message says why."""

    def __init__(self, message: str, code: str = "source-refused"):
        super().__init__(message)
        self.code = code


class Source(NamedTuple):
    text: str  # normalised text excerpts are proven against
    digest: str  # sha256 of the bytes that were read and proven against


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def locate(profile_path: str | Path, relative: str) -> Path:
    """The file `relative` names, resolved from the profile's folder and confined to its
    `sources/` folder; SourceError when it lies outside or is not a source."""
    if not relative or "\x00" in relative:
        raise SourceError("is not a file name")
    if Path(relative).is_absolute() or relative.startswith(("/", "\\")):
        raise SourceError(f"is an absolute path; cite a file inside {SOURCES_FOLDER}/ beside the profile")
    profile = Path(profile_path)
    folder = (profile.parent / SOURCES_FOLDER).resolve()
    path = (profile.parent / relative).resolve()
    if folder not in path.parents:
        raise SourceError(f"lies outside {SOURCES_FOLDER}/ beside the profile; sources must be kept there")
    if path.suffix.lower() in PROFILE_SUFFIXES or (profile.exists() and path == profile.resolve()):
        raise SourceError("is a profile, not a source document")
    return path


def read_bytes(path: Path) -> bytes:
    """A regular file's bytes, at most MAX_SOURCE_BYTES; never follows a last-minute symlink
    and never blocks on a FIFO or device."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise SourceError("cannot be read: no such file", "missing-source") from None
    except OSError as exc:
        raise SourceError(f"cannot be read: {exc.strerror or exc}", "missing-source") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise SourceError("is not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        raise SourceError(f"cannot be read: {exc.strerror or exc}", "missing-source") from None
    finally:
        os.close(fd)
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError(f"is larger than the {MAX_SOURCE_BYTES // (1024 * 1024)} MB limit")
    return data


def decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None


def fold(text: str) -> str:
    """Whitespace folded to single spaces: how an excerpt is compared."""
    return _SPACE.sub(" ", text).strip()


def _fold_markup(line: str) -> str:
    line = _INLINE_TAG.sub("", line)
    line = _TAG.sub(" ", line)
    line = _LIST_MARKER.sub(" ", line)
    return _EMPHASIS.sub("", line)


def _is_header(line: str) -> bool:
    """A page header or the column header row the PDF conversion repeated on every page."""
    if len(line) > _HEADER_MAX:
        return False
    if "\t" in line:
        left, _, right = line.partition("\t")
        return (fold(_fold_markup(left)), fold(_fold_markup(right))) == _COLUMN_HEADER
    return fold(_fold_markup(line)) in _PAGE_HEADERS


def normalise(text: str) -> str:
    """The whole text with its markup and page headers folded away (both columns)."""
    return fold(" ".join(_fold_markup(line) for line in text.splitlines() if not _is_header(line)))


def domestic_column(text: str, convention: str) -> str:
    """The domestic column of a two-column country profile, normalised; `convention` is the
    Convention's official text, normalised, to recognise its paragraphs outside the table."""
    kept = []
    for line in text.splitlines():
        if _is_header(line):
            continue
        if "\t" in line:
            kept.append(_fold_markup(line.split("\t", 1)[1]))
            continue
        folded = fold(_fold_markup(line))
        if len(folded) >= _CONVENTION_LINE_MIN and folded in convention:
            continue  # the Convention's own paragraph, set outside the table
        kept.append(folded)
    return fold(" ".join(kept))


def is_two_column(text: str) -> bool:
    return any(_is_header(line) for line in text.splitlines() if "\t" in line)


def fingerprint(profile_path: str | Path, relative: str) -> str:
    """What a cited source is now: the sha256 of its bytes, or "!" and why it is refused.
    The verdict cache compares this with what the verdict was proven against."""
    try:
        return digest(read_bytes(locate(profile_path, relative)))
    except SourceError as exc:
        return refused(exc)


def refused(error: SourceError) -> str:
    """How a refused source is recorded in place of its digest."""
    return f"!{error}"


_NORMALISED: dict[tuple[str, str], str] = {}


def load(profile_path: str | Path, relative: str, convention: str = "") -> Source:
    """The cited source, confined, read once, normalised (the domestic column of a two-column
    profile); SourceError when it may not or cannot be read."""
    data = read_bytes(locate(profile_path, relative))
    key = (digest(data), digest(convention.encode()))
    if key not in _NORMALISED:
        text = decoded(data)
        if len(_NORMALISED) >= 16:
            _NORMALISED.clear()
        _NORMALISED[key] = domestic_column(text, convention) if is_two_column(text) else normalise(text)
    return Source(_NORMALISED[key], key[0])


def markup_in(excerpt: str) -> bool:
    """True when the excerpt holds markup the source side would fold away (`<…>` tags,
    `*`, list markers, page headers): it cannot be proven word for word, so it is refused."""
    return fold(excerpt) != normalise(excerpt)


def is_verbatim(excerpt: str, source_text: str) -> bool:
    """True when the excerpt, whitespace folded, occurs in the normalised source text."""
    needle = fold(excerpt)
    return bool(needle) and needle in source_text


def words_after(prefix: str, source_text: str, count: int = 6) -> str:
    """The source's next `count` words after the first place `prefix` stands in it."""
    at = source_text.find(prefix)
    if at < 0 or not prefix:
        return ""
    return " ".join(source_text[at + len(prefix):].split(" ", count + 1)[1:count + 1])


def departure(excerpt: str, source_text: str) -> int:
    """How many of the excerpt's leading words stand in the source (all of them when it is verbatim)."""
    words = fold(excerpt).split(" ")
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if " ".join(words[:mid]) in source_text:
            lo = mid
        else:
            hi = mid - 1
    return lo


def first_mismatch(excerpt: str, source_text: str) -> tuple[str, str]:
    """(the words before the departure, the first word not found there) for error messages;
    ('', first word) when even the first word is not in the source."""
    words = fold(excerpt).split(" ")
    lo = departure(excerpt, source_text)
    if lo >= len(words):
        return "", ""
    return " ".join(words[max(0, lo - 3): lo]), words[lo]
