"""bench/cpu_time.py: a process tree's CPU time read from /proc."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.cpu_time import tree_cpu_seconds

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="no /proc on this OS")
# 0.3 s of CPU, then a wait: the child is still alive when its time is read.
SPIN = "\n".join(
    [
        "import time",
        "end = time.process_time() + 0.3",
        "while time.process_time() < end: pass",
        "time.sleep(30)",
    ]
)


def test_the_time_of_a_tree_counts_a_child_in_a_session_of_its_own() -> None:
    before = tree_cpu_seconds(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", SPIN], start_new_session=True)
    try:
        deadline = time.monotonic() + 20
        after = tree_cpu_seconds(os.getpid())
        while (
            after is not None
            and before is not None
            and after - before < 0.25
            and time.monotonic() < deadline
        ):
            time.sleep(0.1)
            after = tree_cpu_seconds(os.getpid())
    finally:
        child.kill()
        child.wait()

    assert before is not None and after is not None
    assert after - before >= 0.25


def test_a_process_that_is_gone_has_spent_nothing(tmp_path: Path) -> None:
    (tmp_path / "self").mkdir()

    assert tree_cpu_seconds(12345, proc=tmp_path) == 0.0


def test_a_machine_without_proc_reads_as_unknown(tmp_path: Path) -> None:
    assert tree_cpu_seconds(os.getpid(), proc=tmp_path / "absent") is None


def test_children_and_their_children_count_and_others_do_not(tmp_path: Path) -> None:
    # /proc/PID/stat: pid (comm) state ppid pgrp session tty tpgid flags
    #                 minflt cminflt majflt cmajflt utime stime ...
    for pid, parent, utime in ((40, 1, 7), (41, 40, 300), (42, 41, 100), (43, 1, 5000)):
        (tmp_path / str(pid)).mkdir()
        stat = f"{pid} (a (b) c) S {parent} 9 9 0 -1 0 0 0 0 0 {utime} 0 0 0\n"
        (tmp_path / str(pid) / "stat").write_text(stat)

    assert tree_cpu_seconds(40, proc=tmp_path) == pytest.approx(407 / os.sysconf("SC_CLK_TCK"))
