"""Names at the edges: file names that are not text, invisible characters in profile text."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import DATA

ONE_PROBLEM = re.compile(r"^[^\n]+?(:\d+:\d+)?: (error|warning): [^\n]+ \[[a-z-]+\]$")


def run(*args, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    """The real program in a child process; stdout as bytes, stderr as text."""
    full_env = {**os.environ, **(env or {})}
    full_env = {k: v for k, v in full_env.items() if v is not None}
    done = subprocess.run([sys.executable, "-m", "cybergap", *map(str, args)], capture_output=True, env=full_env,
                          timeout=120, **kwargs)
    done.stderr = done.stderr.decode("utf-8", "replace")
    return done


def assert_no_crash(stderr: str) -> None:
    assert "Traceback" not in stderr and "internal error" not in stderr and "Exception ignored" not in stderr, stderr


# --- file names that are not text ---------------------------------------------------------------

HOSTILE_NAMES = [b"\xff\xfe.yaml", b"ctl\x01\x1b[31mred.yaml", b"new\nline.yaml"]
SHOWN = ["\\xff\\xfe.yaml", "ctl\\x01\\x1b[31mred.yaml", "new\\nline.yaml"]


@pytest.fixture
def hostile_folder(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    for name in HOSTILE_NAMES:
        with open(os.path.join(os.fsencode(folder), name), "wb") as file:
            file.write(b"a: [\n")
    shutil.copytree(DATA / "sources", folder / "sources")
    shutil.copy(DATA / "minimal.yaml", folder / "zz-valid.yaml")
    return folder


def check_hostile(folder: Path, format: str) -> subprocess.CompletedProcess:
    # PYTHONIOENCODING=utf-8: strict, as in a UTF-8 locale (the C.UTF-8 locale would let escaped bytes through).
    done = run("check", "-f", format, folder, env={"PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 1, done.stderr
    assert_no_crash(done.stderr)
    assert "4 file(s) checked: 3 error(s)" in done.stderr
    return done


@pytest.mark.parametrize("format", ["text", "github"])
def test_hostile_names_one_line_per_problem(hostile_folder, format):
    out = check_hostile(hostile_folder, format).stdout.decode("utf-8")
    lines = out.splitlines()
    assert len(lines) == 4, lines  # a syntax error in each hostile name, a warning in zz-valid.yaml
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", out)
    for shown in SHOWN:
        assert sum(shown in line for line in lines) == 1, (shown, lines)
    if format == "text":
        assert all(ONE_PROBLEM.match(line) for line in lines), lines


def test_hostile_names_in_json(hostile_folder):
    data = json.loads(check_hostile(hostile_folder, "json").stdout.decode("utf-8"))
    paths = {Path(f["path"]).name for f in data["files"]}
    # JSON keeps what Unicode can hold exactly (as JSON escapes); undecodable bytes are shown as \xff
    assert paths == {"\\xff\\xfe.yaml", "ctl\x01\x1b[31mred.yaml", "new\nline.yaml", "zz-valid.yaml"}


def test_hostile_names_in_sarif(hostile_folder):
    log = json.loads(check_hostile(hostile_folder, "sarif").stdout.decode("utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[1]
            for r in log["runs"][0]["results"]}
    assert uris == {"%FF%FE.yaml", "ctl%01%1B%5B31mred.yaml", "new%0Aline.yaml", "zz-valid.yaml"}


def test_hostile_names_in_junit(hostile_folder):
    root = ET.fromstring(check_hostile(hostile_folder, "junit").stdout)  # well-formed XML
    names = {Path(s.get("name")).name for s in root.iter("testsuite")}
    assert names == {*SHOWN, "zz-valid.yaml"}


def test_problem_line_escapes_its_text():
    from cybergap.problems import Problem

    line = str(Problem("d/\udcff\x1b[2J.yaml", "bad\nvalue \u202eevil", line=1, column=2, code="syntax"))
    assert line == "d/\\xff\\x1b[2J.yaml:1:2: error: bad\\nvalue <U+202E>evil [syntax]"


# --- invisible characters in profile text ------------------------------------------------------------

INVISIBLE = "\u202e\u200b\u2066\u2060"  # (the loader refuses U+FEFF in YAML)


@pytest.fixture
def invisible_profile(minimal):
    minimal.write_text(minimal.read_text().replace("name: Testland", f"name: Test{INVISIBLE}land"), encoding="utf-8")
    return minimal


def test_invisible_characters_shown_in_table_and_markdown(cli, invisible_profile):
    for format, shown in (("table", "Test<U+202E><U+200B><U+2066><U+2060>land"),
                          ("markdown", "Test&lt;U+202E&gt;&lt;U+200B&gt;&lt;U+2066&gt;&lt;U+2060&gt;land")):
        result = cli("assess", invisible_profile, "-f", format, "--width", "200")
        assert result.exit_code == 0, result.output
        assert shown in result.stdout and not any(c in result.stdout for c in INVISIBLE)


def test_invisible_characters_kept_exact_in_json_as_escapes(cli, invisible_profile):
    result = cli("assess", invisible_profile, "-f", "json")
    assert result.exit_code == 0, result.output
    assert not any(c in result.stdout for c in INVISIBLE)
    assert "Test\\u202e\\u200b\\u2066\\u2060land" in result.stdout
    assert json.loads(result.stdout)["profile"]["country"] == f"Test{INVISIBLE}land"


def test_clean_and_cell_show_invisible_characters():
    from cybergap.render.markdown import cell
    from cybergap.render.text import clean

    assert clean("a\u202eb\u200fc\ufeff") == "a<U+202E>b<U+200F>c<U+FEFF>"
    assert cell("x\u2069y") == "x&lt;U+2069&gt;y"
    assert clean("plain — ✔ ⁂") == "plain — ✔ ⁂"


