"""Session 41's ENV006 / IMG006 fixes: the Python a vendor image ships when its tag names
none (`apache/airflow:2.7.2`, by the versions table), the default image of a compose
service that takes it from a variable, a devcontainer image's `1-3.12` tag, a serverless
runtime given on a command line outside a script or a README (a CI step's `gcloud
functions deploy --runtime python37`), Poetry's space-separated constraints, direnv's
layout; for IMG006 the server images that stop with their Python and Databricks'
runtime images."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import PACKAGE, TRAINING
from tests.doctor.helpers import Tree, shown_findings

APP = {**PACKAGE, **TRAINING, "pyproject.toml": '[project]\nname = "demo"\n'}


def shown(root: Path, tree: Tree, check: str = "ENV006") -> list[str]:
    return shown_findings(root, tree, check)


def airflow_image(tag: str) -> Tree:
    dockerfile = f"FROM apache/airflow:{tag}\nCOPY dags/ /opt/airflow/dags/\n"
    return {**APP, "airflow/Dockerfile": dockerfile, "dags/train.py": "import demo\n"}


def test_an_airflow_image_whose_tag_names_no_python_runs_the_releases_default(
    tmp_path: Path,
) -> None:
    assert shown(tmp_path, airflow_image("2.7.2")) == [
        "airflow/Dockerfile:1: runs on apache/airflow:2.7.2 (Python 3.8: end of life 2024-10-07)"
    ]


def test_an_airflow_release_on_a_supported_default_python_passes(tmp_path: Path) -> None:
    assert shown(tmp_path, airflow_image("2.10.4")) == []


def test_the_python_a_tag_names_wins_over_the_releases_default(tmp_path: Path) -> None:
    assert shown(tmp_path, airflow_image("2.7.2-python3.11")) == []


def test_an_airflow_release_the_table_does_not_list_is_not_judged(tmp_path: Path) -> None:
    assert shown(tmp_path, airflow_image("2.2.3")) == []


def test_img006_judges_an_airflow_image_by_its_release_not_its_default_python(
    tmp_path: Path,
) -> None:
    # apache/airflow:2.8.1 ships Python 3.8 (ENV006's) on Debian 12, a supported release.
    assert shown(tmp_path, airflow_image("2.8.1"), "IMG006") == []


def airflow_compose(image: str) -> Tree:
    compose = (
        "x-airflow-common:\n  &airflow-common\n"
        f"  image: ${{AIRFLOW_IMAGE_NAME:-{image}}}\n"
        "services:\n  scheduler:\n    <<: *airflow-common\n    command: scheduler\n"
    )
    return {**APP, "docker-compose.yaml": compose, "dags/train.py": "import demo\n"}


def test_a_compose_image_taken_from_a_variable_runs_its_default(tmp_path: Path) -> None:
    assert shown(tmp_path, airflow_compose("apache/airflow:2.6.3")) == [
        "docker-compose.yaml:3: runs in apache/airflow:2.6.3 (Python 3.7: end of life 2023-06-27)"
    ]


def test_a_compose_default_image_on_a_supported_python_passes(tmp_path: Path) -> None:
    assert shown(tmp_path, airflow_compose("apache/airflow:2.10.4")) == []


def devcontainer_image(tag: str) -> Tree:
    dockerfile = f"FROM mcr.microsoft.com/devcontainers/python:{tag}\nUSER vscode\n"
    return {**APP, ".devcontainer/Dockerfile": dockerfile}


def test_a_devcontainer_images_tag_names_its_python_after_the_images_major(
    tmp_path: Path,
) -> None:
    assert shown(tmp_path, devcontainer_image("0-3.9")) == [
        ".devcontainer/Dockerfile:1: runs on mcr.microsoft.com/devcontainers/python:0-3.9 "
        "(Python 3.9: end of life 2025-10-31)"
    ]


def test_a_devcontainer_image_on_a_supported_python_passes(tmp_path: Path) -> None:
    assert shown(tmp_path, devcontainer_image("1-3.12-bookworm")) == []


def deploy_workflow(runtime: str) -> Tree:
    workflow = (
        "name: deploy\non: [push]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: >-\n"
        f"          gcloud functions deploy predict --runtime {runtime} --trigger-http\n"
    )
    return {**APP, ".github/workflows/deploy.yml": workflow, "main.py": "def predict(r): ...\n"}


def test_a_runtime_a_ci_step_deploys_a_function_on_is_read(tmp_path: Path) -> None:
    assert shown(tmp_path, deploy_workflow("python37")) == [
        ".github/workflows/deploy.yml:8: a serverless function runs on python37 "
        "(Python 3.7: end of life 2023-06-27)"
    ]


def test_a_function_deployed_on_a_supported_runtime_passes(tmp_path: Path) -> None:
    assert shown(tmp_path, deploy_workflow("python312")) == []


def test_a_makefiles_deploy_recipe_names_the_runtime(tmp_path: Path) -> None:
    makefile = "deploy:\n\tgcloud functions deploy predict --runtime=python38 --trigger-http\n"
    assert shown(tmp_path, {**APP, "Makefile": makefile}) == [
        "Makefile:2: a serverless function runs on python38 (Python 3.8: end of life 2024-10-07)"
    ]


def test_poetry_constraints_apart_by_a_space_are_all_read(tmp_path: Path) -> None:
    pyproject = '[tool.poetry.dependencies]\npython = ">=3.9 <3.10"\n'
    assert shown(tmp_path, {**APP, "pyproject.toml": pyproject}) == [
        "pyproject.toml: requires-python allows 3.9 (Python 3.9: end of life 2025-10-31)"
    ]


def test_a_space_apart_range_on_supported_pythons_passes(tmp_path: Path) -> None:
    pyproject = '[tool.poetry.dependencies]\npython = ">=3.12 <3.14"\n'
    assert shown(tmp_path, {**APP, "pyproject.toml": pyproject}) == []


def test_direnvs_pyenv_layout_names_the_python(tmp_path: Path) -> None:
    assert shown(tmp_path, {**APP, ".envrc": "layout pyenv 3.7.7\n"}) == [
        ".envrc:1: creates its environment on Python 3.7 (Python 3.7: end of life 2023-06-27)"
    ]


def test_a_direnv_layout_on_a_supported_python_passes(tmp_path: Path) -> None:
    assert shown(tmp_path, {**APP, ".envrc": "layout python python3.12\n"}) == []


def served_on(image: str) -> Tree:
    dockerfile = f"FROM {image}\nCOPY app/ /app/\nUSER app\n"
    return {**APP, "api/Dockerfile": dockerfile, "api/app/main.py": "import demo\n"}


def test_a_server_image_of_an_ended_python_is_frozen(
    tmp_path: Path,
) -> None:
    image = "tiangolo/uvicorn-gunicorn-fastapi:python3.9"
    assert shown(tmp_path, served_on(image), "IMG006") == [
        f"api/Dockerfile:1: FROM {image}: the images of Python 3.9 stopped being rebuilt at "
        "its end of life on 2025-10-31"
    ]


def test_a_vendor_image_on_a_supported_python_is_not_reported(tmp_path: Path) -> None:
    image = "tiangolo/uvicorn-gunicorn-fastapi:python3.12"
    assert shown(tmp_path, served_on(image), "IMG006") == []


def test_a_databricks_runtime_image_is_built_on_its_runtimes_ubuntu(tmp_path: Path) -> None:
    image = "databricksruntime/standard:12.2-LTS"
    assert shown(tmp_path, served_on(image), "IMG006") == [
        f"api/Dockerfile:1: FROM {image}: Ubuntu 20.04 ended its security support on 2025-05-31"
    ]


def test_a_later_databricks_runtime_is_not_judged(tmp_path: Path) -> None:
    assert shown(tmp_path, served_on("databricksruntime/standard:13.3-LTS"), "IMG006") == []


def test_a_deploy_commands_argument_list_names_the_runtime(tmp_path: Path) -> None:
    deploy = (
        "import subprocess\n\n\ndef deploy() -> None:\n"
        '    subprocess.run(["gcloud", "functions", "deploy", "f", "--runtime", "python39"])\n'
    )
    assert shown(tmp_path, {**APP, "deploy.py": deploy}) == [
        "deploy.py:5: a serverless function runs on python39 (Python 3.9: end of life 2025-10-31)"
    ]
