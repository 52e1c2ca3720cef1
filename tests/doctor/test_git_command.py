"""The background git command: its output once done, None when git fails or is missing,
hangs past the timeout (killed) or its output cannot be parsed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mlops_scaffold import vcs


def _repository(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "train.py").write_text("print('fit')\n")
    subprocess.run(["git", "-C", str(tmp_path), "add", "train.py"], check=True)
    return tmp_path


def test_a_background_command_gives_its_output_every_time_it_is_asked(tmp_path: Path) -> None:
    command = vcs.background(_repository(tmp_path), "ls-files", "-z")
    assert command.output() == b"train.py\0"
    assert command.output() == b"train.py\0"


def test_a_failing_command_gives_none(tmp_path: Path) -> None:
    assert vcs.background(_repository(tmp_path), "no-such-command").output() is None


def test_without_git_a_command_gives_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repository = _repository(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert vcs.background(repository, "ls-files", "-z").output() is None


def test_a_git_that_hangs_is_killed_and_gives_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = _repository(tmp_path / "repo")
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "git").write_text("#!/bin/sh\nexec sleep 60\n")
    (bin_folder / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(vcs, "BACKGROUND_TIMEOUT_SECONDS", 0.5)
    started = time.monotonic()
    assert vcs.background(repository, "ls-files", "-z").output() is None
    assert time.monotonic() - started < 30


def test_a_parse_that_fails_gives_none_and_reports_its_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(chunks: Iterator[bytes]) -> bytes:
        raise ValueError("unreadable")

    reported: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", reported.append)
    command = vcs.GitCommand(_repository(tmp_path), "ls-files", "-z", parse=broken)
    assert command.output() is None
    deadline = time.monotonic() + 10
    while not reported and time.monotonic() < deadline:  # reported as the thread ends
        time.sleep(0.01)
    assert "unreadable" in str(reported[0].exc_value)


class _Recorded:
    """A stand-in command that records when its turn comes."""

    def __init__(self, name: str, started: list[str]) -> None:
        self.name, self.started = name, started

    def start(self) -> None:
        self.started.append(self.name)


def test_commands_past_the_limit_start_in_turn_as_others_end() -> None:
    started: list[str] = []
    turns = vcs._Turns(at_once=2)
    for name in ("listing", "sizes", "search", "imports"):
        turns.enter(_Recorded(name, started))  # type: ignore[arg-type]
    assert started == ["listing", "sizes"]
    turns.leave()
    assert started == ["listing", "sizes", "search"]


def test_commands_queued_ahead_start_before_the_others_waiting() -> None:
    started: list[str] = []
    turns = vcs._Turns(at_once=1)
    for name, ahead in (("listing", False), ("search", False), ("every", True), ("all", True)):
        turns.enter(_Recorded(name, started), ahead)  # type: ignore[arg-type]
    for _ in range(3):
        turns.leave()
    assert started == ["listing", "every", "all", "search"]


def test_a_queued_command_whose_output_is_asked_for_starts_at_once() -> None:
    started: list[str] = []
    turns = vcs._Turns(at_once=1)
    first, wanted = _Recorded("listing", started), _Recorded("imports", started)
    turns.enter(first)  # type: ignore[arg-type]
    turns.enter(wanted)  # type: ignore[arg-type]
    turns.now(wanted)  # type: ignore[arg-type]
    turns.now(wanted)  # type: ignore[arg-type]  # already running: not started twice
    assert started == ["listing", "imports"]
    turns.leave()
    assert started == ["listing", "imports"]  # nothing left waiting


def test_many_background_commands_all_give_their_output(tmp_path: Path) -> None:
    repository = _repository(tmp_path)
    commands = [vcs.background(repository, "ls-files", "-z") for _ in range(12)]
    assert [command.output() for command in reversed(commands)] == [b"train.py\0"] * 12


def test_a_command_with_no_thread_to_run_in_runs_in_the_callers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = _repository(tmp_path)
    running = vcs._TURNS._running

    def no_thread(*_: object) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(vcs._thread, "start_new_thread", no_thread)
    command = vcs.background(repository, "ls-files", "-z")
    assert command.output() == b"train.py\0"
    assert vcs._TURNS._running <= running  # its turn ended: the next command may start
