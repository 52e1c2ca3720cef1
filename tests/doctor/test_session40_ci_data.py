"""Session 40: black's GitHub action checks by default (CI003)."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.helpers import committed_status

TRAINING = {"src/train.py": "from sklearn.linear_model import LinearRegression\n"}
LINT_JOB = (
    "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n"
)


def test_ci003_passes_on_blacks_action_which_checks_by_default(tmp_path: Path) -> None:
    step = "      - uses: psf/black@stable\n        with:\n          src: ./src\n"
    tree = {**TRAINING, ".github/workflows/lint.yml": LINT_JOB + step}
    assert committed_status(tmp_path, tree, "CI003") == "passed"


def test_ci003_fires_on_black_run_without_check(tmp_path: Path) -> None:
    step = "      - run: pip install black && black src\n"
    tree = {**TRAINING, ".github/workflows/lint.yml": LINT_JOB + step}
    assert committed_status(tmp_path, tree, "CI003") == "failed"
