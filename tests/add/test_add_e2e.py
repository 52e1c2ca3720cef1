"""End to end: components added to a repo mlops did not make work there (slow: pip installs)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from scripts.service_probe import project_env
from tests.add.trees import build_tree, commit_all
from tests.conftest import run_mlops

pytestmark = pytest.mark.e2e

HATCH_PROJECT = (
    '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n'
    '[project]\nname = "churn"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n'
    'dependencies = ["scikit-learn"]\n'
)


def test_added_tests_pass_in_the_repo_they_were_added_to(tmp_path: Path) -> None:
    repo = build_tree(
        tmp_path / "churn",
        {"pyproject.toml": HATCH_PROJECT, "README.md": "# churn\n", "src/churn/__init__.py": ""},
    )
    commit_all(repo)
    added = run_mlops("add", "dvc", "tests", "lock", "makefile", "--path", str(repo))
    assert added.returncode == 0, added.stderr
    for target in ("setup", "test"):
        done = subprocess.run(
            ["make", target],
            cwd=repo,
            capture_output=True,
            text=True,
            env=project_env(),
            timeout=1500,
            check=False,
        )
        assert done.returncode == 0, f"make {target}:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
