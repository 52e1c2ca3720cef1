"""SERVE001: an image whose own command gives a place to work (a bare shell, an idle
keep-alive) serves nothing, whatever port it exposes (session 40)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import TRAINING
from tests.doctor.helpers import committed_status


@pytest.mark.parametrize(
    ("command", "status"),
    [
        ('["/bin/bash"]', "not-applicable"),
        ('["sleep", "infinity"]', "not-applicable"),
        ('["python", "-m", "demo.server"]', "failed"),
    ],
)
def test_an_image_that_opens_a_shell_serves_nothing(
    tmp_path: Path, command: str, status: str
) -> None:
    dockerfile = f"FROM python:3.12-slim\nCOPY . /app\nEXPOSE 8888\nCMD {command}\n"
    tree = {**TRAINING, "Dockerfile": dockerfile}
    assert committed_status(tmp_path, tree, "SERVE001") == status
