"""`cybergap check` through the real CLI: every problem at its path:line:col."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_valid_profile_passes_with_a_warning_for_unmapped_articles(cli, minimal):
    result = cli("check", minimal)
    assert result.exit_code == 0, result.output
    (warning,) = result.stdout.splitlines()
    assert "warning: Articles 1, 3, 4," in warning and warning.endswith("[article-not-mapped]")
    assert "1 file(s) checked: 0 error(s), 1 warning(s)" in result.stderr


def test_covered_without_provision_is_a_warning(cli, minimal):
    edit(minimal, "provisions: [pc-1]", "provisions: []")
    result = cli("check", minimal)
    assert result.exit_code == 0
    assert "warning: element '2' is marked full but cites no provision of law [covered-without-provision]" in result.stdout


def test_duplicate_key_reported_at_second_key(cli, minimal):
    edit(minimal, "  iso2: TL\n", "  iso2: TL\n  name: Again\n")
    result = cli("check", minimal)
    assert result.exit_code == 1
    line = line_of(minimal, "name: Again")
    assert f"{minimal}:{line}:3: error: duplicate key 'name'" in result.stdout
    assert "[duplicate-key]" in result.stdout


def test_syntax_error_positioned(cli, minimal):
    edit(minimal, "country:\n  name: Testland\n  iso2: TL\n", "country: {name: Testland, iso2: [TL}\n")
    result = cli("check", minimal)
    assert result.exit_code == 1
    assert re.search(rf"{re.escape(str(minimal))}:\d+:\d+: error: YAML syntax: .* \[syntax\]", result.stdout)


def test_schema_violation_at_the_value(cli, minimal):
    edit(minimal, "iso2: TL", "iso2: tl")
    result = cli("check", minimal)
    assert result.exit_code == 1
    line = line_of(minimal, "iso2: tl")
    assert f"{minimal}:{line}:9: error: country.iso2: 'tl' does not match" in result.stdout


def test_unknown_key_at_the_key(cli, minimal):
    edit(minimal, "  iso2: TL\n", "  iso2: TL\n  capital: Nowhere\n")
    result = cli("check", minimal)
    line = line_of(minimal, "capital:")
    assert f"{minimal}:{line}:3: error: country.capital: unknown key 'capital' [schema]" in result.stdout


def test_dangling_provision_reference(cli, minimal):
    edit(minimal, "provisions: [pc-1]", "provisions: [pc-1, pc-99]")
    result = cli("check", minimal)
    assert result.exit_code == 1
    line = line_of(minimal, "pc-99")
    assert f"{minimal}:{line}:" in result.stdout
    assert "cites undefined provision 'pc-99' [undefined-provision]" in result.stdout


def test_unknown_element_and_reservation(cli, minimal):
    edit(minimal, 'element: "2"', 'element: "2.9"')
    edit(minimal, "reservations: []", 'reservations:\n    - element: "2"')
    result = cli("check", minimal)
    assert "element '2.9' is not in the Convention catalogue" in result.stdout
    assert "'2' is not a reservation the Convention allows (Art. 42)" in result.stdout


def test_changed_word_in_excerpt_fails_provenance_at_its_line(cli, minimal):
    edit(minimal, "punished by imprisonment", "punished by a fine")
    result = cli("check", minimal)
    assert result.exit_code == 1
    # At the line and column of the first word that departs from the source, with the source's words there.
    line = line_of(minimal, "punished by a fine")
    column = minimal.read_text().splitlines()[line - 1].index("a fine") + 1
    assert f"{minimal}:{line}:{column}: error: provision 'pc-1': excerpt 1 is not verbatim in sources/mini.txt" in result.stdout
    assert "it departs from the source at 'a' after 'be punished by', where the source reads 'imprisonment for the term" in result.stdout
    assert "[not-verbatim]" in result.stdout


def test_missing_source_file(cli, minimal):
    edit(minimal, "path: sources/mini.txt", "path: sources/gone.txt")
    result = cli("check", minimal)
    assert "source file 'sources/gone.txt' cannot be read: no such file [missing-source]" in result.stdout


def test_alias_bomb_refused_within_a_second(cli, tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n")
    start = time.perf_counter()
    result = cli("check", bomb)
    assert time.perf_counter() - start < 1.0
    assert result.exit_code == 1
    assert "alias bomb" in result.stdout and "Traceback" not in result.output


def test_missing_path_is_exit_2(cli, tmp_path):
    result = cli("check", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "no such file or folder" in result.stdout


def test_folder_checks_every_file_and_one_bad_file_does_not_stop_others(cli, minimal):
    (minimal.parent / "broken.yaml").write_text("a: [\n")
    result = cli("check", minimal.parent)
    assert result.exit_code == 1
    assert "broken.yaml:2:1: error: YAML syntax" in result.stdout
    assert "2 file(s) checked" in result.stderr


def test_json_format(cli, minimal):
    edit(minimal, "iso2: TL", "iso2: tl")
    result = cli("check", "--format", "json", minimal)
    data = json.loads(result.stdout)
    (entry,) = data["files"]
    assert entry["valid"] is False
    assert entry["problems"][0]["code"] == "schema" and entry["problems"][0]["line"] > 1


def test_bad_format_is_usage_error(cli, minimal):
    result = cli("check", "--format", "xml", minimal)
    assert result.exit_code == 2


def test_covering_parts_must_name_cited_provisions_and_recorded_parts(cli, minimal):
    text = minimal.read_text().replace("    provisions: [pc-1]\n", "    provisions: [pc-1]\n    parts: {pc-1: [\"3\"], pc-9: [\"1\"]}\n")
    minimal.write_text(text)
    result = cli("check", minimal)
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "[undefined-part]" in line]
    assert len(lines) == 2
    assert "'pc-1' records no penalty for part '3'" in lines[0] and ":42:" in lines[0]
    assert "names parts of 'pc-9', which it does not cite" in lines[1]
