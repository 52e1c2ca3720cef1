"""Type discipline: every option combination passes the generated `make typecheck` (mypy, strict).

One environment, made by the generated project's own `make setup` from the MLflow variant's dev lock
(the widest), checks each rendered combination with that combination's own mypy settings.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from scripts.service_probe import project_env
from tests.generated.conftest import COMBINATIONS, combination_id

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def checker(render_once: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mypy of a set-up MLflow project (a copy of the render, which other tests share)."""
    project = tmp_path_factory.mktemp("typecheck") / "mlflow"
    shutil.copytree(render_once(tracking="mlflow"), project)
    done = subprocess.run(
        ["make", "setup"],
        cwd=project,
        capture_output=True,
        text=True,
        env=project_env(),
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return project / ".venv" / "bin" / "mypy"


@pytest.mark.parametrize("answers", COMBINATIONS, ids=combination_id)
def test_combination_type_checks_clean(
    answers: dict[str, str],
    render_once: Callable[..., Path],
    checker: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    project = render_once(**answers)
    cache = tmp_path_factory.getbasetemp() / "mypy-cache"  # shared: third-party modules once
    done = subprocess.run(
        [str(checker), "--cache-dir", str(cache)],
        cwd=project,
        capture_output=True,
        text=True,
        env=project_env(),
        check=False,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("Success: no issues found")
