"""A `kill`, a closed terminal or `timeout` stop a run as Ctrl-C does."""

from __future__ import annotations

import signal


def _stop_as_ctrl_c(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def stop_as_ctrl_c() -> None:
    """SIGTERM and SIGHUP raise KeyboardInterrupt, so the same clean-up runs: staging folders
    removed, a half-done change taken back."""
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop_as_ctrl_c)
