"""Function handlers (session 43). A function handler runs whatever code it is given, as
a web app does: one that starts a pipeline when a file lands and names no model serves
none; one that predicts serves its model."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import audit

CHECKS = ("SERVE001", "SERVE002", "MON001", "MON002", "MON003")


PACKAGE = {
    "pyproject.toml": '[project]\nname = "churn"\nversion = "0.1"\n',
    "src/churn/__init__.py": "",
    "src/churn/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
}
FLOW_TRIGGER = (
    "import requests\n\n\n"
    "def lambda_handler(event, context):\n"
    "    for record in event['Records']:\n"
    "        key = record['s3']['object']['key']\n"
    "        requests.post(f'{API}/deployments/{DEPLOYMENT}/create_flow_run', json={'key': key})\n"
    "    return {'statusCode': 200}\n"
)
PREDICTING_HANDLER = (
    "import joblib\n\nmodel = joblib.load('model.joblib')\n\n\n"
    "def lambda_handler(event, context):\n"
    "    return {'statusCode': 200, 'body': str(model.predict([event['features']]))}\n"
)


def _records(tmp_path: Path, handler: str) -> Status:
    build_file_tree(tmp_path, {**PACKAGE, "src/churn/handler.py": handler})
    return next(r.status for r in audit(tmp_path, *CHECKS).results if r.id == "MON001")


def test_a_function_handler_that_starts_a_pipeline_serves_no_model(tmp_path: Path) -> None:
    assert _records(tmp_path, FLOW_TRIGGER) is Status.NOT_APPLICABLE


def test_a_function_handler_that_predicts_serves_its_model(tmp_path: Path) -> None:
    assert _records(tmp_path, PREDICTING_HANDLER) is Status.FAILED
