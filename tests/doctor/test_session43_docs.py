"""Session 43's fixes of fit-set false results on DOCS001: a README opens the project in its
Gitpod workspace, or links a notebook that sets the environment up; `docker run hello-world`
and a school named "Codespace Academy" set nothing up."""

from __future__ import annotations

import json
from pathlib import Path

from tests.doctor.cases import TRAINING
from tests.doctor.helpers import Tree, committed_status


def _status(root: Path, tree: Tree, check_id: str) -> str:
    return committed_status(root, tree, check_id)


# -- A one-click Gitpod workspace (DOCS001) -----------------------------------------------

GITPOD_README = (
    "# Churn workshop\n\n"
    "[![Open in Gitpod](https://gitpod.io/button/open-in-gitpod.svg)]"
    "(https://gitpod.io/#https://github.com/someone/churn-workshop)\n\n"
    "## Outline\n\n1. Notebooks\n2. Pipelines\n"
)
GITPOD_CONFIG = "tasks:\n  - name: Install\n    init: pip install -r requirements.txt\n"


def test_a_readme_opening_the_project_in_its_gitpod_workspace_sets_up(tmp_path: Path) -> None:
    tree = {"README.md": GITPOD_README, ".gitpod.yml": GITPOD_CONFIG, **TRAINING}
    assert _status(tmp_path, tree, "DOCS001") == "passed"


def test_a_gitpod_button_without_the_repositorys_configuration_sets_nothing_up(
    tmp_path: Path,
) -> None:
    tree = {"README.md": GITPOD_README, **TRAINING}
    assert _status(tmp_path, tree, "DOCS001") == "failed"


# -- A setup notebook the README links (DOCS001) ------------------------------------------


def _notebook(*cells: str) -> str:
    code = [{"cell_type": "code", "metadata": {}, "source": c, "outputs": []} for c in cells]
    return json.dumps({"cells": code, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


LINKING_README = "# Credit default workshop\n\n### Step 1\nRun every cell of [{name}]({name}).\n"
CREATES_ENVIRONMENT = _notebook(
    "ENV = 'credit'", "%conda create --name {ENV} python=3.12 -y", "%conda install ipykernel -y"
)


def test_a_linked_setup_notebook_that_creates_the_environment_sets_up(tmp_path: Path) -> None:
    name = "00_SetupKernel.ipynb"
    tree = {"README.md": LINKING_README.format(name=name), name: CREATES_ENVIRONMENT}
    assert _status(tmp_path, {**TRAINING, **tree}, "DOCS001") == "passed"


def test_a_linked_setup_notebook_that_installs_nothing_sets_nothing_up(tmp_path: Path) -> None:
    name = "00_SetupKernel.ipynb"
    notebook = _notebook("import pandas as pd", "!ls data")
    tree = {"README.md": LINKING_README.format(name=name), name: notebook}
    assert _status(tmp_path, {**TRAINING, **tree}, "DOCS001") == "failed"


def test_a_linked_notebook_not_named_for_setup_is_not_the_setup(tmp_path: Path) -> None:
    # A lesson that installs what it needs is the lesson, not the project's setup.
    name = "03_Train_Model.ipynb"
    tree = {"README.md": LINKING_README.format(name=name), name: CREATES_ENVIRONMENT}
    assert _status(tmp_path, {**TRAINING, **tree}, "DOCS001") == "failed"


# -- What sets nothing up though it reads like it (DOCS001) -------------------------------


def test_running_dockers_hello_world_sets_nothing_up(tmp_path: Path) -> None:
    readme = "# Scores\n\nCheck that Docker works:\n\n```\ndocker run hello-world\n```\n"
    tree = {**TRAINING, "README.md": readme, "Dockerfile": "FROM python:3.12-slim\n"}
    assert _status(tmp_path, tree, "DOCS001") == "failed"


def test_running_the_projects_image_sets_up(tmp_path: Path) -> None:
    readme = "# Scores\n\n```\ndocker build -t scores .\ndocker run -p 5000:5000 scores\n```\n"
    tree = {**TRAINING, "README.md": readme, "Dockerfile": "FROM python:3.12-slim\n"}
    assert _status(tmp_path, tree, "DOCS001") == "passed"


DEV_CONTAINER = {".devcontainer/devcontainer.json": '{"image": "python:3.12"}\n'}


def test_a_school_named_codespace_opens_no_codespace(tmp_path: Path) -> None:
    readme = "# Cookbook\n\nThe module I teach at [Codespace Academy](https://example.org).\n"
    tree = {**TRAINING, **DEV_CONTAINER, "README.md": readme}
    assert _status(tmp_path, tree, "DOCS001") == "failed"


def test_opening_the_project_in_github_codespaces_sets_up(tmp_path: Path) -> None:
    readme = "# Cookbook\n\nOpen the repository in GitHub Codespaces: it builds everything.\n"
    tree = {**TRAINING, **DEV_CONTAINER, "README.md": readme}
    assert _status(tmp_path, tree, "DOCS001") == "passed"
