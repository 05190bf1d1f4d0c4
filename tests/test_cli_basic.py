"""Version, help, `python -m cybergap`, the catalogue commands."""

from __future__ import annotations

import json
import subprocess
import sys

from cybergap import __version__


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"cybergap {__version__}"


def test_help_lists_commands(cli):
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("assess", "check", "catalog", "rules", "explain"):
        assert command in result.stdout


def test_python_dash_m(tmp_path):
    done = subprocess.run([sys.executable, "-m", "cybergap", "--version"], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0 and __version__ in done.stdout


def test_catalog_lists_all_articles(cli):
    result = cli("catalog", "--format", "json")
    data = json.loads(result.stdout)
    assert [a["number"] for a in data["articles"]] == [str(n) for n in range(1, 36)]


def test_catalog_article_16_shows_its_text(cli):
    result = cli("catalog", "16")
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert "Expedited preservation of stored computer data" in flat
    assert "ninety days" in flat
    assert "16.2" in flat


def test_catalog_unknown_article(cli):
    result = cli("catalog", "99")
    assert result.exit_code == 2 and "no article '99'" in result.stderr


def test_unexpected_error_is_one_line_without_traceback(tmp_path, monkeypatch):
    # A crash inside a command prints one line and the --debug hint.
    script = (
        "import cybergap.cli.catalog_cmd as c\n"
        "def boom(*a): raise RuntimeError('kaboom')\n"
        "c.run = boom\n"
        "import sys; sys.argv = ['cybergap', 'catalog']\n"
        "from cybergap.cli import main; main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "internal error: RuntimeError: kaboom (rerun with --debug" in done.stderr
