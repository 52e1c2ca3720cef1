"""Session 40: a command substitution inside a word (`-v $(pwd):/app`) is part of that
word, so the command after it is still read (CI002, CI003)."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.helpers import committed_status

TRAINING = {"src/train.py": "from sklearn.linear_model import LinearRegression\n"}
LINT_IN_A_CONTAINER = (
    "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n"
    "      - run: docker run --mount type=bind,source=$(pwd),target=/app python:3.12"
    " LINTER src\n"
)


def test_ci003_passes_on_a_linter_run_after_a_substitution_in_a_mount(tmp_path: Path) -> None:
    workflow = LINT_IN_A_CONTAINER.replace("LINTER", "flake8")
    tree = {**TRAINING, ".github/workflows/lint.yml": workflow}
    assert committed_status(tmp_path, tree, "CI003") == "passed"


def test_ci003_fires_when_the_container_runs_no_linter(tmp_path: Path) -> None:
    workflow = LINT_IN_A_CONTAINER.replace("LINTER", "python -m compileall")
    tree = {**TRAINING, ".github/workflows/lint.yml": workflow}
    assert committed_status(tmp_path, tree, "CI003") == "failed"


PYTEST_IN_A_RECIPE = (
    "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n      - run: make test\n"
)
TESTS = {"tests/test_train.py": "def test_fits():\n    assert sum([1, 1]) == 2\n"}


def test_ci002_passes_on_pytest_run_by_an_interpreter_a_variable_holds(tmp_path: Path) -> None:
    tree = {
        **TRAINING,
        **TESTS,
        "Makefile": "PY ?= python3\n\ntest:\n\t$(PY) -m pytest tests\n",
        ".github/workflows/ci.yml": PYTEST_IN_A_RECIPE,
    }
    assert committed_status(tmp_path, tree, "CI002") == "passed"


def test_ci002_fires_when_the_variable_runs_no_test_module(tmp_path: Path) -> None:
    tree = {
        **TRAINING,
        **TESTS,
        "Makefile": "PY ?= python3\n\ntest:\n\t$(PY) -m compileall src\n",
        ".github/workflows/ci.yml": PYTEST_IN_A_RECIPE,
    }
    assert committed_status(tmp_path, tree, "CI002") == "failed"
