"""Data readings from session 43's fit set.

DATA001: a Keras dataset taken by its module (`from keras.datasets import mnist`) ships
with its library, and a function the training module defines itself (`load_dataset()`)
reads no file whatever its name. DATA002: a remote that is not the default passes when
the project's commands name it (`dvc pull -r origin`), and DVC a program runs on a
project made at run time needs a remote too. DATA003: an archive and a file
named for a split of a data set are data. DATA005: a test whose patched reader returns a
frame the test built checks the code, not the data. DATA004: a flow taking constants from
a training module runs none of its training, and one that fits on data a helper of it
reads runs the training."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import PACKAGE, TEST
from tests.doctor.helpers import committed_status

# -- DATA001 -----------------------------------------------------------------------------

KERAS_TRAINING = (
    "from keras.datasets import mnist\nfrom keras.models import Sequential\n\n\n"
    "def load_dataset():\n    (x_train, y_train), _ = mnist.load_data()\n"
    "    return x_train / 255.0, y_train\n\n\n"
    "if __name__ == '__main__':\n    x, y = load_dataset()\n"
    "    Sequential().fit(x, y, epochs=1)\n"
)
# The same module's own loader reading a CSV: the model trains on a file.
FILE_TRAINING = KERAS_TRAINING.replace(
    "    (x_train, y_train), _ = mnist.load_data()\n",
    "    frame = pd.read_csv('data/digits.csv')\n"
    "    x_train, y_train = frame.drop(columns='label'), frame['label']\n",
).replace("from keras.datasets import mnist\n", "import pandas as pd\n")


@pytest.mark.parametrize(
    ("training", "status"), [(KERAS_TRAINING, "not-applicable"), (FILE_TRAINING, "failed")]
)
def test_data001_a_keras_dataset_taken_by_its_module_ships_with_the_library(
    tmp_path: Path, training: str, status: str
) -> None:
    tree = {**PACKAGE, "src/demo/train.py": training}
    assert committed_status(tmp_path, tree, "DATA001") == status


# -- DATA002 -----------------------------------------------------------------------------

REMOTE_NOT_DEFAULT = "['remote \"origin\"']\n    url = https://dagshub.com/me/demo.dvc\n"
PULL_BY_NAME = (
    "import subprocess\n\n\ndef pull():\n"
    '    subprocess.run(["dvc", "pull", "-r", "origin"], check=True)\n'
)
PULL_DEFAULT = (
    'import subprocess\n\n\ndef pull():\n    subprocess.run(["dvc", "pull"], check=True)\n'
)


@pytest.mark.parametrize(("loader", "status"), [(PULL_BY_NAME, "passed"), (PULL_DEFAULT, "failed")])
def test_data002_a_remote_the_commands_name_needs_no_default(
    tmp_path: Path, loader: str, status: str
) -> None:
    tree = {
        **PACKAGE,
        "src/demo/train.py": "from sklearn.linear_model import LinearRegression\n",
        "src/demo/data_loader.py": loader,
        ".dvc/config": REMOTE_NOT_DEFAULT,
        "data.dvc": "outs:\n- path: data\n",
    }
    assert committed_status(tmp_path, tree, "DATA002") == status


# -- DATA003 -----------------------------------------------------------------------------

MEDIUM = "x" * 2_000_000  # over 1 MB: data by its name, else small enough for git


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("train_data.zip", "failed"),
        ("workshop/birds.tar", "failed"),
        ("corpus/train.raw", "failed"),
        ("corpus/valid_n.raw", "failed"),
        ("corpus/vocabulary.raw", "passed"),
        ("tools/trainer.raw", "passed"),
        ("logs/scheduler/training_dag.py.log", "passed"),  # a run's log, named for its DAG
        ("logs/train.log", "passed"),
    ],
)
def test_data003_an_archive_or_a_split_of_a_data_set_is_data(
    tmp_path: Path, path: str, status: str
) -> None:
    assert committed_status(tmp_path, {**PACKAGE, path: MEDIUM}, "DATA003") == status


# -- DATA005 -----------------------------------------------------------------------------

LOADER = (
    "import pandas as pd\nfrom ucimlrepo import fetch_ucirepo\n\n\ndef load_data():\n"
    "    dataset = fetch_ucirepo(id=350)\n"
    "    frame = pd.concat([dataset.data.features, dataset.data.targets], axis=1)\n"
    "    return frame.rename(columns={'Y': 'target'})\n"
)
MOCKED_SOURCE = (
    "from unittest.mock import MagicMock, patch\n\nimport pandas as pd\n\n"
    "from demo.data import load_data\n\n\n"
    "@patch('demo.data.fetch_ucirepo')\ndef test_loader(mock_fetch):\n"
    "    dataset = MagicMock()\n    dataset.data.features = pd.DataFrame({'a': [1, 2]})\n"
    "    dataset.data.targets = pd.DataFrame({'Y': [0, 1]})\n"
    "    mock_fetch.return_value = dataset\n"
    "    frame = load_data()\n    assert 'target' in frame.columns\n"
)
# The same test with a mock standing in for a tracker: the loader reads the real source.
MOCKED_TRACKER = MOCKED_SOURCE.replace("demo.data.fetch_ucirepo", "demo.data.mlflow").replace(
    "    mock_fetch.return_value = dataset\n", "    mock_fetch.return_value = MagicMock()\n"
)


@pytest.mark.parametrize(
    ("test", "status"), [(MOCKED_SOURCE, "failed"), (MOCKED_TRACKER, "passed")]
)
def test_data005_a_patched_reader_returning_made_up_data_checks_the_code(
    tmp_path: Path, test: str, status: str
) -> None:
    tree = {
        **PACKAGE,
        **TEST,
        "src/demo/data.py": LOADER,
        "src/demo/train.py": "from sklearn.linear_model import LinearRegression\n",
        "tests/test_data.py": test,
    }
    assert committed_status(tmp_path, tree, "DATA005") == status


INGESTION = (
    "import subprocess\n\n\ndef ingest(path):\n"
    '    subprocess.run(["dvc", "add", path], check=True)\n'
)
ADDS_REMOTE = "#!/bin/sh\ndvc init --no-scm\ndvc remote add -d store s3://bucket/dvc\n"


@pytest.mark.parametrize(
    ("scripts", "status"),
    [
        ({}, "failed"),
        ({"scripts/dvc_setup.sh": ADDS_REMOTE}, "passed"),
    ],
)
def test_data002_dvc_a_program_runs_needs_a_remote_too(
    tmp_path: Path, scripts: dict[str, str], status: str
) -> None:
    tree = {
        **PACKAGE,
        "src/demo/train.py": "from sklearn.linear_model import LinearRegression\n",
        "src/demo/ingestion.py": INGESTION,
        **scripts,
    }
    assert committed_status(tmp_path, tree, "DATA002") == status


def test_data002_a_workflow_github_never_runs_uses_no_dvc(tmp_path: Path) -> None:
    workflow = "jobs:\n  data:\n    steps:\n      - run: dvc add data/raw/\n"
    tree = {
        **PACKAGE,
        "src/demo/train.py": "from sklearn.linear_model import LinearRegression\n",
        "sub/.github/workflows/monthly.yml": workflow,
    }
    assert committed_status(tmp_path, tree, "DATA002") == "not-applicable"


# -- DATA004 -----------------------------------------------------------------------------

MODEL_TRAINING = (
    "import pandas as pd\nfrom sklearn.ensemble import RandomForestRegressor\n\n"
    'MODEL_NAME = "rf"\nTARGET = "y"\n\n\ndef load_data(path):\n    return pd.read_csv(path)\n\n\n'
    "def train_model(path):\n    data = load_data(path)\n"
    "    return RandomForestRegressor().fit(data.drop(columns=[TARGET]), data[TARGET])\n\n\n"
    'if __name__ == "__main__":\n    train_model("data/train.csv")\n'
)
SCORING_FLOW = (
    "from prefect import flow, task\n\n"
    "from src.model_training import MODEL_NAME, TARGET, load_data\n\n\n"
    "@task\ndef score(path):\n"
    "    return load_data(path).drop(columns=[TARGET]), MODEL_NAME\n\n\n"
    '@flow\ndef scoring():\n    score("data/new.csv")\n'
)
TRAINING_FLOW = (
    "from prefect import flow\n\nfrom src.model_training import MODEL_NAME, train_model\n\n\n"
    '@flow\ndef retraining():\n    train_model("data/train.csv")\n    print(MODEL_NAME)\n'
)


@pytest.mark.parametrize(
    ("pipeline", "status"), [(SCORING_FLOW, "failed"), (TRAINING_FLOW, "passed")]
)
def test_data004_a_flow_taking_constants_from_the_training_runs_none_of_it(
    tmp_path: Path, pipeline: str, status: str
) -> None:
    tree = {"src/model_training.py": MODEL_TRAINING, "flows/pipeline.py": pipeline}
    assert committed_status(tmp_path, tree, "DATA004") == status


FITTING_FLOW = (
    "from prefect import flow, task\nfrom sklearn.ensemble import RandomForestRegressor\n\n"
    "from src.model_training import load_data\n\n\n@task\ndef fit_forest(path):\n"
    "    data = load_data(path)\n"
    '    return RandomForestRegressor().fit(data.drop(columns=["y"]), data["y"])\n\n\n'
    '@flow\ndef training():\n    fit_forest("data/train.csv")\n'
)
# The same flow fitting on values it makes itself: a model of its own, not the project's.
TOY_FLOW = FITTING_FLOW.replace("load_data", "MODEL_NAME").replace(
    "    data = MODEL_NAME(path)\n", '    data = {"y": [0, 1]}\n'
)


@pytest.mark.parametrize(("pipeline", "status"), [(FITTING_FLOW, "passed"), (TOY_FLOW, "failed")])
def test_data004_a_flow_that_fits_on_data_a_helper_reads_runs_the_training(
    tmp_path: Path, pipeline: str, status: str
) -> None:
    tree = {"src/model_training.py": MODEL_TRAINING, "flows/pipeline.py": pipeline}
    assert committed_status(tmp_path, tree, "DATA004") == status
