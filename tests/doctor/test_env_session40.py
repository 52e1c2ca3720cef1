"""Session 40's environment fixes: a YAML file in conda's own format (`channels` and a
`dependencies` list of package specs) is a conda environment file whatever its name."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.helpers import audit, committed_status, found_ids

# -- conda's format, any name: ml_workshop.yaml (ENV001, ENV005) ---------------------------

WORKSHOP_ENV = (
    "name: workshop\nchannels:\n  - conda-forge\ndependencies:\n"
    "  - python=3.12\n  - jupyterlab=4.2.5\n  - pip\n  - pip:\n    - pandas==2.2.3\n"
)
# A Helm chart's dependencies: a list of charts, no channels.
CHART = (
    "apiVersion: v2\nname: api\nversion: 0.1.0\ndependencies:\n"
    "  - name: redis\n    version: 19.0.1\n    repository: https://charts.example.com\n"
)
NOTEBOOK_CODE = {"notebooks/explore.py": "import pandas as pd\n\nprint(pd.__version__)\n"}


@pytest.mark.parametrize(
    ("name", "content", "status"),
    [("ml_workshop.yaml", WORKSHOP_ENV, "passed"), ("chart/Chart.yaml", CHART, "failed")],
)
def test_a_yaml_in_condas_format_declares_dependencies(
    tmp_path: Path, name: str, content: str, status: str
) -> None:
    tree = {**NOTEBOOK_CODE, name: content}
    assert committed_status(tmp_path, tree, "ENV001") == status


@pytest.mark.parametrize(("channels", "status"), [(True, "failed"), (False, "not-applicable")])
def test_pins_in_a_conda_format_yaml_need_updates(
    tmp_path: Path, channels: bool, status: str
) -> None:
    # Without `channels` the file is no conda environment: nothing pinned is declared.
    content = WORKSHOP_ENV if channels else WORKSHOP_ENV.replace("channels:\n  - conda-forge\n", "")
    tree = {**NOTEBOOK_CODE, "ml_eda.yaml": content}
    assert committed_status(tmp_path, tree, "ENV005") == status


# -- IMG003: a compose command list is judged by its last step ------------------------------

WORKBENCH_IMAGE = (
    "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
    'CMD ["python", "-m", "titanic.train"]\n'
)
COMPOSE = 'services:\n  work:\n    build: .\n    command: >\n      bash -c "{steps}"\n'


@pytest.mark.parametrize(
    ("steps", "status"),
    [
        ("echo checking && pytest tests/ -v && exec bash", "passed"),
        ("echo starting && uvicorn titanic.api:app --host 0.0.0.0", "failed"),
    ],
)
def test_a_compose_command_list_is_judged_by_its_last_step(
    tmp_path: Path, steps: str, status: str
) -> None:
    tree = {
        "requirements.txt": "scikit-learn==1.5.0\n",
        "titanic/__init__.py": "",
        "titanic/train.py": "print('train')\n",
        "Dockerfile": WORKBENCH_IMAGE,
        "docker-compose.yml": COMPOSE.format(steps=steps),
    }
    assert committed_status(tmp_path, tree, "IMG003") == status


# -- IMG003: a toolchain image that keeps its shell, with nothing of the project's -----------

CONDA_IMAGE = (
    "FROM continuumio/miniconda3:24.7.1-0\nCOPY environment.yml /tmp/\n"
    "RUN conda env create -f /tmp/environment.yml\n{more}"
)
ENVIRONMENT = "name: work\nchannels: [conda-forge]\ndependencies:\n  - python=3.12\n"


@pytest.mark.parametrize(
    ("more", "status"),
    [("COPY setup/bashrc.bash /tmp/\n", "passed"), ("COPY src/ /app/src/\n", "failed")],
)
def test_a_conda_image_with_no_command_and_no_code_is_a_workbench(
    tmp_path: Path, more: str, status: str
) -> None:
    tree = {
        "environment.yml": ENVIRONMENT,
        "setup/bashrc.bash": "conda activate work\n",
        "src/train.py": "print('train')\n",
        "Dockerfile": CONDA_IMAGE.format(more=more),
    }
    assert committed_status(tmp_path, tree, "IMG003") == status


# -- ENV002: a loose requirements file frozen into a pinned one is its input ----------------

BASE = "torch\npandas>=2.0,<3\nstreamlit\n"
FREEZE_STEPS = (
    "# Matching\n\n```bash\npip install -r requirements-base.txt\n"
    "pip freeze > requirements.txt\n```\n"
)
FROZEN = "numpy==2.1.3\npandas==2.2.3\nstreamlit==1.40.1\ntorch==2.5.1\n"


@pytest.mark.parametrize(
    ("frozen", "readme", "status"),
    [
        (FROZEN, FREEZE_STEPS, "passed"),
        (FROZEN.replace("torch==2.5.1\n", ""), FREEZE_STEPS, "failed"),
        (FROZEN, "# Matching\n", "failed"),
    ],
)
def test_a_loose_file_frozen_into_a_pinned_one_is_its_input(
    tmp_path: Path, frozen: str, readme: str, status: str
) -> None:
    # Without torch in the frozen file, or with no freeze writing it, requirements-base.txt
    # is a set of its own.
    tree = {
        "requirements-base.txt": BASE,
        "requirements.txt": frozen,
        "app.py": "import streamlit as st\n\nst.title('matching')\n",
        "README.md": readme,
    }
    assert committed_status(tmp_path, tree, "ENV002") == status


# -- ENV005: Dependabot must update a package ecosystem ------------------------------------

DEPENDABOT = (
    "version: 2\nupdates:\n  - package-ecosystem: {ecosystem}\n    directory: /\n"
    "    schedule:\n      interval: weekly\n"
)


@pytest.mark.parametrize(("ecosystem", "status"), [("devcontainers", "failed"), ("uv", "passed")])
def test_dependabot_moves_pins_only_for_a_package_ecosystem(
    tmp_path: Path, ecosystem: str, status: str
) -> None:
    tree = {
        "requirements.txt": "scikit-learn==1.5.0\n",
        "train.py": "import sklearn\n",
        ".github/dependabot.yml": DEPENDABOT.format(ecosystem=ecosystem),
    }
    assert committed_status(tmp_path, tree, "ENV005") == status


# -- ENV005: Poetry's bare version is an exact pin -----------------------------------------

POETRY = (
    '[tool.poetry]\nname = "flow"\nversion = "0.1.0"\n\n[tool.poetry.dependencies]\n'
    'python = ">=3.11,<3.14"\nzenml = "^0.84.0"\n\n[tool.poetry.group.dev.dependencies]\n'
    "black = {black}\n"
)


@pytest.mark.parametrize(
    ("black", "status"), [('"22.3.0"', "failed"), ('"^22.3"', "not-applicable")]
)
def test_a_poetry_bare_version_is_a_pin_to_keep_moving(
    tmp_path: Path, black: str, status: str
) -> None:
    tree = {"pyproject.toml": POETRY.format(black=black), "src/flow/run.py": "print(1)\n"}
    assert committed_status(tmp_path, tree, "ENV005") == status


# -- IMG004: a tag from a build argument with no default is given by the build -------------


@pytest.mark.parametrize(
    ("arg", "status"),
    [("ARG ELASTIC_VERSION\n", "passed"), ("ARG ELASTIC_VERSION=latest\n", "failed")],
)
def test_a_tag_from_a_build_argument_without_default_is_given(
    tmp_path: Path, arg: str, status: str
) -> None:
    dockerfile = f"{arg}FROM docker.elastic.co/elasticsearch/elasticsearch:${{ELASTIC_VERSION}}\n"
    tree = {
        "requirements.txt": "fastapi==0.115.0\n",
        "app.py": "print(1)\n",
        "elk/elasticsearch/Dockerfile": dockerfile,
    }
    assert committed_status(tmp_path, tree, "IMG004") == status


@pytest.mark.parametrize(("tag", "status"), [("^3.10", "failed"), ("3.12-slim", "passed")])
def test_a_version_range_is_no_image_tag(tmp_path: Path, tag: str, status: str) -> None:
    tree = {
        "requirements.txt": "fastapi==0.115.0\n",
        "app.py": "print(1)\n",
        "Dockerfile": f'FROM python:{tag}\nCOPY app.py .\nCMD ["python", "app.py"]\n',
    }
    assert committed_status(tmp_path, tree, "IMG004") == status


# -- ENV001: a monorepo declares its dependencies when one project does ---------------------


def _two_projects(declared: bool) -> dict[str, str]:
    tree = {}
    for name in ("churn", "vision"):
        tree[f"{name}/pyproject.toml"] = "[tool.black]\nline-length = 88\n"
        tree[f"{name}/{name}/__init__.py"] = ""
        tree[f"{name}/{name}/train.py"] = "print('train')\n"
    if declared:
        tree["churn/requirements.txt"] = "scikit-learn==1.5.0\n"
    return tree


@pytest.mark.parametrize(("declared", "found"), [(True, False), (False, True)])
def test_one_projects_declaration_counts_for_the_monorepo(
    tmp_path: Path, declared: bool, found: bool
) -> None:
    build_file_tree(tmp_path, _two_projects(declared))
    report = audit(tmp_path, "ENV001")
    assert report.projects == ("churn", "vision")
    assert ("ENV001" in found_ids(report)) is found


# -- ENV001: a setup.py that gives no dependency declares none --------------------------------

SETUP = (
    "from setuptools import find_packages, setup\n\n"
    "setup(\n    name='stats',\n    packages=find_packages(),\n    install_requires={needs},\n)\n"
)


@pytest.mark.parametrize(("needs", "found"), [("[]", True), ("['numpy>=1.26']", False)])
def test_a_setup_py_declares_what_its_install_requires_lists(
    tmp_path: Path, needs: str, found: bool
) -> None:
    tree = {"setup.py": SETUP.format(needs=needs), "stats/__init__.py": "import numpy\n"}
    build_file_tree(tmp_path, tree)
    assert ("ENV001" in found_ids(audit(tmp_path, "ENV001"))) is found


# -- IMG005: the project a template generates is a repository with .git ----------------------

RENDERED_IMAGE = (
    "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"
    'RUN pip install -r requirements.txt\nCMD ["python", "-m", "{{ cookiecutter.module }}"]\n'
)


@pytest.mark.parametrize(("ignore", "status"), [(None, "failed"), (".git\ndata/\n", "passed")])
def test_a_rendered_copy_of_the_context_sends_the_projects_git(
    tmp_path: Path, ignore: str | None, status: str
) -> None:
    project = "{{ cookiecutter.repo_name }}"
    tree = {
        "cookiecutter.json": '{"repo_name": "churn", "module": "churn"}\n',
        f"{project}/Dockerfile": RENDERED_IMAGE,
        f"{project}/requirements.txt": "scikit-learn==1.5.0\n",
        f"{project}/{{{{ cookiecutter.module }}}}/__init__.py": "",
    }
    if ignore is not None:
        tree[f"{project}/.dockerignore"] = ignore
    assert committed_status(tmp_path, tree, "IMG005") == status


# -- IMG001: Databricks Model Serving builds the endpoint's container --------------------

DATABRICKS_DEPLOY = """from databricks.sdk import WorkspaceClient
from databricks.sdk.service.serving import EndpointCoreConfigInput, ServedEntityInput

entities = [ServedEntityInput(entity_name="main.hotel.model", entity_version="1")]
WorkspaceClient().serving_endpoints.create(
    name="hotel", config=EndpointCoreConfigInput(served_entities=entities)
)
"""
HOTEL = {
    "pyproject.toml": '[project]\nname = "hotel"\nversion = "1"\ndependencies = ["mlflow"]\n',
    "src/hotel/__init__.py": "",
    "src/hotel/train.py": "from sklearn.linear_model import LogisticRegression\n\n"
    "LogisticRegression().fit([[0], [1]], [0, 1])\n",
    "src/hotel/api.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
    "README.md": "# Hotel\n\nDeployed to production.\n",
}


@pytest.mark.parametrize(
    ("deploy", "status"),
    [(DATABRICKS_DEPLOY, "passed"), ("print('deploy by hand')\n", "failed")],
)
def test_a_databricks_serving_endpoint_is_the_platforms_image(
    tmp_path: Path, deploy: str, status: str
) -> None:
    tree = {**HOTEL, "src/hotel/deploy.py": deploy}
    assert committed_status(tmp_path, tree, "IMG001") == status
