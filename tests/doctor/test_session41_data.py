"""Data, secrets and monitoring readings from session 41's fit set.

SEC001: a vendor's documented sample key (`...SAMPLES`) and a local stack's `admin123`
are no secrets."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.doctor.helpers import status_on

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

