"""Session 43: a Kedro catalog's kedro-mlflow datasets track the runs (EXP001): the plugin
logs each run's parameters and the datasets' metrics to MLflow, with no import of it in the
project's code."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import TRAINING
from tests.doctor.helpers import Tree, committed_status


def _status(root: Path, tree: Tree, check_id: str) -> str:
    return committed_status(root, tree, check_id)


# -- kedro-mlflow declared in a Kedro catalog (EXP001) ------------------------------------

CATALOG = (
    "features:\n  type: pandas.ParquetDataset\n  filepath: data/04_feature/features.pq\n\n"
    "test_metrics:\n  type: {kind}\n"
)


def test_a_catalog_logging_metrics_through_kedro_mlflow_tracks_runs(tmp_path: Path) -> None:
    catalog = CATALOG.format(kind="kedro_mlflow.io.metrics.MlflowMetricsHistoryDataset")
    tree = {**TRAINING, "README.md": "# Churn\n", "conf/base/catalog.yml": catalog}
    assert _status(tmp_path, tree, "EXP001") == "passed"


def test_a_catalog_of_plain_datasets_tracks_no_run(tmp_path: Path) -> None:
    catalog = CATALOG.format(kind="json.JSONDataset") + "  filepath: data/08_reporting/m.json\n"
    tree = {**TRAINING, "README.md": "# Churn\n", "conf/base/catalog.yml": catalog}
    assert _status(tmp_path, tree, "EXP001") == "failed"
