"""Session 43's readings of how an image installs a project (ENV002): `uv pip install
".[serve]"` of ranges is unpinned as pip's is, and a project tool run on a declaration of
ranges copied in without its lock resolves them afresh; a package in a subfolder runs on
the Python it declares, and a notebook's `%%writefile env.yml` on the conda environment's
(ENV006); a Dependabot update of a folder with no manifest of its ecosystem moves nothing
(ENV005)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.doctor.cases import notebook
from tests.doctor.helpers import Tree, committed_status

PYPROJECT = (
    '[project]\nname = "churn"\nversion = "0.1.0"\n'
    'dependencies = ["fastapi>=0.110", "scikit-learn>=1.5"]\n'
)
POETRY_PYPROJECT = (
    '[tool.poetry]\nname = "churn"\nversion = "0.1.0"\n\n'
    '[tool.poetry.dependencies]\npython = "^3.11"\nfastapi = "^0.110"\n'
)
SERVICE: Tree = {
    "README.md": "# Churn service\n\nDeployed with Docker.\n",
    "src/churn/__init__.py": "",
    "src/churn/app.py": "import fastapi\n\napp = fastapi.FastAPI()\n",
}
UV_LOCKED: Tree = {**SERVICE, "pyproject.toml": PYPROJECT, "uv.lock": "version = 1\n"}
POETRY_LOCKED: Tree = {
    **SERVICE,
    "pyproject.toml": POETRY_PYPROJECT,
    "poetry.lock": '[[package]]\nname = "fastapi"\nversion = "0.110.0"\n',
}


def image(*lines: str) -> str:
    return "\n".join(("FROM python:3.12-slim", "WORKDIR /app", *lines)) + "\n"


def test_an_image_uv_pip_installing_its_unlocked_project_with_extras_is_unpinned(
    tmp_path: Path,
) -> None:
    dockerfile = image(
        "COPY pyproject.toml ./", "RUN pip install uv && uv pip install --system '.[serve]'"
    )
    tree = {**SERVICE, "pyproject.toml": PYPROJECT, "Dockerfile": dockerfile}
    assert committed_status(tmp_path, tree, "ENV002") == "failed"


def test_an_image_syncing_its_copied_uv_lock_is_pinned(tmp_path: Path) -> None:
    dockerfile = image("COPY pyproject.toml uv.lock ./", "RUN pip install uv && uv sync --no-dev")
    tree = {**UV_LOCKED, "Dockerfile": dockerfile}
    assert committed_status(tmp_path, tree, "ENV002") == "passed"


def test_poetry_install_on_a_pyproject_copied_without_its_lock_is_unpinned(
    tmp_path: Path,
) -> None:
    dockerfile = image(
        "COPY pyproject.toml ./pyproject.toml", "RUN pip install poetry", "RUN poetry install"
    )
    tree = {**POETRY_LOCKED, "Dockerfile": dockerfile}
    assert committed_status(tmp_path, tree, "ENV002") == "failed"


def test_poetry_install_of_exact_versions_without_its_lock_is_pinned(tmp_path: Path) -> None:
    dockerfile = image("COPY pyproject.toml ./", "RUN pip install poetry && poetry install")
    exact = POETRY_PYPROJECT.replace('"^0.110"', '"0.110.0"')
    tree = {**POETRY_LOCKED, "pyproject.toml": exact, "Dockerfile": dockerfile}
    assert committed_status(tmp_path, tree, "ENV002") == "passed"


def test_poetry_install_with_its_lock_copied_in_is_pinned(tmp_path: Path) -> None:
    dockerfile = image(
        "COPY pyproject.toml poetry.lock* ./", "RUN pip install poetry", "RUN poetry install"
    )
    tree = {**POETRY_LOCKED, "Dockerfile": dockerfile}
    assert committed_status(tmp_path, tree, "ENV002") == "passed"


def test_uv_sync_in_a_context_below_the_workspace_lock_is_unpinned(tmp_path: Path) -> None:
    # the service's own folder is its build context (its .dockerignore): the root's
    # uv.lock is not in the image, so `uv sync` resolves and writes a new one
    service = {
        "services/api/pyproject.toml": PYPROJECT,
        "services/api/.dockerignore": ".venv\n",
        "services/api/Dockerfile": image("COPY . .", "RUN pip install uv && uv sync"),
    }
    tree = {**UV_LOCKED, **service}
    assert committed_status(tmp_path, tree, "ENV002") == "failed"


# -- the Python a package in a subfolder declares (ENV006) ----------------------------------

SHARED_SETUP = (
    'from setuptools import setup\n\nREQUIRES_PYTHON = ">=3.8.0"\n\n'
    'setup(name="shared", packages=["shared"], python_requires=REQUIRES_PYTHON)\n'
)
CURRENT_IMAGE: Tree = {**SERVICE, "Dockerfile": image("COPY . .", "RUN pip install .")}


def test_a_shared_library_declaring_an_ended_python_is_reported(tmp_path: Path) -> None:
    tree = {**CURRENT_IMAGE, "libs/shared/setup.py": SHARED_SETUP}
    assert committed_status(tmp_path, tree, "ENV006") == "failed"


def test_vendored_code_declaring_an_ended_python_is_not_the_projects(tmp_path: Path) -> None:
    tree = {**CURRENT_IMAGE, "third_party/shared/setup.py": SHARED_SETUP}
    assert committed_status(tmp_path, tree, "ENV006") == "passed"


def written(name: str, body: str) -> str:
    """A notebook whose one cell writes `body` to `name` with `%%writefile`."""
    return notebook(json.dumps([f"%%writefile {name}\n", body]))


def test_a_notebook_writing_a_conda_environment_on_an_ended_python_is_reported(
    tmp_path: Path,
) -> None:
    environment = "channels:\n  - conda-forge\ndependencies:\n  - python=3.7\n  - pandas=1.3.5\n"
    tree = {**CURRENT_IMAGE, "workshop.ipynb": written("project_env.yml", environment)}
    assert committed_status(tmp_path, tree, "ENV006") == "failed"


def test_a_notebook_writing_other_yaml_naming_a_python_is_no_environment(tmp_path: Path) -> None:
    settings = "matrix:\n  - python=3.7\nreplicas: 2\n"
    tree = {**CURRENT_IMAGE, "workshop.ipynb": written("deploy.yml", settings)}
    assert committed_status(tmp_path, tree, "ENV006") == "passed"


# -- a Dependabot update that finds nothing to move (ENV005) --------------------------------

BACKEND: Tree = {
    **SERVICE,
    "backend/requirements.txt": "fastapi==0.110.0\nscikit-learn==1.5.2\n",
}


def dependabot(directory: str) -> str:
    return (
        "version: 2\nupdates:\n  - package-ecosystem: pip\n"
        f'    directory: "{directory}"\n    schedule:\n      interval: weekly\n'
    )


def test_dependabot_watching_a_folder_without_manifests_moves_nothing(tmp_path: Path) -> None:
    tree = {**BACKEND, ".github/dependabot.yml": dependabot("/")}
    assert committed_status(tmp_path, tree, "ENV005") == "failed"


def test_dependabot_watching_the_folder_of_the_pins_moves_them(tmp_path: Path) -> None:
    tree = {**BACKEND, ".github/dependabot.yml": dependabot("/backend")}
    assert committed_status(tmp_path, tree, "ENV005") == "passed"
