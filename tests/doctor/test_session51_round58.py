"""Session 51, from round 58.

IMG005: a Dockerfile beside a fly.toml is built from its own folder (`fly deploy`), and a
models/ folder of source code (an ORM's model classes) holds no trained model. DATA004: a
folder's own dvc.yaml declares the pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, committed_status

_SERVICE: Tree = {
    "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\njoblib==1.4.2\n",
    "model_service/app.py": (
        "import joblib\nfrom fastapi import FastAPI\n\nmodel = joblib.load('model.joblib')\n"
        "app = FastAPI()\n\n\n@app.get('/health')\ndef health():\n    return {'ok': True}\n\n\n"
        "@app.post('/predict')\ndef predict(x: float) -> float:\n"
        "    return float(model.predict([[x]])[0])\n"
    ),
    "model_service/Dockerfile": (
        "FROM python:3.12-slim\nCOPY . .\nEXPOSE 8000\n"
        'CMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n'
    ),
    "model_service/.dockerignore": ".git\n",
}


@pytest.mark.parametrize(
    ("extra", "status"),
    [
        (
            {"backend/fly.toml": '[app]\nname = "bins"\n\n[build]\nbuilder = "dockerfile"\n'},
            "passed",
        ),
        ({}, "failed"),
    ],
    ids=["fly-app-folder", "root-context"],
)
def test_img005_builds_a_fly_app_from_its_own_folder(
    tmp_path: Path, extra: Tree, status: str
) -> None:
    tree: Tree = {
        **_SERVICE,
        **extra,
        "backend/package.json": '{"name": "bins", "scripts": {"start": "node index.js"}}\n',
        "backend/index.js": "require('express')().listen(5000);\n",
        "backend/Dockerfile": (
            'FROM node:22-slim\nCOPY . .\nEXPOSE 5000\nCMD ["node", "index.js"]\n'
        ),
    }
    assert committed_status(tmp_path, tree, "IMG005") == status


@pytest.mark.parametrize(
    ("model_file", "status"),
    [("models/User.js", "passed"), ("models/classifier.pt", "failed")],
    ids=["orm-classes", "weights"],
)
def test_img005_reads_a_models_folder_of_code_as_code(
    tmp_path: Path, model_file: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "fastapi==0.115.0\n",
        "app.py": (
            "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.post('/predict')\n"
            "def predict(x: float) -> float:\n    return x\n"
        ),
        "Dockerfile": (
            'FROM python:3.12-slim\nCOPY . .\nEXPOSE 8000\nCMD ["uvicorn", "app:app"]\n'
        ),
        ".dockerignore": ".git\n",
        model_file: "module.exports = {};\n",
    }
    assert committed_status(tmp_path, tree, "IMG005") == status


@pytest.mark.parametrize(
    ("folder", "status"),
    [("training/pipeline", "passed"), ("docs/tutorial", "failed")],
    ids=["pipeline-folder", "documentation"],
)
def test_data004_reads_a_folder_s_own_dvc_yaml(tmp_path: Path, folder: str, status: str) -> None:
    tree: Tree = {
        "requirements.txt": "scikit-learn==1.5.2\ndvc==3.55.0\n",
        "stages/train.py": (
            "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n\n"
            "data = pd.read_csv('data/train.csv')\n"
            "LogisticRegression().fit(data[['x']], data['y'])\n"
        ),
        f"{folder}/dvc.yaml": (
            "stages:\n  train:\n    cmd: python ../../stages/train.py\n"
            "    deps:\n      - ../../stages/train.py\n    outs:\n      - model.joblib\n"
        ),
    }
    assert committed_status(tmp_path, tree, "DATA004") == status
