"""The images and `make setup` build a repo's package without isolation, from the hash-locked
build.txt: in a repo mlops did not make, that set holds the repo's own build backend.

The e2e tests resolve with uv against the package index, install build.txt into a fresh venv
with --require-hashes, and build the package there as the Dockerfiles do.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from mlops_scaffold.lock import find_uv
from mlops_scaffold.repo.dependencies import SETUPTOOLS_FALLBACK, declared_dependencies
from mlops_scaffold.repo.view import Repo
from tests.add.trees import build_tree, commit_all
from tests.conftest import run_mlops

POETRY_PROJECT = """\
[tool.poetry]
name = "churn"
version = "0.3.0"
description = "Churn model"
authors = ["A Person <a@example.com>"]

[tool.poetry.dependencies]
python = "^3.11"
six = "^1.16"

[build-system]
requires = ["poetry-core>=1.0.0"]
build-backend = "poetry.core.masonry.api"
"""
SETUP_PY = (
    'from setuptools import setup\n\nsetup(name="churn", version="0.3.0", packages=["churn"])\n'
)
SETUP_PY_READING = (
    "from setuptools import find_packages, setup\n\n"
    'with open("README.rst") as readme, open("VERSION") as version:\n'
    '    setup(name="churn", version=version.read().strip(), long_description=readme.read(),\n'
    "          packages=find_packages())\n"
)


def test_the_build_set_is_the_backend_pyproject_names(tmp_path: Path) -> None:
    repo = build_tree(tmp_path, {"pyproject.toml": POETRY_PROJECT})
    assert declared_dependencies(Repo.open(repo)).build == ("poetry-core>=1.0.0",)


def test_a_setup_py_builds_with_pip_s_setuptools(tmp_path: Path) -> None:
    repo = build_tree(tmp_path, {"setup.py": SETUP_PY, "churn/__init__.py": ""})
    assert declared_dependencies(Repo.open(repo)).build == SETUPTOOLS_FALLBACK


def test_a_repo_with_nothing_to_build_with_keeps_the_template_s_backend(tmp_path: Path) -> None:
    repo = build_tree(tmp_path, {"requirements.txt": "six\n", "train.py": ""})
    assert declared_dependencies(Repo.open(repo)).build is None


def test_a_setup_py_repo_s_images_copy_what_its_build_reads(tmp_path: Path) -> None:
    repo = build_tree(
        tmp_path,
        {
            "setup.py": SETUP_PY_READING,
            "setup.cfg": "[metadata]\nlicense = MIT\n",
            "README.rst": "Churn\n=====\n",
            "VERSION": "0.3.0\n",
            "NOTES.txt": "not read by the build\n",
            "churn/__init__.py": "",
        },
    )
    commit_all(repo)
    done = run_mlops("add", "docker", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    for image in ("train", "serve"):
        dockerfile = (repo / f"docker/{image}.Dockerfile").read_text()
        assert "\nCOPY setup.py setup.cfg README.rst VERSION ./\n" in dockerfile
        assert "pyproject.toml" not in dockerfile and "NOTES.txt" not in dockerfile


def build_as_the_image_does(repo: Path, venv: Path) -> subprocess.CompletedProcess[str]:
    """Install build.txt (hashes checked) into a fresh venv, then build and install the
    package there without isolation and without dependencies, as the Dockerfiles do."""
    uv = find_uv()
    subprocess.run([uv, "venv", "--quiet", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run(
        [uv, "pip", "sync", "--quiet", "--python", python, "--require-hashes",
         "requirements/build.txt"],
        cwd=repo, check=True,
    )  # fmt: skip
    return subprocess.run(
        [uv, "pip", "install", "--python", python, "--no-deps", "--no-build-isolation", "."],
        cwd=repo, capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.mark.e2e
def test_a_poetry_repo_s_lock_builds_its_package_with_poetry_core(tmp_path: Path) -> None:
    repo = build_tree(
        tmp_path / "repo", {"pyproject.toml": POETRY_PROJECT, "churn/__init__.py": ""}
    )
    commit_all(repo)
    done = run_mlops("add", "lock", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    build_txt = (repo / "requirements/build.txt").read_text()
    assert "poetry-core==" in build_txt and "hatchling==" not in build_txt
    assert "poetry-core==" in (repo / "requirements/dev.txt").read_text()  # dev.in: -r build.in
    built = build_as_the_image_does(repo, tmp_path / "venv")
    assert built.returncode == 0, built.stderr


@pytest.mark.e2e
def test_a_setup_py_repo_s_lock_builds_its_package_with_setuptools(tmp_path: Path) -> None:
    repo = build_tree(
        tmp_path / "repo",
        {"setup.py": SETUP_PY, "churn/__init__.py": "", "requirements.txt": "six\n"},
    )
    commit_all(repo)
    done = run_mlops("add", "lock", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    assert "setuptools==" in (repo / "requirements/build.txt").read_text()
    built = build_as_the_image_does(repo, tmp_path / "venv")
    assert built.returncode == 0, built.stderr
