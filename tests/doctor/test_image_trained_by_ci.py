"""IMG002: CI or a Makefile runs the training script in a container of the only image,
the one that serves (`docker exec <container> python train.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.helpers import Tree, audit

APP = (
    "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/predict')\n"
    "def predict():\n    return 'ok'\n\n\nif __name__ == '__main__':\n    app.run()\n"
)
TRAIN = "from sklearn.linear_model import LinearRegression\n\nLinearRegression().fit([[0]], [0])\n"
IMAGE = "FROM python:3.12-slim\nWORKDIR /srv\nCOPY app/ .\nCMD python app.py\n"


def _project(jenkinsfile: str, dockerfile: str = IMAGE) -> Tree:
    return {
        "requirements.txt": "flask==3.0.0\nscikit-learn==1.5.2\n",
        "app/app.py": APP,
        "app/train.py": TRAIN,
        "Dockerfile": dockerfile,
        "Jenkinsfile": "pipeline {\n  agent any\n  stages {\n    stage('Retrain') {\n"
        f'      steps {{\n        sh "{jenkinsfile}"\n      }}\n    }}\n  }}\n}}\n',
    }


@pytest.mark.parametrize(
    "command",
    [
        "docker exec ${containerId} python train.py",
        "docker run --rm -e MODE=batch $IMAGE python train.py",
    ],
)
def test_training_run_in_the_serving_images_container_is_reported(
    tmp_path: Path, command: str
) -> None:
    build_file_tree(tmp_path, _project(command))
    found = [f"{f.path}:{f.line}" for f in audit(tmp_path, "IMG002").findings]
    assert found == ["Jenkinsfile:6"]


@pytest.mark.parametrize(
    "command",
    [
        # the host's code mounted into a public image
        "docker run --rm -v $PWD/app:/srv -w /srv python:3.12 python train.py",
        # a script the image does not hold
        "docker run --rm $IMAGE python scripts/train.py",
        # the serving image runs its tests, not training
        "docker run $IMAGE python -m pytest evaluate.py",
    ],
)
def test_other_container_runs_pass(tmp_path: Path, command: str) -> None:
    build_file_tree(tmp_path, _project(command))
    assert audit(tmp_path, "IMG002").findings == ()


def test_an_image_that_serves_nothing_is_not_judged_by_its_runs(tmp_path: Path) -> None:
    """A batch image (no port, no server, no service file started) that CI trains in."""
    batch = "FROM python:3.12-slim\nWORKDIR /srv\nCOPY app/ .\nCMD python score.py\n"
    tree = _project("docker exec ${containerId} python train.py", batch)
    build_file_tree(tmp_path, {**tree, "app/score.py": "print('scored')\n"})
    assert audit(tmp_path, "IMG002").findings == ()
