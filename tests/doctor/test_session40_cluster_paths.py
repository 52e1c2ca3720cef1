"""Session 40: a cluster's shared `/network/` file system is one machine's path (CODE002)."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.helpers import committed_status

TRAINING = {"src/train.py": "from sklearn.linear_model import LinearRegression\n"}


def test_code002_fires_on_a_dataset_under_a_clusters_network_mount(tmp_path: Path) -> None:
    module = 'from pathlib import Path\n\nROOT = Path("/network/datasets/inat")\n'
    tree = {**TRAINING, "src/datasets.py": module}
    assert committed_status(tmp_path, tree, "CODE002") == "failed"


def test_code002_is_silent_on_a_route_named_network(tmp_path: Path) -> None:
    module = 'ROUTE = "/network/status"\n'
    tree = {**TRAINING, "src/routes.py": module}
    assert committed_status(tmp_path, tree, "CODE002") == "passed"
