"""Principles drawn from round 16 for DOCS001 and SEC001: a README's task runner call
sits on one line (`apt install make` runs no task of the next line); cruft create
generates a project from a template as cookiecutter does; a tokenizer is no token."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.doctor.helpers import committed_status, status_on

TRAINING = {"train.py": "from sklearn.linear_model import LogisticRegression\n"}
MAKEFILE = (
    "prepare: venv\n\nvenv:\n\tpython3 -m venv .venv\n\tpoetry install\n\n"
    "run:\n\tpython3 train.py\n"
)


def _readme(*blocks: str) -> str:
    fenced = "".join(f"```bash\n{block}\n```\n\n" for block in blocks)
    return f"# Demo\n\nA model.\n\n{fenced}"


@pytest.mark.parametrize(
    ("task", "status"), [("make prepare", Status.PASSED), ("make run", Status.FAILED)]
)
def test_docs001_reads_the_task_after_a_line_ending_in_make(
    tmp_path: Path, task: str, status: Status
) -> None:
    tree = {"Makefile": MAKEFILE, "README.md": _readme("sudo apt install make", task)}
    assert status_on(tmp_path, tree, "DOCS001") is status


@pytest.mark.parametrize(
    ("command", "status"),
    [
        ("cruft create https://github.com/acme/ml-template.git", Status.PASSED),
        ("cruft check", Status.FAILED),
    ],
)
def test_docs001_takes_cruft_create_as_a_template_command(
    tmp_path: Path, command: str, status: Status
) -> None:
    assert status_on(tmp_path, {"README.md": _readme(command)}, "DOCS001") is status


DIGEST = "5b0c9e41d7a3f28e6c14b97d02af53e8c7d61f4a9e2b80c3d57f16a4e9b2c708"


@pytest.mark.parametrize(
    ("key", "result"), [("tokenizer/tokenizer_config.json", "passed"), ("hub_token", "failed")]
)
def test_sec001_a_tokenizer_is_no_token(tmp_path: Path, key: str, result: str) -> None:
    checksums = f'{{\n  "model.bin": "{DIGEST}",\n  "{key}": "{DIGEST}"\n}}\n'
    tree = {**TRAINING, "bundle/checksums.json": checksums}
    assert committed_status(tmp_path, tree, "SEC001") == result


TRAINING_SERVICE = {
    "training/requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\n",
    "training/app/__init__.py": "",
    "training/app/main.py": (
        "from fastapi import FastAPI\n\nfrom app.trainer import train\n\napp = FastAPI()\n\n\n"
        '@app.post("/jobs")\ndef start(job: dict) -> dict:\n    train(None, [], [])\n'
        '    return {"status": "started"}\n'
    ),
    "training/app/trainer.py": "def train(model, x, y):\n    model.fit(x, y)\n    return model\n",
    "training/Dockerfile": (
        "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
        'COPY app/ ./app/\nEXPOSE 8000\nCMD ["uvicorn", "app.main:app"]\n'
    ),
}
SERVING_SERVICE = {
    "serving/requirements.txt": "fastapi==0.115.0\n",
    "serving/app/__init__.py": "",
    "serving/app/main.py": (
        "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
        '@app.post("/predict")\ndef predict(x: dict) -> dict:\n    return {"score": 0.5}\n'
    ),
    "serving/Dockerfile": (
        "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
        'COPY app/ ./app/\nEXPOSE 8080\nCMD ["uvicorn", "app.main:app"]\n'
    ),
}
TRAINING_COMPOSE = "services:\n  training:\n    build: ./training\n"


@pytest.mark.parametrize(("serving", "result"), [(SERVING_SERVICE, "passed"), ({}, "failed")])
def test_img002_a_training_image_may_run_the_training_jobs_api(
    tmp_path: Path, serving: dict[str, str], result: str
) -> None:
    compose = TRAINING_COMPOSE + ("  serving:\n    build: ./serving\n" if serving else "")
    tree = {**TRAINING_SERVICE, **serving, "docker-compose.yml": compose}
    assert committed_status(tmp_path, tree, "IMG002") == result


PIPELINE = {
    "pipeline/train.py": (
        "from sklearn.linear_model import LogisticRegression\n\n\n"
        "def train(x, y):\n    return LogisticRegression().fit(x, y)\n"
    ),
    "images/tracking/Dockerfile": (
        "FROM python:3.11-slim\nRUN pip install --no-cache-dir mlflow psycopg2-binary\n"
        "EXPOSE 5000\n"
    ),
}


@pytest.mark.parametrize(
    ("command", "status"),
    [
        ("mlflow server --host 0.0.0.0 --port 5000", Status.NOT_APPLICABLE),
        ("uvicorn serve:app --host 0.0.0.0 --port 5000", Status.FAILED),
    ],
)
def test_serve001_a_tool_server_built_here_serves_no_model(
    tmp_path: Path, command: str, status: Status
) -> None:
    compose = (
        "services:\n  tracking:\n    build:\n      context: images/tracking\n"
        f'    ports:\n      - "5000:5000"\n    command: {command}\n'
    )
    tree = {**PIPELINE, "docker-compose.yml": compose}
    assert status_on(tmp_path, tree, "SERVE001") is status


@pytest.mark.parametrize(("task", "status"), [("up", Status.PASSED), ("logs", Status.FAILED)])
def test_docs003_up_starts_the_stack(tmp_path: Path, task: str, status: Status) -> None:
    makefile = f"{task}:\n\tdocker compose up --build\n"
    tree = {"Makefile": makefile, "docker-compose.yml": "services:\n  api:\n    build: .\n"}
    assert status_on(tmp_path, tree, "DOCS003") is status


@pytest.mark.parametrize(
    "pointer",
    [
        "The code is in `modelling`, with its own README.",
        "See [the model](./modelling/).",
        "See [the model](https://github.com/owner/paper/tree/main/modelling).",
    ],
)
@pytest.mark.parametrize(
    ("folder_readme", "status"),
    [
        ("# Modelling\n\n```\npip install -r requirements.txt\n```\n", Status.PASSED),
        ("# Modelling\n\nThe model of the paper.\n", Status.FAILED),
    ],
)
def test_docs001_follows_a_folder_the_readme_points_to(
    tmp_path: Path, pointer: str, folder_readme: str, status: Status
) -> None:
    tree = {
        "README.md": f"# Paper\n\n{pointer}\n",
        "modelling/README.md": folder_readme,
        "modelling/requirements.txt": "torch\n",
    }
    assert status_on(tmp_path, tree, "DOCS001") is status


@pytest.mark.parametrize(
    ("address", "status"),
    [
        ("https://github.com/owner/paper/blob/main/docs/setup-env.md", Status.PASSED),
        ("https://github.com/owner/paper/blob/main/docs/missing.md", Status.FAILED),
    ],
)
def test_docs001_follows_a_page_linked_by_its_github_address(
    tmp_path: Path, address: str, status: Status
) -> None:
    page = "# Environment\n\n```\npip install -r requirements.txt\n```\n"
    tree = {
        "README.md": f"# Paper\n\nSee [the guide]({address}).\n",
        "docs/setup-env.md": page,
        "requirements.txt": "torch\n",
    }
    assert status_on(tmp_path, tree, "DOCS001") is status
