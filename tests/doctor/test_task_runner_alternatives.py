"""Alternatives users really use, followed by the command graph: task runners (go-task's
Taskfile, devbox.json scripts, Rye scripts) and CI systems (Gitea and Forgejo workflows,
Tekton's Pipelines as Code). CI001: is there CI; CI002: does it run the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.helpers import audit
from tests.doctor.test_commands import ci

TASKFILE = (
    "version: '3'\n\ntasks:\n  default:\n    cmds:\n      - task: check\n"
    "  check:\n    deps: [lint]\n    cmds:\n      - cmd: uv run pytest -q\n"
    "  lint: ruff check .\n  clean:\n    cmds:\n      - rm -rf build\n"
)


def test_ci002_follows_go_task_through_calls_and_deps_to_pytest(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**ci("task"), "Taskfile.yml": TASKFILE})
    assert audit(tmp_path, "CI002").findings == ()


def test_ci002_fires_on_a_go_task_task_that_runs_no_tests(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**ci("task clean"), "Taskfile.yml": TASKFILE})
    assert [f.id for f in audit(tmp_path, "CI002").findings] == ["CI002"]


DEVBOX = '{\n  "packages": ["python@3.12"],\n  "shell": {\n    "scripts": {\n'
DEVBOX += '      "test": ["pip install -e .", "pytest -x"],\n      "fmt": "ruff format ."\n'
DEVBOX += "    }\n  }\n}\n"


def test_ci002_follows_a_devbox_script_to_pytest(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**ci("devbox run test"), "devbox.json": DEVBOX})
    assert audit(tmp_path, "CI002").findings == ()


def test_ci002_fires_on_a_devbox_script_that_runs_no_tests(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**ci("devbox run fmt"), "devbox.json": DEVBOX})
    assert [f.id for f in audit(tmp_path, "CI002").findings] == ["CI002"]


RYE = (
    '[project]\nname = "demo"\nversion = "0.1.0"\n\n[tool.rye.scripts]\n'
    'check = { chain = ["lint", "unit"] }\nlint = "ruff check src"\n'
    'unit = ["python", "-m", "pytest", "-q"]\nserve = { cmd = "uvicorn demo.api:app" }\n'
)


def test_ci002_follows_a_rye_chain_to_pytest(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**ci("rye run check"), "pyproject.toml": RYE})
    assert audit(tmp_path, "CI002").findings == ()


def test_ci002_fires_on_a_rye_script_that_runs_no_tests(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**ci("rye run serve"), "pyproject.toml": RYE})
    assert [f.id for f in audit(tmp_path, "CI002").findings] == ["CI002"]


# CI systems: GitHub-compatible Gitea and Forgejo workflows, Tekton's Pipelines as Code.
GITEA_LIKE = "on: [push]\njobs:\n  test:\n    runs-on: docker\n    steps:\n      - run: {}\n"
TEKTON = (
    "apiVersion: tekton.dev/v1\nkind: PipelineRun\nmetadata:\n  name: ci\n  annotations:\n"
    "    pipelinesascode.tekton.dev/on-event: '[pull_request]'\nspec:\n  pipelineSpec:\n"
    "    tasks:\n      - name: test\n        taskSpec:\n          steps:\n"
    "            - name: unit\n              image: python:3.12\n              script: |\n"
    "                pip install -e .\n                {}\n"
)
SUITE = {"tests/test_demo.py": "def test_demo():\n    assert sum([1, 1]) == 2\n"}


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        (".gitea/workflows/ci.yaml", GITEA_LIKE),
        (".forgejo/workflows/ci.yml", GITEA_LIKE),
        (".tekton/pull-request.yaml", TEKTON),
    ],
)
def test_gitea_forgejo_and_tekton_are_ci_that_runs_the_tests(
    tmp_path: Path, rel: str, text: str
) -> None:
    build_file_tree(tmp_path, {**SUITE, rel: text.format("pytest -q")})
    assert audit(tmp_path, "CI001", "CI002").findings == ()


@pytest.mark.parametrize(
    ("rel", "text"),
    [(".gitea/workflows/ci.yaml", GITEA_LIKE), (".tekton/pull-request.yaml", TEKTON)],
)
def test_ci002_fires_when_those_systems_run_no_tests(tmp_path: Path, rel: str, text: str) -> None:
    build_file_tree(tmp_path, {**SUITE, rel: text.format("python -m build")})
    assert [f.id for f in audit(tmp_path, "CI002").findings] == ["CI002"]


@pytest.mark.parametrize(
    "rel", ["cloudbuild.yaml", "buildspec.yml", "gitea/workflows/ci.yml", "tekton/run.yaml"]
)
def test_a_build_recipe_or_a_look_alike_folder_is_no_ci(tmp_path: Path, rel: str) -> None:
    build_file_tree(tmp_path, {**SUITE, rel: "steps:\n  - script: pytest\n"})
    assert [f.id for f in audit(tmp_path, "CI001").findings] == ["CI001"]


INVOKE = (
    "from invoke import task\n\n\n@task\ndef clean(c):\n    c.run('rm -rf build')\n\n\n"
    "@task(clean)\ndef unit_tests(c):\n    c.run('pytest -q')\n\n\n"
    "@task(pre=[clean])\ndef docs(c):\n    c.run('mkdocs build')\n"
)


def test_ci002_follows_an_invoke_task_to_pytest(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**ci("pip install invoke", "invoke unit-tests"), "tasks.py": INVOKE})
    assert audit(tmp_path, "CI002").findings == ()


def test_ci002_fires_on_an_invoke_task_that_runs_no_tests(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**ci("inv docs"), "tasks.py": INVOKE})
    assert [f.id for f in audit(tmp_path, "CI002").findings] == ["CI002"]


def test_an_invoke_task_is_listed_under_its_function_name_first() -> None:
    """The order a finding's reason quotes from, the same in every run (a set's order
    changed with each run's string hashes)."""
    from mlops_scaffold.doctor.tasks import invoke_tasks

    text = (
        "from invoke import task\n\n\n"
        "@task(default=True)\ndef start_bot(c):\n    c.run('python -m bot')\n"
    )
    assert list(invoke_tasks("tasks/run.py", text, "run")) == [
        "run.start_bot",
        "run.start-bot",
        "run",
    ]
