"""The background git command: its output once done, None when git fails or is missing."""

from __future__ import annotations

import subprocess
from pathlib import Path

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
