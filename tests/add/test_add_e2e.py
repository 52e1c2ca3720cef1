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


def make_setup_and_test(repo: Path) -> subprocess.CompletedProcess[str]:
    """`make setup` then `make test` in the repo, as its user would; the test run."""
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
    return done


def test_added_tests_pass_in_the_repo_they_were_added_to(tmp_path: Path) -> None:
    repo = build_tree(
        tmp_path / "churn",
        {
            "pyproject.toml": HATCH_PROJECT,
            "README.md": "# churn\n",
            "src/churn/__init__.py": "",
            "data/customers.csv": "id,churned\n1,0\n",  # the repo's own data
        },
    )
    commit_all(repo)
    added = run_mlops("add", "dvc", "tests", "lock", "makefile", "--path", str(repo))
    assert added.returncode == 0, added.stderr
    make_setup_and_test(repo)
    # the added pipeline's prepare stage, run as dvc.yaml runs it, writes beside the repo's data
    prepare = subprocess.run(
        [str(repo / ".venv/bin/python"), "-m", "churn.data"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=project_env(),
        timeout=600,
        check=False,
    )
    assert prepare.returncode == 0, prepare.stderr
    assert sorted(path.name for path in (repo / "data").iterdir()) == ["customers.csv"]
    assert (repo / "pipeline_data/raw/breast_cancer.csv").is_file()
    assert (repo / "pipeline_data/processed/train.csv").is_file()


USER_CONFTEST = """import pytest


@pytest.fixture
def params() -> dict[str, str]:
    return {"owner": "the repo"}
"""
USER_TEST = """def test_the_repo_keeps_its_own_params_fixture(params: dict[str, str]) -> None:
    assert params == {"owner": "the repo"}
"""


def test_added_tests_pass_beside_the_repo_s_own_conftest_and_test_names(tmp_path: Path) -> None:
    repo = build_tree(
        tmp_path / "churn",
        {
            "pyproject.toml": HATCH_PROJECT,
            "README.md": "# churn\n",
            "src/churn/__init__.py": "",
            "tests/conftest.py": USER_CONFTEST,  # a `params` fixture, as the template has
            "tests/test_config.py": USER_TEST,  # the name of a template test module
        },
    )
    commit_all(repo)
    added = run_mlops("add", "dvc", "tests", "lock", "makefile", "--path", str(repo))
    assert added.returncode == 0, added.stderr
    assert (repo / "tests/conftest.py").read_text() == USER_CONFTEST
    done = make_setup_and_test(repo)
    assert "test_the_repo_keeps_its_own_params_fixture" not in done.stdout  # it passed quietly
    assert " passed" in done.stdout and " error" not in done.stdout
