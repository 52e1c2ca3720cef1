"""Session 37's data and model-quality fixes: committed data the .gitignore keeps out is a
leftover copy, not git's version of the data (DATA001); a test compares the model with a
baseline only when an assertion orders a value against it (TEST002); a test that points
the code's paths at data it made up tests the code, and `return 0` gives up on nothing
(DATA005)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.cases import PACKAGE
from tests.doctor.helpers import Tree, audit, committed_status, git_commit, status_of

# -- Committed data the .gitignore keeps out (DATA001) --------------------------------------

TRAINING: Tree = {
    **PACKAGE,
    "src/demo/train.py": (
        "import pandas as pd\n\n\ndef main(model):\n"
        '    frame = pd.read_csv("data/raw/loans.csv")\n'
        '    model.fit(frame.drop(columns="label"), frame["label"])\n'
    ),
    "data/raw/loans.csv": "income,label\n41,0\n35,1\n",
}


def _status_after_ignoring(root: Path, tree: Tree, ignored: str) -> str:
    """DATA001 on `tree` committed, then a .gitignore that keeps `ignored` out added."""
    build_file_tree(root, tree)
    git_commit(root)
    (root / ".gitignore").write_text(ignored)
    env = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_SYSTEM": "/dev/null", "PATH": "/usr/bin"}
    for args in (
        ["add", ".gitignore"],
        ["-c", "user.name=t", "-c", "user.email=t@e.com", "commit", "-qm", "ignore"],
    ):
        subprocess.run(["git", *args], cwd=root, check=True, env=env, capture_output=True)
    return str(status_of(audit(root, "DATA001"), "DATA001").value)


def test_committed_data_the_code_reads_is_versioned_by_git(tmp_path: Path) -> None:
    assert committed_status(tmp_path, TRAINING, "DATA001") == "passed"


@pytest.mark.parametrize("ignored", ["data/\n", "*.csv\n", "data/raw/*\n"])
def test_committed_data_the_gitignore_keeps_out_versions_nothing(
    tmp_path: Path, ignored: str
) -> None:
    assert _status_after_ignoring(tmp_path, TRAINING, ignored) == "failed"


def test_an_ignore_line_for_other_files_leaves_the_data_versioned(tmp_path: Path) -> None:
    assert _status_after_ignoring(tmp_path, TRAINING, "data/processed/\n*.pkl\n") == "passed"


# -- A baseline compared by an assertion (TEST002) ------------------------------------------

MODEL_TEST = """from sklearn.dummy import DummyClassifier

from demo.train import fit


def test_model_beats_the_baseline(frame):
    model = fit(frame)
    baseline = DummyClassifier().fit(frame.x, frame.y)
    {check}
"""


@pytest.mark.parametrize(
    "check",
    [
        "assert model.score(frame.x, frame.y) > baseline.score(frame.x, frame.y)",
        "floor = baseline.score(frame.x, frame.y)\n"
        "    assert model.score(frame.x, frame.y) >= floor",
    ],
)
def test_an_assertion_ordering_the_model_against_a_baseline_passes(
    tmp_path: Path, check: str
) -> None:
    tree: Tree = {**TRAINING, "tests/test_model.py": MODEL_TEST.format(check=check)}
    assert committed_status(tmp_path, tree, "TEST002") == "passed"


@pytest.mark.parametrize(
    "check",
    [
        "assert model is not None  # compare with the baseline later",
        'assert Path("artifacts/baseline.json").exists()',
        "assert baseline.predict(frame.x).shape == frame.y.shape",
    ],
)
def test_a_baseline_no_assertion_orders_against_compares_nothing(
    tmp_path: Path, check: str
) -> None:
    tree: Tree = {**TRAINING, "tests/test_model.py": MODEL_TEST.format(check=check)}
    assert committed_status(tmp_path, tree, "TEST002") == "failed"


# -- Tests that point the code at made-up data, and `return 0` (DATA005) --------------------

LOADER = (
    "import pandas as pd\n\nDATA_DIR = 'data'\n\n\ndef get_training_data():\n"
    '    return pd.read_parquet(f"{DATA_DIR}/features.parquet")\n'
)
DATA_TEST = """import pandas as pd

from demo.loader import get_training_data


def test_training_data_has_its_columns({arguments}):
    {redirect}
    frame = get_training_data()
    assert set(frame.columns) == {{"x", "y"}}
"""


def test_a_test_on_the_real_data_checks_the_data(tmp_path: Path) -> None:
    test = DATA_TEST.format(arguments="", redirect="pass")
    tree: Tree = {**TRAINING, "src/demo/loader.py": LOADER, "tests/test_data.py": test}
    assert committed_status(tmp_path, tree, "DATA005") == "passed"


def test_a_test_that_points_the_code_at_its_tmp_path_checks_the_code(tmp_path: Path) -> None:
    redirect = 'monkeypatch.setattr("demo.loader.DATA_DIR", str(tmp_path))'
    test = DATA_TEST.format(arguments="tmp_path, monkeypatch", redirect=redirect)
    tree: Tree = {**TRAINING, "src/demo/loader.py": LOADER, "tests/test_data.py": test}
    assert committed_status(tmp_path, tree, "DATA005") == "failed"


PIPELINE_STEP = """import pandas as pd


def load(path):
    frame = pd.read_csv(path)
    rows = frame.dropna().to_dict("records")
    if {test}:
        return {value}
    return rows


if __name__ == "__main__":
    load("data/raw/loans.csv")
"""
WORKFLOW = (
    "name: train\non: push\njobs:\n  train:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - run: pytest\n      - run: python src/demo/load.py\n"
)
SUITE: Tree = {"tests/test_basic.py": "def test_ok():\n    assert 1 + 1 == 2\n"}


def test_a_step_that_gives_up_on_missing_values_checks_the_data(tmp_path: Path) -> None:
    step = PIPELINE_STEP.format(test="frame.isna().any().any()", value="None")
    tree: Tree = {**TRAINING, **SUITE, "src/demo/load.py": step}
    tree[".github/workflows/train.yml"] = WORKFLOW
    assert committed_status(tmp_path, tree, "DATA005") == "passed"


def test_returning_a_count_of_zero_gives_up_on_nothing(tmp_path: Path) -> None:
    step = PIPELINE_STEP.format(test="frame.isna().any().any()", value="0")
    tree: Tree = {**TRAINING, **SUITE, "src/demo/load.py": step}
    tree[".github/workflows/train.yml"] = WORKFLOW
    assert committed_status(tmp_path, tree, "DATA005") == "failed"
