"""Session 38's fixes of quality gates and data versioning that passed on presence: a test
module passes TEST002 for a baseline only when an assertion compares a measure of the
model with the baseline's, not when it builds, reads or passes one along."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import PACKAGE, TRAINING
from tests.doctor.helpers import Tree, committed_status


def _status(root: Path, tree: Tree, check_id: str) -> str:
    return committed_status(root, tree, check_id)


def _quality_test(body: str) -> Tree:
    return {**PACKAGE, **TRAINING, "tests/test_model.py": body}


# -- a baseline compared, not only named (TEST002) -----------------------------------------

BASELINE_COMPARED = [
    # the model's score against a Dummy estimator's, through a name bound from it
    "from sklearn.dummy import DummyClassifier\nfrom demo.train import fit\n\n\n"
    "def test_beats_dummy(X, y):\n    model = fit(X, y)\n"
    "    floor = DummyClassifier().fit(X, y).score(X, y)\n"
    "    assert model.score(X, y) > floor\n",
    # a metric against the baseline's metric read from a file, unittest style
    "import json\nimport unittest\n\n\nclass TestQuality(unittest.TestCase):\n"
    "    def test_rmse(self):\n        baseline = json.load(open('baseline.json'))\n"
    "        rmse = evaluate()\n        self.assertLess(rmse, baseline['rmse'])\n",
]


@pytest.mark.parametrize("body", BASELINE_COMPARED)
def test_a_model_measure_compared_with_a_baseline_is_a_quality_test(
    tmp_path: Path, body: str
) -> None:
    assert _status(tmp_path, _quality_test(body), "TEST002") == "passed"


BASELINE_ONLY_NAMED = [
    # a Dummy estimator as a stub model for a pipeline test, metrics only logged
    "from sklearn.dummy import DummyRegressor\nfrom demo.train import run\n\n\n"
    "def test_run_logs_metrics():\n    result = run(models={'m': DummyRegressor()})\n"
    "    assert 'rmse' in result.metrics\n",
    # baseline rows used as inputs of the service
    "from demo import service\n\n\ndef test_predict_shape():\n"
    "    rows = service.baseline_rows[:10]\n    out = service.predict(rows)\n"
    "    assert len(out) == 10\n",
    # a baseline file's bytes installed, compared with what was written
    "BASELINE = b'{}'\n\n\ndef test_fetch(workspace):\n"
    "    assert (workspace / 'baseline.json').read_bytes() == BASELINE\n",
]


@pytest.mark.parametrize("body", BASELINE_ONLY_NAMED)
def test_a_baseline_built_or_passed_along_is_no_quality_test(tmp_path: Path, body: str) -> None:
    assert _status(tmp_path, _quality_test(body), "TEST002") == "failed"


# -- thresholds that hold nothing gate nothing (TEST002) -----------------------------------

EVALUATE = (
    "import mlflow\n\n{thresholds}\n\n\ndef validate(model_uri, data):\n"
    "    return mlflow.evaluate(model=model_uri, data=data, targets='y',\n"
    "                           validation_thresholds=validation_thresholds)\n"
)
PIPELINE_TREE = {
    **PACKAGE,
    **TRAINING,
    "tests/test_basic.py": "def test_ok():\n    assert sum([1, 1]) == 2\n",
}


def test_mlflow_validation_thresholds_with_a_floor_gate_the_model(tmp_path: Path) -> None:
    thresholds = (
        "from mlflow.models import MetricThreshold\n\n"
        "validation_thresholds = {'f1_score': MetricThreshold(threshold=0.8)}"
    )
    tree = {**PIPELINE_TREE, "src/demo/validate.py": EVALUATE.format(thresholds=thresholds)}
    assert _status(tmp_path, tree, "TEST002") == "passed"


@pytest.mark.parametrize(
    "thresholds", ["validation_thresholds = {}", "validation_thresholds = None"]
)
def test_empty_mlflow_validation_thresholds_gate_nothing(tmp_path: Path, thresholds: str) -> None:
    tree = {**PIPELINE_TREE, "src/demo/validate.py": EVALUATE.format(thresholds=thresholds)}
    assert _status(tmp_path, tree, "TEST002") == "failed"


# -- an Azure ML data asset spec versions the data (DATA001) -------------------------------

DATA_ASSET = (
    "$schema: https://azuremlschemas.azureedge.net/latest/{schema}.schema.json\n"
    "name: churn-curated\nversion: 3\ntype: uri_folder\npath: ./curated\n"
)
TRAIN_ON_FILE = {
    **PACKAGE,
    "src/demo/train.py": (
        "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n\n"
        "df = pd.read_csv('azureml://datastores/blob/paths/curated/churn.csv')\n"
        "LogisticRegression().fit(df[['a']], df['y'])\n"
    ),
}


def test_an_azure_ml_data_asset_spec_versions_the_data(tmp_path: Path) -> None:
    tree = {**TRAIN_ON_FILE, "data/curated.yml": DATA_ASSET.format(schema="data")}
    assert _status(tmp_path, tree, "DATA001") == "passed"


def test_an_azure_ml_job_spec_versions_no_data(tmp_path: Path) -> None:
    tree = {**TRAIN_ON_FILE, "jobs/train.yml": DATA_ASSET.format(schema="commandJob")}
    assert _status(tmp_path, tree, "DATA001") == "failed"


# -- a served model's recorded score held in a name (TEST002) ------------------------------

PINNED = (
    "import onnxruntime\nimport pytest\n\nRECORDED_ACCURACY = 0.931\n\n\n"
    "def test_served_model_keeps_its_accuracy(images, labels):\n"
    "    session = onnxruntime.InferenceSession('model.onnx')\n"
    "    accuracy = evaluate(session, images, labels)\n"
    "    assert accuracy == pytest.approx({expected}, abs=0.005)\n"
)


def test_a_model_score_pinned_to_a_named_record_is_a_quality_test(tmp_path: Path) -> None:
    tree = _quality_test(PINNED.format(expected="RECORDED_ACCURACY"))
    assert _status(tmp_path, tree, "TEST002") == "passed"


def test_a_model_score_pinned_to_a_bound_is_no_quality_test(tmp_path: Path) -> None:
    tree = _quality_test(PINNED.format(expected="1.0"))
    assert _status(tmp_path, tree, "TEST002") == "failed"
