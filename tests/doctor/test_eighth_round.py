"""Equivalents the eighth corpus round's repositories use: a home-grown dataset snapshot
whose manifest is logged to the tracker, dbt data tests, tests of a promotion gate's
decisions, a serving image's own pinned packages, a tool's server image beside the one
project image, and the members of a uv workspace locked by the root's uv.lock."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import TRAINING
from tests.doctor.helpers import Tree, audit, git_commit, status_of

# DATA001: a run copies its data to a versioned snapshot and logs the manifest with it.
SNAPSHOT = (
    "import json\n\nimport mlflow\n\n\n"
    "def log_dataset_manifest(manifest: dict) -> None:\n"
    '    mlflow.log_param("rows", manifest["rows"])\n'
    "    mlflow.log_text(\n"
    "        json.dumps(manifest, indent=2),\n"
    "        f\"dataset_manifest/{manifest['dataset_version']}.json\",\n"
    "    )\n"
)
PARAMS_ONLY = (
    "import mlflow\n\n\ndef log_run(manifest: dict) -> None:\n"
    '    mlflow.log_param("rows", manifest["rows"])\n'
    '    mlflow.log_text("trained", "notes.txt")\n'
)
MLFLOW_INPUT = (
    "import mlflow\nimport pandas as pd\n\n\ndef train(path: str) -> None:\n"
    "    frame = pd.read_csv(path)\n"
    "    mlflow.log_input(mlflow.data.from_pandas(frame, source=path), context='training')\n"
)


def _data001(root: Path, tree: Tree) -> Status:
    build_file_tree(root, {**TRAINING, **tree})
    git_commit(root)
    return status_of(audit(root, "DATA001"), "DATA001")


def test_a_dataset_manifest_logged_to_the_tracker_versions_the_data(tmp_path: Path) -> None:
    assert _data001(tmp_path / "manifest", {"src/demo/versioning.py": SNAPSHOT}) is Status.PASSED
    assert _data001(tmp_path / "input", {"src/demo/data.py": MLFLOW_INPUT}) is Status.PASSED


def test_run_parameters_and_other_logged_texts_version_no_data(tmp_path: Path) -> None:
    assert _data001(tmp_path, {"src/demo/versioning.py": PARAMS_ONLY}) is Status.FAILED


def test_committed_samples_and_reports_are_not_the_training_data(tmp_path: Path) -> None:
    tree = {
        "data/samples/station_status.sample.json": '{"stations": []}\n',
        "reports/2025-09-04/feature_importance.csv": "feature,gain\nhour,0.4\n",
    }
    assert _data001(tmp_path / "samples", tree) is Status.FAILED
    assert _data001(tmp_path / "data", {"data/train.csv": "x,y\n1,2\n"}) is Status.PASSED
