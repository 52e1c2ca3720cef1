"""Session 35's fixes of round 27's false results: an ML platform's environment image is
judged as a base image (IMG004: untagged or `latest`), including the environment an Azure
ML job, component or online deployment defines inline (IMG004, IMG006)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.cases import PACKAGE
from tests.doctor.helpers import Tree, audit, committed_status, git_commit


def _passes(root: Path, tree: Tree, check_id: str) -> bool:
    return committed_status(root, tree, check_id) == "passed"


# -- Azure ML environment images (IMG004, IMG006) -----------------------------------------

SCHEMA = "$schema: https://azuremlschemas.azureedge.net/latest/{kind}.schema.json\n"
ENVIRONMENT = SCHEMA.format(kind="environment") + "name: env\nimage: {image}\nconda_file: c.yml\n"
COMPONENT = (
    SCHEMA.format(kind="commandComponent") + "name: fit\ntype: command\ncode: ../src\n"
    "environment:\n  image: {image}\n  conda_file: conda.yml\ncommand: python fit.py\n"
)
DEPLOYMENT = (
    SCHEMA.format(kind="managedOnlineDeployment") + "name: blue\nendpoint_name: ep\n"
    "code_configuration:\n  code: ./src\n  scoring_script: score.py\n"
    "environment:\n  image: {image}\ninstance_type: Standard_DS3_v2\n"
)
PIPELINE = (
    SCHEMA.format(kind="pipelineJob") + "type: pipeline\njobs:\n  prep:\n    type: command\n"
    "    command: python prep.py\n    environment: azureml:prep-env@latest\n"
    "  fit:\n    type: command\n    command: python fit.py\n"
    "    environment:\n      image: {image}\n      conda_file: conda.yml\n"
)
LAYOUTS = {
    "aml/environment.yml": ENVIRONMENT,
    "aml/components/fit.yml": COMPONENT,
    "deploy/blue.yaml": DEPLOYMENT,
    "aml/pipeline.yml": PIPELINE,
}
BASE = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu{release}"
# The scoring script an Azure ML endpoint runs: the model is deployed.
SCORING = {
    **PACKAGE,
    "src/score.py": (
        "import joblib\n\n\ndef init():\n    global model\n    model = joblib.load('m.pkl')\n"
        "\n\ndef run(data):\n    return model.predict(data).tolist()\n"
    ),
}


def _findings(root: Path, tree: Tree, check_id: str) -> list[tuple[str, int]]:
    build_file_tree(root, tree)
    git_commit(root)
    report = audit(root, "IMG001", check_id)
    return [(f.path, f.line) for f in report.findings if f.id == check_id]


@pytest.mark.parametrize("path", sorted(LAYOUTS))
@pytest.mark.parametrize("tag", ["", ":latest"])
def test_img004_fires_on_an_untagged_azure_ml_environment_image(
    tmp_path: Path, path: str, tag: str
) -> None:
    image = BASE.format(release="22.04") + tag
    tree = {**SCORING, path: LAYOUTS[path].format(image=image)}
    found = _findings(tmp_path, tree, "IMG004")
    line = next(n for n, text in enumerate(tree[path].splitlines(), 1) if image in text)
    assert found == [(path, line)]


@pytest.mark.parametrize("path", sorted(LAYOUTS))
def test_img004_passes_a_dated_azure_ml_environment_image(tmp_path: Path, path: str) -> None:
    image = BASE.format(release="22.04") + ":20240618.v1"
    tree = {**SCORING, path: LAYOUTS[path].format(image=image)}
    assert _passes(tmp_path, tree, "IMG004")


@pytest.mark.parametrize("path", ["aml/components/fit.yml", "deploy/blue.yaml"])
def test_img006_fires_on_an_inline_environment_on_an_ended_ubuntu(
    tmp_path: Path, path: str
) -> None:
    tree = {**SCORING, path: LAYOUTS[path].format(image=BASE.format(release="18.04"))}
    assert [p for p, _ in _findings(tmp_path, tree, "IMG006")] == [path]


@pytest.mark.parametrize("path", ["aml/components/fit.yml", "deploy/blue.yaml"])
def test_img006_passes_an_inline_environment_on_a_supported_ubuntu(
    tmp_path: Path, path: str
) -> None:
    tree = {**SCORING, path: LAYOUTS[path].format(image=BASE.format(release="22.04"))}
    assert _passes(tmp_path, tree, "IMG006")


def test_img004_passes_a_placeholder_for_the_reader_s_own_image(tmp_path: Path) -> None:
    # A custom container's deployment names the registry the reader pushes it to.
    image = "<ACR_NAME>.azurecr.io/scoring:latest"
    tree = {**SCORING, "deploy/blue.yaml": DEPLOYMENT.format(image=image)}
    assert _passes(tmp_path, tree, "IMG004")


def test_an_environment_mapping_outside_azure_ml_is_no_image(tmp_path: Path) -> None:
    # A CI or compose file's `environment:` holds variables: an `image` among them, with no
    # Azure ML schema nor conda file, names no platform's image.
    workflow = "name: ci\nenvironment:\n  image: registry.example.com/team/app\n"
    tree = {**SCORING, "Dockerfile": "FROM python:3.12-slim\n", "deploy/vars.yml": workflow}
    assert _passes(tmp_path, tree, "IMG004")
