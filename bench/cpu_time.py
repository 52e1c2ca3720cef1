"""A server's CPU time, read from /proc: what a request costs it, whatever else the machine runs.

Requests per second fall when other jobs take the CPU a server is pinned to; the server's own CPU
time per request moves much less, so on a shared machine it is the steadier reading of cost.
"""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")


def tree_cpu_seconds(pid: int, proc: Path = PROC) -> float | None:
    """User + system CPU seconds of process `pid` and every live descendant (a server's workers,
    even those that started a session of their own), all threads; None where there is no /proc."""
    if not proc.is_dir():
        return None
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
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
        parents[int(entry.name)] = int(fields[1])
        ticks[int(entry.name)] = int(fields[11]) + int(fields[12])
    tree, grown = {pid} & ticks.keys(), True
    while grown:
        children = {child for child, parent in parents.items() if parent in tree} - tree
        tree |= children
        grown = bool(children)
    return sum(ticks[p] for p in tree) / os.sysconf("SC_CLK_TCK")
