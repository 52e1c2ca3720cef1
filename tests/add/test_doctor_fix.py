"""`mlops doctor --fix`: findings grouped by the component that fixes them, a plan with diffs,
applied only with --yes (or a confirmation in a terminal); the rest listed with their fix."""

from __future__ import annotations

import re
from pathlib import Path

from tests.add.trees import build_tree, commit_all, snapshot
from tests.conftest import run_mlops

REPO = {
    "pyproject.toml": '[project]\nname = "churn"\nversion = "0.1"\nrequires-python = ">=3.11"\n',
    "src/churn/__init__.py": "",
    # it trains, so its data, pipeline and runs are the doctor's questions
    "src/churn/train.py": "def train(model, x, y):\n    return model.fit(x, y)\n",
}


def churn_repo(root: Path) -> Path:
    repo = build_tree(root, REPO)
    commit_all(repo)
    return repo


def score(text: str, label: str) -> int:
    match = re.search(rf"^Score {label}: (\d+)$", text, re.MULTILINE)
    assert match, text
    return int(match.group(1))


def test_without_a_terminal_or_yes_fix_is_a_dry_run_that_groups_findings(tmp_path: Path) -> None:
    repo = churn_repo(tmp_path)
    before = snapshot(repo)
    done = run_mlops("doctor", "--fix", str(repo))
    assert done.returncode == 0, done.stderr
    assert re.search(r"^  mlops add dvc fixes .*DATA001", done.stdout, re.MULTILINE)
    assert "Left to you (no component fixes these):\n  DOCS001" in done.stdout  # no README
    assert "+++ b/dvc.yaml" in done.stdout  # the diffs come first
    assert "Dry run: nothing written" in done.stdout
    assert snapshot(repo) == before


def test_fix_with_yes_adds_the_components_and_the_score_goes_up(tmp_path: Path) -> None:
    repo = churn_repo(tmp_path)
    done = run_mlops("doctor", "--fix", "--yes", str(repo))
    assert done.returncode == 0, done.stderr
    assert score(done.stdout, "after") > score(done.stdout, "now")
    assert (repo / "dvc.yaml").is_file() and (repo / ".mlops.yml").is_file()
    assert "needs:" not in done.stdout  # what the components need came with them
