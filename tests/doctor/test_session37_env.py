"""Session 37's recall fixes of the environment and secret checks: ENV006 reads the
Python wherever a repository declares it (one table per family of declaration sites)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, committed_status

APP: Tree = {
    "README.md": "# Price model\n\nDeployed with Docker.\n",
    "pyproject.toml": '[project]\nname = "price"\ndependencies = ["fastapi>=0.110"]\n',
    "src/price/app.py": "import fastapi\n\napp = fastapi.FastAPI()\n",
}


def _notebook(line: str) -> str:
    cell = f'{{"cell_type": "code", "source": ["{line}"], "metadata": {{}}, "outputs": []}}'
    return f'{{"cells": [{cell}], "metadata": {{}}, "nbformat": 4, "nbformat_minor": 5}}'


# -- ENV006: the Python, at every site that declares one --------------------------------

# (path, contents with `{python}` where the declared Python goes)
PYTHON_SITES = {
    "make variable": ("Makefile", "PYTHON_VERSION ?= {python}\n\nsetup:\n\tpip install .\n"),
    "make recipe": ("Makefile", "env:\n\tconda create -n price python={python} -y\n"),
    "tox envlist": ("tox.ini", "[tox]\nenvlist = py{nodot}, lint\n"),
    "block list in CI": (".travis.yml", 'language: python\npython:\n  - "{python}"\n'),
    "CI variable": (
        ".github/workflows/ci.yml",
        "on: push\nenv:\n  PYTHON_VERSION: '{python}'\njobs:\n  t:\n    runs-on: x\n"
        "    steps:\n      - run: pytest\n",
    ),
    "CI matrix": (
        ".github/workflows/ci.yml",
        "on: push\njobs:\n  t:\n    runs-on: x\n    strategy:\n      matrix:\n"
        "        python: [{python}]\n    steps:\n      - run: pytest\n",
    ),
    "CI step": (
        ".github/workflows/ci.yml",
        "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n"
        "      - run: conda create -n t python={python} -y\n",
    ),
    "buildspec": (
        "deploy/buildspec.yml",
        "version: 0.2\nphases:\n  install:\n    runtime-versions:\n      python: {python}\n",
    ),
    "runtime.txt": ("runtime.txt", "python-{python}.4\n"),
    "nested .python-version": ("services/api/.python-version", "{python}.4\n"),
    "Pipfile": ("Pipfile", '[packages]\nflask = "*"\n\n[requires]\npython_version = "{python}"\n'),
    "compose image": (
        "docker-compose.yml",
        "services:\n  job:\n    image: python:{python}-slim\n    command: python job.py\n",
    ),
    "notebook shell line": ("setup.ipynb", _notebook("!conda create -n price python={python} -y")),
}


def _site_tree(site: str, python: str) -> Tree:
    path, contents = PYTHON_SITES[site]
    written = contents.replace("{python}", python).replace("{nodot}", python.replace(".", ""))
    return {**APP, path: written}


@pytest.mark.parametrize("site", sorted(PYTHON_SITES))
def test_a_python_past_its_end_of_life_is_read_where_it_is_declared(
    tmp_path: Path, site: str
) -> None:
    assert committed_status(tmp_path, _site_tree(site, "3.7"), "ENV006") == "failed"


@pytest.mark.parametrize("site", sorted(PYTHON_SITES))
def test_a_supported_python_declared_there_passes(tmp_path: Path, site: str) -> None:
    assert committed_status(tmp_path, _site_tree(site, "3.12"), "ENV006") == "passed"


@pytest.mark.parametrize("python, status", [("3.7", "failed"), ("3.12", "passed")])
def test_a_python_declared_only_by_a_makefile_is_judged(
    tmp_path: Path, python: str, status: str
) -> None:
    # No pyproject, image, conda file or CI: the Makefile's variable is the only Python.
    tree = {
        "README.md": "# Price model\n\nRun `make setup`.\n",
        "requirements.txt": "scikit-learn==1.5.0\n",
        "train.py": "import sklearn\n",
        "Makefile": f"PYTHON_VERSION ?= {python}\n\nsetup:\n\tpip install -r requirements.txt\n",
    }
    assert committed_status(tmp_path, tree, "ENV006") == status


def test_a_tox_env_the_project_cannot_install_on_is_stale(tmp_path: Path) -> None:
    # tox installs the project: an env older than requires-python allows runs nothing.
    pyproject = '[project]\nname = "price"\nrequires-python = ">=3.12"\n'
    tree = {**APP, "pyproject.toml": pyproject, "tox.ini": "[tox]\nenvlist = py36, py312\n"}
    assert committed_status(tmp_path, tree, "ENV006") == "passed"


@pytest.mark.parametrize(
    "makefile",
    [
        "# PYTHON_VERSION ?= 3.7\nall:\n\techo ok\n",  # a comment sets nothing
        "PYTHON = python3\nPYTHONPATH = src/3.7\n",  # an interpreter, a path
    ],
)
def test_a_makefile_line_that_sets_no_python_is_not_read(tmp_path: Path, makefile: str) -> None:
    assert committed_status(tmp_path, {**APP, "Makefile": makefile}, "ENV006") == "passed"


# -- SEC001: general secrets at more sites -----------------------------------------------

ONE_CASE_KEY = "m4k9q2xw7rt0vz3bn8jd5lp1hc6sy2fe"  # made up: digits and lower case, random


def test_a_random_one_case_access_key_is_a_secret(tmp_path: Path) -> None:
    code = f'MODEL_ACCESS_KEY = "{ONE_CASE_KEY}"\n'
    assert committed_status(tmp_path, {**APP, "score.py": code}, "SEC001") == "failed"


def test_words_and_dates_run_together_are_no_secret(tmp_path: Path) -> None:
    code = 'MODEL_ACCESS_KEY = "prod2023databaseuser2024x"\n'
    assert committed_status(tmp_path, {**APP, "score.py": code}, "SEC001") == "passed"


def test_a_spark_storage_account_key_is_a_secret(tmp_path: Path) -> None:
    key = "Zq8" + "xK2mW9pL4vR7tY1nB6cD3fG5hJ0sA" * 2 + "=="
    spark = f"spark.hadoop.fs.azure.account.key.lake.dfs.core.windows.net: {key}\n"
    tree = {**APP, "conf/base/spark.yml": spark}
    assert committed_status(tmp_path, tree, "SEC001") == "failed"


def test_a_spark_account_key_read_from_the_environment_passes(tmp_path: Path) -> None:
    spark = "spark.hadoop.fs.azure.account.key.lake.dfs.core.windows.net: ${AZURE_KEY}\n"
    tree = {**APP, "conf/base/spark.yml": spark}
    assert committed_status(tmp_path, tree, "SEC001") == "passed"


def test_a_default_in_an_environment_reference_is_no_assignment(tmp_path: Path) -> None:
    compose = (
        "services:\n  db:\n    environment:\n      PASSWORD: ${DB_PASSWORD:-Loc4lDevPassw0rdX9q2}\n"
    )
    tree = {**APP, "docker-compose.yml": compose}
    assert committed_status(tmp_path, tree, "SEC001") == "passed"


def test_a_lower_case_key_set_in_a_script_is_a_secret(tmp_path: Path) -> None:
    script = f"#!/bin/sh\napi_key={ONE_CASE_KEY} python score.py\n"
    assert committed_status(tmp_path, {**APP, "run.sh": script}, "SEC001") == "failed"


def test_a_lower_case_path_set_in_a_script_is_no_secret(tmp_path: Path) -> None:
    script = "#!/bin/sh\ndata_path=data/raw/2024_01_01_export.csv python score.py\n"
    assert committed_status(tmp_path, {**APP, "run.sh": script}, "SEC001") == "passed"


def test_a_key_shown_in_a_notebook_markdown_cell_is_a_secret(tmp_path: Path) -> None:
    notebook = _markdown_notebook(f"Run `export API_TOKEN={ONE_CASE_KEY}` first.")
    assert committed_status(tmp_path, {**APP, "demo.ipynb": notebook}, "SEC001") == "failed"


def test_a_placeholder_in_a_notebook_markdown_cell_passes(tmp_path: Path) -> None:
    notebook = _markdown_notebook("Run `export API_TOKEN=<your-api-token-goes-here>` first.")
    assert committed_status(tmp_path, {**APP, "demo.ipynb": notebook}, "SEC001") == "passed"


def test_a_user_name_with_its_hex_key_is_a_secret(tmp_path: Path) -> None:
    credentials = '{"username":"ana","key":"' + "3f9a0c" * 5 + 'e1"}'
    code = f"with open('kaggle.json', 'w') as f:\n    f.write('{credentials}')\n"
    assert committed_status(tmp_path, {**APP, "setup.py": code}, "SEC001") == "failed"


def test_a_user_name_with_a_placeholder_key_passes(tmp_path: Path) -> None:
    credentials = '{"username":"ana","key":"<your-kaggle-key>"}'
    code = f"with open('kaggle.json', 'w') as f:\n    f.write('{credentials}')\n"
    assert committed_status(tmp_path, {**APP, "setup.py": code}, "SEC001") == "passed"


def _markdown_notebook(text: str) -> str:
    cell = f'{{"cell_type": "markdown", "source": ["{text}"], "metadata": {{}}}}'
    return f'{{"cells": [{cell}], "metadata": {{}}, "nbformat": 4, "nbformat_minor": 5}}'


def test_a_token_in_a_link_query_is_no_variable(tmp_path: Path) -> None:
    link = f"![chart](https://charts.example.org/svg?repos=a/b&secret={ONE_CASE_KEY})\n"
    assert committed_status(tmp_path, {**APP, "docs/intro.md": link}, "SEC001") == "passed"
