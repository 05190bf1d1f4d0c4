"""Worker processes, and the signals that stop the command.

`handle_signals()` (called by `main()`) turns the first SIGINT, SIGTERM or SIGHUP into an
`Interrupted` exception in the main thread; later ones are ignored, so that a second Ctrl-C cannot
break the clean-up half-way (the hang of a second Ctrl-C in a process pool). `run_pool` kills its
workers rather than wait for them when it is stopped. The workers ignore SIGINT (a Ctrl-C reaches
the whole process group; only the parent decides) and die with the parent, however it ends.
"""

from __future__ import annotations

import os
import signal
from typing import Callable, Iterable

STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>

_stopping = False


class Interrupted(BaseException):
    """A stop signal arrived. A BaseException like KeyboardInterrupt, so that no `except Exception`
    swallows it; not a KeyboardInterrupt, which typer turns into a silent exit."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # the shell's convention: 130 for SIGINT, 143 SIGTERM, 129 SIGHUP


def _on_signal(signum, frame) -> None:
    global _stopping
    if _stopping:
        return  # already stopping
    _stopping = True
    raise Interrupted(signum)


def handle_signals() -> None:
    """Stop on SIGINT, SIGTERM and SIGHUP by raising Interrupted; a signal ignored at start
    (nohup, a background job) stays ignored."""
    for name in STOP_SIGNALS:
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
            signal.signal(number, _on_signal)


def run_pool(function: Callable, *iterables: Iterable, jobs: int, chunksize: int = 1,
             advance: Callable[[], None] = lambda: None) -> list:
    """list(map(function, *iterables)), computed in `jobs` worker processes; `advance()` after each result."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_started)
    results = []
    try:
        for result in pool.map(function, *iterables, chunksize=chunksize):
            results.append(result)
            advance()
    except BaseException:  # a signal, an error in a worker: waiting for the others could hang
        _kill(pool)
        raise
    pool.shutdown()
    return results


def _kill(pool) -> None:
    # `_processes` is private, but it is the only handle on the workers; None once shut down.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)


def _worker_started() -> None:
    """Pool initializer: the worker leaves stopping to its parent, and dies with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in STOP_SIGNALS[1:]:  # a forked worker inherits the parent's handlers; it must not raise Interrupted
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, signal.SIG_DFL)
    parent = os.getppid()
    if not _kill_me_with_parent():
        import threading

        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the kernel was told
        os._exit(1)


def _kill_me_with_parent() -> bool:
    """Ask Linux to SIGKILL this process when its parent ends; False where that is not available."""
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError, TypeError):  # not Linux, or no C library to load
        return False


def _watch_parent(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)
