"""Session 37's DATA005 fixes: a test that points the code's paths at data it made up
(`monkeypatch.setattr("pkg.DATA_DIR", tmp_path)`) tests the code, not the data; and a
pipeline step's `return 0` is a count, not a step that gives up on the data."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import PACKAGE
from tests.doctor.helpers import Tree, committed_status

TRAINING: Tree = {
    **PACKAGE,
    "src/demo/train.py": (
        "import pandas as pd\n\n\ndef main(model):\n"
        '    frame = pd.read_csv("data/raw/loans.csv")\n'
        '    model.fit(frame.drop(columns="label"), frame["label"])\n'
    ),
    "data/raw/loans.csv": "income,label\n41,0\n35,1\n",
}

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
SUITE: Tree = {"tests/test_basic.py": "def test_ok():\n    assert sum([1, 1]) == 2\n"}


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
