"""Schema version 1 -> 2: penalties, gravity classes and attempt facts in any legal system's terms.

Version 1 wrote Kazakhstan's units into the keys (`fine_mci_max`, `arrest_days_max`,
`imprisonment_months_max`) and its gravity classes into an enum; version 2 groups each sanction
with its own unit (`fine: {max: 160, reference_unit: MCI}`, `arrest: {max_days: 40}`,
`imprisonment: {max_months: 24}`) and lets a country name and order its own classes.

Two functions, one meaning:

- `upgrade(data)` reads version-1 data as version 2, in memory. The rules engine reads every
  version-1 profile through it (cybergap.rules.context), so the rules know one shape only and a
  version-1 profile and its migration give the same findings by construction.
- `rewrite(document)` rewrites a version-1 file's text to version 2 and keeps everything else as
  written: comments, key order, quoting, folded excerpts. Only the keys that change are touched,
  found by the YAML parser's own positions; the result is parsed again and must load to exactly
  `upgrade(data)`, or nothing is returned.
"""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple

from cybergap.loader import Document

# Version 1's gravity classes: Kazakhstan's Penal Code, Articles 10-11, in their order, with the
# words reports use for them. Version 2 writes them into the profile (name, order).
V1_GRAVITY = {
    "criminal_offence": "a criminal offence (not a crime)",
    "little": "a crime of little gravity",
    "average": "a crime of average gravity",
    "grave": "a grave crime",
    "especially_grave": "an especially grave crime",
}
V1_ORDER = {name: order for order, name in enumerate(V1_GRAVITY, start=1)}
V1_FINE_UNIT = "MCI"  # Kazakhstan's monthly calculation index

# Version-1 penalty key -> (version-2 key, its key inside it). The groups keep this order.
V1_PENALTY_KEYS = {
    "fine_mci_max": ("fine", "max"),
    "fine_mci_min": ("fine", "min"),
    "fine_other": ("fine", "text"),
    "community_service_hours_max": ("community_service", "max_hours"),
    "arrest_days_max": ("arrest", "max_days"),
    "restriction_of_liberty_months_max": ("restriction_of_liberty", "max_months"),
    "restriction_of_liberty_months_min": ("restriction_of_liberty", "min_months"),
    "imprisonment_months_max": ("imprisonment", "max_months"),
    "imprisonment_months_min": ("imprisonment", "min_months"),
}
# The order of keys inside each version-2 group, as `rewrite` writes them.
_GROUP_ORDER = {"fine": ("max", "min", "reference_unit", "text"), "community_service": ("max_hours",),
                "arrest": ("max_days",), "restriction_of_liberty": ("max_months", "min_months"),
                "imprisonment": ("max_months", "min_months")}


class MigrationError(ValueError):
    """The text could not be rewritten so that it loads to the upgraded data."""


# --- data ----------------------------------------------------------------------------------

def upgrade_penalty(penalty: dict) -> dict:
    """One version-1 penalty as version 2; each group takes the place of its first key."""
    out: dict[str, Any] = {}
    for key, value in penalty.items():
        if key not in V1_PENALTY_KEYS:
            out[key] = value
            continue
        group, inner = V1_PENALTY_KEYS[key]
        out.setdefault(group, {})[inner] = value
    fine = out.get("fine")
    if fine is not None and ("max" in fine or "min" in fine):
        fine["reference_unit"] = V1_FINE_UNIT
    for group, order in _GROUP_ORDER.items():
        if group in out:
            out[group] = {k: out[group][k] for k in order if k in out[group]}
    return out


def upgrade_class(item: dict) -> dict:
    """One version-1 gravity class as version 2: its name and its place in the scale added."""
    out: dict[str, Any] = {}
    for key, value in item.items():
        out[key] = value
        if key == "class":
            out["name"] = V1_GRAVITY[value]
            out["order"] = V1_ORDER[value]
    return out


def _upgrade_facts(facts: dict) -> dict:
    out = dict(facts)
    if "penalties" in facts:
        out["penalties"] = [upgrade_penalty(p) for p in facts["penalties"]]
    if "gravity_classes" in facts:
        out["gravity_classes"] = [upgrade_class(c) for c in facts["gravity_classes"]]
    return out


def upgrade(data: dict) -> dict:
    """A schema-valid version-1 profile's data as version 2 (the input is not changed; what does
    not change is shared, not copied). Attempt facts name the same class ids in both versions."""
    provisions = []
    for provision in data.get("provisions", []):
        facts = provision.get("facts")
        if facts and ("penalties" in facts or "gravity_classes" in facts):
            provision = dict(provision, facts=_upgrade_facts(facts))
        provisions.append(provision)
    return dict(data, schema_version=2, provisions=provisions)


# --- text ----------------------------------------------------------------------------------

class _Pair(NamedTuple):
    key: str
    key_start: int  # character offsets into the text
    value_start: int
    value_end: int


class _Mapping(NamedTuple):
    start: int
    end: int
    flow: bool
    pairs: list  # of _Pair, in text order


def _mappings(text: str, wanted) -> tuple[dict[tuple, _Mapping], dict[tuple, tuple[int, int]]]:
    """Every mapping whose path `wanted(path)` accepts, with its pairs' positions; and the
    (start, end) of every scalar value, by path. Read from the parser's events (the loader has
    already refused what is hostile or ambiguous)."""
    import yaml

    from cybergap.loader import _parser_class

    parser = _parser_class()(text)
    found: dict[tuple, _Mapping] = {}
    scalars: dict[tuple, tuple[int, int]] = {}
    stack: list[list] = []  # [kind, path, next index or pending key, mapping record]
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentStartEvent,
                                  yaml.DocumentEndEvent)):
                continue
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                kind, path, _, record = stack.pop()
                if record is not None:
                    found[path] = record._replace(end=event.end_mark.index)
                if stack and stack[-1][0] == "map" and stack[-1][3] is not None:  # a collection value ended
                    pairs = stack[-1][3].pairs
                    pairs[-1] = pairs[-1]._replace(value_end=event.end_mark.index)
                _advance(stack)
                continue
            if stack and stack[-1][0] == "map" and stack[-1][2] is None:  # a key
                stack[-1][2] = (event.value, event.start_mark.index)
                continue
            path = _child_path(stack)
            if isinstance(event, yaml.ScalarEvent):
                scalars[path] = (event.start_mark.index, event.end_mark.index)
            _record_pair(stack, event)
            if isinstance(event, yaml.SequenceStartEvent):
                stack.append(["seq", path, 0, None])
            elif isinstance(event, yaml.MappingStartEvent):
                record = _Mapping(event.start_mark.index, -1, bool(event.flow_style), []) if wanted(path) else None
                stack.append(["map", path, None, record])
            else:
                _advance(stack)
    finally:
        parser.dispose()
    return found, scalars


def _child_path(stack: list) -> tuple:
    if not stack:
        return ()
    kind, path, slot, _ = stack[-1]
    return path + ((slot,) if kind == "seq" else (slot[0],))


def _record_pair(stack: list, event) -> None:
    """Note a value's start in its mapping's record (its end is set when the value ends)."""
    if stack and stack[-1][0] == "map" and stack[-1][3] is not None:
        key, key_start = stack[-1][2]
        stack[-1][3].pairs.append(_Pair(key, key_start, event.start_mark.index, event.end_mark.index))


def _advance(stack: list) -> None:
    """A value ended: the enclosing sequence moves to its next index, a mapping to its next key."""
    if not stack:
        return
    top = stack[-1]
    if top[0] == "seq":
        top[2] += 1
    else:
        top[2] = None


def _value_end(text: str, pair: _Pair) -> int:
    """Where a pair's scalar value ends in the text: a block scalar's end mark lies past its last
    line break (and any blank lines), which are not the value's."""
    return max(pair.value_start, len(text[:pair.value_end].rstrip()))


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ._()'/-]*")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def scalar(value: Any) -> str:
    """A value as YAML that reads back as itself, plain where that is safe (also in flow)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and text.lower() not in _RESERVED and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(mapping: dict) -> str:
    return "{" + ", ".join(f"{key}: {scalar(value)}" for key, value in mapping.items()) + "}"


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """Index just after the line break that ends the line holding `index` (or the text's end)."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _penalty_edits(text: str, mapping: _Mapping, penalty: dict) -> list[tuple[int, int, str]]:
    """(start, end, replacement) edits turning one version-1 penalty into version 2."""
    upgraded = upgrade_penalty(penalty)
    if not any(pair.key in V1_PENALTY_KEYS for pair in mapping.pairs):
        return []
    if mapping.flow:
        entries, done = [], set()
        for pair in mapping.pairs:
            group = V1_PENALTY_KEYS.get(pair.key, (None,))[0]
            if group is None:
                entries.append(text[pair.key_start:pair.value_end])
            elif group not in done:
                done.add(group)
                entries.append(f"{group}: {_flow(upgraded[group])}")
        brace = text.index("{", mapping.start)
        return [(brace, mapping.end, "{" + ", ".join(entries) + "}")]
    edits, done = [], set()
    for pair in mapping.pairs:
        if pair.key not in V1_PENALTY_KEYS:
            continue
        group = V1_PENALTY_KEYS[pair.key][0]
        end = _value_end(text, pair)
        if group not in done:  # the group's first key: the group takes its place
            done.add(group)
            edits.append((pair.key_start, end, f"{group}: {_flow(upgraded[group])}"))
            continue
        # A later key of a group already written: drop it; a comment after it stays on its own line.
        start, rest_end = _line_start(text, pair.key_start), _line_end(text, end)
        rest = text[end:rest_end]
        if text[start:pair.key_start].strip() or rest.strip() and not rest.strip().startswith("#"):
            raise MigrationError(f"{pair.key} shares its line with another key")
        if rest.strip():
            edits.append((pair.key_start, end, ""))
            edits.append((end, end + len(rest) - len(rest.lstrip(" ")), ""))
        else:
            edits.append((start, rest_end, ""))
    return edits


def _class_edits(text: str, mapping: _Mapping, item: dict, newline: str) -> list[tuple[int, int, str]]:
    """Add `name` and `order` to a version-1 gravity class, right after its `class` key."""
    upgraded = upgrade_class(item)
    added = {"name": upgraded["name"], "order": upgraded["order"]}
    if mapping.flow:
        entries = []
        for pair in mapping.pairs:
            entries.append(text[pair.key_start:pair.value_end])
            if pair.key == "class":
                entries += [f"{key}: {scalar(value)}" for key, value in added.items()]
        brace = text.index("{", mapping.start)
        return [(brace, mapping.end, "{" + ", ".join(entries) + "}")]
    index = next(i for i, pair in enumerate(mapping.pairs) if pair.key == "class")
    pair = mapping.pairs[index]
    indent = " " * (pair.key_start - _line_start(text, pair.key_start))
    at = _line_end(text, _value_end(text, pair))
    lead = "" if text[:at].endswith("\n") else newline
    return [(at, at, lead + "".join(f"{indent}{key}: {scalar(value)}{newline}" for key, value in added.items()))]


def _wanted(path: tuple) -> bool:
    """Paths of the mappings the rewrite may touch: penalties and gravity classes."""
    return (len(path) == 5 and path[0] == "provisions" and path[2] == "facts"
            and path[3] in ("penalties", "gravity_classes"))


def rewrite(document: Document) -> str:
    """The version-2 text of a schema-valid version-1 document (see the module's docstring).

    Raises MigrationError when the rewritten text would not load to `upgrade(document.data)`."""
    from cybergap.loader import parse

    text, data = document.text, document.data
    newline = "\r\n" if "\r\n" in text else "\n"
    mappings, scalars = _mappings(text, _wanted)
    if ("schema_version",) not in scalars:
        raise MigrationError("schema_version is not a plain value")
    start, end = scalars[("schema_version",)]
    edits = [(start, end, "2")]
    for path, mapping in mappings.items():
        item = data["provisions"][path[1]]["facts"][path[3]][path[4]]
        if path[3] == "penalties":
            edits += _penalty_edits(text, mapping, item)
        else:
            edits += _class_edits(text, mapping, item, newline)
    edits.sort(key=lambda edit: (edit[0], edit[1]))
    for (_, end_a, _), (start_b, _, _) in zip(edits, edits[1:]):
        if start_b < end_a:
            raise MigrationError("two rewrites overlap (a node repeated through an alias?)")
    out = text
    for start, end, replacement in reversed(edits):
        out = out[:start] + replacement + out[end:]
    reread = parse(out, document.path)
    if not isinstance(reread, Document):
        raise MigrationError(f"the rewritten text does not parse: {reread.message}")
    if _canonical(reread.data) != _canonical(upgrade(data)):
        raise MigrationError("the rewritten text does not load to the upgraded profile")
    return out


def _canonical(data: Any) -> str:
    """Data as JSON with sorted keys: equal only if equal in type too (True is not 1 here)."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False)
