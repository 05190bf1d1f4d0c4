"""Safe, line-aware YAML loading.

PyYAML's own loaders are never asked to build Python objects. The parser (libyaml's
when present) only produces events; this module composes them into plain data
itself, which lets it enforce every guard in one pass, before anything walks the tree:

* size cap, strict UTF-8 (one leading BOM allowed), no control characters, no tabs;
* exactly one document, whose top level is a mapping;
* nesting depth cap, node cap, a cap on the nodes aliases repeat (alias bombs), no cycles;
* no merge keys, no tags but the core ones, keys must be strings, no duplicate keys;
* YAML 1.2 scalars: only ``true``/``false`` are booleans, dates stay strings,
  ``0755`` and ``1:30`` stay strings, ``.inf``/``.nan`` are refused.

A file that fails to load is returned as a ``LoadError`` value, never raised, so one
bad file never stops a batch. Every value's position is kept in ``Document.marks``,
keyed by its path (a tuple of keys and indices).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from cybergap.problems import Problem

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
# Kazakhstan's 110 KB profile has about 4,000 nodes, and no country's should need ten times
# that; a profile as dense as Kazakhstan's reaches the 10 MB size cap at about 370,000.
MAX_NODES = 1_000_000  # nodes written in the file: keys, values and collections
MAX_ALIAS_NODES = 100_000  # nodes repeated through aliases, each alias counting the whole node it repeats
MAX_SCALAR_DIGITS = 100


class Mark(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based


LoadError = Problem  # a file that did not load is one Problem


@dataclass
class Document:
    path: str
    data: dict
    text: str
    marks: dict[tuple, Mark] = field(default_factory=dict)
    key_marks: dict[tuple, Mark] = field(default_factory=dict)

    def mark(self, path: tuple, key: bool = False) -> Mark:
        """Position of the value at `path` (of its key when `key`), else of the nearest ancestor."""
        table = self.key_marks if key else self.marks
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.marks:
                return self.marks[probe]
            probe = probe[:-1]
        return self.marks.get((), Mark(1, 1))


class _Refused(Exception):
    def __init__(self, message: str, mark: Any = None, code: str = "yaml"):
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.code = code


def _parser_class(pure: bool = False):
    import yaml

    if getattr(yaml, "__with_libyaml__", False) and not pure:
        return yaml.CSafeLoader
    return yaml.SafeLoader


# --- reading bytes -----------------------------------------------------------------

# The complement of YAML's printable set (\t \n \r, x20-x7E, x85, xA0-uD7FF, uE000-uFFFD
# without uFEFF, and the astral planes), written as the short list of what is refused.
_NON_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def read_text(path: Path, display: str) -> str | LoadError:
    """Read a file as strict UTF-8 text within the size cap."""
    try:
        if path.is_dir():
            return LoadError(display, "is a folder, not a file", code="unreadable")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return LoadError(display, "no such file", code="unreadable")
    except PermissionError:
        return LoadError(display, "permission denied", code="unreadable")
    except OSError as exc:
        return LoadError(display, exc.strerror or str(exc), code="unreadable")
    if len(raw) > MAX_BYTES:
        return LoadError(display, f"file is larger than the {MAX_BYTES // (1024 * 1024)} MB limit", code="too-large")
    return decode(raw, display)


def decode(raw: bytes, display: str) -> str | LoadError:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw[:4] in (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00"):
        return LoadError(display, "file is UTF-16 or UTF-32; profiles must be UTF-8", 1, 1, code="encoding")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return LoadError(display, f"invalid UTF-8 byte 0x{raw[exc.start]:02x}", line, column, code="encoding")
    bad = _NON_PRINTABLE.search(text)
    if bad:
        line, column = _position(text, bad.start())
        char = bad.group()
        name = "byte order mark" if char == "\ufeff" else f"control character U+{ord(char):04X}"
        return LoadError(display, f"{name} is not allowed in YAML text", line, column, code="encoding")
    return text


# --- scalars ---------------------------------------------------------------------------

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_NON_FINITE = re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
_NUMBER_START = frozenset("0123456789+-.")  # how every int, float, .inf and .nan begins


def _resolve_plain(value: str, mark: Any) -> Any:
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value[0] not in _NUMBER_START:
        return value
    if _INT.fullmatch(value):
        if len(value) > MAX_SCALAR_DIGITS:
            raise _Refused(f"number with more than {MAX_SCALAR_DIGITS} digits", mark)
        if len(value.lstrip("+-")) > 1 and value.lstrip("+-").startswith("0"):
            return value  # 0755 is not an octal number here; keep the text
        return int(value)
    if _FLOAT.fullmatch(value) and any(c.isdigit() for c in value):
        if len(value) > MAX_SCALAR_DIGITS:
            raise _Refused(f"number with more than {MAX_SCALAR_DIGITS} digits", mark)
        return float(value)
    if _NON_FINITE.fullmatch(value):
        raise _Refused(f"non-finite number {value!r} is not allowed; quote it if it is text", mark)
    return value


def _tagged_scalar(tag: str, value: str, mark: Any) -> Any:
    short = tag.rsplit(":", 1)[-1]
    if short == "str":
        return value
    resolved = _resolve_plain(value, mark)
    expected = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}[short]
    if isinstance(resolved, bool) and short != "bool" or not isinstance(resolved, expected):
        raise _Refused(f"value {value!r} is not a valid !!{short}", mark)
    return float(resolved) if short == "float" else resolved


# --- composing ------------------------------------------------------------------------


class _Composer:
    """Builds plain data from parser events, with every guard applied as it goes.

    Each node is composed from the event that opens it; collections read events until
    their end event, so no event is looked at twice.
    """

    def __init__(self, text: str, pure: bool = False):
        import yaml

        self.yaml = yaml
        self.parser = _parser_class(pure)(text)
        self.marks: dict[tuple, Mark] = {}
        self.key_marks: dict[tuple, Mark] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.nodes = 0
        self.alias_nodes = 0

    def _count(self, mark: Any) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(f"the file has more than {MAX_NODES:,} YAML nodes (keys, values and collections), "
                           "the most a profile may have", mark, code="too-large")

    def _count_alias(self, size: int, mark: Any) -> None:
        self.alias_nodes += size
        if self.alias_nodes > MAX_ALIAS_NODES:
            raise _Refused(f"aliases repeat more than {MAX_ALIAS_NODES:,} nodes, the most a profile may repeat "
                           "(an alias bomb?)", mark, code="too-large")

    def compose(self) -> Any:
        yaml, p = self.yaml, self.parser
        try:
            p.get_event()  # StreamStart
            if p.check_event(yaml.StreamEndEvent):
                raise _Refused("empty file: a profile is one YAML mapping", None, code="structure")
            p.get_event()  # DocumentStart
            data, _ = self._node(p.get_event(), (), 1)
            p.get_event()  # DocumentEnd
            if not p.check_event(yaml.StreamEndEvent):
                extra = p.peek_event()
                raise _Refused("more than one YAML document in the file", extra.start_mark, code="structure")
            return data
        finally:
            p.dispose()

    def _node(self, event: Any, path: tuple, depth: int) -> tuple[Any, int]:
        """Compose the node `event` opens; returns (value, expanded size)."""
        yaml = self.yaml
        kind = type(event)
        mark = event.start_mark
        if depth > MAX_DEPTH:
            raise _Refused(f"nesting deeper than {MAX_DEPTH} levels", mark, code="too-deep")
        self.marks[path] = Mark(mark.line + 1, mark.column + 1)
        if kind is yaml.AliasEvent:
            if event.anchor in self.open_anchors:
                raise _Refused(f"alias *{event.anchor} refers to a node that contains it (cycle)", mark)
            if event.anchor not in self.anchors:
                raise _Refused(f"undefined alias *{event.anchor}", mark)
            value, size = self.anchors[event.anchor]
            self._count_alias(size, mark)
            return value, size
        anchor, tag = event.anchor, event.tag
        if tag == "!":
            tag = None
        elif tag is not None and tag not in _CORE_TAGS:
            raise _Refused(f"tag {tag} is not allowed in a profile", mark, code="tag")
        if anchor:
            self.open_anchors.add(anchor)
        self._count(mark)
        if kind is yaml.ScalarEvent:
            if tag and tag.endswith((":seq", ":map")):
                raise _Refused(f"tag {tag} does not fit a scalar", mark, code="tag")
            if tag:
                value = _tagged_scalar(tag, event.value, mark)
            elif not event.style:
                value = _resolve_plain(event.value, mark)
            else:
                value = event.value
            size = 1
        elif kind is yaml.SequenceStartEvent:
            if tag and not tag.endswith(":seq"):
                raise _Refused(f"tag {tag} does not fit a sequence", mark, code="tag")
            value, size = self._sequence(path, depth)
        elif kind is yaml.MappingStartEvent:
            if tag and not tag.endswith(":map"):
                raise _Refused(f"tag {tag} does not fit a mapping", mark, code="tag")
            value, size = self._mapping(path, depth)
        else:  # pragma: no cover - the parser guarantees one of the above
            raise _Refused(f"unexpected {kind.__name__}", mark)
        if anchor:
            self.open_anchors.discard(anchor)
            self.anchors[anchor] = (value, size)
        return value, size

    def _sequence(self, path: tuple, depth: int) -> tuple[list, int]:
        end, get_event = self.yaml.SequenceEndEvent, self.parser.get_event
        value: list = []
        size = 1
        event = get_event()
        while type(event) is not end:
            item, item_size = self._node(event, path + (len(value),), depth + 1)
            value.append(item)
            size += item_size
            event = get_event()
        return value, size

    def _mapping(self, path: tuple, depth: int) -> tuple[dict, int]:
        end, scalar, get_event = self.yaml.MappingEndEvent, self.yaml.ScalarEvent, self.parser.get_event
        value: dict[str, Any] = {}
        size = 1
        key_event = get_event()
        while type(key_event) is not end:
            key_mark = key_event.start_mark
            if type(key_event) is not scalar:
                raise _Refused("mapping keys must be plain strings, not collections or aliases", key_mark, code="key")
            self._count(key_mark)
            key: Any = key_event.value
            if not key_event.style:
                if key == "<<":
                    raise _Refused("merge keys (<<) are not allowed in profiles", key_mark, code="key")
                resolved = _resolve_plain(key, key_mark) if key_event.tag in (None, "!") else key
                if not isinstance(resolved, str):
                    raise _Refused(f"key {key!r} would be read as {type(resolved).__name__}; keys must be strings "
                                   "(quote it)", key_mark, code="key")
            key_path = path + (key,)
            if key in value:
                first = self.key_marks[key_path]
                raise _Refused(
                    f"duplicate key {key!r} (first defined at line {first.line}, column {first.column})",
                    key_mark,
                    code="duplicate-key",
                )
            self.key_marks[key_path] = Mark(key_mark.line + 1, key_mark.column + 1)
            item, item_size = self._node(get_event(), key_path, depth + 1)
            value[key] = item
            size += item_size + 1
            key_event = get_event()
        return value, size


# --- what libyaml and the pure parser read differently, refused with both ---------------
#
# The raw text is searched for the rare characters first (under 1 ms on a 110 KB profile).
# Most hits are inside quoted, plain or block scalars or comments ("Warning ! read this",
# "# see >#3"), so hits are then confirmed by the scanner (libyaml's when present, else the
# pure one), which runs only as far as the last hit (about 5 ms for a whole 110 KB profile):
# refused only where a token starts. The two scanners agree on where these tokens start
# (except next to a '?' in a flow collection, where they disagree anyway: see the README);
# they disagree on what follows.

# libyaml accepts "key: |#comment", the pure parser refuses it.
_BLOCK_HEADER_COMMENT = re.compile(r"[|>][-+0-9]{0,2}#")

# libyaml and the pure parser read odd tags differently (in flow context the pure one reads
# ',' and ']' as part of a tag), so a tag must be a core one followed by a space or a line break.
_CORE_TAG = re.compile(r"!!(?:str|int|float|bool|null|seq|map)")
_NON_CORE_TAG = re.compile(r"!(?!!(?:str|int|float|bool|null|seq|map)(?:[ \n]|$))")


def _candidates(pattern: re.Pattern, text: str, may_follow) -> list[int]:
    """Starts of the matches of `pattern` at the start of the text or right after a character
    for which `may_follow` is true.

    (Searching for the rare character first and looking back is many times faster than
    a pattern that begins with the look-behind.)"""
    return [m.start() for m in pattern.finditer(text) if m.start() == 0 or may_follow(text[m.start() - 1])]


def _after_space(char: str) -> bool:
    return char in " \n"


def _not_after_word(char: str) -> bool:
    """Right after a letter, a digit, '_', '-' or '!', a '!' is inside a plain scalar, a name or a tag."""
    return not (char.isalnum() or char in "_-!")


def _first_token_at(text: str, indices: list[int], pure: bool, retries: int = 3) -> int | None:
    """The first of `indices` (ascending) where the scanner starts a token, else None.

    Only the scanner runs, as far as the last index. If it fails at a token that starts at one
    of them, that counts (the pure scanner refuses some tags and '|#' headers that libyaml reads,
    and the other way round). Tokens it had read ahead before failing (both read ahead while a
    key may be pending) are lost, so the text up to the failure is scanned again.
    """
    import yaml

    wanted, last = set(indices), indices[-1]
    scanner = _parser_class(pure)(text)
    start = 0  # where the last token handed over starts
    try:
        token = scanner.get_token()
        while token is not None:
            start = token.start_mark.index
            if start in wanted:
                return start
            if start > last:
                return None
            token = scanner.get_token()
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.context_mark or exc.problem_mark
        if mark is None:
            return None
        failed = mark.index
    except yaml.YAMLError:
        return None
    finally:
        scanner.dispose()
    before = [index for index in indices if start <= index < failed]
    if before:
        if not retries:
            return before[0]
        found = _first_token_at(text[:failed], before, pure, retries - 1)
        if found is not None:
            return found
    return failed if failed in wanted else None


def _disagreement(text: str, display: str, pure: bool) -> LoadError | None:
    """A '|#' block header or a tag that the two parsers would read differently, positioned at
    its '#' or '!'."""
    headers = _candidates(_BLOCK_HEADER_COMMENT, text, _after_space)
    tags = _candidates(_NON_CORE_TAG, text, _not_after_word)
    if not headers and not tags:
        return None
    found = _first_token_at(text, sorted(headers + tags), pure)
    if found is None:
        return None
    if text[found] == "!":
        line, column = _position(text, found)
        if _CORE_TAG.match(text, found):
            message = "a tag must be followed by a space or a line break"
        else:
            message = "tags other than the core ones (!!str, !!int, …) are not allowed in a profile"
        return LoadError(display, message, line, column, code="tag")
    line, column = _position(text, text.index("#", found))
    return LoadError(display, "YAML syntax: a comment after a block scalar indicator needs a space before '#'",
                     line, column, code="syntax")


_BRACKET = re.compile(r"[\[\]{}]")


def _flow_too_deep(text: str) -> int | None:
    """Index of the first '[' or '{' opening a level past the cap, counted over the raw text.

    libyaml's scanner reads far ahead into flow collections before yielding an event (and
    fails at its own limit of 1,000), so the cap is also applied here, before parsing, to give
    the same verdict with either parser. Brackets inside scalars count too: a profile would
    need 64 of them unclosed to be refused.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for match in _BRACKET.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif depth:
            depth -= 1
    return None


def parse(text: str, display: str, pure: bool = False) -> Document | LoadError:
    """Compose YAML text into a Document, or a positioned LoadError.

    Tabs, flow nesting past the cap, '|#' block headers and odd tags are refused before
    parsing: libyaml and PyYAML's pure parser disagree on them, and a verdict must not depend
    on whether libyaml is installed. (Nesting is checked first: the scanner that confirms
    headers and tags must not meet 100,000 open brackets, on which libyaml 0.2.5 crashes.)
    """
    import yaml

    tab = text.find("\t")
    if tab >= 0:
        line, column = _position(text, tab)
        return LoadError(display, "tab character; profiles are indented and separated with spaces only", line, column,
                         code="tab")
    deep = _flow_too_deep(text)
    if deep is not None:
        line, column = _position(text, deep)
        return LoadError(display, f"nesting deeper than {MAX_DEPTH} levels", line, column, code="too-deep")
    refused = _disagreement(text, display, pure)
    if refused:
        return refused
    composer = _Composer(text, pure)
    try:
        data = composer.compose()
    except _Refused as exc:
        line = column = None
        if exc.mark is not None:
            line, column = exc.mark.line + 1, exc.mark.column + 1
        return LoadError(display, exc.message, line, column, code=exc.code)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            message = f"{exc.problem} ({exc.context})"
        line = column = None
        if mark is not None:
            line, column = mark.line + 1, mark.column + 1
        return LoadError(display, f"YAML syntax: {message}", line, column, code="syntax")
    except yaml.YAMLError as exc:
        return LoadError(display, f"YAML: {exc}", code="syntax")
    except RecursionError:
        return LoadError(display, f"nesting deeper than {MAX_DEPTH} levels", code="too-deep")
    if not isinstance(data, dict):
        kind = "nothing" if data is None else type(data).__name__
        return LoadError(display, f"top level must be a mapping, found {kind}", 1, 1, code="structure")
    return Document(display, data, text, composer.marks, composer.key_marks)


def load(path: Path | str, display: str | None = None) -> Document | LoadError:
    """Read and compose one YAML file."""
    path = Path(path)
    display = display if display is not None else str(path)
    text = read_text(path, display)
    if isinstance(text, LoadError):
        return text
    return parse(text, display)
