"""`mlops add precommit` in a repo mlops did not make: every hook installs its own pinned tool,
so `pre-commit run --all-files` works with nothing but pre-commit installed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mlops_scaffold.template import template_dir
from tests.add.trees import build_tree, commit_all
from tests.conftest import run_mlops

CLEAN = {
    "util.py": "def add(a: int, b: int) -> int:\n    return a + b\n",
    "config.yaml": "a: 1\n",
    "requirements.txt": "numpy\n",
}
NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": 3,
            "metadata": {},
            "outputs": [{"name": "stdout", "output_type": "stream", "text": ["row 1: 0.3\n"]}],
            "source": ["print('row 1')"],
        }
    ],
    "metadata": {},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def hooks(repo: Path) -> list[dict[str, object]]:
    config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())
    return [hook for entry in config["repos"] for hook in entry["hooks"]]


def dev_lock_pin(name: str) -> str:
    lock = next((template_dir() / "template" / "requirements").glob("*dvc*dev.txt*"))
    line = next(line for line in lock.read_text().splitlines() if line.startswith(f"{name}=="))
    return line.split()[0]


def test_each_hook_installs_its_own_tool_pinned_as_the_template_lock(tmp_path: Path) -> None:
    repo = build_tree(tmp_path, CLEAN)
    assert run_mlops("add", "precommit", "--path", str(repo)).returncode == 0
    found = hooks(repo)
    assert {hook["language"] for hook in found} == {"python"}
    pins = {dep for hook in found for dep in hook["additional_dependencies"]}  # type: ignore[union-attr]
    assert {dev_lock_pin("ruff"), dev_lock_pin("pre-commit-hooks")} <= pins
    assert "nbstripout" in {hook["id"] for hook in found}


def test_the_plan_for_hooks_says_nothing_about_a_package(tmp_path: Path) -> None:
    repo = build_tree(tmp_path, CLEAN)
    done = run_mlops("add", "precommit", "--dry-run", "--path", str(repo))
    assert done.returncode == 0 and "no package found" not in done.stdout


@pytest.fixture(scope="module")
def pre_commit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit alone, installed from the package index into a fresh venv."""
    venv = tmp_path_factory.mktemp("pre-commit-venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin/python"), "-m", "pip", "install", "--quiet", "pre-commit"],
        check=True,
        timeout=600,
    )
    return venv / "bin/pre-commit"


def run_hooks(pre_commit: Path, repo: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}
    env["PATH"] = "/usr/bin:/bin"  # no tool of ours on PATH: the hooks bring their own
    return subprocess.run(
        [str(pre_commit), "run", "--all-files"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=1200,
        check=False,
    )


@pytest.mark.e2e
def test_hooks_pass_on_a_fresh_clone_with_only_pre_commit_installed(
    tmp_path: Path, pre_commit: Path
) -> None:
    repo = build_tree(tmp_path / "work", CLEAN)
    commit_all(repo)
    assert run_mlops("add", "precommit", "--path", str(repo)).returncode == 0
    commit_all(repo, "hooks")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(repo), str(clone)], check=True)
    done = run_hooks(pre_commit, clone)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "ruff check" in done.stdout and "check yaml" in done.stdout


@pytest.mark.e2e
def test_notebook_outputs_are_stripped_by_the_hook(tmp_path: Path, pre_commit: Path) -> None:
    repo = build_tree(tmp_path, {**CLEAN, "explore.ipynb": json.dumps(NOTEBOOK, indent=1) + "\n"})
    assert run_mlops("add", "precommit", "--path", str(repo)).returncode == 0
    commit_all(repo)
    first = run_hooks(pre_commit, repo)
    assert first.returncode == 1 and "files were modified by this hook" in first.stdout
    assert json.loads((repo / "explore.ipynb").read_text())["cells"][0]["outputs"] == []
    commit_all(repo, "stripped")
    assert run_hooks(pre_commit, repo).returncode == 0
