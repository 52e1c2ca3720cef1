"""Work done in a second process, forked from this one, while this one goes on.

A cold audit of a monorepo spends most of its time in Python, on its nested projects one
after another, while git's searches use a second CPU only at the start. A forked child
inherits everything read, searched and parsed so far, does its share of the work, and
sends its results back pickled through a pipe, each as soon as it has it (the kinds of
its projects, which this process may need early, then their audits). It is forked only
where that is safe and can pay: on Linux, with two CPUs or more to run on, once no
background git command is running (a child has none of its parent's threads, so none
would read their output). When the child cannot start, fails or dies, this process does
the work itself: the result is the same either way, and so is any error the work raises.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import warnings
from collections.abc import Callable
from contextlib import suppress
from types import TracebackType
from typing import BinaryIO, Generic, NoReturn, TypeVar

from mlops_scaffold import vcs

E = TypeVar("E")
R = TypeVar("R")
T = TypeVar("T")

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


class SecondProcess(Generic[E, R]):
    """`first()`, then `work()`, run in a child forked on entering the block (if `fork`
    and `can_fork()`): `early()` gives the first's value as soon as the child sends it,
    `result()` the work's. Either is computed here when there is no child or it failed
    (so `work` must not count on `first` having run in this process). Leaving the block,
    a child still running (an error or Ctrl-C in this process) is killed and reaped: no
    process outlives the block."""

    def __init__(self, first: Callable[[], E], work: Callable[[], R], fork: bool = True) -> None:
        self._first = first
        self._work = work
        self._fork = fork
        self._pid: int | None = None
        self._pipe: BinaryIO | None = None
        self._early: tuple[E] | None = None

    def __enter__(self) -> SecondProcess[E, R]:
        if self._fork and can_fork() and vcs.settle(SETTLE_SECONDS):
            self._start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop_child()

    def early(self) -> E:
        """The value of `first()`: the child's, else computed here."""
        early = self._early
        if early is None:
            early = self._early = (self._sent(self._first),)
        return early[0]

    def pending(self) -> bool:
        """Whether the work's value is still on its way from a running child: what this
        process computes meanwhile costs it no time, the result not being there to take."""
        if self._pipe is None:
            return False
        readable, _, _ = select.select([self._pipe], [], [], 0)
        return not readable

    def result(self) -> R:
        """The work's value: the child's, else computed here."""
        self.early()  # the child sends it first
        return self._sent(self._work)

    def _sent(self, compute: Callable[[], T]) -> T:
        """The child's next value, or `compute()` when it has none to send."""
        if self._pipe is not None:
            try:
                return pickle.load(self._pipe)  # type: ignore[no-any-return]
            except Exception:  # a child that failed or died mid-write
                self._stop_child()
        return compute()

    def _stop_child(self) -> None:
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        if self._pid is not None:
            with suppress(ProcessLookupError):  # ended already
                os.kill(self._pid, signal.SIGKILL)
            self._reap()

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
            _run_child((self._first, self._work), write)
        os.close(write)
        # Buffered, open until both values are read: a pickle is read whole, however the
        # pipe cuts it.
        self._pid, self._pipe = pid, open(read, "rb")  # noqa: SIM115

    def _reap(self) -> None:
        """Wait for the child to end."""
        assert self._pid is not None
        os.waitpid(self._pid, 0)
        self._pid = None


def _run_child(steps: tuple[Callable[[], object], ...], pipe: int) -> NoReturn:
    """In the child: run each step, write its value pickled to `pipe` as soon as it has
    it, and end without running anything of the parent's (no `finally`, `atexit` or
    buffered output of its own). A value is written whole or not at all (the parent
    reads a cut one as none, and computes it itself)."""
    code = 1
    try:
        with open(pipe, "wb") as written:
            for step in steps:
                written.write(pickle.dumps(step(), pickle.HIGHEST_PROTOCOL))
                written.flush()
        code = 0
    finally:
        os._exit(code)
