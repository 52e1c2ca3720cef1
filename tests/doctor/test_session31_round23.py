"""Session 31's fixes of round 23's false results: an Azure Pipelines definition kept at
any path is CI, and its steps are read (CI001, CI003); data and models committed as
JSON, JSON Lines or a model saved as text are large files (DATA003); a mapping key
defined twice in a compose file or a Kubernetes manifest is reported (REPO001)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import PACKAGE, TEST
from tests.doctor.helpers import Tree, committed_status


def _passes(root: Path, tree: Tree, check_id: str) -> bool:
    return committed_status(root, tree, check_id) == "passed"


# -- Azure Pipelines at any path (CI001, CI003) -------------------------------------------

AZURE_PIPELINE = (
    "trigger:\n  branches:\n    include: [main]\npool:\n  vmImage: ubuntu-latest\n"
    "steps:\n  - task: UsePythonVersion@0\n    inputs:\n      versionSpec: '3.11'\n"
    "  - script: {command}\n    displayName: check\n"
)
AZURE_ML_PIPELINE = (
    "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\n"
    "type: pipeline\njobs:\n  train:\n    type: command\n    command: python train.py\n"
    "    steps:\n      - script: python train.py\n"
)


@pytest.mark.parametrize("path", [".ci/publish.yaml", "pipelines/train-and-register.yml"])
def test_an_azure_pipeline_anywhere_is_ci(tmp_path: Path, path: str) -> None:
    tree = {**PACKAGE, **TEST, path: AZURE_PIPELINE.format(command="pytest")}
    assert _passes(tmp_path, tree, "CI001")


def test_an_azure_pipeline_a_test_reads_as_a_fixture_is_no_ci(tmp_path: Path) -> None:
    fixture = "tests/fixtures/azure-pipelines.yml"
    tree = {**PACKAGE, **TEST, fixture: AZURE_PIPELINE.format(command="pytest")}
    assert not _passes(tmp_path, tree, "CI001")


@pytest.mark.parametrize("path", ["pipelines/test_and_deploy.yml", ".azure/test/pipeline.yml"])
def test_an_azure_pipeline_named_for_testing_is_ci(tmp_path: Path, path: str) -> None:
    # Only a test suite's own folders hold fixtures; a test stage or environment is CI.
    tree = {**PACKAGE, **TEST, path: AZURE_PIPELINE.format(command="pytest")}
    assert _passes(tmp_path, tree, "CI001")


def test_an_azure_ml_pipeline_job_is_no_ci(tmp_path: Path) -> None:
    tree = {**PACKAGE, **TEST, "pipelines/train.yml": AZURE_ML_PIPELINE}
    assert not _passes(tmp_path, tree, "CI001")


def test_a_cloud_build_file_with_named_steps_is_no_ci(tmp_path: Path) -> None:
    cloudbuild = "steps:\n  - name: python:3.11\n    script: pytest\n"
    tree = {**PACKAGE, **TEST, "deploy/build.yaml": cloudbuild}
    assert not _passes(tmp_path, tree, "CI001")


@pytest.mark.parametrize(("command", "lints"), [("ruff check .", True), ("echo ok", False)])
def test_ci003_reads_the_steps_of_an_azure_pipeline_anywhere(
    tmp_path: Path, command: str, lints: bool
) -> None:
    tree = {**PACKAGE, **TEST, ".ci/publish.yaml": AZURE_PIPELINE.format(command=command)}
    assert _passes(tmp_path, tree, "CI003") is lints


# -- data and models committed whatever their extension (DATA003) -------------------------

TWO_MB = "x" * 2_000_000 + "\n"


@pytest.mark.parametrize(
    "path", ["models/model.txt", "0_Data/related_items.json", "fixtures/history.jsonl"]
)
def test_data003_reports_a_model_as_text_json_data_and_json_lines(
    tmp_path: Path, path: str
) -> None:
    assert committed_status(tmp_path, {**PACKAGE, path: TWO_MB}, "DATA003") == "failed"


@pytest.mark.parametrize(
    "path",
    ["metadata/schema.json", "models/generated_tables.py", "results/tumor-dataset/hist.png"],
)
def test_data003_leaves_metadata_and_code_in_a_model_folder(tmp_path: Path, path: str) -> None:
    assert committed_status(tmp_path, {**PACKAGE, path: TWO_MB}, "DATA003") == "passed"


# -- keys defined twice in compose files and Kubernetes manifests (REPO001) ----------------

COMPOSE = "services:\n  api:\n    image: api\n    restart: always\n{extra}"
MANIFEST = (
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n"
    "    spec:\n      containers:\n        - name: api\n          env:\n"
    "            - name: A\n              value: '1'\n{extra}"
)


@pytest.mark.parametrize(
    ("path", "content"),
    [
        ("docker-compose.yml", COMPOSE.format(extra="    restart: unless-stopped\n")),
        ("k8s/api.yaml", MANIFEST.format(extra="          env: []\n")),
    ],
)
def test_repo001_reports_a_key_defined_twice(tmp_path: Path, path: str, content: str) -> None:
    assert committed_status(tmp_path, {**PACKAGE, path: content}, "REPO001") == "failed"


@pytest.mark.parametrize(
    ("path", "content"),
    [
        ("docker-compose.yml", COMPOSE.format(extra="  worker:\n    restart: always\n")),
        ("k8s/api.yaml", MANIFEST.format(extra="          image: api\n")),
        ("conf/params.yaml", "lr: 0.1\nlr: 0.2\n"),  # neither: its readers decide
    ],
)
def test_repo001_leaves_keys_defined_once_and_other_yaml(
    tmp_path: Path, path: str, content: str
) -> None:
    assert committed_status(tmp_path, {**PACKAGE, path: content}, "REPO001") == "passed"
