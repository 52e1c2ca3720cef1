"""SEC001: a Dockerfile's ENV or ARG that bakes a literal secret into the image."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.helpers import audit

TRAINING = {"train.py": "from sklearn.linear_model import LogisticRegression\n"}
KEY = "k9Xq2LmN7vB4tR6yW1pZ3sD8fG5hJ0aE"  # made up: random-looking, no known format
BASE = "FROM python:3.12-slim\nCOPY . .\n"


@pytest.mark.parametrize(
    ("instructions", "shown"),
    [
        (
            f"ENV AWS_ACCESS_KEY_ID=placeholder \\\n    AWS_SECRET_ACCESS_KEY={KEY} \\\n"
            "    AWS_DEFAULT_REGION=eu-west-1\n",
            "Dockerfile:3: ENV AWS_SECRET_ACCESS_KEY is set to a literal secret",
        ),
        (f'ARG api_token="{KEY}"\n', "Dockerfile:3: ARG api_token is set to a literal secret"),
        (f"ENV DB_PASSWORD {KEY}\n", "Dockerfile:3: ENV DB_PASSWORD is set to a literal secret"),
    ],
)
def test_a_secret_set_in_an_image_is_reported(
    tmp_path: Path, instructions: str, shown: str
) -> None:
    build_file_tree(tmp_path, {**TRAINING, "Dockerfile": BASE + instructions})
    found = [f"{f.path}:{f.line}: {f.message}" for f in audit(tmp_path, "SEC001").findings]
    where, detail = shown.split(": ", 1)
    assert found == [f"{where}: Secrets committed to the repository: {detail}"]


@pytest.mark.parametrize(
    "instructions",
    [
        "ARG API_TOKEN\nENV API_TOKEN=$API_TOKEN\n",
        'ENV AWS_SECRET_ACCESS_KEY=""\n',
        "ENV AWS_SECRET_ACCESS_KEY=<your-secret-key>\n",
        "ARG HF_TOKEN=${HF_TOKEN}\n",
        "ENV MLFLOW_TRACKING_PASSWORD=changeme\n",
        "ENV DB_PASSWORD=mlflow\n",
        "ENV SECRET_KEY_FILE=/run/secrets/app_secret_key\n",
        f"ENV MODEL_NAME={KEY}\n",
    ],
)
def test_an_image_without_a_literal_secret_passes(tmp_path: Path, instructions: str) -> None:
    build_file_tree(tmp_path, {**TRAINING, "Dockerfile": BASE + instructions})
    assert audit(tmp_path, "SEC001").findings == ()
