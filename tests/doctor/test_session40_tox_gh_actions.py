"""Session 40: under tox-gh-actions a bare `tox` runs the environments mapped to the
job's Python, not the lint environment beside them (CI003)."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.helpers import committed_status

TRAINING = {"src/train.py": "from sklearn.linear_model import LinearRegression\n"}
TOX_INI = (
    "[tox]\nenvlist = py311, py312, lint\n\nMAPPING"
    "[testenv:lint]\ndeps = flake8\ncommands = flake8 src\n\n"
    "[testenv]\ndeps = pytest\ncommands = pytest\n"
)
GH_ACTIONS = "[gh-actions]\npython =\n    3.11: py311\n    3.12: py312\n\n"
WORKFLOW = (
    "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n"
    "      - run: pip install tox tox-gh-actions && tox\n"
)


def test_ci003_fires_when_tox_gh_actions_maps_no_job_to_the_lint_env(tmp_path: Path) -> None:
    tree = {
        **TRAINING,
        "tox.ini": TOX_INI.replace("MAPPING", GH_ACTIONS),
        ".github/workflows/ci.yml": WORKFLOW,
    }
    assert committed_status(tmp_path, tree, "CI003") == "failed"


def test_ci003_passes_when_a_bare_tox_runs_every_environment(tmp_path: Path) -> None:
    tree = {
        **TRAINING,
        "tox.ini": TOX_INI.replace("MAPPING", ""),
        ".github/workflows/ci.yml": WORKFLOW,
    }
    assert committed_status(tmp_path, tree, "CI003") == "passed"
