"""Session 51, from rounds 58 to 61.

IMG005: a Dockerfile beside a fly.toml is built from its own folder (`fly deploy`), and a
models/ folder of source code (an ORM's model classes) holds no trained model. DATA004: a
folder's own dvc.yaml declares the pipeline. MON003: a function named for the population
stability index (`calculate_psi`) measures drift. Kinds: a Japanese README's sentence that
calls the repository a template ("このリポジトリは、...のためのテンプレートです"). IMG004:
a tag naming a variant alone (`nginx:alpine`) moves with every release. DOCS001: where the
root has no README, the project folder's README is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, committed_kind, committed_status

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


@pytest.mark.parametrize(
    ("function", "status"),
    [("calculate_psi", "passed"), ("epsilon", "failed"), ("psi_threshold", "failed")],
    ids=["psi", "epsilon", "setting"],
)
def test_mon003_reads_a_population_stability_index_as_drift(
    tmp_path: Path, function: str, status: str
) -> None:
    tree: Tree = {
        **_SERVICE,
        "monitoring/psi.py": (
            "import numpy as np\n\n\n"
            f"def {function}(expected, actual, bins=10):\n"
            "    e, _ = np.histogram(expected, bins)\n    a, _ = np.histogram(actual, bins)\n"
            "    return float(np.sum((a - e) * np.log((a + 1) / (e + 1))))\n"
        ),
    }
    assert committed_status(tmp_path, tree, "MON003") == status


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("このリポジトリは、\n**PyTorch + Hydra** を使う人のためのテンプレートです。", "template"),
        ("このリポジトリは、\n画像を分類するモデルを配信するアプリケーションです。", "application"),
    ],
    ids=["template", "application"],
)
def test_a_japanese_sentence_naming_the_repository_a_template(
    tmp_path: Path, sentence: str, kind: str
) -> None:
    tree: Tree = {
        "README.md": f"# 深層学習フレームワーク\n\n## はじめに\n\n{sentence}\n",
        "pyproject.toml": '[tool.poetry]\nname = "dl"\nversion = "0.1.0"\n',
        "src/train.py": (
            "import torch\n\nmodel = torch.nn.Linear(2, 1)\n"
            "torch.save(model.state_dict(), 'model.pt')\n"
        ),
    }
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("image", "status"),
    [("nginx:alpine", "failed"), ("nginx:1.27-alpine", "passed")],
    ids=["variant-only", "versioned-variant"],
)
def test_img004_reports_a_tag_naming_a_variant_alone(
    tmp_path: Path, image: str, status: str
) -> None:
    tree: Tree = {"frontend/Dockerfile": f"FROM {image}\nCOPY dist /usr/share/nginx/html\n"}
    assert committed_status(tmp_path, tree, "IMG004") == status


_SETS_UP = "# Sales\n\n```bash\npip install -r src/requirements.txt\nkedro run\n```\n"


@pytest.mark.parametrize(
    ("readme", "extra", "status"),
    [
        (_SETS_UP, {}, "passed"),
        ("# Sales\n\nPredicts ad conversions.\n", {}, "failed"),
        (_SETS_UP, {"1.wandb/lesson.py": "import wandb\n"}, "failed"),
    ],
    ids=["sets-up", "says-nothing", "one-lesson-of-several"],
)
def test_docs001_reads_the_project_folder_s_readme_where_the_root_has_none(
    tmp_path: Path, readme: str, extra: Tree, status: str
) -> None:
    tree: Tree = {
        **extra,
        "sales-project/README.md": readme,
        "sales-project/pyproject.toml": '[tool.kedro]\npackage_name = "sales"\n',
        "sales-project/src/requirements.txt": "kedro==0.18.14\nscikit-learn==1.5.2\n",
        "sales-project/src/sales/__init__.py": "",
    }
    assert committed_status(tmp_path, tree, "DOCS001") == status
