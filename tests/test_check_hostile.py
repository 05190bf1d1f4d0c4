"""Hostile and broken input through `cybergap check`: one clear positioned line, never a traceback or a hang."""

from __future__ import annotations

import os
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

POSITIONED = re.compile(r"^[^\n]+?(:\d+:\d+)?: (error|warning): .+ \[[a-z-]+\]$")


def bomb() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


CASES = {
    "alias-bomb": (bomb(), "too-large"),
    "self-alias": (b"a: &a [1, *a]\n", "yaml"),
    "deep-nesting": (b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n", "too-deep"),
    "deep-block": ("".join("  " * i + f"k{i}:\n" for i in range(100)).encode() + b"  " * 100 + b"v\n", "too-deep"),
    "latin-1": (b"country: caf\xe9\n", "encoding"),
    "utf-16": ("a: 1\n".encode("utf-16"), "encoding"),
    "tab": (b"a:\n\tb: 1\n", "tab"),
    "empty": (b"", "structure"),
    "two-documents": (b"a: 1\n---\nb: 2\n", "structure"),
    "non-string-key": (b"1: x\n", "key"),
    "python-tag": (b"a: !!python/object/apply:os.system ['true']\n", "tag"),
    "infinity": (b"a: .inf\n", "yaml"),
    "merge-key": (b"a: &x {b: 1}\nc:\n  <<: *x\n", "key"),
    "duplicate": (b"a: 1\na: 2\n", "duplicate-key"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_gives_one_clear_line(cli, tmp_path, name):
    content, code = CASES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    start = time.perf_counter()
    result = cli("check", path)
    assert time.perf_counter() - start < 2
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and f"[{code}]" in lines[0], lines
    assert POSITIONED.match(lines[0]) and "Traceback" not in result.output


def test_bom_is_accepted(cli, minimal):
    minimal.write_bytes(b"\xef\xbb\xbf" + minimal.read_bytes())
    assert cli("check", minimal).exit_code == 0


def test_yaml_11_words_stay_strings(cli, minimal):
    # Norway's code "NO" is a string, not the boolean false of YAML 1.1.
    minimal.write_text(minimal.read_text().replace("iso2: TL", "iso2: NO"))
    assert cli("check", minimal).exit_code == 0
    minimal.write_text(minimal.read_text().replace('version: "1"', "version: 1e3"))
    result = cli("check", minimal)
    assert result.exit_code == 1 and "profile.version: 1000.0 is not of type 'string'" in result.stdout


def test_unreadable_paths_are_exit_2(cli, tmp_path):
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    result = cli("check", loop)
    assert result.exit_code == 2 and "[unreadable]" in result.stdout
    assert cli("check", tmp_path / "missing.yaml").exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli("check", empty).exit_code == 2  # a folder with no YAML files


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_permission_denied(cli, minimal):
    minimal.chmod(0)
    result = cli("check", minimal)
    assert result.exit_code == 2 and "permission denied" in result.stdout


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=120) | st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#\n 01.~")), max_size=120).map(str.encode))
def test_random_input_always_ends_cleanly(cli, tmp_path, content):
    path = tmp_path / "random.yaml"
    path.write_bytes(content)
    result = cli("check", path)
    assert result.exit_code in (1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert all(POSITIONED.match(line) for line in result.stdout.splitlines()), result.stdout


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_mutated_profile_is_valid_or_positioned(cli, minimal, data):
    original = minimal.read_bytes()
    index = data.draw(st.integers(0, len(original) - 1))
    replacement = data.draw(st.sampled_from([b"", b":", b" ", b"-", b"\n", b"[", b"'", b"x", b"#"]))
    minimal.write_bytes(original[:index] + replacement + original[index + 1:])
    result = cli("check", minimal)
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code:
        assert result.stdout and all(POSITIONED.match(line) for line in result.stdout.splitlines())
    minimal.write_bytes(original)


NOTE = "note: Article 1 makes intentional illegal access a crime."


@pytest.mark.parametrize("note", ['"Warning ! read this"', "'quoted !x'", '"x, !y"', "Warning !important", '"see >#3"'])
def test_tag_and_header_lookalikes_in_text_pass_check(cli, minimal, note):
    """Text that merely looks like a tag or a '|#' block header is text (PyYAML reads it so)."""
    text = minimal.read_text()
    assert NOTE in text
    minimal.write_text("# comment ! and |#x\n" + text.replace(NOTE, f"note: {note}"))
    result = cli("check", "--no-cache", minimal)
    assert result.exit_code == 0, result.output


def test_real_tag_after_lookalikes_is_refused_at_its_position(cli, minimal):
    text = "# comment ! and |#x\n" + minimal.read_text().replace(NOTE, 'note: "Warning ! read this"')
    minimal.write_text(text.replace("title: Penal Code", "title: !custom Penal Code"))
    line = next(n for n, row in enumerate(minimal.read_text().splitlines(), 1) if "!custom" in row)
    result = cli("check", "--no-cache", minimal)
    assert result.exit_code == 1
    message = "tags other than the core ones (!!str, !!int, …) are not allowed in a profile"
    assert result.stdout.splitlines() == [f"{minimal}:{line}:12: error: {message} [tag]"]
