"""Helpers shared by commands: usage errors, consoles, and writing the output (stdout or -o FILE)."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import typer

# Exit status when the reader of stdout went away (`cybergap ... | head -1`). C programs such as cat,
# grep or git die of SIGPIPE there, which the shell reports as 128 + 13 = 141; Python ignores SIGPIPE,
# so we exit quietly with that status ourselves: not 1, which means "findings", and not 0, which would
# claim the whole report was delivered (`set -o pipefail` sees it like any other tool's).
BROKEN_PIPE = 141


def usage_error(message: str) -> int:
    sys.stderr.write(f"cybergap: error: {message}\n")
    return 2


def refuse_overwrite(output: Path | None, force: bool) -> int | None:
    """Exit code 2, having said why, when the report cannot go to --output (checked before the work)."""
    problem = output_problem(output, force) if output is not None else None
    return usage_error(problem) if problem else None


def new_profile_problem(name: str, iso2: str, output: Path | None, force: bool, what: str = "NAME") -> int | None:
    """Exit code 2, having said why, when `import` or `new` cannot make this profile."""
    import re

    if not re.fullmatch(r"[A-Z]{2}", iso2):
        return usage_error(f"--iso2 {iso2!r} is not an ISO 3166-1 alpha-2 code (two capital letters)")
    if not name.strip():
        return usage_error(f"{what} is empty")
    if output is not None and not output.parent.exists() and not output.parent.is_symlink():
        return None  # a new folder for the new profile: made by make_profile_folder
    return refuse_overwrite(output, force)


def make_profile_folder(output: Path | None) -> int | None:
    """Make the folder a new profile goes to (with its parents), once the profile can be made;
    exit code 2, having said why, when it cannot be made."""
    from cybergap.escaping import printable

    if output is None or output.parent.is_dir():
        return None
    try:
        output.parent.mkdir(parents=True)
    except OSError as error:
        return usage_error(f"cannot make the folder {printable(output.parent)}: {error.strerror or error}")
    sys.stderr.write(f"made the folder {printable(output.parent)}\n")
    return None


def write_report(text: str, output: Path | None, force: bool, data: bool = False) -> int:
    """The report to --output (whole or not at all, see write_output) or to stdout (see emit)."""
    if output is None:
        emit(text, data)
        return 0
    return write_output(output, text, force)


def deliver(kind: str, format: str, result, view, output: Path | None, force: bool) -> int:
    """Render the result in the format (cybergap.render.formats) and write it: a string to stdout or
    --output; a terminal format printed, or exported as plain text to --output. 0, or 2 after saying why."""
    from cybergap.render import formats

    spec = formats.FORMATS[kind][format]
    rendered = spec.render(result, view)
    if not spec.terminal:
        return write_report(rendered, output, force, data=spec.data)
    if output is not None:
        return write_report(export_text(rendered, view.width), output, force)
    stdout_console(view.width).print(rendered)
    return 0


def export_text(renderable, width: int | None) -> str:
    """A rich renderable as plain text for a file: no colour, `width` columns (default 100)."""
    import io

    from rich.console import Console

    console = Console(record=True, width=width or 100, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.export_text()


def check_format(kind: str, value: str) -> None:
    from cybergap.render.formats import choices

    check_choice(value, choices(kind))


def check_choice(value: str, choices: tuple[str, ...], option: str = "--format") -> None:
    if value not in choices:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}", param_hint=option)


def stdout_console(width: int | None = None):
    from rich.console import Console

    return Console(width=width, highlight=False, soft_wrap=False)


def cache_folder(cache_dir, no_cache: bool):
    """The verdict cache folder the options ask for: None with --no-cache, else --cache-dir or the default."""
    if no_cache:
        return None
    if cache_dir is not None:
        return cache_dir
    from cybergap.cache import default_dir

    return default_dir()


def rejected(rejection) -> int:
    """Print why a profile was not opened (intake.Rejected) to stderr; its exit code."""
    for problem in rejection.problems:
        sys.stderr.write(f"{problem}\n")
    if rejection.message:
        sys.stderr.write(f"cybergap: error: {rejection.message}\n")
    return rejection.exit_code


# --- stdout -------------------------------------------------------------------------------------

class OutputError(BaseException):
    """Writing to stdout failed (a closed pipe, a full disk). A BaseException, so that click does not
    turn a broken pipe into exit 1 and main() does not call it an internal error."""

    def __init__(self, error: OSError):
        super().__init__(error)
        self.error = error


class _Guarded:
    """A stream whose write errors are raised as OutputError; everything else is the stream's."""

    def __init__(self, stream):
        import io

        self._stream = stream
        # Unbuffered (PYTHONUNBUFFERED, common in CI images): the text layer ignores a short write to
        # the file, so a reader that goes away mid-write goes unnoticed. We write the bytes ourselves.
        self._unbuffered = isinstance(getattr(stream, "buffer", None), io.RawIOBase)

    def write(self, text: str) -> int:
        try:
            if self._unbuffered:
                _write_all(self._stream.buffer, text.encode(self._stream.encoding, self._stream.errors or "strict"))
                return len(text)
            return self._stream.write(text)
        except OSError as exc:
            raise OutputError(exc) from exc

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise OutputError(exc) from exc

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


class _Closed:
    """Stands for a stdout that was closed at start (`>&-`): writing anything fails as a write to fd 1 would."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, text: str) -> int:
        if text:
            raise OSError(errno.EBADF, "stdout is closed")
        return 0

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def _write_all(binary, data: bytes) -> None:
    """Write every byte: an unbuffered file may take part of them (the next write then fails, e.g. EPIPE)."""
    view = memoryview(data)
    while view:
        view = view[binary.write(view) or 0:]


def _is_utf8(stream) -> bool:
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        return False


def guard_streams() -> None:
    """Prepare the standard streams for main(): write errors on stdout become OutputError; a stdout
    that cannot encode every character replaces what it cannot show (reports for programs are written
    as UTF-8 bytes, see emit); a closed stderr swallows diagnostics but keeps the exit codes."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")
    stdout = sys.stdout if sys.stdout is not None else _Closed()
    if not _is_utf8(stdout) and hasattr(stdout, "reconfigure"):
        stdout.reconfigure(errors="replace")
    sys.stdout = _Guarded(stdout)


def emit(text: str, data: bool = False) -> None:
    """Write a report to stdout and flush it, so that a write error shows here, once.

    `data` (JSON, SARIF, JUnit, workflow commands, Markdown) is read by programs and written as UTF-8
    whatever stdout's encoding; text for people goes through stdout's encoding."""
    stream = sys.stdout
    if data and not _is_utf8(stream) and hasattr(stream, "buffer"):
        stream.flush()
        try:
            _write_all(stream.buffer, text.encode("utf-8"))
        except OSError as exc:
            raise OutputError(exc) from exc
    else:
        stream.write(text)
    stream.flush()


def output_failed(error: OSError) -> int:
    """The exit code after stdout failed, having said why (in one line) unless the reader went away.

    What is still buffered is sent to /dev/null, so that Python's own flush at exit neither fails
    again nor prints "Exception ignored"."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
    if error.errno == errno.EPIPE:
        return BROKEN_PIPE
    sys.stderr.write(f"cybergap: error: cannot write to stdout: {error.strerror or error}\n")
    return 2


# --- -o FILE ------------------------------------------------------------------------------------

def output_option(value: str | None) -> Path | None:
    """--output's value as a path; None for stdout (no option, or `-`)."""
    if value is None or value == "-":
        return None
    if value == "":
        raise typer.BadParameter("is empty (use - for stdout)", param_hint="--output")
    return Path(value)


def output_problem(path: Path, force: bool) -> str | None:
    """Why the report cannot be written to `path`, or None."""
    from cybergap.escaping import printable

    shown = printable(path)
    if path.is_symlink():
        return f"{shown} is a symbolic link; name the file itself"
    if path.is_dir():
        return f"{shown} is a folder"
    if path.exists():
        if not path.is_file():
            return f"{shown} is not a regular file"
        if not force:
            return f"{shown} exists; use --force to overwrite it"
    if not path.parent.is_dir():
        if path.parent.exists():
            return f"{printable(path.parent)} is not a folder"
        return f"folder {printable(path.parent)} does not exist"
    return None


def write_output(path: Path, text: str, force: bool) -> int:
    """Write `text` to `path` as UTF-8, whole or not at all: a temporary file in the same folder,
    then renamed (rename replaces a symbolic link rather than follow it). Without `force` an existing
    file is never replaced, even one that appears meanwhile. 0, or 2 after saying why not."""
    import tempfile

    from cybergap.escaping import printable

    problem = output_problem(path, force)
    if problem is not None:
        return usage_error(problem)
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        return usage_error(f"cannot write {printable(path)}: {exc.strerror or exc}")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(text.encode("utf-8"))
            file.flush()
            os.fsync(file.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes it private; a report is an ordinary file
        if force:
            os.replace(temporary, path)
        else:
            _create(temporary, path)
    except OSError as exc:
        _remove(temporary)
        if exc.errno == errno.EEXIST:
            return usage_error(f"{printable(path)} exists; use --force to overwrite it")
        return usage_error(f"cannot write {printable(path)}: {exc.strerror or exc}")
    sys.stderr.write(f"wrote {printable(path)}\n")
    return 0


def _create(temporary: str, path: Path) -> None:
    """Give `temporary` the name `path` only if nothing has that name (EEXIST otherwise)."""
    try:
        os.link(temporary, path)  # atomic, and fails if the name exists (even as a dangling link)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
            raise
        # no hard links on this file system: check, then rename (a small race remains)
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "exists") from exc
        os.replace(temporary, path)
        return
    _remove(temporary)


def _remove(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


PROGRESS_FROM = 20  # files; fewer finish before a progress bar would be worth showing


class progress:
    """A transient progress bar on stderr for many files, when stderr is a terminal; nothing
    otherwise. `with progress(n, "checking") as advance:` and call advance() after each file."""

    def __init__(self, total: int, doing: str):
        self.bar = None
        if total >= PROGRESS_FROM and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)  # never into the report on stdout
            self.task = self.bar.add_task(doing, total=total)

    def __enter__(self):
        if self.bar is None:
            return lambda: None
        self.bar.start()
        return lambda: self.bar.advance(self.task)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False
