"""Kinds read the way a reviewer reads them, from what round 16 misread out of sample: a
package installed by its name from an index is published; a package that calls itself a
demo, or that publishes nothing and runs as a pipeline, is no library; a table of
contents is not the README's opening, and "this project demonstrates how to" teaches;
the word "example" in a README makes no gallery of the folders that deploy one model."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import API, FIT, IMAGE
from tests.doctor.helpers import Tree, committed_kind

FLOW = "from prefect import flow\n\n\n@flow\ndef retrain():\n    pass\n"


# A name and a build backend, nothing more in [project]: what `uv init` writes for any project.
PLUGINS: Tree = {
    "pyproject.toml": "[build-system]\nrequires = ['hatchling']\n"
    "build-backend = 'hatchling.build'\n\n[project]\nname = 'torch-tricks'\n"
    "dependencies = ['torch>=2']\n",
    "torch_tricks/__init__.py": "",
    "torch_tricks/callbacks.py": "import torch\n",
}


def test_a_package_the_readme_installs_by_name_is_a_library(tmp_path: Path) -> None:
    readme = "# Torch tricks\n\nSome callbacks.\n\n```\npip install torch-tricks\n```\n"
    assert committed_kind(tmp_path, {**PLUGINS, "README.md": readme}) == "library"


def test_a_package_installed_from_its_clone_is_not_published(tmp_path: Path) -> None:
    readme = "# Torch tricks\n\nSome callbacks.\n\n```\npip install -e .\n```\n"
    assert committed_kind(tmp_path, {**PLUGINS, "README.md": readme}) != "library"


def _setup(description: str, extra: str = "") -> str:
    return (
        "from setuptools import find_packages, setup\n\n"
        f"setup(name='churn', description='{description}',{extra} packages=find_packages())\n"
    )


JOBS: Tree = {"churn/__init__.py": "", "churn/train.py": FIT}


def test_a_package_that_calls_itself_a_demo_is_an_example(tmp_path: Path) -> None:
    tree = {**JOBS, "setup.py": _setup("Demo repository of an end-to-end workflow")}
    assert committed_kind(tmp_path, tree) == "example"


def test_a_package_that_describes_its_jobs_is_a_library(tmp_path: Path) -> None:
    tree = {**JOBS, "setup.py": _setup("Churn feature and training jobs")}
    assert committed_kind(tmp_path, tree) == "library"


def test_an_unpublished_package_run_as_a_pipeline_is_an_application(tmp_path: Path) -> None:
    tree = {**JOBS, "churn/flows.py": FLOW, "setup.py": _setup("Churn jobs")}
    assert committed_kind(tmp_path, tree) == "application"


def test_a_published_package_with_pipeline_code_is_a_library(tmp_path: Path) -> None:
    published = _setup("Churn jobs", " url='https://example.org/churn',")
    tree = {**JOBS, "churn/flows.py": FLOW, "setup.py": published}
    assert committed_kind(tmp_path, tree) == "library"


CONTENTS = "## Table of Contents\n\n- [Overview](#overview)\n- [Usage](#usage)\n\n## Overview\n\n"
TRAINS: Tree = {"requirements.txt": "torch~=2.4\n", "train.py": FIT}


def test_a_readme_that_demonstrates_how_to_after_its_contents_is_an_example(
    tmp_path: Path,
) -> None:
    readme = CONTENTS + "This project demonstrates how to configure training with Hydra.\n"
    assert committed_kind(tmp_path, {**TRAINS, "README.md": readme}) == "example"


def test_a_project_that_demonstrates_what_it_does_is_an_application(tmp_path: Path) -> None:
    readme = CONTENTS + "This project demonstrates a scalable training architecture.\n"
    assert committed_kind(tmp_path, {**TRAINS, "README.md": readme}) == "application"


# A root that trains, and two folders that deploy its model, each a project of its own.
DEPLOYED: Tree = {
    "pyproject.toml": "[tool.poetry]\nname = 'fares'\nversion = '0.1.0'\n",
    "training/train.py": FIT,
    "deploy/app/pyproject.toml": "[tool.poetry]\nname = 'app'\nversion = '0.1.0'\n",
    "deploy/app/app.py": API,
    "deploy/app/Dockerfile": IMAGE,
    "deploy/monitor/pyproject.toml": "[tool.poetry]\nname = 'monitor'\nversion = '0.1.0'\n",
    "deploy/monitor/Dockerfile": IMAGE,
}


def test_a_toy_example_deployed_in_parts_is_one_application(tmp_path: Path) -> None:
    readme = "# Fares\n\nThe problem itself is a toy example; the infrastructure is the point.\n"
    assert committed_kind(tmp_path, {**DEPLOYED, "README.md": readme}) == "application"


def test_a_course_deployed_in_parts_stays_a_course(tmp_path: Path) -> None:
    readme = "# Fares\n\nA course: we build the infrastructure lesson by lesson.\n"
    assert committed_kind(tmp_path, {**DEPLOYED, "README.md": readme}) == "example"
