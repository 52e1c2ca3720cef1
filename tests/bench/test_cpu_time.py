"""bench/cpu_time.py: a process group's CPU time read from /proc."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from bench.cpu_time import group_cpu_seconds

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="no /proc on this OS")


def test_the_time_of_the_group_grows_with_the_work_its_processes_do() -> None:
    before = group_cpu_seconds(os.getpgrp())
    deadline = time.process_time() + 0.3
    while time.process_time() < deadline:  # 0.3 s of CPU in this process, a member of the group
        pass

    after = group_cpu_seconds(os.getpgrp())

    assert before is not None and after is not None
    assert after - before >= 0.25


def test_a_group_with_no_process_has_spent_nothing() -> None:
    assert group_cpu_seconds(2**22 + 12345) == 0.0


def test_a_machine_without_proc_reads_as_unknown(tmp_path: Path) -> None:
    assert group_cpu_seconds(os.getpgrp(), proc=tmp_path / "absent") is None


def test_a_command_name_with_spaces_and_parentheses_is_read_past(tmp_path: Path) -> None:
    # /proc/PID/stat: pid (comm) state ppid pgrp session tty tpgid flags
    #                 minflt cminflt majflt cmajflt utime stime ...
    (tmp_path / "41").mkdir()
    (tmp_path / "41" / "stat").write_text("41 (a (b) c) S 1 777 777 0 -1 0 0 0 0 0 300 200 0 0\n")
    (tmp_path / "self").mkdir()

    assert group_cpu_seconds(777, proc=tmp_path) == pytest.approx(500 / os.sysconf("SC_CLK_TCK"))
