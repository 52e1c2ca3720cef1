"""Kinds read from the author's own word and the tree (session 43): a package its own
workflow publishes is a library, whatever paper its README cites; a package description
that names a monorepo; a title naming the repository by its projects; a line that opens
by calling it a template; a README calling it "a sample project", "example projects" or
the code from its author's videos; a package whose README says it shows how developers
can do something; and a course's README that links its own lessons by their GitHub
address."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.cases import API, FIT, SERVICE, TRAINING
from tests.doctor.helpers import Tree, audit, git_commit

PUBLISH_WORKFLOW = (
    "on:\n  release:\n    types: [published]\njobs:\n  publish:\n    runs-on: ubuntu-latest\n"
    "    steps:\n      - uses: actions/checkout@v4\n      - run: python -m build\n"
    "      - uses: pypa/gh-action-pypi-publish@release/v1\n"
)


def _kind(root: Path, tree: Tree, origin: str | None = None) -> tuple[str, str]:
    """The kind and its evidence for `tree`, committed, its clone's origin `origin`."""
    build_file_tree(root, tree)
    git_commit(root)
    if origin:
        git = ["git", "remote", "add", "origin", origin]
        subprocess.run(git, cwd=root, check=True, capture_output=True)
    report = audit(root, "DATA004")
    return str(report.kind), report.kind_evidence


def _forecasting_package(published: bool) -> Tree:
    """A Poetry package of forecasting models whose README links its arXiv paper; with
    `published`, a release workflow uploads it to PyPI."""
    tree: Tree = {
        "README.md": (
            "# deepcast\n\nEasy-to-use forecasting with deep models.\n\n"
            "Models follow [N-BEATS](https://arxiv.org/abs/1905.10437).\n"
        ),
        "pyproject.toml": (
            '[tool.poetry]\nname = "deepcast"\nversion = "0.1.0"\ndescription = "Forecasting"\n'
            'authors = ["A. Author"]\npackages = [{include = "deepcast"}]\n'
            '[build-system]\nrequires = ["poetry-core"]\n'
            'build-backend = "poetry.core.masonry.api"\n'
        ),
        "deepcast/__init__.py": "",
        "deepcast/models.py": FIT,
    }
    if published:
        tree[".github/workflows/publish.yml"] = PUBLISH_WORKFLOW
    return tree


def test_a_package_its_workflow_publishes_is_a_library_whatever_paper_it_cites(
    tmp_path: Path,
) -> None:
    kind, evidence = _kind(tmp_path, _forecasting_package(published=True))
    assert kind == "library"
    assert evidence == "pyproject.toml [tool.poetry] package and package deepcast"


def test_an_unpublished_package_citing_its_paper_is_research_code(tmp_path: Path) -> None:
    kind, evidence = _kind(tmp_path, _forecasting_package(published=False))
    assert kind == "example"
    assert evidence.startswith("research code: README.md has")


def _workspace(description: str) -> Tree:
    """A uv workspace of two services locked by the root's one uv.lock; the root's
    package says `description`."""
    member = '[project]\nname = "{0}"\nversion = "0.1.0"\ndependencies = ["fastapi"]\n'
    return {
        "README.md": "# Movie sentiment\n\nSentiment of movie reviews.\n",
        "pyproject.toml": (
            f'[project]\nname = "sentiment"\nversion = "0.1.0"\ndescription = "{description}"\n'
            '[tool.uv.workspace]\nmembers = ["apps/*"]\n'
        ),
        "uv.lock": 'version = 1\n[[package]]\nname = "fastapi"\nversion = "0.115.0"\n',
        "apps/api/pyproject.toml": member.format("api"),
        "apps/api/main.py": API,
        "apps/trainer/pyproject.toml": member.format("trainer"),
        "apps/trainer/train.py": FIT,
    }


def test_a_package_description_that_names_a_monorepo_keeps_its_projects_apart(
    tmp_path: Path,
) -> None:
    kind, evidence = _kind(tmp_path, _workspace("MLOps course assignments monorepo"))
    assert kind == "monorepo"
    assert evidence.startswith("2 nested projects")


def test_a_workspace_locked_as_one_is_one_product(tmp_path: Path) -> None:
    assert _kind(tmp_path, _workspace("Movie review sentiment service"))[0] == "application"


def _predictors(title: str) -> Tree:
    """Two folders of a training script and a Flask form each, under `title`."""
    app = "from flask import Flask\n\napp = Flask(__name__)\n"
    return {
        "README.md": f"# {title}\n\nThis repo contains ml project along with code and data.\n",
        "salary/train.py": FIT,
        "salary/app.py": app,
        "corona/train.py": FIT,
        "corona/app.py": app,
    }


def test_a_title_naming_projects_with_an_apostrophe_names_a_monorepo(tmp_path: Path) -> None:
    assert _kind(tmp_path, _predictors("MACHINE LEARNING PROJECT'S"))[0] == "monorepo"


def test_a_title_naming_one_project_names_no_monorepo(tmp_path: Path) -> None:
    assert _kind(tmp_path, _predictors("MACHINE LEARNING PROJECT"))[0] == "application"


def _platform(line: str) -> Tree:
    """A producer service of a streaming platform whose README opens with `line`."""
    return {
        "README.md": f"# Fraud Detection\n\n{line} streaming ingest, training and serving.\n",
        **SERVICE,
        **TRAINING,
        "requirements.txt": "fastapi==0.115.0\n",
    }


def test_a_line_that_opens_by_calling_the_repository_a_template_makes_one(
    tmp_path: Path,
) -> None:
    kind, evidence = _kind(tmp_path, _platform("End-to-end template for"))
    assert kind == "template"
    assert evidence == "README.md says 'End-to-end template for'"


def test_a_line_that_opens_by_calling_it_a_pipeline_makes_no_template(tmp_path: Path) -> None:
    assert _kind(tmp_path, _platform("End-to-end pipeline for"))[0] == "application"


def _two_projects(opening: str) -> Tree:
    """Two folders, each a project of its own (requirements and code), under a title
    naming examples and `opening`."""
    return {
        "README.md": f"# Model serving examples\n\n{opening}\n",
        "churn/requirements.txt": "scikit-learn==1.5.2\n",
        "churn/train.py": FIT,
        "prices/requirements.txt": "fastapi==0.115.0\n",
        "prices/main.py": API,
    }


@pytest.mark.parametrize(
    "opening",
    [
        "A sample project including dockerization of model APIs.",
        "This repo contains multiple example projects on how to serve models.",
        "Code from my YouTube videos on serving models.",
    ],
    ids=["sample-project", "example-projects", "videos"],
)
def test_a_readme_calling_its_projects_examples_makes_one_example(
    tmp_path: Path, opening: str
) -> None:
    kind, evidence = _kind(tmp_path, _two_projects(opening))
    assert kind == "example"
    assert evidence.startswith("README.md says")


def test_a_readme_naming_its_projects_only_keeps_a_monorepo(tmp_path: Path) -> None:
    tree = _two_projects("This repo contains multiple projects on how to serve models.")
    assert _kind(tmp_path, tree)[0] == "monorepo"


def _bootcamp() -> Tree:
    """Two numbered parts of a one-day boot camp, each a project, the README linking each
    part by its GitHub address in github.com/me/mlops-introduction."""
    link = "https://github.com/me/mlops-introduction/blob/main/{0}"
    return {
        "README.md": (
            "# mlops-introduction\n\nThis repository is used in the MLOps part of a one-day"
            " course.\n"
            f"[The first part]({link.format('1-notebook-in-docker')}) puts a notebook in"
            " Docker.\n"
            f"[The second part]({link.format('2-docker-mlflow')}) tracks runs with MLflow.\n"
        ),
        "1-notebook-in-docker/requirements.txt": "scikit-learn==1.5.2\n",
        "1-notebook-in-docker/train.py": FIT,
        "2-docker-mlflow/requirements.txt": "mlflow==2.17.0\n",
        "2-docker-mlflow/train.py": FIT,
    }


def test_a_course_linking_its_own_lessons_by_address_is_course_material(
    tmp_path: Path,
) -> None:
    kind, evidence = _kind(tmp_path, _bootcamp(), "https://github.com/me/mlops-introduction.git")
    assert kind == "example"
    assert evidence.startswith("a course: 2 nested projects")


def test_lessons_linked_in_another_repository_are_a_learners_answers(tmp_path: Path) -> None:
    kind = _kind(tmp_path, _bootcamp(), "https://github.com/me/my-course-answers.git")[0]
    assert kind == "monorepo"


def _store_package(opening: str) -> Tree:
    """A setuptools package of a custom online store, under a README opening `opening`."""
    return {
        "README.md": f"# Custom online store\n\n{opening}\n",
        "setup.py": 'from setuptools import setup\n\nsetup(name="store", packages=["store"])\n',
        "store/__init__.py": "",
        "store/mysql.py": "def online_read(keys):\n    return [key for key in keys]\n",
    }


def test_a_package_whose_readme_shows_how_developers_can_do_something_is_an_example(
    tmp_path: Path,
) -> None:
    opening = "This repository demonstrates how developers can create their own online stores."
    kind, evidence = _kind(tmp_path, _store_package(opening))
    assert kind == "example"
    assert evidence == ("README.md says 'This repository demonstrates how developers can create'")


def test_a_package_whose_readme_offers_it_to_developers_is_a_library(tmp_path: Path) -> None:
    opening = "This package lets developers create their own online stores."
    assert _kind(tmp_path, _store_package(opening))[0] == "library"
