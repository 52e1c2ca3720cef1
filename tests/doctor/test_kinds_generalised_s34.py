"""Kinds by rules that should reach new repositories (session 34), each a fires/silent pair.

A uv workspace whose root installs every member package by name, none deployed, is one
library. A README in another language is read in the English translation kept beside
it. A README that says the repository holds sample code presents examples. A README that
says the repository holds several projects ("a portfolio featuring 3 projects") keeps
them apart, whatever compose file brings them up together. A folder whose only project
file lists packages for an image (a Pipfile beside a Dockerfile, no code) is no project,
and shared code the stack's images copy in is the product's. A top-level folder of
exercises (`Exercises/MLflow/`) makes a course of the projects in it. A monorepo has
data, model quality and contract tests when one of its projects has them.
"""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import API, FIT, NOTEBOOK_IN_ORDER, model_service
from tests.doctor.helpers import Tree, audit, committed_kind, git_commit

MEMBERS = ("wine-core", "wine-sklearn", "wine-serve")


def _package(name: str) -> str:
    return (
        f'[project]\nname = "{name}"\nversion = "0.1.0"\ndependencies = ["numpy>=2"]\n\n'
        '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
    )


def _umbrella(installs: bool) -> str:
    """The root's pyproject: a workspace of packages/*, installing them by name or not."""
    names = ", ".join(f'"{name}"' for name in MEMBERS) if installs else '"numpy>=2"'
    sources = "".join(f"{name} = {{ workspace = true }}\n" for name in MEMBERS)
    return (
        f'[project]\nname = "wine"\nversion = "0.1.0"\ndependencies = [{names}]\n\n'
        f'[tool.uv.workspace]\nmembers = ["packages/*"]\n\n[tool.uv.sources]\n{sources}'
    )


def _workspace_of_packages(installs: bool = True, images: bool = False) -> Tree:
    """Three packages in a uv workspace locked by the root's uv.lock; one offers a
    FastAPI app to its users."""
    tree: Tree = {
        "README.md": "# Wine: one interface to train any model\nInstall what you need.\n",
        "pyproject.toml": _umbrella(installs),
        "uv.lock": "version = 1\n",
    }
    for name in MEMBERS:
        module = name.replace("-", "_")
        tree[f"packages/{name}/pyproject.toml"] = _package(name)
        tree[f"packages/{name}/src/{module}/__init__.py"] = ""
        tree[f"packages/{name}/src/{module}/core.py"] = FIT if name != "wine-serve" else API
        if images:
            tree[f"packages/{name}/Dockerfile"] = "FROM python:3.12-slim\nCOPY . .\n"
    return tree


def test_packages_the_root_installs_by_name_are_one_library(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _workspace_of_packages()) == "library"


def test_members_the_root_does_not_install_stay_one_product(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _workspace_of_packages(installs=False)) == "application"


def test_members_built_into_images_are_no_library(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _workspace_of_packages(images=True)) != "library"


JAPANESE = "# ワインのハンズオン資料\n\nこのリポジトリはワークショップのコードです。\n"
ENGLISH = "# Wine hands-on assets\n\nThis repository collects sample code used in our workshops.\n"


def test_a_readme_in_another_language_is_read_in_its_english_translation(
    tmp_path: Path,
) -> None:
    tree = {**model_service(JAPANESE), "README_EN.md": ENGLISH}
    assert committed_kind(tmp_path, tree) == "example"


def test_without_a_translation_the_foreign_readme_says_nothing(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, model_service(JAPANESE)) == "application"


def test_a_readme_that_holds_sample_code_presents_examples(tmp_path: Path) -> None:
    readme = "# Wine scoring\n\nThis repository includes sample code how to score wines.\n"
    assert committed_kind(tmp_path, model_service(readme)) == "example"


def test_a_readme_that_holds_the_service_code_presents_a_product(tmp_path: Path) -> None:
    readme = "# Wine scoring\n\nThis repository includes the code of our scoring service.\n"
    assert committed_kind(tmp_path, model_service(readme)) == "application"


COMPOSE = (
    "services:\n  churn:\n    build: ./churn\n  prices:\n    build: ./prices\n"
    "  wine:\n    build: ./wine\n"
)


def _three_products(readme: str) -> Tree:
    """Three folders that each train and serve a model of their own, each with its own
    requirements, README and image, and a root compose file that builds them all."""
    tree: Tree = {"README.md": readme, "docker-compose.yml": COMPOSE}
    for name in ("churn", "prices", "wine"):
        tree[f"{name}/README.md"] = f"# {name}\n"
        tree[f"{name}/requirements.txt"] = "fastapi==0.110.0\n"
        tree[f"{name}/train.py"] = FIT
        tree[f"{name}/app.py"] = API
        tree[f"{name}/Dockerfile"] = 'FROM python:3.12-slim\nCMD ["uvicorn", "app:app"]\n'
    return tree


def test_a_portfolio_featuring_three_projects_keeps_them_apart(tmp_path: Path) -> None:
    readme = "# ML platform\n\nA portfolio featuring 3 production-ready projects.\n"
    assert committed_kind(tmp_path, _three_products(readme)) == "monorepo"


def test_services_one_compose_builds_are_one_product(tmp_path: Path) -> None:
    readme = "# ML platform\n\nScores churn, prices and wines for the shop.\n"
    assert committed_kind(tmp_path, _three_products(readme)) == "application"


def _image_folders(code: bool) -> Tree:
    """A product's code at the root and two folders under docker/, each a Pipfile and a
    Dockerfile, with their own code or without."""
    tree: Tree = {
        "README.md": "# Wine scoring\n\nScores wines.\n",
        "requirements.txt": "fastapi==0.110.0\n",
        "train.py": FIT,
        "app.py": API,
    }
    for name in ("report", "export"):
        tree[f"docker/{name}/Pipfile"] = '[packages]\npandas = "*"\n'
        tree[f"docker/{name}/Dockerfile"] = "FROM python:3.12-slim\n"
        if code:
            tree[f"docker/{name}/{name}.py"] = "def run(rows):\n    return len(rows)\n"
    return tree


def test_pipfiles_beside_no_code_are_images_packages(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _image_folders(code=False)) == "application"


def test_pipfiles_beside_code_of_their_own_are_projects(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _image_folders(code=True)) == "monorepo"


def _stack_with_shared_code(copied: bool) -> Tree:
    """Two services a root compose file builds (context the root), and common/, a package
    of shared code with its own setup.py that their images copy in, or do not."""
    compose = (
        "services:\n  api:\n    build:\n      context: .\n      dockerfile: api/Dockerfile\n"
        "  trainer:\n    build:\n      context: .\n      dockerfile: training/Dockerfile\n"
    )
    copy = "COPY common/ /app/common/\nRUN pip install /app/common\n" if copied else ""
    tree: Tree = {
        "README.md": "# Fraud scoring\n\nScores card payments.\n",
        "docker-compose.yml": compose,
        "common/setup.py": "from setuptools import setup\n\nsetup(name='common')\n",
        "common/common/__init__.py": "",
        "common/common/features.py": "def scale(x):\n    return x / 2\n",
    }
    for name, code in (("api", API), ("training", FIT)):
        tree[f"{name}/README.md"] = f"# {name}\n"
        tree[f"{name}/requirements.txt"] = "fastapi==0.110.0\n"
        tree[f"{name}/main.py"] = code
        tree[f"{name}/Dockerfile"] = f"FROM python:3.12-slim\n{copy}COPY {name}/ /app/\n"
    return tree


def test_shared_code_the_stack_images_copy_in_is_the_products(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _stack_with_shared_code(copied=True)) == "application"


def test_a_package_no_image_of_the_stack_copies_is_a_project(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _stack_with_shared_code(copied=False)) == "monorepo"


def test_a_readme_titled_projects_keeps_its_projects_apart(tmp_path: Path) -> None:
    readme = "# Portfolio\n\nMachine learning projects taken from raw data to a served model.\n"
    assert committed_kind(tmp_path, _three_products(readme)) == "monorepo"


def test_a_readme_that_names_one_project_keeps_one_product(tmp_path: Path) -> None:
    readme = "# Portfolio\n\nA machine learning project taken from raw data to a model.\n"
    assert committed_kind(tmp_path, _three_products(readme)) == "application"


def _notebook_folders(parent: str) -> Tree:
    """Two folders of notebooks under `parent`, each with its own requirements and
    README, and nothing at the root but a README."""
    tree: Tree = {"README.md": "# MLOps\n"}
    for name in ("tracking", "logging"):
        tree[f"{parent}/{name}/README.md"] = f"# {name}\n"
        tree[f"{parent}/{name}/requirements.txt"] = "mlflow==2.14.0\n"
        tree[f"{parent}/{name}/{name}.ipynb"] = NOTEBOOK_IN_ORDER
    return tree


def test_notebook_projects_in_an_exercises_folder_are_a_course(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _notebook_folders("Exercises")) == "example"


def test_notebook_projects_in_a_projects_folder_stay_a_monorepo(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _notebook_folders("projects")) == "monorepo"


QUALITY_TEST = "def test_beats_baseline(model, baseline):\n    assert model > baseline\n"


def _projects_one_tests_quality(tested: bool) -> Tree:
    """Three projects of a collection, each with tests; churn/ also tests its model's
    quality, or does not."""
    tree = _three_products("# ML projects\n\nA collection of machine learning projects.\n")
    for name in ("churn", "prices", "wine"):
        tree[f"{name}/tests/test_basic.py"] = "def test_ok():\n    assert sum([1, 1]) == 2\n"
    if tested:
        tree["churn/tests/model/test_quality.py"] = QUALITY_TEST
    return tree


def _failed_projects(root: Path, tree: Tree, check_id: str) -> list[str]:
    build_file_tree(root, tree)
    git_commit(root)
    report = audit(root, check_id)
    return sorted(r.project for r in report.results if r.status is Status.FAILED)


def test_a_monorepo_whose_one_project_tests_its_model_has_the_practice(tmp_path: Path) -> None:
    assert _failed_projects(tmp_path, _projects_one_tests_quality(True), "TEST002") == []


def test_a_monorepo_none_of_whose_projects_tests_its_model_lacks_it(tmp_path: Path) -> None:
    failed = _failed_projects(tmp_path, _projects_one_tests_quality(False), "TEST002")
    assert failed == ["churn", "prices", "wine"]
