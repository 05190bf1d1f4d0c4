"""Output and names at the edges: -o FILE, broken pipes, full disks, closed streams, stdout encodings
that are not UTF-8, file names that are not text, invisible characters in profile text, --debug."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import DATA, ROOT

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


# --- -o FILE ----------------------------------------------------------------------------------------

def test_output_to_a_folder_is_a_usage_error(cli, tmp_path):
    result = cli("assess", "kazakhstan", "-f", "json", "-o", tmp_path, "--force")
    assert result.exit_code == 2 and "is a folder" in result.stderr, result.output


def test_output_to_a_missing_folder_is_a_usage_error(cli, tmp_path):
    result = cli("assess", "kazakhstan", "-f", "json", "-o", tmp_path / "missing" / "x.json")
    assert result.exit_code == 2 and "missing does not exist" in result.stderr, result.output
    assert not (tmp_path / "missing").exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_output_to_a_device_is_refused_not_replaced(cli):
    result = cli("assess", "kazakhstan", "-f", "json", "-o", "/dev/full", "--force")
    assert result.exit_code == 2 and "/dev/full is not a regular file" in result.stderr, result.output
    assert Path("/dev/full").is_char_device()


@pytest.mark.parametrize("force", [False, True])
def test_output_never_follows_a_symbolic_link(cli, tmp_path, force):
    dangling = tmp_path / "link.json"
    dangling.symlink_to(tmp_path / "elsewhere" / "target.json")
    (tmp_path / "elsewhere").mkdir()
    live = tmp_path / "live.json"
    (tmp_path / "kept.json").write_text("kept")
    live.symlink_to(tmp_path / "kept.json")
    for link in (dangling, live):
        result = cli("assess", "kazakhstan", "-f", "json", "-o", link, *(["--force"] if force else []))
        assert result.exit_code == 2 and "is a symbolic link" in result.stderr, result.output
    assert not (tmp_path / "elsewhere" / "target.json").exists()
    assert (tmp_path / "kept.json").read_text() == "kept" and live.is_symlink()


def test_output_dash_means_stdout(cli, tmp_path):
    result = cli("assess", "kazakhstan", "-f", "json", "-o", "-", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["profile"]
    assert list(tmp_path.iterdir()) == []


def test_output_empty_name_is_a_usage_error(cli, tmp_path):
    result = cli("assess", "kazakhstan", "-o", "", cwd=tmp_path)
    assert result.exit_code == 2 and "--output" in result.stderr


def test_output_written_whole_and_replaced_only_with_force(cli, tmp_path):
    target = tmp_path / "report.json"
    assert cli("assess", "kazakhstan", "-f", "json", "-o", target).exit_code == 0
    first = target.read_text(encoding="utf-8")
    assert json.loads(first)["profile"]
    target.write_text("mine")
    result = cli("assess", "kazakhstan", "-f", "json", "-o", target)
    assert result.exit_code == 2 and "exists; use --force" in result.stderr
    assert target.read_text() == "mine"
    assert cli("assess", "kazakhstan", "-f", "json", "-o", target, "--force").exit_code == 0
    assert target.read_text(encoding="utf-8") == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temporary file left


def test_failed_write_keeps_the_old_file_and_leaves_no_litter(cli, tmp_path, monkeypatch):
    target = tmp_path / "report.md"
    target.write_text("old report")

    def full_disk(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    result = cli("assess", "kazakhstan", "-f", "markdown", "-o", target, "--force")
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().endswith("No space left on device")
    assert target.read_text() == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_a_file_that_appears_during_the_work_is_not_overwritten(tmp_path, monkeypatch, capsys):
    # The existence check before the work is not the last word: the file is created only if absent.
    from cybergap.cli import common

    target = tmp_path / "report.json"
    target.write_text("appeared meanwhile")
    monkeypatch.setattr(common, "output_problem", lambda path, force: None)  # as if checked before it appeared
    assert common.write_output(target, "new", force=False) == 2
    assert target.read_text() == "appeared meanwhile"
    assert "exists" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


# --- stdout and stderr that fail --------------------------------------------------------------------

@pytest.mark.parametrize("unbuffered", [None, "1"])
@pytest.mark.parametrize("args, read_first", [
    (["assess", "kazakhstan", "-f", "json"], True),  # over 64 KB: fills the pipe, then the reader goes
    (["assess", "kazakhstan"], False),  # the reader is gone before the first write
    (["catalog", "16"], False),
    (["explain", "PRE01"], False),
    (["check", "-f", "sarif", "tests/data/gaps.yaml", "tests/data/minimal.yaml"], False),
])
def test_broken_pipe_exits_141_quietly(args, read_first, unbuffered):
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    env = {k: v for k, v in env.items() if v is not None}
    child = subprocess.Popen([sys.executable, "-m", "cybergap", *args],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    try:
        if read_first:
            assert child.stdout.read(1)
        child.stdout.close()
        assert child.wait(timeout=120) == 141
        assert child.stderr.read() == b""
    finally:
        child.kill()
        child.wait()


def test_closed_stdout_is_one_line_and_exit_2(tmp_path, minimal):
    broken = minimal.parent / "broken.yaml"
    broken.write_text("a: [\n")
    for args in (["check", broken], ["assess", "kazakhstan"]):
        done = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "cybergap", *map(str, args)],
                              capture_output=True, text=True, timeout=120, cwd=ROOT)
        assert done.returncode == 2, done.stderr
        assert_no_crash(done.stderr)
        assert "cannot write to stdout: stdout is closed" in done.stderr


def test_closed_stderr_keeps_exit_2(tmp_path):
    done = subprocess.run(["sh", "-c", 'exec "$@" 2>&-', "sh", sys.executable, "-m", "cybergap", "check",
                           tmp_path / "nonexistent"], capture_output=True, timeout=120)
    assert done.returncode == 2


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["check", "-f", "sarif", "profiles"], ["explain", "scoring"], ["--version"],
                                  ["assess", "kazakhstan"], ["--help"],  # click writes the help, without a flush
                                  ["diff", "kazakhstan", "kazakhstan", "-f", "json"]])
def test_full_disk_on_stdout_is_one_line_and_exit_2(args):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # buffered: fails at the last flush
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "cybergap", *args], stdout=full, stderr=subprocess.PIPE,
                              text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == ["cybergap: error: cannot write to stdout: No space left on device"]


# --- stdout encodings that are not UTF-8 -------------------------------------------------------------

NOT_UTF8 = [{"PYTHONIOENCODING": "ascii"}, {"PYTHONUTF8": "0", "LC_ALL": "C", "PYTHONIOENCODING": None}]


@pytest.fixture
def non_ascii_folder(tmp_path, minimal):
    """The minimal profile with a non-ASCII country name, and an invalid profile with a non-ASCII name."""
    minimal.write_text(minimal.read_text().replace("name: Testland", "name: Tëstland — ✔"), encoding="utf-8")
    (tmp_path / "broken-é.yaml").write_text("a: [\n")
    return tmp_path


@pytest.mark.parametrize("env", NOT_UTF8, ids=["ascii", "C-locale"])
@pytest.mark.parametrize("args, code", [
    (["assess", "minimal.yaml"], 0),
    (["assess", "minimal.yaml", "-f", "markdown"], 0),
    (["catalog"], 0),
    (["catalog", "16"], 0),
    (["explain", "PRE01"], 0),
    (["rules"], 0),
    (["check", "."], 1),
])
def test_text_output_degrades_on_a_non_utf8_stdout(non_ascii_folder, env, args, code):
    done = run(*args, env=env, cwd=non_ascii_folder)
    assert done.returncode == code, done.stderr
    assert_no_crash(done.stderr)
    assert done.stdout.strip()


@pytest.mark.parametrize("env", NOT_UTF8, ids=["ascii", "C-locale"])
@pytest.mark.parametrize("args, code", [
    (["assess", "minimal.yaml", "-f", "json"], 0),
    (["check", ".", "-f", "json"], 1),
    (["check", ".", "-f", "sarif"], 1),
    (["explain", "PRE01", "-f", "json"], 0),
    (["catalog", "-f", "json"], 0),
])
def test_json_is_utf8_whatever_stdout_encoding(non_ascii_folder, env, args, code):
    done = run(*args, env=env, cwd=non_ascii_folder)
    assert done.returncode == code, done.stderr
    assert_no_crash(done.stderr)
    data = json.loads(done.stdout.decode("utf-8"))
    if args[0] == "assess":
        assert data["profile"]["country"] == "Tëstland — ✔"
    if args[1:] == [".", "-f", "json"]:  # in the C locale, file names are ASCII: their other bytes are undecodable
        shown = "broken-é.yaml" if env.get("PYTHONIOENCODING") else "broken-\\xc3\\xa9.yaml"
        assert shown in [f["path"] for f in data["files"]]


def test_markdown_is_utf8_whatever_stdout_encoding(non_ascii_folder):
    done = run("assess", "minimal.yaml", "-f", "markdown", env={"PYTHONIOENCODING": "ascii"}, cwd=non_ascii_folder)
    assert done.returncode == 0 and "Tëstland — ✔" in done.stdout.decode("utf-8")


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


# --- small ones -------------------------------------------------------------------------------------

def test_fail_under_nan_is_refused(cli):
    result = cli("assess", "kazakhstan", "--fail-under", "nan")
    assert result.exit_code == 2 and "nan" in result.stderr


def crashing(*args) -> subprocess.CompletedProcess:
    """`cybergap ARGS` with `catalog` crashing inside."""
    script = (
        "import sys\n"
        "import cybergap.cli.catalog_cmd as c\n"
        "def boom(*a): raise RuntimeError('kaboom')\n"
        "c.run = boom\n"
        f"sys.argv = ['cybergap', *{list(args)!r}]\n"
        "from cybergap.cli import main; main()\n"
    )
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)


def test_debug_shows_the_traceback_of_an_internal_error():
    done = crashing("--debug", "catalog")
    assert "Traceback" in done.stderr and "RuntimeError: kaboom" in done.stderr


def test_debug_is_a_root_option_not_any_word():
    # `--debug` after `--` is the catalog's argument, not the root option
    done = crashing("catalog", "--", "--debug")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "internal error: RuntimeError: kaboom" in done.stderr
