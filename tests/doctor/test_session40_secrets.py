"""Session 40: an Azure AD client secret, and Kaggle's user name and key under its
environment variables' names, are secrets (SEC001)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import committed_status

TRAINING = {"src/train.py": "from sklearn.linear_model import LinearRegression\n"}
# Made up for the test, in the shapes the services issue.
AZURE_SECRET = "aB3" + "8Q~" + "aB3" * 11 + "a"  # low entropy: its shape tells
KAGGLE_KEY = "5e1a" * 8


@pytest.mark.parametrize(
    ("path", "content"),
    [
        ("conf/base/spark.yml", f"fs.azure.account.oauth2.client.secret: {AZURE_SECRET}\n"),
        (
            "scripts/run.sh",
            f'# --env "{{\\"KAGGLE_USERNAME\\":\\"ana\\", \\"KAGGLE_KEY\\":\\"{KAGGLE_KEY}\\"}}"\n',
        ),
    ],
    ids=["azure-client-secret", "kaggle-variables"],
)
def test_sec001_fires_on_issued_credentials(tmp_path: Path, path: str, content: str) -> None:
    assert committed_status(tmp_path, {**TRAINING, path: content}, "SEC001") == "failed"


@pytest.mark.parametrize(
    ("path", "content"),
    [
        ("conf/base/spark.yml", "fs.azure.account.oauth2.client.secret: ${AZURE_SECRET}\n"),
        ("scripts/run.sh", 'export KAGGLE_USERNAME="$USER" KAGGLE_KEY="$KAGGLE_KEY"\n'),
    ],
    ids=["azure-from-environment", "kaggle-from-environment"],
)
def test_sec001_is_silent_on_credentials_read_from_the_environment(
    tmp_path: Path, path: str, content: str
) -> None:
    assert committed_status(tmp_path, {**TRAINING, path: content}, "SEC001") == "passed"
