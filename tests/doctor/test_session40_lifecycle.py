"""Session 40's lifecycle readings: a test handing the data it reads to the repository's
own check of it (DATA005), a test calling the entry point a serving platform invokes
(TEST003), and a decision to deploy kept in a name for it (TEST002)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import PACKAGE, TEST, TRAINING
from tests.doctor.helpers import Tree, committed_status

# An installed project: its tests import `demo.*` from src/.
PROJECT = {**PACKAGE, "pyproject.toml": "[project]\nname = 'demo'\nversion = '0.1.0'\n"}

# -- DATA005: the data a test reads handed to the repository's validator -------------------

VALIDATOR = (
    "def validate_applications(frame):\n"
    "    missing = {'client_id', 'target'} - set(frame.columns)\n"
    "    if missing:\n        raise ValueError(f'missing columns: {sorted(missing)}')\n"
    "    if frame['client_id'].isna().any():\n        raise ValueError('client ids missing')\n"
)
VALIDATOR_TEST = (
    "import pandas as pd\n\nfrom demo.validation import validate_applications\n\n\n"
    "def test_applications_contract({parameters}):\n"
    "    frame = {frame}\n    validate_applications(frame)\n"
)


@pytest.mark.parametrize(
    ("parameters", "frame", "status"),
    [
        # the real table, read from the data folder: the validator's raise fails the test
        ("", "pd.read_csv('data/applications.csv')", "passed"),
        # a frame the test makes up checks the validator's code, not the data
        ("", "pd.DataFrame({'client_id': [1], 'target': [0]})", "failed"),
        # a CSV written into tmp_path and read back is made up as well
        ("tmp_path", "pd.read_csv(tmp_path / 'a.csv')", "failed"),
    ],
)
def test_data_a_test_reads_and_hands_the_repository_validator_is_validated(
    tmp_path: Path, parameters: str, frame: str, status: str
) -> None:
    body = VALIDATOR_TEST.format(parameters=parameters, frame=frame)
    tree: Tree = {
        **PROJECT,
        **TRAINING,
        **TEST,
        "src/demo/validation.py": VALIDATOR,
        "tests/test_raw_data.py": body,
    }
    assert committed_status(tmp_path / "repo", tree, "DATA005") == status
