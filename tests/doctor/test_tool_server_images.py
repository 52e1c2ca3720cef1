"""An image that only packages a tool's server, started by the command a compose file runs
it with (`command: mlflow server ...`), is no image of the project: it is no second image
for IMG002 and no serving image whose requirements make a serving set for ENV004."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import TRAINING
from tests.doctor.helpers import Tree, audit, git_commit, status_of

API_APP = "from fastapi import FastAPI\n\napp = FastAPI()\n"
# A tracking server's image with no CMD of its own: compose says what it runs.
TOOL_IMAGE = (
    "FROM python:3.12-slim\nCOPY requirements.txt ./requirements.txt\n"
    "RUN pip install -r requirements.txt\nEXPOSE 5000\n"
)
COMPOSE = "services:\n  api:\n    build: .\n  mlflow:\n    build: ./mlflow\n{command}"
MLFLOW_SERVER = "    command: mlflow server --host 0.0.0.0 --port 5000\n"


def _status(root: Path, tree: Tree, check_id: str) -> Status:
    build_file_tree(root, tree)
    git_commit(root)
    return status_of(audit(root, check_id), check_id)


def _repository(image: str, command: str) -> Tree:
    return {
        **TRAINING,
        "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\n",
        "app.py": API_APP,
        "Dockerfile": image,
        "mlflow/Dockerfile": TOOL_IMAGE,
        "mlflow/requirements.txt": "mlflow==2.16.0\n",
        "docker-compose.yml": COMPOSE.format(command=command),
    }


SERVING = (
    "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
    'COPY . .\nEXPOSE 8000\nCMD ["uvicorn", "app:app"]\n'
)
# The project's only image trains (an image that serves and trains itself is reported
# however many images there are: this one runs the training beside the app's service).
TRAINS = SERVING.replace("EXPOSE 8000\n", "").replace(
    'CMD ["uvicorn", "app:app"]', 'CMD ["python", "train.py"]'
)


@pytest.mark.parametrize(
    ("command", "expected"), [(MLFLOW_SERVER, Status.FAILED), ("", Status.PASSED)]
)
def test_a_tracking_servers_requirements_are_no_serving_set(
    tmp_path: Path, command: str, expected: Status
) -> None:
    tree = _repository(SERVING.replace("RUN pip install -r requirements.txt\n", ""), command)
    # the mlflow/ image holds a service of its own unless compose runs it as the tool's
    # server (an image built from a folder with no service code serves no model anyway);
    # the root's image installs nothing, so the mlflow/ image's set alone decides
    tree["mlflow/app.py"] = API_APP
    assert _status(tmp_path, tree, "ENV004") is expected


@pytest.mark.parametrize(
    ("command", "expected"), [(MLFLOW_SERVER, Status.FAILED), ("", Status.PASSED)]
)
def test_a_tracking_servers_image_is_no_second_project_image(
    tmp_path: Path, command: str, expected: Status
) -> None:
    assert _status(tmp_path, _repository(TRAINS, command), "IMG002") is expected
