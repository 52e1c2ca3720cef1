"""A server's CPU time, read from /proc: what a request costs it, whatever else the machine runs.

Requests per second fall when other jobs take the CPU a server is pinned to; the server's own CPU
time per request moves much less, so on a shared machine it is the steadier reading of cost.
"""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")


def group_cpu_seconds(pgid: int, proc: Path = PROC) -> float | None:
    """User + system CPU seconds of every live process in process group `pgid`, all threads;
    None where there is no /proc (not Linux)."""
    if not proc.is_dir():
        return None
    ticks = 0
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended while we looked
            continue
        # Fields after the command name, which is in parentheses and may hold spaces:
        # state, ppid, pgrp, ... utime (14th field of the line), stime (15th).
        fields = stat.rpartition(")")[2].split()
        if int(fields[2]) == pgid:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")
