"""Reading a foreign repo: what `mlops add` fits the template to, off the one repo view."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.errors import RepoReadError
from mlops_scaffold.repo.dependencies import declared_dependencies
from mlops_scaffold.repo.facts import RepoFacts, repo_facts
from mlops_scaffold.repo.view import Repo
from tests.add.trees import build_tree


def inspect_repo(root: Path) -> RepoFacts:
    return repo_facts(Repo.open(root))


POETRY = (
    '[tool.poetry]\nname = "Churn-Model"\nauthors = ["Ana Lyst <ana@example.com>"]\n'
    '[tool.poetry.dependencies]\npython = "^3.12"\n'
)


def test_poetry_project_gives_its_name_python_and_author(tmp_path: Path) -> None:
    facts = inspect_repo(build_tree(tmp_path, {"pyproject.toml": POETRY}))
    assert facts.answers() == {
        "project_name": "Churn-Model",
        "package_name": "churn_model",
        "python_version": "3.12",
        "author_name": "Ana Lyst",
        "author_email": "ana@example.com",
    }
    assert facts.dependency_tool == "poetry"


@pytest.mark.parametrize(
    ("marker", "content", "tool"),
    [
        ("uv.lock", 'version = 1\nrequires-python = ">=3.12"\n', "uv"),
        ("pdm.lock", '[metadata]\nlock_version = "4.5.0"\n', "pdm"),
        ("environment.yml", "name: churn\ndependencies:\n  - python=3.12\n", "conda"),
        ("setup.py", 'from setuptools import setup\n\nsetup(name="churn")\n', "pip"),
    ],
)
def test_dependency_tool_is_read_from_its_files(
    tmp_path: Path, marker: str, content: str, tool: str
) -> None:
    assert inspect_repo(build_tree(tmp_path, {marker: content})).dependency_tool == tool


def test_flat_package_is_found_beside_tests(tmp_path: Path) -> None:
    facts = inspect_repo(build_tree(tmp_path, {"tests/__init__.py": "", "fraud/__init__.py": ""}))
    assert (facts.package_name, facts.layout, facts.package_dir()) == ("fraud", "flat", "fraud")


def test_python_version_file_wins_over_requires_python(tmp_path: Path) -> None:
    repo = build_tree(
        tmp_path,
        {".python-version": "3.13.1\n", "pyproject.toml": '[project]\nrequires-python=">=3.10"\n'},
    )
    assert inspect_repo(repo).python_version == "3.13"


def test_existing_ci_and_dockerfiles_are_listed(tmp_path: Path) -> None:
    repo = build_tree(
        tmp_path,
        {
            ".github/workflows/tests.yml": "on: push\n",
            "Dockerfile": "FROM python:3.12-slim\n",
            "deploy/api.Dockerfile": "FROM python:3.12-slim\n",
        },
    )
    facts = inspect_repo(repo)
    assert facts.ci_files == (".github/workflows/tests.yml",)
    assert facts.dockerfiles == ("Dockerfile", "deploy/api.Dockerfile")


def test_missing_folder_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(RepoReadError, match="no such folder"):
        inspect_repo(tmp_path / "absent")


@pytest.mark.parametrize(
    ("pyproject", "readme"),
    [
        ('[project]\nname = "demo"\n', None),
        ('[project]\nname = "demo"\nreadme = "README.md"\n', "README.md"),
        (
            '[project]\nname = "demo"\n'
            'readme = {file = "docs/a.rst", content-type = "text/x-rst"}\n',
            "docs/a.rst",
        ),
        ('[tool.poetry]\nname = "demo"\nreadme = ["README.md", "CHANGES.md"]\n', "README.md"),
    ],
)
def test_the_readme_pyproject_declares_is_found_in_each_form(
    tmp_path: Path, pyproject: str, readme: str | None
) -> None:
    assert inspect_repo(build_tree(tmp_path, {"pyproject.toml": pyproject})).readme == readme


# Behaviour that changed when inspect_repo.py and repo.py became one reader: `mlops add` now
# sees what `mlops doctor` sees.


def test_dockerfiles_at_any_depth_and_containerfiles_are_listed(tmp_path: Path) -> None:
    repo = build_tree(
        tmp_path,
        {
            "services/api/docker/Dockerfile": "FROM python:3.12-slim\n",
            "Containerfile": "FROM python:3.12-slim\n",
            "Dockerfile.md": "# How the image is built\n",
        },
    )
    assert inspect_repo(repo).dockerfiles == ("Containerfile", "services/api/docker/Dockerfile")


def test_ci_of_other_systems_is_listed(tmp_path: Path) -> None:
    repo = build_tree(
        tmp_path,
        {
            ".circleci/config.yml": "version: 2.1\n",
            "Jenkinsfile": "pipeline { agent any }\n",
            ".gitlab-ci.yml": "test:\n  script: pytest\n",
        },
    )
    assert set(inspect_repo(repo).ci_files) == {
        ".circleci/config.yml",
        "Jenkinsfile",
        ".gitlab-ci.yml",
    }


@pytest.mark.parametrize(
    "pyproject",
    [
        'tool = "x"\n',
        '[tool]\npoetry = "x"\n',
        "project = 5\n",
        '[project]\nname = 5\nauthors = "me"\nreadme = 3\nrequires-python = 3\n',
        '[tool.poetry]\ndependencies = "numpy"\ngroup = 4\n',
    ],
)
def test_wrongly_typed_pyproject_keys_give_defaults_not_a_crash(
    tmp_path: Path, pyproject: str
) -> None:
    root = build_tree(tmp_path / "demo", {"pyproject.toml": pyproject})
    facts = inspect_repo(root)
    assert (facts.project_name, facts.python_version, facts.author_name) == ("demo", None, None)
    assert declared_dependencies(Repo.open(root)).train == ()


def test_poetry_dev_dependencies_and_dev_group_are_both_read(tmp_path: Path) -> None:
    pyproject = (
        '[tool.poetry]\nname = "demo"\n[tool.poetry.dev-dependencies]\npytest = "^8.0"\n'
        '[tool.poetry.group.dev.dependencies]\nruff = "~0.6"\n'
    )
    declared = declared_dependencies(Repo.open(build_tree(tmp_path, {"pyproject.toml": pyproject})))
    assert declared.dev == ("pytest>=8.0,<9", "ruff>=0.6,<0.7")


def test_the_pip_section_of_a_conda_environment_is_declared(tmp_path: Path) -> None:
    environment = (
        "name: demo\ndependencies:\n  - python=3.11\n  - numpy\n"
        "  - pip:\n    - mlflow==2.9.2  # tracking\n    - -e .\n"
    )
    root = build_tree(tmp_path, {"environment.yml": environment})
    declared = declared_dependencies(Repo.open(root))
    assert declared.train == ("mlflow==2.9.2",)
    assert declared.sources == ("environment.yml (pip section)",)
    assert declared.left_out == ("-e . (environment.yml (pip section))",)
