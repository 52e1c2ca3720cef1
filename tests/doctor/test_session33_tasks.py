"""Session 33's fixes of DOCS003: a task that only echoes runs nothing (npm's placeholder
test script), and a package.json's scripts are the project's tasks when they start its own
programs, not when they build or test a web front end alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, committed_status

# -- DOCS003: tasks that run something of the project's -----------------------------------------

NO_TEST = 'echo \\"Error: no test specified\\" && exit 1'


def _docs003(root: Path, tree: Tree) -> str:
    return committed_status(root, {"README.md": "# Demo\n", **tree}, "DOCS003")


@pytest.mark.parametrize(("command", "status"), [(NO_TEST, "failed"), ("uv run pytest", "passed")])
def test_a_devbox_script_that_only_echoes_runs_nothing(
    tmp_path: Path, command: str, status: str
) -> None:
    scripts = '{"test": "' + command + '"}'
    devbox = '{"packages": ["python@3.12"], "shell": {"scripts": ' + scripts + "}}\n"
    assert _docs003(tmp_path, {"devbox.json": devbox}) == status


@pytest.mark.parametrize(
    ("recipe", "status"), [("@echo 'tests: none yet'", "failed"), ("pytest -q", "passed")]
)
def test_a_make_target_that_only_echoes_runs_nothing(
    tmp_path: Path, recipe: str, status: str
) -> None:
    assert _docs003(tmp_path, {"Makefile": f"test:\n\t{recipe}\n"}) == status


@pytest.mark.parametrize(
    ("scripts", "status"),
    [
        ({"dev": "vite", "build": "vite build", "test": "vitest run"}, "failed"),
        ({"test": NO_TEST.replace("\\", "")}, "failed"),
        ({"dev": "vite", "train": "python train.py"}, "passed"),
        ({"dev:api": "cd .. && uv run uvicorn demo.app:app --reload"}, "passed"),
    ],
)
def test_npm_scripts_count_when_they_run_the_projects_programs(
    tmp_path: Path, scripts: dict[str, str], status: str
) -> None:
    package = json.dumps({"name": "web", "private": True, "scripts": scripts}, indent=2)
    tree = {"web/package.json": package, "web/train.py": "print('fit')\n"}
    assert _docs003(tmp_path, tree) == status
