"""ENV004 after round 16: a service that trains shares its set with training, unless
another service, built from a folder holding no training code, installs a set of its own."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import Tree, audit, git_commit, status_of

IMAGE = (
    "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
    "RUN pip install --no-cache-dir -r requirements.txt\nCOPY app/ ./app/\nEXPOSE 8000\n"
    'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]\n'
)
TRAINER = "def run(model, x, y):\n    model.fit(x, y)\n    return model\n"
TRAINING_SERVICE = {
    "services/training/app/__init__.py": "",
    "services/training/app/trainer.py": TRAINER,
    "services/training/app/main.py": (
        "from fastapi import FastAPI\n\nfrom app.trainer import run\n\napp = FastAPI()\n\n\n"
        "@app.post('/train')\ndef train(model, x, y):\n    return run(model, x, y)\n"
    ),
    "services/training/requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\n",
    "services/training/Dockerfile": IMAGE,
}
SERVING_APP = (
    "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
    "@app.get('/predict')\ndef predict(x: float) -> float:\n    return x\n"
)


def _env004(root: Path, tree: Tree) -> Status:
    build_file_tree(root, tree)
    git_commit(root)
    return status_of(audit(root, "ENV004"), "ENV004")


def test_a_service_that_trains_alone_is_one_set_for_both(tmp_path: Path) -> None:
    assert _env004(tmp_path, TRAINING_SERVICE) is Status.FAILED


def test_a_serving_service_built_apart_with_its_own_set_passes(tmp_path: Path) -> None:
    serving = {
        "services/serving/app/__init__.py": "",
        "services/serving/app/main.py": SERVING_APP,
        "services/serving/requirements.txt": "fastapi==0.115.0\n",
        "services/serving/Dockerfile": IMAGE,
    }
    assert _env004(tmp_path, {**TRAINING_SERVICE, **serving}) is Status.PASSED


# ENV001: an empty requirements file declares nothing, in a repository or a template.
def _env001(root: Path, tree: Tree) -> Status:
    build_file_tree(root, tree)
    git_commit(root)
    return status_of(audit(root, "ENV001"), "ENV001")


TRAIN = {"src/train.py": TRAINER}


def test_an_empty_requirements_file_declares_nothing(tmp_path: Path) -> None:
    assert _env001(tmp_path / "repo", {**TRAIN, "requirements.txt": "\n# none yet\n"}) is (
        Status.FAILED
    )
    template = {
        "cookiecutter.json": '{"slug": "demo"}',
        "{{ cookiecutter.slug }}/src/train.py": TRAINER,
        "{{ cookiecutter.slug }}/requirements.txt": "",
    }
    assert _env001(tmp_path / "template", template) is Status.FAILED


def test_a_requirements_file_listing_a_package_declares_it(tmp_path: Path) -> None:
    listed = "# runtime\nscikit-learn==1.5.2\n"
    assert _env001(tmp_path / "repo", {**TRAIN, "requirements.txt": listed}) is Status.PASSED
    template = {
        "cookiecutter.json": '{"slug": "demo"}',
        "{{ cookiecutter.slug }}/src/train.py": TRAINER,
        "{{ cookiecutter.slug }}/requirements.txt": "-e .\n",
    }
    assert _env001(tmp_path / "template", template) is Status.PASSED
