"""`make demo`'s script leaves the demo with a clean `git status`, as its README promises."""

from __future__ import annotations

import subprocess
from pathlib import Path

from scripts.demo import commit_training_outputs
from tests.conftest import build_file_tree


def git(repo: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args]
    return subprocess.run(command, cwd=repo, capture_output=True, text=True, check=True).stdout


def test_the_training_outputs_are_committed_and_nothing_else(tmp_path: Path) -> None:
    repo = build_file_tree(
        tmp_path / "demo",
        {
            ".copier-answers.yml": "author_name: A\nauthor_email: a@example.org\n",
            "README.md": "x\n",
        },
    )
    git(repo, "init", "--quiet")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "Initial project")
    build_file_tree(
        repo,
        {"dvc.lock": "schema: '2.0'\n", "metrics/evaluate.json": "{}\n", "plots/roc.csv": "a\n"},
    )
    (repo / "README.md").write_text("edited by hand\n", encoding="utf-8")

    commit_training_outputs(repo)

    assert git(repo, "status", "--porcelain") == " M README.md\n"
    assert git(repo, "show", "--name-only", "--format=%s", "HEAD").splitlines() == [
        "Train the model (make train): dvc.lock, metrics and plots",
        "",
        "dvc.lock",
        "metrics/evaluate.json",
        "plots/roc.csv",
    ]


def test_an_up_to_date_pipeline_adds_no_commit(tmp_path: Path) -> None:
    repo = build_file_tree(
        tmp_path / "demo",
        {".copier-answers.yml": "author_name: A\nauthor_email: a@example.org\n", "dvc.lock": "x\n"},
    )
    git(repo, "init", "--quiet")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "Trained")

    commit_training_outputs(repo)

    assert git(repo, "rev-list", "--count", "HEAD") == "1\n"
