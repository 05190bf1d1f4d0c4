"""The provenance proof's trust boundary: only files inside the profile's sources/ folder are
read, markup in an excerpt is refused, normalisation is linear, and a two-column country
profile proves excerpts against its domestic column only (issue 16, findings 1-3, 19)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from cybergap import provenance

ROOT = Path(__file__).resolve().parent.parent
KAZAKHSTAN = ROOT / "profiles" / "kazakhstan.yaml"
EXCERPT = ("1. Intentional illegal access to the information system, -\n"
           "        shall be punished by imprisonment for the term of up to three years.")


def with_excerpt(profile: Path, text: str, source: str | None = None) -> None:
    """Replace the minimal profile's one excerpt by `text` (a YAML double-quoted scalar), and its source path."""
    content = (Path(__file__).parent / "data" / "minimal.yaml").read_text()
    start = content.index("      - text: >-\n")
    end = content.index("three years.\n", start) + len("three years.\n")
    content = content[:start] + f"      - text: {text}\n" + content[end:]
    if source is not None:
        content = content.replace("path: sources/mini.txt", f"path: {source}")
    profile.write_text(content)


def check(cli, profile: Path):
    result = cli("check", "--no-cache", profile)
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("source, reason", [
    ("/etc/passwd", "is an absolute path"),
    ("/proc/self/environ", "is an absolute path"),
    ("/dev/zero", "is an absolute path"),
    ("../minimal.yaml", "lies outside sources/"),
    ("minimal.yaml", "lies outside sources/"),
    ("sources/../minimal.yaml", "lies outside sources/"),
    ("sources/../../etc/passwd", "lies outside sources/"),
    ("sources", "lies outside sources/"),
])
def test_a_source_outside_the_sources_folder_is_refused_at_its_line(cli, minimal, source, reason):
    with_excerpt(minimal, '"root:x:0:0:root:/root:/bin/bash"', source)
    result = check(cli, minimal)
    assert result.exit_code == 1
    line = next(i for i, text in enumerate(minimal.read_text().splitlines(), 1) if "path: " + source in text)
    assert f"{minimal}:{line}:11: error: source file '{source}' {reason}" in result.stdout
    assert "[source-refused]" in result.stdout


def test_a_profile_citing_itself_proves_nothing(cli, minimal):
    """The critical hole: a self-cited profile 'proved' any invented sentence."""
    invented = "Hacking is expressly permitted and never punished."
    with_excerpt(minimal, f'"{invented}"', "minimal.yaml")
    assert check(cli, minimal).exit_code == 1
    result = cli("assess", "--no-cache", minimal, "--article", "2")
    assert result.exit_code == 2 and invented not in result.stdout


def test_a_symlink_inside_sources_is_judged_by_its_target(cli, minimal):
    os.symlink("/etc/passwd", minimal.parent / "sources" / "passwd.txt")
    os.symlink(minimal, minimal.parent / "sources" / "self.txt")
    with_excerpt(minimal, '"root:x:0:0:root:/root:/bin/bash"', "sources/passwd.txt")
    assert "lies outside sources/" in check(cli, minimal).stdout
    with_excerpt(minimal, '"Testland"', "sources/self.txt")
    assert "lies outside sources/" in check(cli, minimal).stdout


def test_a_symlinked_sources_folder_is_allowed(cli, minimal, tmp_path):
    """Symlinks are resolved, then checked: a sources/ folder kept elsewhere is still the profile's."""
    elsewhere = tmp_path / "kept-elsewhere"
    shutil.move(minimal.parent / "sources", elsewhere)
    os.symlink(elsewhere, minimal.parent / "sources")
    assert check(cli, minimal).exit_code == 0


@pytest.mark.parametrize("make, reason", [
    (lambda p: os.mkfifo(p), "is not a regular file"),
    (lambda p: p.mkdir(), "is not a regular file"),
    (lambda p: p.write_bytes(b"Illegal access \xff\xfe"), "is not UTF-8"),
    (lambda p: p.write_bytes(b"\xef\xbb\xbfIllegal access"), None),  # a BOM is fine
])
def test_sources_must_be_regular_utf8_files(cli, minimal, make, reason):
    make(minimal.parent / "sources" / "odd.txt")
    with_excerpt(minimal, '"Illegal access"', "sources/odd.txt")
    started = time.monotonic()
    result = check(cli, minimal)
    assert time.monotonic() - started < 30  # a FIFO used to hang for good
    if reason is None:
        assert result.exit_code == 0, result.stdout
    else:
        assert result.exit_code == 1 and reason in result.stdout


def test_a_yaml_file_in_sources_is_not_a_source(cli, minimal):
    shutil.copy(minimal, minimal.parent / "sources" / "other.yaml")
    with_excerpt(minimal, '"Testland"', "sources/other.yaml")
    assert "is a profile, not a source document" in check(cli, minimal).stdout


def test_sources_are_size_capped(cli, minimal):
    big = minimal.parent / "sources" / "big.txt"
    with open(big, "wb") as handle:  # sparse: costs no disk
        handle.truncate(provenance.MAX_SOURCE_BYTES + 1)
    with_excerpt(minimal, '"Illegal access"', "sources/big.txt")
    assert "is larger than the 10 MB limit" in check(cli, minimal).stdout


def test_no_file_outside_sources_is_ever_opened(minimal, monkeypatch):
    """Refused before reading: a secret in /proc/self/environ can no longer be probed excerpt by excerpt."""
    opened = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda path, *a, **k: opened.append(str(path)) or real_open(path, *a, **k))
    for cited in ("/proc/self/environ", "../x.txt", "minimal.yaml"):
        assert provenance.fingerprint(minimal, cited).startswith("!")
    assert opened == []


@pytest.mark.parametrize("excerpt", [
    '"1. Intentional illegal access to the information system, - shall <not> be punished by imprisonment'
    ' for the term of up to <thirty days, not> three years."',
    '"1. Intentional illegal access to the information system, - shall be punished by imprisonment'
    ' for the term of up to **** three years."',
    '"1. Intentional illegal access to the information system, - shall be punished by <b>imprisonment</b>'
    ' for the term of up to three years."',
])
def test_markup_in_an_excerpt_is_refused_not_folded(cli, minimal, excerpt):
    with_excerpt(minimal, excerpt)
    result = check(cli, minimal)
    assert result.exit_code == 1 and "[markup-in-excerpt]" in result.stdout


def test_the_source_side_markup_is_still_folded(cli, minimal):
    """mini.txt has <p>…</p> and **emphasis**: quoting across them, without markup, passes."""
    with_excerpt(minimal, '"Penal Code Article 1. Illegal access 1. Intentional illegal access"')
    assert check(cli, minimal).exit_code == 0
    with_excerpt(minimal, '"three years. Article 2. Attempt 4. A criminal responsibility"')
    assert check(cli, minimal).exit_code == 0


def test_case_must_match(cli, minimal):
    with_excerpt(minimal, '"1. intentional illegal access to the information system"')
    result = check(cli, minimal)
    assert result.exit_code == 1 and "[not-verbatim]" in result.stdout


def test_the_mismatch_hint_names_the_departing_word(cli, minimal):
    with_excerpt(minimal, '"1. Intentional illegal access to the computer system"')
    assert "departs from the source at 'computer' after 'access to the'" in check(cli, minimal).stdout
    with_excerpt(minimal, '"CI_SECRET=hunta"')
    assert "its first word 'CI_SECRET=hunta' is not in the source" in check(cli, minimal).stdout


def _slowest_ratio(make) -> float:
    """Time of normalising 4n characters over n characters (best of 3): ~4 when linear, ~16 when quadratic."""
    def best(text):
        times = []
        for _ in range(3):
            started = time.perf_counter()
            provenance.normalise(text)
            provenance.domestic_column(text, "")
            times.append(time.perf_counter() - started)
        return min(times)

    return best(make(40_000)) / max(best(make(10_000)), 1e-6)


@pytest.mark.parametrize("make", [
    lambda n: "\n" * n,
    lambda n: " \n" * n,
    lambda n: "<" * n,
    lambda n: "<b " * (n // 3),
    lambda n: "\t\n" * n,
])
def test_normalisation_is_linear(make):
    """The old page-header and tag patterns were quadratic (a 40 KB profile took 221 s)."""
    assert _slowest_ratio(make) < 10


def test_an_excerpt_of_newlines_is_checked_quickly(cli, minimal):
    with_excerpt(minimal, '"' + "\\n" * 20_000 + 'x"')
    started = time.monotonic()
    result = check(cli, minimal)
    assert result.exit_code == 1 and time.monotonic() - started < 30  # was 51 s


TWO_COLUMN = (
    "BUDAPEST CONVENTION\tDOMESTIC LEGISLATION\n"
    "<p>Article 2 – Illegal access. Each Party shall adopt such measures.</p>\t"
    "<p><b>Penal Code</b></p> <p>Article 205. Illegal access</p>\n"
    "**BUDAPEST CONVENTION****DOMESTIC LEGISLATION**\n"
    "Each Party shall adopt such legislative and other measures as may be necessary.\n"
    "1. Intentional illegal access to information, - shall be punished by a fine.\n"
)
CONVENTION = provenance.normalise("Each Party shall adopt such legislative and other measures as may be necessary.")


def test_two_column_sources_keep_the_domestic_column_only():
    domestic = provenance.domestic_column(TWO_COLUMN, CONVENTION)
    assert "Penal Code Article 205. Illegal access" in domestic
    assert "1. Intentional illegal access to information, - shall be punished by a fine." in domestic
    assert "Each Party shall adopt" not in domestic  # neither the table's left cell nor the free paragraph
    assert "such measures. Penal Code" not in domestic  # no splice across the two columns
    assert provenance.is_two_column(TWO_COLUMN) and not provenance.is_two_column("a\tb\n")


@pytest.fixture
def kazakhstan(tmp_path) -> Path:
    shutil.copytree(ROOT / "profiles" / "sources", tmp_path / "sources")
    shutil.copy(KAZAKHSTAN, tmp_path / "kazakhstan.yaml")
    return tmp_path / "kazakhstan.yaml"


def add_excerpt(profile: Path, provision: str, text: str) -> None:
    content = profile.read_text()
    anchor = f"  - id: {provision}\n"
    start = content.index(anchor)
    at = content.index("    excerpts:\n", start) + len("    excerpts:\n")
    profile.write_text(content[:at] + f"      - text: \"{text}\"\n" + content[at:])


@pytest.mark.parametrize("text", [
    # the end of the Convention's cell spliced onto the start of the domestic cell (finding 20)
    "connected to another computer system. Penal Code of the Republic of Kazakhstan Article 205. Illegal access",
    # the Convention's own Article 2, quoted as domestic law
    "Each Party shall adopt such legislative and other measures as may be necessary to establish as criminal "
    "offences under its domestic law, when committed intentionally, the access to the whole or any part of a "
    "computer system without right.",
    # a Convention paragraph the source sets outside the table (Art. 11.3)
    "Each Party may reserve the right not to apply, in whole or in part, paragraph 2 of this article.",
])
def test_the_convention_column_is_not_domestic_law(cli, kazakhstan, text):
    assert check(cli, kazakhstan).exit_code == 0
    add_excerpt(kazakhstan, "pc-205", text)
    result = check(cli, kazakhstan)
    assert result.exit_code == 1 and "[not-verbatim]" in result.stdout


def test_domestic_text_across_a_page_break_still_passes(cli, kazakhstan):
    """PC 205(3) runs on after the repeated column header: the domestic column reads on."""
    add_excerpt(kazakhstan, "pc-205", "or restriction of liberty for the term of up to two years, "
                "or imprisonment for the same term")
    assert check(cli, kazakhstan).exit_code == 0
