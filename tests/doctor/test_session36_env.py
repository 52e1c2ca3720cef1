"""Session 36's fixes of the environment and image checks: a version an image or a
script pip installs by `name==version` carries no hash (ENV003); a tag that names a
release channel moves as `latest` does, and a Dockerfile may glue a prefix to its name
(IMG004); a template's Dockerfiles and AWS Lambda's Python base images are judged for
their end of life (IMG006)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, committed_status

APP: Tree = {
    "README.md": "# Price model\n\nDeployed with Docker.\n",
    "pyproject.toml": '[project]\nname = "price"\ndependencies = ["pandas>=2"]\n',
    "uv.lock": "version = 1\n",
    "src/price/app.py": "import fastapi\n\napp = fastapi.FastAPI()\n",
}


# -- pinned installs of images and scripts carry no hash (ENV003) --------------------------


def test_an_image_installing_a_pinned_version_has_no_hash(tmp_path: Path) -> None:
    image = "FROM python:3.12-slim\nRUN pip install torch==2.4.1\nCOPY . .\n"
    assert committed_status(tmp_path, {**APP, "Dockerfile": image}, "ENV003") == "failed"


def test_an_image_installing_from_the_lock_passes(tmp_path: Path) -> None:
    image = "FROM python:3.12-slim\nRUN pip install uv==0.5.1\nCOPY . .\nRUN uv sync --frozen\n"
    assert committed_status(tmp_path, {**APP, "Dockerfile": image}, "ENV003") == "passed"


def test_a_script_installing_a_pinned_version_has_no_hash(tmp_path: Path) -> None:
    script = "#!/bin/sh\nset -e\npip install scikit-learn==1.5.2\n"
    assert committed_status(tmp_path, {**APP, "scripts/setup.sh": script}, "ENV003") == "failed"


def test_an_image_pin_with_no_hashes_recorded_anywhere_is_not_judged(tmp_path: Path) -> None:
    image = "FROM python:3.12-slim\nRUN pip install torch==2.4.1\nCOPY . .\n"
    conda = "name: price\ndependencies:\n  - python=3.12\n  - numpy=1.26.4\n"
    tree = {"README.md": "# Price model\n", "environment.yml": conda, "Dockerfile": image}
    assert committed_status(tmp_path, tree, "ENV003") == "passed"


def test_a_conda_environment_has_no_hash_field(tmp_path: Path) -> None:
    conda = "name: price\ndependencies:\n  - python=3.12\n  - numpy=1.26.4\n"
    tree = {**APP, "environment.yml": conda}
    assert committed_status(tmp_path, tree, "ENV003") == "passed"


# -- channel tags and glued Dockerfile names (IMG004) --------------------------------------


@pytest.mark.parametrize("base", ["mageai/mageai:alpha", "tensorflow/tensorflow:latest-gpu"])
def test_a_release_channel_tag_is_not_pinned(tmp_path: Path, base: str) -> None:
    image = f"FROM {base}\nCOPY . .\n"
    assert committed_status(tmp_path, {**APP, "Dockerfile": image}, "IMG004") == "failed"


@pytest.mark.parametrize("base", ["tensorflow/tensorflow:2.16.1-gpu", "node:20.11-alpine"])
def test_a_release_tag_is_pinned(tmp_path: Path, base: str) -> None:
    image = f"FROM {base}\nCOPY . .\n"
    assert committed_status(tmp_path, {**APP, "Dockerfile": image}, "IMG004") == "passed"


def test_a_dockerfile_with_a_glued_prefix_is_read(tmp_path: Path) -> None:
    tree = {**APP, "EvidentlyDockerfile": "FROM evidently/evidently-service:latest\n"}
    assert committed_status(tmp_path, tree, "IMG004") == "failed"


def test_a_glued_prefix_dockerfile_with_a_tag_passes(tmp_path: Path) -> None:
    tree = {**APP, "EvidentlyDockerfile": "FROM evidently/evidently-service:0.4.33\n"}
    assert committed_status(tmp_path, tree, "IMG004") == "passed"


# -- a template's Dockerfiles and Lambda's base images (IMG006) ----------------------------

TEMPLATE: Tree = {
    "cookiecutter.json": '{"repo_name": "demo", "python": "3.12"}\n',
    "README.md": "# A cookiecutter template for model services\n",
    "{{ cookiecutter.repo_name }}/pyproject.toml": '[project]\nname = "demo"\n',
}


def _template(base: str) -> Tree:
    image = f"FROM {base}\nCOPY . .\n"
    return {**TEMPLATE, "{{ cookiecutter.repo_name }}/Dockerfile": image}


def test_a_rendered_image_on_an_ended_release_is_reported(tmp_path: Path) -> None:
    tree = _template("python:{{ cookiecutter.python }}-slim-buster")
    assert committed_status(tmp_path, tree, "IMG006") == "failed"


def test_a_rendered_image_on_a_supported_release_passes(tmp_path: Path) -> None:
    tree = _template("python:{{ cookiecutter.python }}-slim-trixie")
    assert committed_status(tmp_path, tree, "IMG006") == "passed"


def test_a_lambda_image_of_an_ended_python_is_frozen(tmp_path: Path) -> None:
    image = "FROM public.ecr.aws/lambda/python:3.8\nCOPY app.py ./\n"
    assert committed_status(tmp_path, {**APP, "Dockerfile": image}, "IMG006") == "failed"


def test_a_lambda_image_of_a_supported_python_passes(tmp_path: Path) -> None:
    image = "FROM public.ecr.aws/lambda/python:3.13\nCOPY app.py ./\n"
    assert committed_status(tmp_path, {**APP, "Dockerfile": image}, "IMG006") == "passed"


# -- a .dockerignore as Docker reads it (IMG005) -------------------------------------------

ALLOW_LIST = "*\n!src\n!pyproject.toml\n"


def test_an_allow_list_that_re_includes_git_lets_it_in(tmp_path: Path) -> None:
    image = "FROM python:3.12-slim\nCOPY . /src\n"
    tree = {**APP, "Dockerfile": image, ".dockerignore": ALLOW_LIST + "!.git\n"}
    assert committed_status(tmp_path, tree, "IMG005") == "failed"


def test_an_allow_list_without_git_keeps_it_out(tmp_path: Path) -> None:
    image = "FROM python:3.12-slim\nCOPY . /src\n"
    tree = {**APP, "Dockerfile": image, ".dockerignore": ALLOW_LIST}
    assert committed_status(tmp_path, tree, "IMG005") == "passed"
