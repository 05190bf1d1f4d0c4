"""The command line. Only this package decides exit codes: 0 ok, 1 findings or
invalid profiles, 2 usage errors or unreadable input (and internal errors).

Commands import what they need inside their bodies so that ``--help`` and
``--version`` stay fast. No ``from __future__ import annotations`` here: typer reads the
commands' annotations on every run, and string annotations cost it an eval each (2 ms of 5)."""

import math
import sys
from pathlib import Path
from typing import List, Optional

import typer

from cybergap import __version__
from cybergap.vocabulary import Severity
from cybergap.render.formats import help_text

app = typer.Typer(
    name="cybergap",
    help="Compliance gap analysis of cybercrime law against the Budapest Convention (ETS 185) and the UN Convention against Cybercrime.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from cybergap.cli.common import emit

        emit(f"cybergap {__version__}\n")
        raise typer.Exit(0)


def _a_number(value: Optional[float]) -> Optional[float]:
    if value is not None and math.isnan(value):  # every comparison with nan is false: the gate would never close
        raise typer.BadParameter("nan is not a score", param_hint="--fail-under")
    return value


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback on internal errors."),
    profiles_dir: Optional[List[Path]] = typer.Option(
        None, "--profiles-dir", exists=True, file_okay=False, dir_okay=True, metavar="DIR",
        help="Find profiles by name in DIR first (repeatable); then $CYBERGAP_PROFILES, ./profiles, the bundled ones."),
) -> None:
    """The root options; main() reads --debug itself (see _debug_asked), so that it also covers errors
    raised before this runs."""
    from cybergap.profiles import use_dirs

    use_dirs(profiles_dir or [])  # set on every run: in-process runs (tests) must not inherit a folder


@app.command()
def catalog(
    article: Optional[str] = typer.Argument(None, help="An article number, e.g. 16; all articles when omitted."),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    framework: str = typer.Option("budapest", "--framework", help="budapest or un-cybercrime."),
) -> None:
    """Show a Convention: all articles, or one article's text and elements."""
    from cybergap.cli.catalog_cmd import run

    raise typer.Exit(run(article, format, framework))


@app.command()
def check(
    paths: Optional[List[Path]] = typer.Argument(None, help="Profile files or folders (default: profiles/)."),
    format: Optional[str] = typer.Option(None, "--format", "-f", help=help_text("check") + " Default: github when GITHUB_ACTIONS=true, else text."),
    strict: bool = typer.Option(False, "--strict", help="Warnings fail the check too."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: one per CPU)."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Where verdicts are cached (default: the user's cache folder)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the cache."),
) -> None:
    """Validate profile files: YAML, schema, references and provenance of every excerpt."""
    from cybergap.cli.check_cmd import run

    raise typer.Exit(run(paths or [], format, strict, jobs, cache_dir, no_cache))


@app.command()
def assess(
    profile: str = typer.Argument(..., help="A profile name (e.g. kazakhstan) or path."),
    format: str = typer.Option("table", "--format", "-f", help=help_text("assess") + " html is one self-contained page (use -o)."),
    article: Optional[str] = typer.Option(None, "--article", "-a", help="Show one article in depth."),
    section: Optional[List[str]] = typer.Option(None, "--section", "-s", help="Only these sections (substantive, procedural, jurisdiction, international)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the report to FILE instead of stdout (- for stdout); written whole or not at all."),
    force: bool = typer.Option(False, "--force", help="Overwrite --output if it exists."),
    fail_under: Optional[float] = typer.Option(None, "--fail-under", min=0, max=100, callback=_a_number, help="Exit 1 when the overall score is below SCORE."),
    fail_on: Optional[Severity] = typer.Option(None, "--fail-on", help="Exit 1 on a finding at or above this severity."),
    width: Optional[int] = typer.Option(None, "--width", min=40, help="Table width in columns (default: the terminal's)."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Where `check` verdicts are cached; a profile checked before is not validated again (default: the user's cache folder)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Validate the profile anew; neither read nor write the cache."),
    details: bool = typer.Option(False, "--details", help="In the table, every finding article by article after the summary."),
    framework: str = typer.Option("budapest", "--framework", help="budapest, or un-cybercrime (the UN Convention against Cybercrime, through the crosswalk)."),
) -> None:
    """Assess a profile against the Convention: ratings, scores, priorities, findings and remedies."""
    from cybergap.cli.assess_cmd import AssessOptions, run
    from cybergap.cli.common import cache_folder, output_option

    raise typer.Exit(run(AssessOptions(
        profile, format, article, tuple(section or ()), output_option(output), force, fail_under, fail_on, width,
        cache_folder(cache_dir, no_cache), details, framework)))


@app.command()
def diff(
    old: str = typer.Argument(..., help="The old side: a path, a profile name, or PATH@REV / NAME@REV (a git revision)."),
    new: str = typer.Argument(..., help="The new side, likewise."),
    format: str = typer.Option("table", "--format", "-f", help=help_text("diff") + " html is one self-contained page (use -o)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the report to FILE instead of stdout (- for stdout); written whole or not at all."),
    force: bool = typer.Option(False, "--force", help="Overwrite --output if it exists."),
    fail_on_regression: bool = typer.Option(False, "--fail-on-regression", help="Exit 1 when the overall score drops or an article's computed status or score gets worse."),
    width: Optional[int] = typer.Option(None, "--width", min=40, help="Table width in columns (default: the terminal's)."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Where `check` verdicts are cached; a side checked before is not validated again (default: the user's cache folder)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Validate both sides anew; neither read nor write the cache."),
    framework: str = typer.Option("budapest", "--framework", help="budapest, or un-cybercrime (both sides assessed through the crosswalk)."),
) -> None:
    """Show what changed between two versions of a profile, and whether it got better or worse."""
    from cybergap.cli.common import cache_folder, output_option
    from cybergap.cli.diff_cmd import run

    raise typer.Exit(run(old, new, format, fail_on_regression, width, cache_folder(cache_dir, no_cache),
                         output_option(output), force, framework))


@app.command()
def crosswalk(
    profile: str = typer.Argument(..., help="A profile name (e.g. kazakhstan) or path."),
    framework: str = typer.Option("un-cybercrime", "--framework", help="The framework to set beside Budapest."),
    format: str = typer.Option("table", "--format", "-f", help=help_text("crosswalk")),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the report to FILE instead of stdout (- for stdout)."),
    force: bool = typer.Option(False, "--force", help="Overwrite --output if it exists."),
    width: Optional[int] = typer.Option(None, "--width", min=40, help="Table width in columns (default: the terminal's)."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Where `check` verdicts are cached (default: the user's cache folder)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Validate the profile anew; neither read nor write the cache."),
) -> None:
    """One profile under Budapest and under the UN Convention: gaps that remain, vanish, and what the UN adds."""
    from cybergap.cli.common import cache_folder, output_option
    from cybergap.cli.crosswalk_cmd import run

    raise typer.Exit(run(profile, format, framework, output_option(output), force, width, cache_folder(cache_dir, no_cache)))


@app.command()
def compare(
    profiles: List[str] = typer.Argument(..., help="Profiles to compare: names, paths, or NAME@REV / PATH@REV (a git revision)."),
    format: str = typer.Option("table", "--format", "-f", help=help_text("compare")),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the comparison to FILE instead of stdout (- for stdout)."),
    force: bool = typer.Option(False, "--force", help="Overwrite --output if it exists."),
    width: Optional[int] = typer.Option(None, "--width", min=40, help="Table width in columns (default: the terminal's)."),
    top: int = typer.Option(10, "--top", min=0, help="How many of the articles where they differ most to list."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: one per CPU)."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Where `check` verdicts are cached; a profile checked before is not validated again (default: the user's cache folder)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Validate every profile anew; neither read nor write the cache."),
    framework: str = typer.Option("budapest", "--framework", help="budapest, or un-cybercrime (every profile assessed through the crosswalk)."),
) -> None:
    """Compare profiles side by side: ratings, statuses and scores per article, section and overall."""
    from cybergap.cli.common import cache_folder, output_option
    from cybergap.cli.compare_cmd import run

    raise typer.Exit(run(profiles, format, output_option(output), force, width, top, jobs, cache_folder(cache_dir, no_cache),
                         framework))


@app.command()
def migrate(
    profile: str = typer.Argument(..., help="A version-1 profile: a name or a path."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the version-2 profile to FILE (default: stdout)."),
    force: bool = typer.Option(False, "--force", help="Overwrite --output if it exists."),
    in_place: bool = typer.Option(False, "--in-place", help="Rewrite PROFILE itself."),
) -> None:
    """Rewrite a schema-version-1 profile to version 2, keeping its comments and order."""
    from cybergap.cli.migrate_cmd import run

    raise typer.Exit(run(profile, output, force, in_place))


@app.command("import")
def import_(
    source: Path = typer.Argument(..., help="The C-PROC country profile's text (HTML, Markdown, or tab-separated mixed text)."),
    country: str = typer.Option(..., "--country", help="The country's short English name."),
    iso2: str = typer.Option(..., "--iso2", help="Its ISO 3166-1 alpha-2 code, e.g. KZ."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the draft profile to FILE (default: stdout)."),
    force: bool = typer.Option(False, "--force", help="Overwrite FILE (and a different copy of the source) if it exists."),
) -> None:
    """Import a C-PROC two-column country profile into a DRAFT profile (coverage left to curate)."""
    from cybergap.cli.common import output_option
    from cybergap.cli.import_cmd import run

    raise typer.Exit(run(source, country, iso2, output_option(output), force))


@app.command()
def new(
    name: str = typer.Argument(..., help="The country's short English name."),
    iso2: str = typer.Option(..., "--iso2", help="Its ISO 3166-1 alpha-2 code, e.g. KZ."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the skeleton to FILE (default: stdout)."),
    force: bool = typer.Option(False, "--force", help="Overwrite FILE if it exists."),
) -> None:
    """Write a skeleton profile: every mandatory Convention element as a draft mapping to fill in."""
    from cybergap.cli.common import output_option
    from cybergap.cli.new_cmd import run

    raise typer.Exit(run(name, iso2, output_option(output), force))


@app.command()
def rules(format: str = typer.Option("table", "--format", "-f", help="table or json.")) -> None:
    """List every rule of the engine."""
    from cybergap.cli.rules_cmd import run_rules

    raise typer.Exit(run_rules(format))


@app.command()
def explain(
    code: str = typer.Argument(..., help="A rule code (e.g. PRE01), 'scoring' or 'rating'."),
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
) -> None:
    """Explain one rule, how scores are computed, or how articles are rated."""
    from cybergap.cli.rules_cmd import run_explain

    raise typer.Exit(run_explain(code, format))


def main() -> None:
    """The `cybergap` program. A stop signal, a failed stdout and an internal error each end in one
    line on stderr (none for a reader that went away) and a documented exit code."""
    from cybergap.workers import Interrupted, handle_signals

    try:
        handle_signals()
        sys.exit(_run())
    except (Interrupted, KeyboardInterrupt) as stop:
        _stop(getattr(stop, "exit_code", 130))


def _run() -> int:
    from cybergap.cli.common import OutputError, guard_streams, output_failed

    guard_streams()
    code = 0
    try:
        try:
            if sys.argv[1:] == ["--version"]:  # needs no command line built (typer takes ~4 ms for that)
                from cybergap.cli.common import emit

                emit(f"cybergap {__version__}\n")
            else:
                app()
        except SystemExit as done:
            code = done.code
        except Exception as exc:  # one line, never a traceback, unless asked
            if _debug_asked(sys.argv[1:]):
                raise
            sys.stderr.write(f"cybergap: internal error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)\n")
            code = 2
        sys.stdout.flush()  # what is still buffered fails here, not in the interpreter's exit
    except OutputError as failure:
        return output_failed(failure.error)
    return code


def _debug_asked(args: list[str]) -> bool:
    """Whether --debug is among the root options, which come before the command's name."""
    values = iter(args)
    for arg in values:
        if arg == "--debug":
            return True
        if arg == "--profiles-dir":
            next(values, None)  # the root option's value, not the command's name
            continue
        if arg == "--" or not arg.startswith("-"):
            return False
    return False


def _stop(code: int) -> None:
    """After a stop signal: say so once, and leave at once. The workers are gone already
    (cybergap.workers.run_pool); the interpreter's exit handlers would join the process pool's
    threads, which is where a second Ctrl-C used to hang."""
    import os

    try:
        sys.stderr.write("cybergap: interrupted\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # after SIGHUP the terminal may be gone
        pass
    os._exit(code)
