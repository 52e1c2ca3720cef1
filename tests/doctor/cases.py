"""For every check: a small repository that violates it and one that satisfies it.

Each tree satisfies the checks the tested one requires, so the tested check runs.
"""

from __future__ import annotations

import json

from tests.doctor.helpers import Tree

PACKAGE = {"src/demo/__init__.py": ""}
# A drift function that compares live data with the reference (a stub is no monitoring).
DRIFT_REPORT = (
    "def drift_report(reference, live):\n    return abs(reference.mean() - live.mean())\n"
)
SERVICE = {
    **PACKAGE,
    "src/demo/app.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
}
# A service that predicts with the model `src/demo/model.py` loads: SERVE003 reads the code
# a service runs, the modules it imports.
SERVICE_WITH_MODEL = {
    **PACKAGE,
    "src/demo/app.py": (
        "from fastapi import FastAPI\n\nfrom demo.model import model\n\napp = FastAPI()\n"
    ),
}
# A service that answers each request with a prediction and records none of them.
PREDICTING_SERVICE = {
    **PACKAGE,
    "src/demo/app.py": (
        "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.post('/predict')\n"
        "def predict(x: float) -> dict:\n    prediction = 2 * x\n    print(prediction)\n"
        "    return {'prediction': prediction}\n"
    ),
}
HEALTHY_SERVICE = {
    **PACKAGE,
    "src/demo/app.py": (
        "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
        '@app.get("/health")\ndef health() -> dict:\n    return {"status": "ok"}\n'
    ),
}
DATA_TEST = (
    "import pandas as pd\n\n\ndef test_no_missing_values():\n"
    '    frame = pd.read_csv("data/raw.csv")\n    assert not frame.isna().any().any()\n'
)
API_TEST = (
    "from fastapi.testclient import TestClient\n\nfrom demo.app import app\n\n\n"
    "def test_predict():\n"
    '    response = TestClient(app).post("/predict", json={"rows": [{"x": 1.0}]})\n'
    "    assert response.status_code == 200\n"
)
FIT = "def main(model, x, y):\n    model.fit(x, y)\n"
TRAINING = {"src/demo/train.py": FIT}
API = "from fastapi import FastAPI\n\napp = FastAPI()\n"
IMAGE = 'FROM python:3.12-slim\nCOPY . .\nCMD ["uvicorn", "app:app"]\n'
TEST = {"tests/test_basic.py": "def test_ok():\n    assert sum([1, 1]) == 2\n"}
# A lock's content and a conda environment: an empty file locks and declares nothing.
LOCKED = '[[package]]\nname = "numpy"\nversion = "2.1.0"\n'
CONDA_ENV = "name: demo\nchannels:\n  - conda-forge\n"
PINNED = "numpy==2.1.0 \\\n    --hash=sha256:abc\n"
WORKFLOW = (
    "name: ci\non: push\npermissions:\n  contents: read\njobs:\n  test:\n"
    "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
    "      - run: ruff check . && pytest\n"
)
GOOD_DOCKERFILE = "FROM python:3.11-slim\nRUN useradd app\nUSER app\n"
DOCKERIGNORE = ".git\ndata/\nmodels/\n!models/model.onnx\n"
DVC_CONFIG = "[core]\n    remote = storage\n['remote \"storage\"']\n    url = s3://bucket/dvc\n"
NOTEBOOK_IN_ORDER = json.dumps(
    {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {"cell_type": "code", "execution_count": 1, "outputs": [], "source": ["x = 1"]},
            {"cell_type": "markdown", "source": ["# notes"]},
            {"cell_type": "code", "execution_count": 2, "outputs": [], "source": ["x"]},
        ],
    }
)
NOTEBOOK_OUT_OF_ORDER = NOTEBOOK_IN_ORDER.replace('"execution_count": 1', '"execution_count": 5')


def notebook(source: str, outputs: str = "[]") -> str:
    """A one-cell nbformat-4 notebook."""
    return (
        '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", '
        f'"execution_count": null, "metadata": {{}}, "outputs": {outputs}, "source": {source}}}]}}'
    )


# id -> (a repository that violates the practice, one that satisfies it)
CASES: dict[str, tuple[Tree, Tree]] = {
    "ENV001": ({"main.py": "print(1)\n"}, {"requirements.txt": "numpy==2.1.0\n"}),
    "ENV002": (
        {"requirements.txt": "numpy\npandas>=2\n"},
        {"requirements.in": "numpy>=2\n", "requirements.txt": "numpy==2.1.0\n"},
    ),
    "ENV003": ({"requirements.txt": "numpy==2.1.0\n"}, {"requirements.txt": PINNED}),
    "ENV004": (
        {**SERVICE, **TRAINING, "requirements.txt": "numpy==2.1.0\n"},
        {
            **SERVICE,
            **TRAINING,
            "requirements/train.txt": "numpy\n",
            "requirements/serve.txt": "fastapi\n",
        },
    ),
    "ENV005": (
        {"requirements.txt": "numpy==2.1.0\n"},
        {
            "requirements.txt": "numpy==2.1.0\n",
            ".github/dependabot.yml": "version: 2\nupdates:\n  - package-ecosystem: pip\n",
        },
    ),
    "ENV006": (
        {
            "pyproject.toml": '[project]\nname = "demo"\nrequires-python = ">=3.8"\n',
            "Dockerfile": "FROM python:3.9-slim\nCOPY train.py .\n",
        },
        {
            "pyproject.toml": '[project]\nname = "demo"\nrequires-python = ">=3.11"\n',
            "Dockerfile": "FROM python:3.12-slim\nCOPY train.py .\n",
        },
    ),
    "ENV007": (
        {"requirements.in": "pandas>=2.2\n", "requirements.txt": "pandas==2.1.4\n"},
        {"requirements.in": "pandas>=2.2\n", "requirements.txt": "pandas==2.2.3\n"},
    ),
    "CODE001": ({"train.py": "print(1)\n"}, {**PACKAGE, "train.py": "print(1)\n"}),
    "CODE002": (
        {"src/demo/data.py": 'PATH = "/home/alice/data/train.csv"\n'},
        {"src/demo/data.py": 'PATH = "data/train.csv"\n'},
    ),
    "CODE003": (
        {"pyproject.toml": "[project]\nname = 'demo'\n", "train.py": "print(1)\n"},
        {
            "pyproject.toml": "[project]\nname = 'demo'\n\n[tool.ruff]\nline-length = 100\n",
            "train.py": "print(1)\n",
        },
    ),
    "NB001": ({"explore.ipynb": NOTEBOOK_OUT_OF_ORDER}, {"explore.ipynb": NOTEBOOK_IN_ORDER}),
    "NB002": (
        {"explore.ipynb": notebook('["!pip install xgboost"]')},
        {"explore.ipynb": notebook('["import xgboost"]')},
    ),
    "NB003": (
        {
            "explore.ipynb": notebook(
                '["df"]', '[{"output_type": "stream", "text": "%s"}]' % ("x" * 150_000)
            )
        },
        {"explore.ipynb": notebook('["df"]', '[{"output_type": "stream", "text": "ok"}]')},
    ),
    "DATA001": (
        {**TRAINING, "README.md": "# demo\n"},
        {**TRAINING, ".dvc/config": "", "data.dvc": "outs:\n- path: data\n"},
    ),
    "DATA002": (
        {**TRAINING, ".dvc/config": "[core]\n"},
        {**TRAINING, ".dvc/config": DVC_CONFIG},
    ),
    "DATA003": (
        {"data/train.csv": "a,b\n" * 300_000},
        {"data/train.csv": "a,b\n1,2\n", ".gitignore": "", "data/.gitignore": ""},
    ),
    "DATA004": (
        {**TRAINING, "dvc.yaml": "stages: {}\n"},
        {**TRAINING, "dvc.yaml": "stages:\n  train:\n    cmd: python src/demo/train.py\n"},
    ),
    "DATA005": ({**TRAINING, **TEST}, {**TRAINING, **TEST, "tests/data/test_raw.py": DATA_TEST}),
    "EXP001": (
        {**TRAINING, "dvc.yaml": "stages:\n  train:\n    cmd: python train.py\n"},
        {
            **TRAINING,
            "dvc.yaml": (
                "stages:\n  train:\n    cmd: python train.py\n    metrics:\n      - m.json\n"
            ),
        },
    ),
    "TEST001": ({"src/demo/__init__.py": ""}, TEST),
    "TEST002": (
        TEST,
        {
            **TEST,
            "tests/model/test_quality.py": (
                "def test_beats_baseline(model, baseline, X, y):\n"
                "    assert model.score(X, y) > baseline.score(X, y)\n"
            ),
        },
    ),
    "TEST003": (
        {**SERVICE, **TEST},
        {**SERVICE, **TEST, "tests/test_api.py": API_TEST},
    ),
    "CI001": ({"README.md": ""}, {".github/workflows/ci.yml": WORKFLOW}),
    "CI002": (
        {".github/workflows/ci.yml": WORKFLOW.replace(" && pytest", ""), **TEST},
        {".github/workflows/ci.yml": WORKFLOW, **TEST},
    ),
    "CI003": (
        {".github/workflows/ci.yml": WORKFLOW.replace("ruff check . && ", "")},
        {".github/workflows/ci.yml": WORKFLOW},
    ),
    "CI004": (
        {".github/workflows/ci.yml": WORKFLOW + "      - uses: astral-sh/setup-uv@v5\n"},
        {
            ".github/workflows/ci.yml": WORKFLOW
            + "      - uses: astral-sh/setup-uv@"
            + "a" * 40
            + "  # v5\n"
        },
    ),
    "CI005": (
        {".github/workflows/ci.yml": WORKFLOW.replace("permissions:\n  contents: read\n", "")},
        {".github/workflows/ci.yml": WORKFLOW},
    ),
    "IMG001": (
        {**SERVICE, "README.md": "# Churn API\n\nDeployed to production.\n"},
        {**SERVICE, "Dockerfile": GOOD_DOCKERFILE},
    ),
    "IMG002": (
        {**SERVICE, "Dockerfile": GOOD_DOCKERFILE + "RUN python -m demo.train\n"},
        {
            **SERVICE,
            "docker/train.Dockerfile": GOOD_DOCKERFILE,
            "docker/serve.Dockerfile": GOOD_DOCKERFILE,
        },
    ),
    "IMG003": (
        {"Dockerfile": "FROM python:3.11-slim\nRUN pip install x\n"},
        {"Dockerfile": GOOD_DOCKERFILE},
    ),
    "IMG004": ({"Dockerfile": "FROM python\nUSER app\n"}, {"Dockerfile": GOOD_DOCKERFILE}),
    "IMG005": (
        {
            "Dockerfile": GOOD_DOCKERFILE + "COPY . .\n",
            ".dockerignore": "*.pyc\n",
            "data/raw.csv": "a\n1\n",
        },
        {"Dockerfile": GOOD_DOCKERFILE + "COPY . .\n", ".dockerignore": DOCKERIGNORE},
    ),
    "IMG006": (
        {"Dockerfile": "FROM python:3.12-slim-buster\nUSER app\n"},
        {"Dockerfile": "FROM python:3.12-slim-bookworm\nUSER app\n"},
    ),
    "KUBE001": (
        {
            "k8s/job.yaml": "kind: Job\nspec:\n  template:\n    spec:\n      containers:\n"
            "        - name: train\n          image: demo:1\n"
        },
        {
            "k8s/job.yaml": "kind: Job\nspec:\n  template:\n    spec:\n      containers:\n"
            "        - name: train\n          image: demo:1\n          resources:\n"
            "            requests: {memory: 1Gi}\n            limits: {memory: 2Gi}\n"
        },
    ),
    "SERVE001": (
        {
            "src/demo/train.py": "import sklearn\n",
            "docker-compose.yml": "services:\n  api:\n    build: .\n",
        },
        SERVICE,
    ),
    "SERVE002": (SERVICE, HEALTHY_SERVICE),
    "SERVE003": (
        {**SERVICE_WITH_MODEL, "src/demo/model.py": "import joblib\n\nmodel = joblib.load(path)\n"},
        {
            **SERVICE_WITH_MODEL,
            "src/demo/model.py": "import onnxruntime\n\nmodel = onnxruntime.InferenceSession(p)\n",
        },
    ),
    "MON001": (
        {**PREDICTING_SERVICE, "src/demo/logs.py": "import logging\nlogging.basicConfig()\n"},
        {
            **PACKAGE,
            "src/demo/app.py": (
                "import structlog\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
                "log = structlog.get_logger()\n\n\n@app.post('/predict')\n"
                "def predict(x: float) -> dict:\n    prediction = 2 * x\n"
                "    log.info('scored', prediction=prediction)\n"
                "    return {'prediction': prediction}\n"
            ),
        },
    ),
    "MON002": (
        SERVICE,
        {
            **SERVICE,
            "src/demo/app.py": SERVICE["src/demo/app.py"] + "from demo import metrics\n",
            "src/demo/metrics.py": "import prometheus_client\n",
        },
    ),
    "MON003": (
        SERVICE,
        {**SERVICE, "src/demo/monitoring/report.py": DRIFT_REPORT},
    ),
    "SEC001": (
        {"src/demo/settings.py": 'KEY = "AKIAQ3RZ7WXKP2MN4B5V"\n'},
        {"src/demo/settings.py": 'import os\nKEY = os.environ["AWS_ACCESS_KEY_ID"]\n'},
    ),
    "DOCS001": (
        {"README.md": "# Demo\n\nA model.\n"},
        {"README.md": "# Demo\n\n    pip install -e .\n"},
    ),
    "DOCS002": (
        {**TRAINING, "README.md": "# Demo\n"},
        {**TRAINING, "docs/model_card.md": "# Model card\n"},
    ),
    "DOCS003": ({"README.md": "# Demo\n"}, {"Makefile": "test:\n\tpytest\n"}),
    "REPO001": (
        {"pyproject.toml": "[project\nname = 1\n"},
        {"pyproject.toml": "[project]\nname = 'demo'\n"},
    ),
}

# Alternatives users really use, each of which must satisfy the check.
ALTERNATIVES: list[tuple[str, Tree]] = [
    ("ENV002", {"pyproject.toml": "[project]\ndependencies = ['numpy']\n", "uv.lock": LOCKED}),
    (
        "ENV002",
        {"pyproject.toml": "[tool.poetry.dependencies]\nnumpy = '*'\n", "poetry.lock": LOCKED},
    ),
    ("ENV002", {"pixi.toml": "[dependencies]\nnumpy = '*'\n", "pixi.lock": "version: 6\n"}),
    ("ENV002", {"environment.yml": CONDA_ENV, "linux-64.conda-lock.yml": "version: 1\n"}),
    ("ENV005", {"renovate.json": "{}"}),
    ("ENV005", {".github/renovate.json5": "{}"}),
    ("CODE003", {"lefthook.yml": "pre-commit:\n  commands:\n    lint:\n      run: ruff check\n"}),
    ("CODE003", {".pre-commit-config.yaml": "repos:\n  - repo: https://github.com/psf/black\n"}),
    ("CI001", {".gitlab-ci.yml": "test:\n  script: pytest\n"}),
    ("CI002", {".gitlab-ci.yml": "test:\n  script: pytest\n", **TEST}),
    ("IMG001", {"Containerfile": GOOD_DOCKERFILE}),
    (
        "IMG003",
        {"Dockerfile": "FROM python:3.11 AS build\nUSER root\nFROM python:3.11-slim\nUSER 1000\n"},
    ),
    ("IMG004", {"Dockerfile": "ARG PY=3.11\nFROM python:${PY}-slim\nUSER app\n"}),
    ("IMG004", {"Dockerfile": "FROM python@sha256:" + "b" * 64 + "\nUSER app\n"}),
    ("DATA004", {"MLproject": "name: demo\n"}),
    ("EXP001", {"src/demo/train.py": "import mlflow\n"}),
    ("SERVE002", {"src/demo/service.py": "import bentoml\n"}),
    ("SEC001", {"docs/aws.md": "Example key: AKIAIOSFODNN7EXAMPLE\n"}),
    ("SEC001", {".env.example": "API_KEY=changeme\n"}),
]


SERVICE_IMAGE = 'FROM python:3.12-slim\nCOPY . .\nCMD ["uvicorn", "main:app"]\n'


def model_service(readme: str, image: bool = True) -> dict[str, str]:
    """A small model service under a README: training code, an API, pinned requirements
    and, unless asked not to, the image that serves it."""
    tree = {
        "README.md": readme,
        "requirements.txt": "fastapi==0.110.0\nscikit-learn==1.4.0\n",
        "train.py": FIT,
        "main.py": API,
    }
    if image:
        tree["Dockerfile"] = SERVICE_IMAGE
    return tree
