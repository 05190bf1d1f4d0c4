"""`cybergap migrate`: a version-1 profile rewritten to schema version 2 keeps its comments and
order, loads to exactly what the engine reads a version-1 profile as, and gives the same
assessment: on Kazakhstan, the JSON report is byte-identical and `check` stays clean."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from cybergap import migrate
from cybergap.loader import Document, load, parse

ROOT = Path(__file__).resolve().parent.parent
KAZAKHSTAN = ROOT / "profiles" / "kazakhstan.yaml"
DATA = Path(__file__).resolve().parent / "data"


def copy_kazakhstan(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "profiles" / "sources", folder / "sources")
    target = folder / "kazakhstan.yaml"
    shutil.copy(KAZAKHSTAN, target)
    return target


def rewritten(text: str) -> str:
    document = parse(text, "x.yaml")
    assert isinstance(document, Document), document
    return migrate.rewrite(document)


def comments(text: str) -> list[str]:
    """Every comment, whole-line or after a value, in order (a trailing comment may move to a line
    of its own when its key goes)."""
    return [found.group(1).strip() for line in text.splitlines() if (found := re.search(r"(?:^|\s)(#.*)$", line))]


# --- Kazakhstan, end to end ------------------------------------------------------------------

@pytest.fixture
def kazakhstan_pair(tmp_path, cli):
    """(version-1 copy, version-2 copy): same file name, each in its own folder with its sources."""
    old = copy_kazakhstan(tmp_path / "v1")
    new = copy_kazakhstan(tmp_path / "v2")
    result = cli("migrate", new, "--in-place")
    assert result.exit_code == 0, result.stderr
    return old, new


def test_kazakhstan_migrates_to_version_2_keeping_every_comment(kazakhstan_pair):
    old, new = kazakhstan_pair
    before, after = old.read_text(encoding="utf-8"), new.read_text(encoding="utf-8")
    assert "schema_version: 2\n" in after and "fine_mci_max" not in after and "imprisonment_months_max" not in after
    assert comments(before) == comments(after)
    assert json.dumps(load(new).data, sort_keys=True) == json.dumps(migrate.upgrade(load(old).data), sort_keys=True)
    # Only penalty lines and the gravity classes change: every excerpt, note and mapping line stays.
    changed = set(before.splitlines()) - set(after.splitlines())
    assert all(any(key in line for key in [*migrate.V1_PENALTY_KEYS, "schema_version"]) for line in changed)


def test_kazakhstan_assessment_is_byte_identical_after_migration(kazakhstan_pair, cli):
    old, new = kazakhstan_pair
    reports = []
    for path in (old, new):
        result = cli("assess", "kazakhstan.yaml", "--format", "json", "--no-cache", cwd=path.parent)
        assert result.exit_code == 0, result.stderr
        reports.append(result.stdout)
    assert reports[0] == reports[1]
    assert json.loads(reports[1])["findings"]  # not two empty reports


def test_kazakhstan_checks_clean_after_migration(kazakhstan_pair, cli):
    old, new = kazakhstan_pair
    results = [cli("check", "--no-cache", "--format", "json", path) for path in (old, new)]
    assert [r.exit_code for r in results] == [0, 0], results[1].stdout
    codes = [sorted(p["code"] for f in json.loads(r.stdout)["files"] for p in f["problems"]) for r in results]
    assert codes[0] == codes[1]


def test_migrating_twice_changes_nothing(kazakhstan_pair, cli):
    _, new = kazakhstan_pair
    before = new.read_bytes()
    result = cli("migrate", new, "--in-place")
    assert result.exit_code == 0 and "already at schema version 2" in result.stderr
    assert new.read_bytes() == before


# --- the command's manners -------------------------------------------------------------------

def test_migrate_writes_to_stdout_by_default_and_never_overwrites(tmp_path, cli):
    profile = copy_kazakhstan(tmp_path)
    original = profile.read_bytes()
    result = cli("migrate", profile)
    assert result.exit_code == 0 and result.stdout.startswith("# yaml-language-server")
    assert "schema_version: 2" in result.stdout and profile.read_bytes() == original
    target = tmp_path / "kazakhstan-v2.yaml"
    target.write_text("mine\n")
    refused = cli("migrate", profile, "-o", target)
    assert refused.exit_code == 2 and "--force" in refused.stderr and target.read_text() == "mine\n"
    forced = cli("migrate", profile, "-o", target, "--force")
    assert forced.exit_code == 0 and target.read_text(encoding="utf-8") == result.stdout
    both = cli("migrate", profile, "-o", target, "--in-place")
    assert both.exit_code == 2 and "--in-place" in both.stderr


def test_migrate_output_elsewhere_notes_where_sources_are_found(tmp_path, cli):
    profile = copy_kazakhstan(tmp_path / "a")
    (tmp_path / "b").mkdir()
    result = cli("migrate", profile, "-o", tmp_path / "b" / "kz.yaml")
    assert result.exit_code == 0 and "sources/ folder beside it" in result.stderr


def test_migrate_refuses_an_invalid_profile_without_writing(tmp_path, cli):
    profile = tmp_path / "bad.yaml"
    profile.write_text((DATA / "minimal.yaml").read_text().replace("iso2: TL", "iso2: Testland"))
    result = cli("migrate", profile, "--in-place")
    assert result.exit_code == 2
    assert "country.iso2" in result.stderr and "not a valid version-1 profile" in result.stderr
    assert "iso2: Testland" in profile.read_text() and "schema_version: 1" in profile.read_text()


def test_migrate_unknown_profile_is_a_usage_error(cli):
    result = cli("migrate", "no-such-country")
    assert result.exit_code == 2 and "no profile 'no-such-country'" in result.stderr


def test_in_place_keeps_the_file_mode_and_a_byte_order_mark(tmp_path, cli):
    profile = tmp_path / "m.yaml"
    shutil.copytree(DATA / "sources", tmp_path / "sources")
    profile.write_bytes(b"\xef\xbb\xbf" + (DATA / "minimal.yaml").read_bytes())
    profile.chmod(0o640)
    assert cli("migrate", profile, "--in-place").exit_code == 0
    raw = profile.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"schema_version: 2" in raw
    assert profile.stat().st_mode & 0o777 == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# --- the text rewrite on shapes Kazakhstan does not have -------------------------------------

HEAD = """schema_version: 1   # the first schema
country: {name: Testland, iso2: TL}
profile:
  version: "1"
  source: {title: t, publisher: p, date: null, path: sources/mini.txt}
treaty_status: {signature: {date: null}, reservations: [], declarations: []}
instruments: [{id: pc, title: Penal Code, kind: code}]
mappings: []
provisions:
  - id: pc-1
    instrument: pc
    reference: Article 1
    excerpts: [{text: x}]
    facts:
"""


@pytest.mark.parametrize("facts", [
    # comments between and after keys stay; a later key of a group leaves its comment behind
    """      penalties:
        - part: "1"  # the basic offence
          imprisonment_months_min: 36   # sic
          fine_mci_max: 100
          # the maximum, on a later page
          imprisonment_months_max: 84   # seven years
          arrest_days_max: 10
""",
    # flow-style items, with a list value and a quoted string
    """      penalties:
        - {part: "1", circumstances: [a, "b, c"], fine_mci_max: 5, fine_other: "x: y, z?", arrest_days_max: 3}
        - {part: "2", imprisonment_months_max: 12, imprisonment_months_min: 6}
""",
    # a folded block scalar, and a flow sequence of block-less items
    """      penalties:
        - part: "1"
          fine_other: >-
            tenfold the amount
            stolen

          community_service_hours_max: 240
          additional: [confiscation]
      gravity_classes: [{class: little, imprisonment: true, max_imprisonment_months: 24}, {class: criminal_offence, imprisonment: false}]
""",
    # gravity classes in block style with comments, the class key not first
    """      gravity_classes:
        - imprisonment: true   # little
          class: little
          max_imprisonment_months: 24
        - class: especially_grave  # the last
          imprisonment: true
          max_imprisonment_months: null
      inchoate_liability: {attempt_from: little}
""",
])
def test_rewrite_loads_to_the_upgraded_data_and_keeps_comments(facts):
    text = HEAD + facts
    out = rewritten(text)
    assert json.dumps(load_text(out), sort_keys=True) == json.dumps(migrate.upgrade(load_text(text)), sort_keys=True)
    assert comments(out) == comments(text)
    assert out.startswith("schema_version: 2   # the first schema\n")


def test_rewrite_keeps_windows_line_endings():
    text = (HEAD + """      gravity_classes:
        - class: little
          imprisonment: true
      penalties:
        - part: "1"
          fine_mci_max: 1
          fine_mci_min: 0
""").replace("\n", "\r\n")
    out = rewritten(text)
    assert "\n" not in out.replace("\r\n", "")
    assert "name: a crime of little gravity\r\n" in out and "fine: {max: 1, min: 0, reference_unit: MCI}\r\n" in out


def test_rewrite_of_a_comment_after_a_dropped_key_keeps_it_on_its_own_line():
    out = rewritten(HEAD + """      penalties:
        - part: "1"
          imprisonment_months_max: 84
          imprisonment_months_min: 36   # the minimum
""")
    assert "          imprisonment: {max_months: 84, min_months: 36}\n          # the minimum\n" in out


def load_text(text: str) -> dict:
    document = parse(text, "x.yaml")
    assert isinstance(document, Document), document
    return document.data


def test_rewrite_refuses_rather_than_writes_a_different_profile(monkeypatch):
    """The rewritten text is read back and must equal upgrade(data): a wrong edit is never written."""
    monkeypatch.setattr(migrate, "_flow", lambda mapping: "{max: 999}")
    with pytest.raises(migrate.MigrationError, match="does not load to the upgraded profile"):
        rewritten(HEAD + """      penalties:
        - part: "1"
          fine_mci_max: 1
""")


def test_upgrade_leaves_its_input_alone():
    data = load(DATA / "gaps.yaml").data
    before = json.dumps(data, sort_keys=True)
    upgraded = migrate.upgrade(data)
    assert json.dumps(data, sort_keys=True) == before
    assert upgraded["schema_version"] == 2
    assert upgraded["provisions"][0]["facts"]["penalties"] == [{"part": "1", "arrest": {"max_days": 40}}]


# --- any version-1 penalty, in any order and style ------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

VALUES = {"fine_other": st.sampled_from(["tenfold", "x: y", "a, b", "'quoted'", "true", "12"]),
          "circumstances": st.just(["group", "b, c"]), "correctional_works": st.booleans(),
          "additional": st.just(["confiscation"])}


def _value(key):
    return VALUES.get(key, st.integers(min_value=0, max_value=10**6))


@st.composite
def penalty_items(draw):
    keys = draw(st.lists(st.sampled_from([*migrate.V1_PENALTY_KEYS, *VALUES]), unique=True, max_size=8))
    keys = draw(st.permutations(["part", *keys]))
    values = {key: ("1" if key == "part" else draw(_value(key))) for key in keys}
    flow = draw(st.booleans())
    comment = draw(st.booleans())
    return values, flow, comment


def _yaml(value) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON is YAML, and quotes every string


@settings(max_examples=150, deadline=None)
@given(st.lists(penalty_items(), min_size=1, max_size=3))
def test_rewrite_of_any_penalty_loads_to_the_upgraded_data(items):
    lines = ["      penalties:"]
    for values, flow, comment in items:
        pairs = [f"{key}: {_yaml(value)}" for key, value in values.items()]
        if flow:
            lines.append("        - {" + ", ".join(pairs) + "}" + ("  # flow" if comment else ""))
            continue
        for index, pair in enumerate(pairs):
            lines.append(("        - " if index == 0 else "          ") + pair + ("  # c" if comment else ""))
    text = HEAD + "\n".join(lines) + "\n"
    out = rewritten(text)
    assert json.dumps(load_text(out), sort_keys=True) == json.dumps(migrate.upgrade(load_text(text)), sort_keys=True)
    assert len(comments(out)) == len(comments(text))
