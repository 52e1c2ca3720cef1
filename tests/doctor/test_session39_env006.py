"""Session 39's ENV006 fixes: the conda file an Azure ML environment specification names
(`conda_file:`), whatever its name or folder, declares the Python the project runs on, and
so does the job image of a GitHub Actions workflow kept outside `.github/workflows`."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_file_tree
from tests.doctor.cases import PACKAGE, TRAINING
from tests.doctor.helpers import Tree, audit

APP = {**PACKAGE, **TRAINING, "pyproject.toml": '[project]\nname = "demo"\n'}


def shown(root: Path, tree: Tree) -> list[str]:
    build_file_tree(root, tree)
    return [
        ":".join(str(part) for part in (f.path, f.line) if part is not None)
        + ": "
        + f.message.removeprefix(f"{f.title}: ")
        for f in audit(root, "ENV006").findings
    ]


def azureml_environment(python: str, conda_file: str = "deps/train.yml") -> Tree:
    spec = (
        "name: trainer\nimage: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04\n"
        f"conda_file: {conda_file}\n"
    )
    deps = f"name: trainer\nchannels:\n  - conda-forge\ndependencies:\n  - python={python}\n"
    return {**APP, "azureml/env.yml": spec, "azureml/deps/train.yml": deps}


def test_the_conda_file_an_azureml_environment_names_declares_its_python(
    tmp_path: Path,
) -> None:
    assert shown(tmp_path, azureml_environment("3.8.5")) == [
        "azureml/deps/train.yml:5: sets up Python 3.8 (Python 3.8: end of life 2024-10-07)"
    ]


def test_a_supported_python_in_the_named_conda_file_passes(tmp_path: Path) -> None:
    assert shown(tmp_path, azureml_environment("3.12")) == []


def test_a_conda_file_named_by_nothing_and_by_no_conda_name_is_not_read(tmp_path: Path) -> None:
    # Without `channels`, only a name would make it a conda file (session 40 reads a YAML in
    # conda's whole format, channels included, whatever its name).
    tree = azureml_environment("3.8.5", conda_file="deps/other.yml")
    deps = str(tree["azureml/deps/train.yml"])
    tree["azureml/deps/train.yml"] = deps.replace("channels:\n  - conda-forge\n", "")
    assert shown(tmp_path, tree) == []


def lesson_workflow(image: str) -> Tree:
    workflow = (
        "name: CI\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n"
        f"    container:\n      image: {image}\n    steps:\n      - run: pytest\n"
    )
    return {**APP, "lessons/module_1/ci.yaml": workflow}


def test_a_workflow_kept_outside_github_names_the_python_its_jobs_run_in(
    tmp_path: Path,
) -> None:
    assert shown(tmp_path, lesson_workflow("python:3.8-slim")) == [
        "lessons/module_1/ci.yaml:7: runs in python:3.8-slim (Python 3.8: end of life 2024-10-07)"
    ]


def test_a_kept_workflow_on_a_supported_python_passes(tmp_path: Path) -> None:
    assert shown(tmp_path, lesson_workflow("python:3.12-slim")) == []


def test_yaml_with_jobs_but_no_runs_on_is_not_a_workflow(tmp_path: Path) -> None:
    tree = {**APP, "conf/jobs.yaml": "jobs:\n  nightly:\n    image: python:3.8-slim\n"}
    assert shown(tmp_path, tree) == []
