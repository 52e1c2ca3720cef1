"""Reading a foreign repo: what `mlops add` fits the template to."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.errors import RepoReadError
from mlops_scaffold.inspect_repo import inspect_repo
from tests.add.trees import build_tree

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
    ("marker", "tool"),
    [("uv.lock", "uv"), ("pdm.lock", "pdm"), ("environment.yml", "conda"), ("setup.py", "pip")],
)
def test_dependency_tool_is_read_from_its_files(tmp_path: Path, marker: str, tool: str) -> None:
    assert inspect_repo(build_tree(tmp_path, {marker: ""})).dependency_tool == tool


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
        {".github/workflows/tests.yml": "", "Dockerfile": "", "deploy/api.Dockerfile": ""},
    )
    facts = inspect_repo(repo)
    assert facts.ci_files == (".github/workflows/tests.yml",)
    assert facts.dockerfiles == ("Dockerfile", "deploy/api.Dockerfile")


def test_missing_folder_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(RepoReadError, match="is not a folder"):
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
