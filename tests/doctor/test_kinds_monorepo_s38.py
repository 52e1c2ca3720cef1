"""The monorepo decision by the written rule (session 38, monorepo38): a folder a root
compose file mounts into a service it runs is part of that stack; a root package that
holds nothing but nested projects publishes nothing of its own; a README that names the
repository by its projects keeps them apart however few its snapshot holds; and a README
that names one example over one project beside a folder of scripts stays one example.
Each rule has a tree it fires on and a near one it leaves."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import API, FIT, NOTEBOOK_IN_ORDER
from tests.doctor.helpers import Tree, committed_kind

# -- a folder a compose service mounts is the stack's ------------------------------------


def _stack_with_transforms(mounted: bool) -> Tree:
    """Two services a compose file under infra/ builds, and transforms/, a SQL project of
    its own that a third service mounts and runs, or that nothing mounts."""
    volume = "    volumes:\n      - ../transforms:/work/transforms\n" if mounted else ""
    compose = (
        "services:\n  api:\n    build:\n      context: ../api\n"
        "  trainer:\n    build:\n      context: ../training\n"
        f"  transform:\n    image: python:3.12-slim\n{volume}"
        "    command: dbt run\n"
    )
    tree: Tree = {
        "README.md": "# Fraud scoring\n\nScores card payments.\n",
        "infra/docker-compose.yml": compose,
        "transforms/README.md": "# transforms\n",
        "transforms/requirements.txt": "dbt-core==1.8.0\n",
        "transforms/models/clean.sql": "select 1\n",
        "transforms/load.py": "def load(rows):\n    return rows\n",
    }
    for name, code in (("api", API), ("training", FIT)):
        tree[f"{name}/README.md"] = f"# {name}\n"
        tree[f"{name}/requirements.txt"] = "fastapi==0.110.0\n"
        tree[f"{name}/main.py"] = code
        tree[f"{name}/Dockerfile"] = "FROM python:3.12-slim\nCOPY . /app/\n"
    return tree


def test_a_folder_the_stack_mounts_is_the_products(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _stack_with_transforms(mounted=True)) == "application"


def test_a_folder_nothing_in_the_stack_mounts_is_a_project(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _stack_with_transforms(mounted=False)) == "monorepo"


# -- a root package of nested projects -----------------------------------------------------

ROOT_PYPROJECT = (
    '[tool.poetry]\nname = "plugins"\nversion = "0.1.0"\ndescription = "Plugins"\n'
    'authors = ["A <a@example.com>"]\nhomepage = "https://example.com"\n'
    'classifiers = ["Programming Language :: Python :: 3"]\n\n'
    '[tool.poetry.dev-dependencies]\nruff = "^0.4"\n\n'
    '[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n'
)


def _plugins(own_module: bool) -> Tree:
    """A root pyproject over src/, whose plugin folders each declare their own project and
    deploy a model; src/ holds a module of its own beside them, or nothing but them."""
    tree: Tree = {
        "README.md": "# Plugins\n\n- **serving**: deploys a model\n- **drift**: checks drift\n",
        "pyproject.toml": ROOT_PYPROJECT,
        "src/__init__.py": "",
    }
    for name in ("serving", "drift"):
        tree[f"src/{name}/requirements.txt"] = "bentoml==1.2.0\n"
        tree[f"src/{name}/README.md"] = f"# {name}\n"
        tree[f"src/{name}/src/deployer.py"] = API
    if own_module:
        tree["src/registry.py"] = "def plugins():\n    return ['serving', 'drift']\n"
    return tree


def test_a_root_package_holding_only_projects_is_a_monorepo(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _plugins(own_module=False)) == "monorepo"


def test_a_root_package_with_code_of_its_own_is_no_monorepo(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _plugins(own_module=True)) != "monorepo"


# -- the author's word that the repository holds projects ----------------------------------


def _one_project_folder(readme: str) -> Tree:
    """One project's code in a group folder (`recommenders/ncf/`), under `readme`."""
    return {
        "README.md": readme,
        "recommenders/ncf/train.py": FIT,
        "recommenders/ncf/api.py": API,
    }


def test_a_readme_titled_projects_is_a_monorepo_of_one(tmp_path: Path) -> None:
    readme = "# Machine Learning Projects\n\nEach group keeps its projects.\n"
    assert committed_kind(tmp_path, _one_project_folder(readme)) == "monorepo"


def test_a_readme_titled_for_one_product_is_no_monorepo(tmp_path: Path) -> None:
    readme = "# Movie recommender\n\nRecommends movies.\n"
    assert committed_kind(tmp_path, _one_project_folder(readme)) == "application"


# -- one example over one project and a folder of scripts --------------------------------


def _example_with_scripts(readme: str) -> Tree:
    """A pipeline project (README, requirements, training) and a bare folder of scripts
    with a requirements.txt, under `readme`."""
    return {
        "README.md": readme,
        "pipelines/README.md": "# pipelines\n",
        "pipelines/requirements.txt": "sagemaker==2.200.0\n",
        "pipelines/train.py": FIT,
        "scripts/requirements.txt": "torch==2.3.0\n",
        "scripts/train.py": FIT,
    }


def test_one_example_beside_a_folder_of_scripts_is_an_example(tmp_path: Path) -> None:
    readme = "# SageMaker Pipelines Example\n\nAn example of a training pipeline.\n"
    assert committed_kind(tmp_path, _example_with_scripts(readme)) == "example"


def test_a_gallery_of_examples_is_no_one_example(tmp_path: Path) -> None:
    readme = "# Pipelines\n\nTraining jobs for the shop's models.\n"
    assert committed_kind(tmp_path, _example_with_scripts(readme)) != "example"


# -- a README that addresses its learner makes its projects a course's ---------------------


# An opening long enough that what follows it is no longer the README's opening.
DELIVERY = (
    "# Full stack data science\n\n"
    + "Models that never reach the people who need them help nobody in the company. " * 9
    + "\n\n## Outline\n\n"
)


def _two_notebook_projects(readme: str) -> Tree:
    """Two folders of notebooks, each with its own requirements, under `readme`."""
    tree: Tree = {"README.md": readme}
    for name in ("credit", "attrition"):
        tree[f"{name}/requirements.txt"] = "pandas==2.2.0\n"
        tree[f"{name}/notebooks/explore.ipynb"] = NOTEBOOK_IN_ORDER
    return tree


def test_projects_under_a_readme_addressing_its_learner_are_a_course(tmp_path: Path) -> None:
    readme = DELIVERY + "In this workshop, you will build an API for a model.\n"
    assert committed_kind(tmp_path, _two_notebook_projects(readme)) == "example"


def test_projects_under_a_readme_describing_them_stay_a_monorepo(tmp_path: Path) -> None:
    readme = DELIVERY + "In this repository you find two analyses of a bank's customers.\n"
    assert committed_kind(tmp_path, _two_notebook_projects(readme)) == "monorepo"
