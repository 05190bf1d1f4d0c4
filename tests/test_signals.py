"""Stopping `cybergap check -j 2` with signals: the right exit code, one line, no traceback, and no
worker process left behind. Real processes over a few hundred profiles; every wait is bounded."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Slow (run under CI=true, or with -m slow): real processes over 300 profiles, about 6 s of work.
pytestmark = [pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds worker processes in /proc"),
              pytest.mark.slow]

COPIES = 300  # a few seconds of work for two workers, so the signals land while they run
WAIT = 60  # seconds; generous, for a loaded machine


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    shutil.copytree(ROOT / "profiles" / "sources", folder / "sources")
    text = (ROOT / "profiles" / "kazakhstan.yaml").read_bytes()
    for i in range(COPIES):
        (folder / f"k{i:03}.yaml").write_bytes(text)
    return folder


def _fields(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after "pid (name)", or None when the process is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, start time) of a process, or None when it is gone."""
    fields = _fields(pid)
    return None if fields is None else (fields[0], int(fields[1]), int(fields[19]))


def _cpu_seconds(pid: int) -> float:
    fields = _fields(pid) or ["0"] * 13
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(parent: int) -> dict[int, int]:
    """pid -> start time of the live children of `parent`."""
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _stat(int(entry))
            if stat and stat[1] == parent and stat[0] != "Z":
                found[int(entry)] = stat[2]
    return found


def _alive(pid: int, start: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] != "Z" and stat[2] == start  # same start time: not a reused pid


class Check:
    """`cybergap check --no-cache -j JOBS FOLDER` in a session of its own, so signals reach only it."""

    def __init__(self, folder: Path, jobs: int = 2):
        # stderr to a file, not a pipe: an orphaned worker would hold a pipe open, and reading it would hang
        self.stderr = (folder.parent / f"stderr-{time.monotonic_ns()}").open("w+b")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cybergap", "check", "--no-cache", "-j", str(jobs), str(folder)],
            stdout=subprocess.DEVNULL, stderr=self.stderr, start_new_session=True)
        self.workers: dict[int, int] = {}

    def wait_for_workers(self, count: int = 2) -> None:
        deadline = time.monotonic() + WAIT
        while len(self.workers) < count:
            assert self.process.poll() is None, "finished before its workers were seen"
            assert time.monotonic() < deadline, "no workers"
            self.workers = _children(self.process.pid)
            time.sleep(0.05)
        time.sleep(0.3)  # let them get to work

    def finish(self) -> tuple[int, str]:
        try:
            code = self.process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.clean_up()
            pytest.fail(f"hung after the signal; stderr: {self.read_stderr()}")
        return code, self.read_stderr()

    def read_stderr(self) -> str:
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace")

    def workers_left(self) -> list[int]:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            left = [pid for pid, start in self.workers.items() if _alive(pid, start)]
            if not left:
                return []
            time.sleep(0.1)
        return left

    def clean_up(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # orphans keep the process group
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait()


@pytest.fixture
def check(many):
    started = []

    def start(jobs: int = 2) -> Check:
        started.append(Check(many, jobs))
        return started[-1]

    yield start
    for run in started:
        run.clean_up()
        run.stderr.close()


def assert_stopped(run: Check, expected: int) -> None:
    code, stderr = run.finish()
    assert code == expected, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert stderr.count("cybergap: interrupted") == 1, stderr
    assert run.workers_left() == []


@pytest.mark.parametrize("gaps", [[], [0.02], [0.2], [0.05, 0.05], [0, 0, 0]], ids=["once", "twice-fast", "twice", "thrice", "burst"])
def test_ctrl_c_stops_cleanly_however_often_pressed(check, gaps):
    run = check()
    run.wait_for_workers()
    os.killpg(run.process.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole process group
    for gap in gaps:
        time.sleep(gap)
        os.killpg(run.process.pid, signal.SIGINT)
    assert_stopped(run, 130)


@pytest.mark.parametrize("name, code", [("SIGTERM", 143), ("SIGHUP", 129)])
def test_terminate_or_hang_up_the_parent_takes_the_workers_along(check, name, code):
    run = check()
    run.wait_for_workers()
    os.kill(run.process.pid, getattr(signal, name))  # the parent only, as `kill PID` does
    assert_stopped(run, code)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_die_with_a_killed_parent(check):
    run = check()
    run.wait_for_workers()
    os.kill(run.process.pid, signal.SIGKILL)  # no handler runs: the kernel must end the workers
    run.process.wait(timeout=WAIT)
    assert run.workers_left() == []


def test_ctrl_c_without_workers_says_interrupted(check):
    run = check(jobs=1)
    deadline = time.monotonic() + WAIT
    while _cpu_seconds(run.process.pid) < 1.0:  # past the start-up, well into the files (several CPU seconds)
        assert run.process.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    os.killpg(run.process.pid, signal.SIGINT)
    assert_stopped(run, 130)


def _dispositions(_) -> tuple:
    return signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)


def test_workers_leave_ctrl_c_to_the_parent():
    # An idle worker blocked on its queue would otherwise print a KeyboardInterrupt traceback; and a forked
    # worker must not inherit the parent's handlers (they would raise Interrupted inside the worker).
    from cybergap.workers import run_pool

    saved = {number: signal.signal(number, lambda *_: None) for number in (signal.SIGTERM, signal.SIGHUP)}
    try:  # as in main(), the parent handles them
        seen = set(run_pool(_dispositions, range(4), jobs=2))
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)
    assert seen == {(signal.SIG_IGN, signal.SIG_DFL, signal.SIG_DFL)}


def test_only_the_first_stop_signal_raises(monkeypatch):
    # Later ones arrive while the command stops; raising again would break off the clean-up.
    from cybergap import workers

    monkeypatch.setattr(workers, "_stopping", False)
    with pytest.raises(workers.Interrupted) as stop:
        workers._on_signal(signal.SIGTERM, None)
    assert stop.value.exit_code == 143
    assert workers._on_signal(signal.SIGINT, None) is None


def test_a_signal_ignored_at_start_stays_ignored():
    # `nohup cybergap check` must survive the hang-up it was protected from.
    from cybergap.workers import handle_signals

    saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        handle_signals()
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) not in (signal.SIG_IGN, signal.SIG_DFL)
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)
