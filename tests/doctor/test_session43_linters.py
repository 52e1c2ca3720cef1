"""Session 43: CODE003 finds a linter where linters look for their settings, in a hook
configuration below the root, in a pyproject.toml with an error elsewhere, and in a
shell script the repository keeps to lint."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_file_tree
from tests.doctor.helpers import audit, committed_status, found_ids

CODE = {"src/churn/__init__.py": "", "src/churn/train.py": "from sklearn.svm import SVC\n"}
PROJECT = '[project]\nname = "{name}"\nversion = "1"\n'


def _projects_in_src() -> dict[str, str]:
    """A repository of two projects whose packages sit in `<project>/src/` (Kedro's
    layout: setup.py in src/, the project's settings in the folder above)."""
    tree = {}
    for name in ("spaceflight", "textclf"):
        tree[f"{name}/src/setup.py"] = f"from setuptools import setup\nsetup(name='{name}')\n"
        tree[f"{name}/src/{name}/__init__.py"] = ""
        tree[f"{name}/src/{name}/run.py"] = "from sklearn.svm import SVC\n"
    return tree


def test_code003_credits_a_linter_configured_in_the_folder_above_a_project(
    tmp_path: Path,
) -> None:
    tree = {**_projects_in_src(), "spaceflight/.isort.cfg": "[settings]\nprofile = black\n"}
    build_file_tree(tmp_path, tree)
    report = audit(tmp_path, "CODE003")
    assert report.projects
    assert "CODE003" not in found_ids(report)


def test_code003_still_fires_on_projects_with_no_linter_above_them(tmp_path: Path) -> None:
    tree = {**_projects_in_src(), "spaceflight/notes.cfg": "[settings]\nprofile = black\n"}
    build_file_tree(tmp_path, tree)
    report = audit(tmp_path, "CODE003")
    assert report.projects
    assert "CODE003" in found_ids(report)


def test_code003_credits_a_nested_pre_commit_config_that_runs_a_linter(tmp_path: Path) -> None:
    hooks = "repos:\n  - repo: https://github.com/psf/black\n    rev: 24.1.0\n    hooks:\n"
    hooks += "      - id: black\n"
    tree = {**CODE, "feature_store/.pre-commit-config.yaml": hooks}
    assert committed_status(tmp_path, tree, "CODE003") == "passed"


def test_code003_is_silent_on_a_pyproject_whose_error_is_elsewhere(tmp_path: Path) -> None:
    black = "\n[tool.black]\nline-length = 100\n"
    broken = PROJECT.format(name="churn") + black + '\n[tool.x]\na = "b\n'
    tree = {**CODE, "pyproject.toml": broken}
    assert committed_status(tmp_path, tree, "CODE003") == "passed"


def test_code003_fires_on_a_broken_pyproject_without_a_linter_table(tmp_path: Path) -> None:
    broken = PROJECT.format(name="churn") + '\n[tool.x]\na = "b\n'
    tree = {**CODE, "pyproject.toml": broken}
    assert committed_status(tmp_path, tree, "CODE003") == "failed"


def test_code003_credits_a_script_that_runs_a_formatter(tmp_path: Path) -> None:
    script = '#!/bin/sh -e\nSRC=${1:-"src"}\nruff $SRC --select I --fix\nblack $SRC\n'
    tree = {**CODE, "scripts/format.sh": script}
    assert committed_status(tmp_path, tree, "CODE003") == "passed"


def test_code003_fires_when_the_scripts_only_install_the_formatter(tmp_path: Path) -> None:
    script = "#!/bin/sh -e\npip install black\npython -m churn.train\n"
    tree = {**CODE, "scripts/setup.sh": script}
    assert committed_status(tmp_path, tree, "CODE003") == "failed"


def test_code003_fires_when_the_script_formats_folders_the_repository_lacks(
    tmp_path: Path,
) -> None:
    script = "#!/bin/bash\nisort -rc ./scripts\nblack ./scripts\nblack ./prediction_api\n"
    tree = {**CODE, "autoformat.sh": script}
    assert committed_status(tmp_path, tree, "CODE003") == "failed"
