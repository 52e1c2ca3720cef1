"""Work done in a second process, forked from this one, while this one goes on.

A cold audit of a monorepo spends most of its time in Python, on its nested projects one
after another, while git's searches use a second CPU only at the start. A forked child
inherits everything read, searched and parsed so far, does its share of the work, and
sends its result back pickled through a pipe. It is forked only where that is safe and
can pay: on Linux, with two CPUs or more to run on, once no background git command is
running (a child has none of its parent's threads, so none would read their output).
When the child cannot start, fails or dies, this process does the work itself: the
result is the same either way, and so is any error the work raises.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import warnings
from collections.abc import Callable
from contextlib import suppress
from types import TracebackType
from typing import Generic, NoReturn, TypeVar

from mlops_scaffold import vcs

R = TypeVar("R")

# How long to wait for background git commands to end before forking; past it the work is
# done here, after the rest.
SETTLE_SECONDS = 2.0


def usable_cpus() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def can_fork() -> bool:
    """Whether a second process would run beside this one: Linux (a fork elsewhere may
    break system libraries, macOS's among them) and two usable CPUs."""
    return sys.platform.startswith("linux") and usable_cpus() >= 2


class SecondProcess(Generic[R]):
    """`work()` run in a child forked on entering the block (if `fork` and `can_fork()`),
    its value given by `result()`. Leaving the block, a child still running (an error or
    Ctrl-C in this process) is killed and reaped: no process outlives the block."""

    def __init__(self, work: Callable[[], R], fork: bool = True) -> None:
        self._work = work
        self._fork = fork
        self._pid: int | None = None
        self._pipe: int | None = None

    def __enter__(self) -> SecondProcess[R]:
        if self._fork and can_fork() and vcs.settle(SETTLE_SECONDS):
            self._start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
        if self._pid is not None:
            with suppress(ProcessLookupError):  # ended already
                os.kill(self._pid, signal.SIGKILL)
            self._reap()

    def result(self) -> R:
        """The work's value: the child's, else computed here (no child, or it failed)."""
        if self._pid is None or self._pipe is None:
            return self._work()
        with open(self._pipe, "rb") as pipe:
            self._pipe = None
            data = pipe.read()
        if os.waitstatus_to_exitcode(self._reap()) == 0:
            try:
                value: R = pickle.loads(data)
            except Exception:  # a child that died mid-write: its work is redone here
                pass
            else:
                return value
        return self._work()

    def _start(self) -> None:
        read, write = os.pipe()
        try:
            with warnings.catch_warnings():
                # Python 3.12+ warns of a fork while threads run: ours (git's readers, a
                # terminal's spinner) hold nothing the child takes, and it only audits.
                warnings.filterwarnings("ignore", ".*multi-threaded.*fork", DeprecationWarning)
                pid = os.fork()
        except OSError:  # no process to be had: the work is done here
            os.close(read)
            os.close(write)
            return
        if pid == 0:
            os.close(read)
            _run_child(self._work, write)
        os.close(write)
        self._pid, self._pipe = pid, read

    def _reap(self) -> int:
        """Wait for the child to end; its wait status."""
        assert self._pid is not None
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        return status


def _run_child(work: Callable[[], object], pipe: int) -> NoReturn:
    """In the child: run `work`, write its value pickled to `pipe`, and end without
    running anything of the parent's (no `finally`, `atexit` or buffered output of its
    own). Exit 0 only when the whole value was written."""
    code = 1
    try:
        data = pickle.dumps(work(), pickle.HIGHEST_PROTOCOL)
        with open(pipe, "wb") as written:
            written.write(data)
        code = 0
    finally:
        os._exit(code)
