"""Data, secrets and monitoring readings from session 41's fit set.

SEC001: a vendor's documented sample key (`...SAMPLES`) and a local stack's `admin123`
are no secrets. DATA003: a tool's
own store (`grafana.db`) and a report rendered to HTML are no data."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.doctor.helpers import committed_status, status_on

# -- SEC001 ------------------------------------------------------------------------------

REAL_KEY_ID = "AKIAZ7QK2M4N6P8R1T3V"


@pytest.mark.parametrize(
    ("key_id", "status"),
    [("AKIAIOSFOLKFSSAMPLES", Status.PASSED), (REAL_KEY_ID, Status.FAILED)],
)
def test_sec001_a_vendors_sample_key_id_is_no_secret(
    tmp_path: Path, key_id: str, status: Status
) -> None:
    compose = f"services:\n  lakefs:\n    environment:\n      - ACCESS_KEY_ID={key_id}\n"
    assert status_on(tmp_path, {"docker-compose.yml": compose}, "SEC001") is status


@pytest.mark.parametrize(
    ("password", "status"),
    [("admin123", Status.PASSED), ("Xk2v9qLp7RtW", Status.FAILED)],
)
def test_sec001_a_local_stacks_word_and_digits_in_a_dot_env_are_no_secret(
    tmp_path: Path, password: str, status: Status
) -> None:
    env = f"AWS_ACCESS_KEY_ID=admin\nAWS_SECRET_ACCESS_KEY={password}\n"
    assert status_on(tmp_path, {".env.docker": env}, "SEC001") is status


# -- DATA003 -----------------------------------------------------------------------------

TRAINING = {"src/train.py": "from sklearn.linear_model import LinearRegression\n"}
MEDIUM = "x" * 2_000_000  # over 1 MB: data by its extension, else small enough for git
LARGE = "x" * 6_000_000  # over 5 MB: too big for git whatever it is


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("monitoring/grafana/grafana.db", "passed"),
        ("airflow/airflow.db", "passed"),
        ("app/predictions.db", "failed"),
        ("data/grafana.db", "failed"),
    ],
)
def test_data003_a_tools_own_store_is_no_data(tmp_path: Path, path: str, status: str) -> None:
    assert committed_status(tmp_path, {**TRAINING, path: MEDIUM}, "DATA003") == status


@pytest.mark.parametrize(
    ("path", "status"),
    [("reports/drift_report.html", "passed"), ("reports/drift_report.json.gz", "failed")],
)
def test_data003_a_rendered_html_report_is_no_data_at_any_size(
    tmp_path: Path, path: str, status: str
) -> None:
    assert committed_status(tmp_path, {**TRAINING, path: LARGE}, "DATA003") == status
