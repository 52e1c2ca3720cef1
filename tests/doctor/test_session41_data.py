"""Data, secrets and monitoring readings from session 41's fit set.

SEC001: a vendor's documented sample key (`...SAMPLES`) and a local stack's `admin123`
are no secrets. DATA003: a tool's
own store (`grafana.db`) and a report rendered to HTML are no data. MON001: a tracker's
run per request that logs the prediction, a JSON log of what `predict` returned whatever
its name, and a notebook that deploys an endpoint with SageMaker's data capture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import SERVICE
from tests.doctor.helpers import audit, committed_status, found_ids, status_on

# -- SEC001 ------------------------------------------------------------------------------

REAL_KEY_ID = "AKIAZ7QK2M4N6P8R1T3V"


@pytest.mark.parametrize(
    ("key_id", "status"),
    [("AKIAIOSFOLKFSSAMPLES", Status.PASSED), (REAL_KEY_ID, Status.FAILED)],
)
def test_sec001_a_vendors_sample_key_id_is_no_secret(
    tmp_path: Path, key_id: str, status: Status
) -> None:
    compose = f"services:\n  lakefs:\n    environment:\n      - ACCESS_KEY_ID={key_id}\n"
    assert status_on(tmp_path, {"docker-compose.yml": compose}, "SEC001") is status


@pytest.mark.parametrize(
    ("password", "status"),
    [("admin123", Status.PASSED), ("Xk2v9qLp7RtW", Status.FAILED)],
)
def test_sec001_a_local_stacks_word_and_digits_in_a_dot_env_are_no_secret(
    tmp_path: Path, password: str, status: Status
) -> None:
    env = f"AWS_ACCESS_KEY_ID=admin\nAWS_SECRET_ACCESS_KEY={password}\n"
    assert status_on(tmp_path, {".env.docker": env}, "SEC001") is status


# -- DATA003 -----------------------------------------------------------------------------

TRAINING = {"src/train.py": "from sklearn.linear_model import LinearRegression\n"}
MEDIUM = "x" * 2_000_000  # over 1 MB: data by its extension, else small enough for git
LARGE = "x" * 6_000_000  # over 5 MB: too big for git whatever it is


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("monitoring/grafana/grafana.db", "passed"),
        ("airflow/airflow.db", "passed"),
        ("mlflow.db", "passed"),
        ("app/predictions.db", "failed"),
        ("data/grafana.db", "failed"),
    ],
)
def test_data003_a_tools_own_store_is_no_data(tmp_path: Path, path: str, status: str) -> None:
    assert committed_status(tmp_path, {**TRAINING, path: MEDIUM}, "DATA003") == status


@pytest.mark.parametrize(
    ("path", "status"),
    [("reports/drift_report.html", "passed"), ("reports/drift_report.json.gz", "failed")],
)
def test_data003_a_rendered_html_report_is_no_data_at_any_size(
    tmp_path: Path, path: str, status: str
) -> None:
    assert committed_status(tmp_path, {**TRAINING, path: LARGE}, "DATA003") == status


# -- MON001 ------------------------------------------------------------------------------

MODEL = "import joblib\n\nmodel = joblib.load('model.joblib')\n"


def _mon001_found(tmp_path: Path, files: dict[str, str]) -> bool:
    build_file_tree(tmp_path, {**SERVICE, "src/demo/model.py": MODEL, **files})
    return "MON001" in found_ids(audit(tmp_path, "SERVE001", "MON001"))


RUN_PER_REQUEST = """import mlflow
from fastapi import FastAPI

from demo.model import model

app = FastAPI()


@app.post("/predict")
def predict(features: list[float]) -> dict:
    prediction = int(model.predict([features])[0])
    with mlflow.start_run(run_name="inference", nested=True):
        mlflow.log_metric("predicted_label", {value})
    return {{"prediction": prediction}}
"""


@pytest.mark.parametrize(("value", "found"), [("prediction", False), ("len(features)", True)])
def test_mon001_a_tracker_run_logging_each_prediction_records_it(
    tmp_path: Path, value: str, found: bool
) -> None:
    app = RUN_PER_REQUEST.format(value=value)
    assert _mon001_found(tmp_path, {"src/demo/app.py": app}) is found


JSON_LOGGED = """import json
import logging

from fastapi import FastAPI

from demo.model import model

app = FastAPI()
LOGGER = logging.getLogger(__name__)


@app.post("/predict")
def predict(rows: list[list[float]]) -> dict:
    model_output = model.predict_proba(rows)[:, 1].tolist()
    LOGGER.info(json.dumps({{"type": "OutputData", "data": {logged}}}))
    return {{"predictions": model_output}}
"""


@pytest.mark.parametrize(("logged", "found"), [("model_output", False), ("len(rows)", True)])
def test_mon001_a_json_log_of_what_predict_returned_records_it(
    tmp_path: Path, logged: str, found: bool
) -> None:
    app = JSON_LOGGED.format(logged=logged)
    assert _mon001_found(tmp_path, {"src/demo/app.py": app}) is found


def _notebook(source: str) -> str:
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "source": [source]}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.mark.parametrize(
    ("deploy", "found"),
    [
        (
            "capture = DataCaptureConfig(enable_capture=True, destination_s3_uri=uri)\n"
            "predictor = model.deploy(1, 'ml.m5.large', data_capture_config=capture)\n",
            False,
        ),
        ("predictor = model.deploy(1, 'ml.m5.large')\n", True),
    ],
)
def test_mon001_a_notebook_deploying_with_data_capture_records_predictions(
    tmp_path: Path, deploy: str, found: bool
) -> None:
    notebook = _notebook(deploy)
    assert _mon001_found(tmp_path, {"notebooks/deploy.ipynb": notebook}) is found
