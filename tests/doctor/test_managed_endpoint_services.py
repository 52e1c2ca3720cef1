"""Services on managed endpoints (session 43). A course's lesson whose service runs in a
cloud platform's managed endpoint (a SageMaker inference script) is deployed when the
course deploys an endpoint of that platform (a notebook's `model.deploy(...)`): its
monitoring is judged, as a lesson's built by a Dockerfile is."""

from __future__ import annotations

import json
from pathlib import Path

from mlops_scaffold.doctor.report import Report, Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import audit

CHECKS = ("SERVE001", "SERVE002", "MON001", "MON002", "MON003")
INFERENCE_SCRIPT = (
    "import joblib\n\n\n"
    "def model_fn(model_dir):\n    return joblib.load(f'{model_dir}/model.joblib')\n\n\n"
    "def predict_fn(data, model):\n    return model.predict(data)\n"
)
DEPLOY_CELLS = [
    "import sagemaker\nfrom sagemaker.sklearn import SKLearnModel\n",
    "model = SKLearnModel(model_data=uri, role=role, entry_point='inference.py')\n"
    "predictor = model.deploy(initial_instance_count=1, instance_type='ml.m5.large')\n",
]


def _notebook(cells: list[str]) -> str:
    return json.dumps(
        {
            "cells": [{"cell_type": "code", "source": [c], "metadata": {}} for c in cells],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def _course(**extra: str) -> dict[str, str]:
    """A course in numbered lesson folders whose serving lesson holds a SageMaker
    inference script; `extra` files (path with `__` for `/`) are added."""
    tree = {
        "README.md": "# A course on SageMaker\n",
        "01-intro/notes.md": "Why SageMaker.\n",
        "02-train/requirements.txt": "scikit-learn==1.5.0\n",
        "02-train/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
        "03-serving/requirements.txt": "scikit-learn==1.5.0\n",
        "03-serving/inference.py": INFERENCE_SCRIPT,
    }
    tree.update({path.replace("__", "/"): text for path, text in extra.items()})
    return tree


def _statuses(report: Report, project: str) -> dict[str, Status]:
    return {r.id: r.status for r in report.results if r.project == project and r.id in CHECKS}


def test_a_lesson_the_course_deploys_to_an_endpoint_is_judged_on_it(tmp_path: Path) -> None:
    notebook = _notebook(DEPLOY_CELLS)
    build_file_tree(tmp_path, _course(**{"04-deploy__deploy.ipynb": notebook}))
    statuses = _statuses(audit(tmp_path, *CHECKS), "03-serving")
    # the endpoint answers /ping and publishes its metrics; the records and drift are ours
    assert statuses["SERVE002"] is Status.PASSED
    assert statuses["MON002"] is Status.PASSED
    assert statuses["MON001"] is Status.FAILED
    assert statuses["MON003"] is Status.FAILED


def test_a_lesson_whose_endpoint_nothing_deploys_stays_a_fragment(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _course())
    report = audit(tmp_path, *CHECKS)
    assert not [f for f in report.findings if f.project == "03-serving"]
    records = next(r for r in report.results if r.id == "MON001" and r.project == "03-serving")
    assert "deploys no service" in (records.reason or "")
