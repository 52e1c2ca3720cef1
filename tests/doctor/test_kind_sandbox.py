"""A data scientist's sandbox (a Kaggle entry, a portfolio of runs, a forked example) is
read as an example when nothing in it runs as a product; any one thing that does (a
service, a pipeline, an image that runs its code, a schedule, an installed command) keeps
it an application. A README that calls itself "an example data science project" is one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.helpers import Tree, audit, found_ids

NOTEBOOK = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
SANDBOX: Tree = {
    "README.md": "# Grocery sales\n\nCode and data for the grocery sales forecasting project.\n",
    "requirements.txt": "pandas==2.2.2\nscikit-learn==1.5.0\n",
    "src/forecast/__init__.py": "",
    "src/forecast/features.py": "def lags(frame):\n    return frame.shift(1)\n",
    "src/forecast/train.py": "def train(model, x, y):\n    model.fit(x, y)\n    return model\n",
    "notebooks/explore.ipynb": NOTEBOOK,
}
LIFECYCLE = {"DATA004", "DOCS002", "DOCS003", "TEST002"}

RUNS_AS_PRODUCT: dict[str, Tree] = {
    "a service": {
        "src/forecast/api.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
    },
    "a declared pipeline": {
        "dvc.yaml": "stages:\n  train:\n    cmd: python src/forecast/train.py\n",
    },
    "an installed command": {
        "pyproject.toml": '[project]\nname = "forecast"\n\n'
        '[project.scripts]\nforecast-train = "forecast.train:main"\n',
    },
    "an image that runs its code": {
        "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\n"
        'CMD ["python", "-m", "forecast.train"]\n',
    },
    "a scheduled workflow": {
        ".github/workflows/retrain.yml": "on:\n  schedule:\n    - cron: '0 3 * * 1'\n"
        "jobs:\n  retrain:\n    runs-on: ubuntu-24.04\n"
        "    steps:\n      - run: python -m forecast.train\n",
    },
}


def test_code_that_only_trains_and_runs_nowhere_is_a_sandbox(tmp_path: Path) -> None:
    build_file_tree(tmp_path, SANDBOX)
    report = audit(tmp_path)
    assert report.kind == "example"
    assert "nothing runs as a product" in report.kind_evidence
    assert not found_ids(report) & LIFECYCLE


@pytest.mark.parametrize("sign", sorted(RUNS_AS_PRODUCT))
def test_one_thing_that_runs_as_a_product_keeps_an_application(tmp_path: Path, sign: str) -> None:
    build_file_tree(tmp_path, SANDBOX | RUNS_AS_PRODUCT[sign])
    report = audit(tmp_path)
    assert report.kind == "application", report.kind_evidence
    assert found_ids(report) & LIFECYCLE


def test_training_scripts_without_notebooks_stay_an_application(tmp_path: Path) -> None:
    scripts = {rel: text for rel, text in SANDBOX.items() if not rel.endswith(".ipynb")}
    build_file_tree(tmp_path, scripts)
    assert audit(tmp_path).kind == "application"


def test_a_notebook_server_image_is_a_workbench_not_a_product(tmp_path: Path) -> None:
    jupyter = "FROM continuumio/anaconda3\nCMD jupyter-lab --no-browser --ip=0.0.0.0 --allow-root\n"
    build_file_tree(tmp_path, SANDBOX | {"Dockerfile": jupyter})
    assert audit(tmp_path).kind == "example"


SERVICE: Tree = {
    "requirements.txt": "fastapi==0.115.0\n",
    "app/__init__.py": "",
    "app/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
}


def test_a_readme_calling_itself_an_example_data_science_project(tmp_path: Path) -> None:
    readme = (
        "# ml-flow-ds-project\n\nForked from: https://gitlab.com/someone/ml-flow-ds-project\n\n"
        "An example data science project using Mlflow.\n"
    )
    build_file_tree(tmp_path, SERVICE | {"README.md": readme})
    report = audit(tmp_path)
    assert report.kind == "example"
    assert "An example data science project" in report.kind_evidence


def test_an_example_request_to_the_project_api_is_no_self_description(tmp_path: Path) -> None:
    readme = "# Churn API\n\nThe example below calls the project API with one customer.\n"
    build_file_tree(tmp_path, SERVICE | {"README.md": readme})
    assert audit(tmp_path).kind == "application"
