"""Session 36's fix of DATA001's committed-data evidence: a table kept with the tests
(`tests/...`) or as a sample (`sample_data/`) is a fixture, not git's version of the data a
model trains on, whatever program reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import PACKAGE
from tests.doctor.helpers import Tree, committed_status

# -- Data kept with the tests is a fixture (DATA001) ----------------------------------------

TRAINING_PROJECT: Tree = {
    **PACKAGE,
    "src/demo/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
    "pyproject.toml": '[project]\nname = "demo"\n[project.scripts]\ndemo = "demo.train:main"\n',
}
# A program outside the tests reads the reference table (an emulator feeding the pipeline).
EMULATOR = 'import pandas as pd\n\nframe = pd.read_csv("reference/reference_data.csv")\n'
ROWS = "age,churn\n41,0\n35,1\n"


@pytest.mark.parametrize(
    "path",
    [
        "tests/integration/sample_data/reference/reference_data.csv",
        "tests/integration/reference/reference_data.csv",
        "emulation/sample_data/reference/reference_data.csv",
    ],
)
def test_data_kept_as_a_fixture_or_sample_versions_no_data(tmp_path: Path, path: str) -> None:
    tree: Tree = {**TRAINING_PROJECT, path: ROWS, "emulation/feed.py": EMULATOR}
    assert committed_status(tmp_path, tree, "DATA001") == "failed"


def test_the_same_table_in_a_data_folder_is_versioned_by_git(tmp_path: Path) -> None:
    path = "data/reference/reference_data.csv"
    tree: Tree = {**TRAINING_PROJECT, path: ROWS, "emulation/feed.py": EMULATOR}
    assert committed_status(tmp_path, tree, "DATA001") == "passed"


# -- DVC run by the code (DATA001) ----------------------------------------------------------

INGESTION = """import subprocess

import pandas as pd


def ingest(frame: pd.DataFrame, path: str) -> None:
    frame.to_csv(path)
    {command}
"""


@pytest.mark.parametrize(
    "command",
    [
        'subprocess.run(["dvc", "add", path], check=True)',
        'subprocess.run(f"dvc add {path}", shell=True, check=True)',
    ],
)
def test_code_that_runs_dvc_add_versions_the_data(tmp_path: Path, command: str) -> None:
    tree: Tree = {**TRAINING_PROJECT, "src/demo/ingest.py": INGESTION.format(command=command)}
    assert committed_status(tmp_path, tree, "DATA001") == "passed"


def test_dvc_add_in_a_comment_versions_no_data(tmp_path: Path) -> None:
    command = '# subprocess.run(["dvc", "add", path])'
    tree: Tree = {**TRAINING_PROJECT, "src/demo/ingest.py": INGESTION.format(command=command)}
    assert committed_status(tmp_path, tree, "DATA001") == "failed"
