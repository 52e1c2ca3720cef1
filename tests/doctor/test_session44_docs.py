"""Session 44 tuning of DOCS003: a script named otherwise than for the checks is the
project's check entry point when it runs several checkers, not when it runs the tests
once among its other steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.doctor.cases import PACKAGE
from tests.doctor.helpers import status_on

# The unit tests, then the training: one program's steps, not a way to run the checks.
TESTS_THEN_TRAINING = "\n# Unit tests\npython3 -m unittest -v test_model.py\n\npython3 train.py\n"
# Linters and the tests in one command.
ALL_CHECKS = "#!/usr/bin/env bash\nset -e\nisort --check src\nblack --check src\npytest -q\n"


@pytest.mark.parametrize(
    ("path", "script", "status"),
    [
        ("run_all.sh", TESTS_THEN_TRAINING, Status.FAILED),
        (
            "scripts/e2e_sanity.sh",
            "#!/bin/sh\nset -e\ncd .sandbox/demo\npytest -q\n",
            Status.FAILED,
        ),
        ("code_style.sh", ALL_CHECKS, Status.PASSED),
        ("scripts/test.sh", "#!/bin/sh\npytest -q\n", Status.PASSED),
    ],
)
def test_docs003_takes_a_script_for_its_checks_not_one_test_run_among_steps(
    tmp_path: Path, path: str, script: str, status: Status
) -> None:
    tree = {**PACKAGE, path: script, "train.py": "print('train')\n"}
    assert status_on(tmp_path, tree, "DOCS003") is status
