"""An image's role (`image_roles.image_role`): a workbench (a development, notebook or CI
agent's image) is no service, so IMG003 does not judge the user it runs as; the same
image starting a server, or a job that copies its package in, is judged."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.checks.image_roles import PROJECT, TOOL, WORKBENCH, image_role
from mlops_scaffold.doctor.fixtures import AuditView
from mlops_scaffold.repo.parsers import Dockerfile, parse_dockerfile
from tests.conftest import build_file_tree
from tests.doctor.cases import SERVICE
from tests.doctor.helpers import audit, found_ids

SLIM = (
    "FROM python:3.12-slim\nWORKDIR /src\nCOPY requirements.txt .\n"
    "RUN pip install -r requirements.txt\n"
)


def _reported(root: Path, tree: dict[str, str]) -> bool:
    build_file_tree(root, {**SERVICE, "requirements.txt": "fastapi==0.115.0\n", **tree})
    return "IMG003" in found_ids(audit(root, "IMG001", "IMG003"))


@pytest.mark.parametrize(
    ("command", "reported"),
    [
        ('CMD ["bash"]\n', False),
        ('CMD ["/bin/sh", "-l"]\n', False),
        ("CMD jupyter-lab --no-browser \\\n  --ip=0.0.0.0 --allow-root\n", False),
        ('CMD ["sleep", "infinity"]\n', False),
        ('CMD ["uvicorn", "demo.app:app", "--host", "0.0.0.0"]\n', True),
        ('ENTRYPOINT ["/bin/bash", "-c"]\n', True),  # runs the job it is given
        ('CMD ["bash", "./start.sh"]\n', True),
    ],
)
def test_an_image_that_starts_a_shell_or_a_notebook_is_a_workbench(
    tmp_path: Path, command: str, reported: bool
) -> None:
    assert _reported(tmp_path, {"Dockerfile": SLIM + "COPY . .\n" + command}) is reported


@pytest.mark.parametrize(
    ("command", "reported"),
    [('    command: bash -lc "pytest -q"\n', False), ("    command: uvicorn demo.app:app\n", True)],
)
def test_the_command_compose_runs_an_image_with_decides(
    tmp_path: Path, command: str, reported: bool
) -> None:
    compose = "services:\n  dev:\n    build: .\n    volumes:\n      - .:/src\n" + command
    tree = {"Dockerfile": SLIM + 'CMD ["bash"]\n', "compose.yml": compose}
    assert _reported(tmp_path, tree) is reported


NOTEBOOK = "FROM jupyter/docker-stacks-foundation:2024-01-08\nUSER root\nRUN apt-get update\n"


@pytest.mark.parametrize(
    ("end", "reported"), [("ENTRYPOINT []\n", False), ('CMD ["python", "-m", "demo.app"]\n', True)]
)
def test_a_notebook_image_that_starts_nothing_else_is_a_workbench(
    tmp_path: Path, end: str, reported: bool
) -> None:
    assert _reported(tmp_path, {"Dockerfile": NOTEBOOK + end}) is reported


@pytest.mark.parametrize(("copied", "reported"), [("run.sh", False), ("src/", True)])
def test_a_bare_distribution_with_its_shell_is_a_workbench_unless_it_takes_the_code(
    tmp_path: Path, copied: str, reported: bool
) -> None:
    dockerfile = f"FROM alpine:3.21\nRUN apk add bash\nCOPY {copied} /work/\n"
    tree = {"Dockerfile": dockerfile, "run.sh": "echo hi\n"}
    assert _reported(tmp_path, tree) is reported


@pytest.mark.parametrize(
    ("command", "reported"), [("", False), ('CMD ["python", "serve.py"]\n', True)]
)
def test_an_image_of_the_ci_dependency_set_is_a_ci_agent(
    tmp_path: Path, command: str, reported: bool
) -> None:
    dockerfile = (
        "FROM continuumio/miniconda3:24.11.1-0\nCOPY ci/ci_dependencies.yml /setup/\n"
        "RUN conda env create -f /setup/ci_dependencies.yml\n" + command
    )
    tree = {"docker/agent/Dockerfile": dockerfile, "ci/ci_dependencies.yml": "name: ci\n"}
    assert _reported(tmp_path, tree) is reported


def _dockerfile(text: str) -> Dockerfile:
    return Dockerfile("Dockerfile", tuple(parse_dockerfile(text)))


def test_roles_follow_the_stages_an_image_is_built_from() -> None:
    staged = SLIM.replace("FROM python:3.12-slim", "FROM python:3.12-slim AS dev")
    assert image_role(_dockerfile(staged + 'CMD ["bash"]\nFROM dev\n'), []) == WORKBENCH
    assert image_role(_dockerfile(staged + 'CMD ["bash"]\nFROM dev\nCMD ["gunicorn"]\n'), []) == (
        PROJECT
    )
    assert image_role(_dockerfile(SLIM), ["mlflow server --host 0.0.0.0"]) == TOOL


@pytest.mark.parametrize(
    ("command", "reported"),
    [("command: pytest -q", False), ("command: uvicorn demo.app:app", True)],
)
def test_services_that_run_the_built_image_by_its_name_count(
    tmp_path: Path, command: str, reported: bool
) -> None:
    compose = (
        "services:\n  base:\n    build: .\n    image: demo-dev:latest\n"
        f"  run:\n    image: demo-dev:latest\n    {command}\n"
    )
    tree = {"Dockerfile": SLIM + 'CMD ["bash"]\n', "compose.yml": compose}
    assert _reported(tmp_path, tree) is reported


@pytest.mark.parametrize(
    ("entrypoint", "role"),
    [("    entrypoint: mlflow server --host 0.0.0.0\n", TOOL), ("", PROJECT)],
)
def test_a_compose_entrypoint_is_what_the_service_runs(
    tmp_path: Path, entrypoint: str, role: str
) -> None:
    tracking = "FROM python:3.12-slim\nRUN pip install mlflow==2.16.0\n"
    compose = "services:\n  mlflow:\n    build: ./mlflow\n" + entrypoint
    build_file_tree(tmp_path, {"mlflow/Dockerfile": tracking, "compose.yml": compose})
    assert AuditView(tmp_path).image_roles == {"mlflow/Dockerfile": role}
