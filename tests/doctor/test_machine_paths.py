"""CODE002: paths that exist on one machine or one cluster only."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import committed_status

TRAINING = {"src/train.py": "from sklearn.linear_model import LinearRegression\n"}


@pytest.mark.parametrize(
    "path",
    [
        "/gpfs/data/lab/models/llama",
        "/lustre/project/ana/runs",
        "/scratch/ana/cache",
        "/scratch/local",
        "/proj/vision/users/x_ana/data/runs",
        "/mnt/d/Data/train.parquet",
    ],
)
def test_a_path_on_a_clusters_or_a_wsl_drive_is_reported(tmp_path: Path, path: str) -> None:
    tree = {**TRAINING, "src/config.py": f'CACHE = "{path}"\n'}
    assert committed_status(tmp_path, tree, "CODE002") == "failed"


@pytest.mark.parametrize(
    "path",
    [
        "/mnt/data/train.csv",
        "/scratch",
        "/nfs/share",
        "/opt/ml/model",
        "/app/data/users.csv",
        "/workspace/users/",
        "/api/v1/users/me/profile",
        "/v2/users/ana/items",
        "/data/users/{user_id}/history",
    ],
)
def test_a_container_mount_or_a_bare_root_is_not_reported(tmp_path: Path, path: str) -> None:
    tree = {**TRAINING, "src/config.py": f'CACHE = "{path}"\n'}
    assert committed_status(tmp_path, tree, "CODE002") == "passed"
