"""Session 44 tuning of DOCS003: a script named otherwise than for the checks is the
project's check entry point when it runs several checkers, not when it runs the tests
once among its other steps; the console scripts of a pyproject.toml with a TOML error
elsewhere are read from their own table."""

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
        ("scripts/run_unit_tests.sh", "#!/bin/sh\npython -m pytest tests/unit\n", Status.PASSED),
    ],
)
def test_docs003_takes_a_script_for_its_checks_not_one_test_run_among_steps(
    tmp_path: Path, path: str, script: str, status: Status
) -> None:
    tree = {**PACKAGE, path: script, "train.py": "print('train')\n"}
    assert status_on(tmp_path, tree, "DOCS003") is status


# A pyproject.toml with a TOML error (a Windows path's backslash) after its scripts table.
BROKEN_PYPROJECT = (
    '[project]\nname = "recommender"\nversion = "0.1.0"\n\n'
    '[project.scripts]\n{scripts}\n\n[tool.demo]\ndata = "C:\\data\\raw"\n'
)


@pytest.mark.parametrize(
    ("scripts", "status"),
    [
        ('rec-train = "recommender.train:main"\nrec-serve = "recommender.api:main"', Status.PASSED),
        ('rec-dashboard = "recommender.dashboard:main"', Status.FAILED),
    ],
)
def test_docs003_reads_the_scripts_table_of_a_pyproject_that_does_not_parse(
    tmp_path: Path, scripts: str, status: Status
) -> None:
    tree = {**PACKAGE, "pyproject.toml": BROKEN_PYPROJECT.format(scripts=scripts)}
    assert status_on(tmp_path, tree, "DOCS003") is status
