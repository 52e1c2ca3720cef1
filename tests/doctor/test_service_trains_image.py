"""IMG002: a service that trains (it imports a module named for training that fits a
model: at start, nightly, on a `/train` route) trains in the image that serves it, however
many other images the repository has (a user interface's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, committed_status

TRAIN = "def train(model, x, y):\n    model.fit(x, y)\n    return model\n"
PREDICT = "def predict(model, x):\n    return model.predict(x)\n"
SERVING = (
    "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
    'COPY . .\nEXPOSE 8000\nCMD ["uvicorn", "app.main:app"]\n'
)
UI = 'FROM python:3.12-slim\nCOPY . .\nCMD ["streamlit", "run", "page.py"]\n'


def _service(imported: str) -> Tree:
    main = (
        f"from fastapi import FastAPI\n\nfrom app.{imported} import {imported}\n\napp = FastAPI()\n"
    )
    return {
        "api/requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\n",
        "api/app/__init__.py": "",
        "api/app/main.py": main,
        "api/app/train.py": TRAIN,
        "api/app/predict.py": PREDICT,
        "api/Dockerfile": SERVING,
        "ui/Dockerfile": UI,
        "ui/page.py": "import streamlit as st\n\nst.title('demo')\n",
        "docker-compose.yml": ("services:\n  api:\n    build: ./api\n  ui:\n    build: ./ui\n"),
    }


@pytest.mark.parametrize(("imported", "expected"), [("train", "failed"), ("predict", "passed")])
def test_img002_reports_the_serving_image_of_a_service_that_trains(
    tmp_path: Path, imported: str, expected: str
) -> None:
    assert committed_status(tmp_path, _service(imported), "IMG002") == expected
