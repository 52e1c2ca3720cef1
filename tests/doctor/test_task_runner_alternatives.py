"""Task runners users really use as one-command entry points, followed by the command
graph: go-task's Taskfile, devbox.json scripts, Rye scripts (CI002: does CI run the tests)."""

from __future__ import annotations

from pathlib import Path

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
