"""Session 32: ENV004 asks of every serving entry what it installs, and whether that is
the set training installs.

A service no image builds and no platform serves runs with the set of the folder it sits
in; MLflow's scoring server started with `--no-conda` (or `--env-manager local`) installs
nothing, KServe's own runtimes install no set of the project's; every serving image
counts (one installing the training set is reported, whatever another installs); an
image's packages installed by name are its own set, pinned or not; a file beside
training code that lacks a package training imports from another file there is no
training set; an image compose starts as a server is no job's; a Dockerfile copying a
file the repository lacks is built from the folder holding the others; Dagster's
webserver is a tool; a command running `*_server.py` serves."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.doctor.helpers import Tree, status_on

API = "from fastapi import FastAPI\n\napp = FastAPI()\n"
FITS = "def main(model, x, y):\n    model.fit(x, y)\n"
TRAINING_SET = "scikit-learn==1.5.2\nmlflow==2.16.0\nmatplotlib==3.9.0\n"
SERVING_SET = "fastapi==0.115.0\nscikit-learn==1.5.2\n"
TRAINING: Tree = {"requirements.txt": TRAINING_SET, "src/train.py": FITS}
# An image of a folder's service that installs that folder's requirements.txt.
FOLDER_IMAGE = (
    "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
    'COPY . .\nEXPOSE 8000\nCMD ["uvicorn", "main:app"]\n'
)
ROOT_IMAGE = FOLDER_IMAGE.replace("main:app", "src.app:app")
API_FOLDER: Tree = {
    "api/main.py": API,
    "api/requirements.txt": SERVING_SET,
    "api/.dockerignore": "*.pyc\n",
    "api/Dockerfile": FOLDER_IMAGE,
}


def _env004(root: Path, tree: Tree) -> Status:
    return status_on(root, tree, "ENV004")


# -- a service no image builds runs with its folder's set ---------------------------------


@pytest.mark.parametrize(("own_set", "status"), [(True, Status.PASSED), (False, Status.FAILED)])
def test_a_service_no_image_builds_runs_with_its_folders_set(
    tmp_path: Path, own_set: bool, status: Status
) -> None:
    tree = {**TRAINING, "service/app.py": API}
    if own_set:
        tree["service/requirements.txt"] = SERVING_SET
    assert _env004(tmp_path, tree) is status


def test_a_folders_set_where_training_runs_is_the_training_set(tmp_path: Path) -> None:
    tree = {
        "model/requirements.txt": TRAINING_SET,
        "model/train.py": FITS,
        "model/app.py": API,
    }
    assert _env004(tmp_path, tree) is Status.FAILED


def test_a_service_beside_an_image_apart_runs_with_the_training_set(tmp_path: Path) -> None:
    tree = {**TRAINING, **API_FOLDER}
    assert _env004(tmp_path / "apart", tree) is Status.PASSED
    tree["serve_locally.py"] = API  # run from the root's set, as training is
    assert _env004(tmp_path / "root", tree) is Status.FAILED


# -- serving platforms: MLflow's scoring server, KServe's runtimes ------------------------


@pytest.mark.parametrize(
    ("option", "status"),
    [("", Status.PASSED), (" --no-conda", Status.FAILED), (" --env-manager=local", Status.FAILED)],
)
def test_mlflow_models_serve_in_the_callers_environment_installs_no_set(
    tmp_path: Path, option: str, status: Status
) -> None:
    script = f"#!/bin/sh\nmlflow models serve -m models:/churn/1 -p 5001{option}\n"
    assert _env004(tmp_path, {**TRAINING, "serve.sh": script}) is status


KSERVE = (
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n"
    "metadata:\n  name: churn\nspec:\n  predictor:\n{predictor}"
)
RUNTIME = "    model:\n      modelFormat:\n        name: sklearn\n      storageUri: s3://m/churn\n"
CONTAINER = "    containers:\n      - name: api\n        image: ghcr.io/acme/churn:1.0\n"


@pytest.mark.parametrize(("predictor", "status"), [(RUNTIME, Status.PASSED), (CONTAINER, None)])
def test_kserves_own_runtime_installs_no_set_of_the_project(
    tmp_path: Path, predictor: str, status: Status | None
) -> None:
    tree = {**TRAINING, "k8s/isvc.yaml": KSERVE.format(predictor=predictor)}
    assert _env004(tmp_path, tree) is (status or Status.FAILED)


@pytest.mark.parametrize(
    ("command", "status"),
    [("jobs/score_batch.py", Status.PASSED), ("serving/model_server.py", Status.FAILED)],
)
def test_an_image_running_a_model_server_module_is_answered_by_its_own_set(
    tmp_path: Path, command: str, status: Status
) -> None:
    image = (
        "FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n"
        f'CMD ["python", "/app/{command}"]\n'
    )
    tree = {
        **TRAINING,
        "k8s/isvc.yaml": KSERVE.format(predictor=RUNTIME),
        "deploy/Dockerfile": image,
        "serving/model_server.py": "import redis\n",
        "jobs/score_batch.py": "import pandas\n",
    }
    assert _env004(tmp_path, tree) is status


# -- every serving image counts -----------------------------------------------------------


def test_one_serving_image_installing_the_training_set_is_reported(tmp_path: Path) -> None:
    tree = {**TRAINING, **API_FOLDER}
    assert _env004(tmp_path / "one", tree) is Status.PASSED
    # a second service, in an image that ships the root's set
    tree.update({"src/app.py": API, "Dockerfile": ROOT_IMAGE})
    assert _env004(tmp_path / "both", tree) is Status.FAILED


@pytest.mark.parametrize(
    ("install", "status"),
    [
        ("RUN pip install pandas fastapi uvicorn scikit-learn\n", Status.PASSED),
        ("RUN pip install -r requirements.txt fastapi uvicorn\n", Status.FAILED),
    ],
)
def test_packages_an_image_installs_by_name_are_its_own_set(
    tmp_path: Path, install: str, status: Status
) -> None:
    image = (
        f"FROM python:3.12-slim\nCOPY . /api\nWORKDIR /api\n{install}"
        'EXPOSE 8000\nCMD ["uvicorn", "app:app"]\n'
    )
    tree = {**TRAINING, "app.py": API, "Dockerfile": image}
    assert _env004(tmp_path, tree) is status


# -- a file beside training code that lacks what training imports -------------------------

TRAIN_WITH_LIGHTNING = (
    "import lightning\nimport torch\n\n\ndef main(model, data):\n"
    "    lightning.Trainer().fit(model, data)\n"
)
PROJECT = (
    '[project]\nname = "flowers"\nversion = "0.1.0"\n'
    'dependencies = ["torch==2.4.0", "lightning==2.4.0", "fastapi==0.115.0"]\n'
)


@pytest.mark.parametrize(
    ("served", "status"),
    [("torch==2.4.0\nfastapi==0.115.0\n", Status.PASSED), (None, Status.FAILED)],
)
def test_a_set_lacking_a_package_training_imports_is_no_training_set(
    tmp_path: Path, served: str | None, status: Status
) -> None:
    tree = {
        "backend/pyproject.toml": PROJECT,
        "backend/train.py": TRAIN_WITH_LIGHTNING,
        "backend/main.py": API,
        "backend/.dockerignore": "*.pyc\n",
        "backend/Dockerfile": FOLDER_IMAGE,
        "backend/requirements.txt": served or "torch==2.4.0\nlightning==2.4.0\nfastapi\n",
    }
    assert _env004(tmp_path, tree) is status


# -- which images serve, and where they are built from ------------------------------------


@pytest.mark.parametrize(("command", "status"), [("", Status.FAILED), ("uvicorn", Status.PASSED)])
def test_an_image_compose_starts_as_a_server_is_no_jobs_image(
    tmp_path: Path, command: str, status: Status
) -> None:
    quiet = "FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\n"
    gradio = (
        "FROM python:3.12-slim\nCOPY api/ /app\nRUN pip install -r /app/requirements.txt\n"
        'EXPOSE 7860\nCMD ["python", "/app/ui.py"]\n'
    )
    compose = "services:\n  api:\n    build: ./api\n"
    if command:
        compose += f"    command: {command} main:app --port 8000\n"
    tree = {
        **TRAINING,
        "api/main.py": API,
        "api/ui.py": API,
        "api/requirements.txt": SERVING_SET,
        "api/.dockerignore": "*.pyc\n",
        "api/Dockerfile": quiet,
        "Dockerfile": gradio,
        "docker-compose.yml": compose,
    }
    assert _env004(tmp_path, tree) is status


@pytest.mark.parametrize(("own", "status"), [(True, Status.PASSED), (False, Status.FAILED)])
def test_an_image_copying_a_file_made_later_is_built_from_the_folder_holding_the_rest(
    tmp_path: Path, own: bool, status: Status
) -> None:
    image = (
        "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
        "RUN pip install -r requirements.txt\nCOPY predictions.parquet .\nCOPY predict.py .\n"
        'EXPOSE 9696\nCMD ["gunicorn", "predict:app"]\n'
    )
    tree = {**TRAINING, "deploy/web/Dockerfile": image, "deploy/web/predict.py": API}
    if own:  # predictions.parquet is written there by a Makefile before the build
        tree["deploy/web/requirements.txt"] = SERVING_SET
    assert _env004(tmp_path, tree) is status


@pytest.mark.parametrize(
    ("command", "status"),
    [
        ('["dagster-webserver", "-h", "0.0.0.0"]', Status.PASSED),
        ('["uvicorn", "src.app:app"]', Status.FAILED),
    ],
)
def test_dagsters_webserver_image_serves_no_model(
    tmp_path: Path, command: str, status: Status
) -> None:
    image = (
        "FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\n"
        f"EXPOSE 3000\nCMD {command}\n"
    )
    tree = {**TRAINING, **API_FOLDER, "Dockerfile": image}
    assert _env004(tmp_path, tree) is status
