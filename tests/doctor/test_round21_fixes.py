"""Round 21's false results: a code span over a line break, LitServe's own health
route, local-file URIs, metrics pinned to a recorded score, services that train on a
route, images judged by the program they start."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.checks.docs import command_lines
from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import Tree, audit, committed_status, found_ids, status_of


# DOCS001: Markdown runs a code span over a line break (``pip install -r x`` then ``).
@pytest.mark.parametrize(
    ("readme", "expected"),
    [
        ("# Demo\n\nInstall:\n\n``pip install -r requirements\n``\n", Status.PASSED),
        ("# Demo\n\nInstall:\n\n``pip install -r requirements\n\nthen run it``\n", Status.FAILED),
    ],
    ids=["closed-on-next-line", "paragraph-ends-first"],
)
def test_docs001_reads_a_code_span_over_a_line_break(
    tmp_path: Path, readme: str, expected: Status
) -> None:
    tree = {"README.md": readme, "app.py": "print('hi')\n", "requirements": "flask\n"}
    build_file_tree(tmp_path, tree)
    assert status_of(audit(tmp_path, "DOCS001"), "DOCS001") is expected


def test_code_spans_are_read_only_from_lines_that_open_one() -> None:
    readme = (
        "Install with <code>pip install demo</code> or ``uv sync\n``, then\n"
        "- pip install -e .\n"
        "plain prose about pip install\n"
    )
    assert command_lines(readme) == ["pip install demo", "uv sync", "pip install -e ."]


def test_lines_of_a_tree_drawing_are_no_commands_and_others_with_dashes_are() -> None:
    readme = (
        "├── make setup\n"
        "|-- pip install -r requirements.txt\n"
        "`__ uv sync\n"
        "pip install --upgrade pip\n"
    )
    assert command_lines(readme) == ["pip install --upgrade pip"]


# SERVE002: LitServe's LitServer serves GET /health itself, for the services in its folder.
LIT_API = (
    "import litserve as ls\n\n\nclass Api(ls.LitAPI):\n"
    "    def setup(self, device):\n        self.model = lambda x: x\n\n"
    "    def predict(self, x):\n        return self.model(x)\n\n\n"
    "if __name__ == '__main__':\n    ls.LitServer(Api()).run(port=8000)\n"
)
FLASK_APP = (
    "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
    "@app.post('/predict')\ndef predict():\n    return {}\n"
)


@pytest.mark.parametrize(
    ("tree", "expected"),
    [
        ({"server.py": LIT_API}, Status.PASSED),
        ({"lit/server.py": LIT_API, "web/app.py": FLASK_APP}, Status.FAILED),
    ],
    ids=["litserve-only", "with-a-flask-app"],
)
def test_serve002_takes_litserves_own_health_route(
    tmp_path: Path, tree: Tree, expected: Status
) -> None:
    build_file_tree(tmp_path, tree)
    assert status_of(audit(tmp_path, "SERVE002"), "SERVE002") is expected


# IMG001: a LitServe app is a web app like a Flask one: it asks for an image only when the
# README or CI says it is deployed.
@pytest.mark.parametrize(
    ("readme", "expected"),
    [
        ("# Titanic\n\nRun `python server.py` and post a passenger.\n", Status.NOT_APPLICABLE),
        ("# Titanic\n\nThe server is deployed to Kubernetes.\n", Status.FAILED),
    ],
    ids=["run-by-hand", "deployed"],
)
def test_img001_asks_a_litserve_app_for_an_image_only_when_deployed(
    tmp_path: Path, readme: str, expected: Status
) -> None:
    build_file_tree(tmp_path, {"server.py": LIT_API, "README.md": readme})
    assert status_of(audit(tmp_path, "IMG001"), "IMG001") is expected


# CODE002: a local file's URI holds the path (an MLflow tracking URI).
@pytest.mark.parametrize(
    ("uri", "fires"),
    [
        ("file:///C:/Users/ana/Desktop/project/mlflow.db", True),
        ("sqlite:////home/ana/project/mlflow.db", True),
        ("file:///tmp/mlruns", False),
        ("sqlite:///mlflow.db", False),
    ],
)
def test_code002_reads_paths_in_local_file_uris(tmp_path: Path, uri: str, fires: bool) -> None:
    source = f'import mlflow\n\nmlflow.set_tracking_uri("{uri}")\n'
    build_file_tree(tmp_path, {"src/train.py": source})
    assert ("CODE002" in found_ids(audit(tmp_path, "CODE002"))) is fires


# TEST002: a test that loads the model and asserts its metric equals the recorded score.
def _scoring_test(load: str, value: str) -> str:
    return (
        "import joblib\n\nfrom pkg.scoring import compute_metrics, accuracy\n\n\n"
        "def test_metrics():\n"
        f"    model = {load}\n"
        "    scores = compute_metrics(model)\n"
        f"    assert round(scores['test/accuracy'], 3) == {value}\n"
    )


@pytest.mark.parametrize(
    ("test", "expected"),
    [
        (_scoring_test("joblib.load('models/m.joblib')", "0.967"), Status.PASSED),
        (_scoring_test("None", "0.967"), Status.FAILED),  # a metric function's unit test
        (_scoring_test("joblib.load('models/m.joblib')", "1"), Status.FAILED),  # a bound
    ],
    ids=["recorded-score", "no-model", "score-bound"],
)
def test_test002_takes_a_models_metric_pinned_to_its_score(
    tmp_path: Path, test: str, expected: Status
) -> None:
    build_file_tree(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/scoring.py": "def compute_metrics(model):\n    return {}\n",
            "tests/test_scoring.py": test,
        },
    )
    assert status_of(audit(tmp_path, "TEST002"), "TEST002") is expected


# IMG002: the only image serves an app whose `/train` route fits the model itself.
SERVING = (
    "FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\n"
    'EXPOSE 8000\nCMD ["uvicorn", "main:app"]\n'
)


def _app(route: str) -> str:
    return (
        "from fastapi import FastAPI\nfrom sklearn.svm import SVC\n\napp = FastAPI()\n\n\n"
        "@app.post('/predict')\ndef predict(x: list[float]):\n    return {'y': 1}\n\n\n"
        f"@app.post('{route}')\ndef retrain():\n"
        "    model = SVC()\n    model.fit([[0], [1]], [0, 1])\n"
    )


@pytest.mark.parametrize(("route", "expected"), [("/train", "failed"), ("/scale", "passed")])
def test_img002_reports_an_app_that_trains_on_its_train_route(
    tmp_path: Path, route: str, expected: str
) -> None:
    tree = {
        "main.py": _app(route),
        "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\n",
        "Dockerfile": SERVING,
    }
    assert committed_status(tmp_path, tree, "IMG002") == expected


# IMG002: each image is judged by the program its command starts or the service beside
# its Dockerfile; importing a model's class from a training module runs none of its
# training.
TRAIN_MODULE = (
    "class Net:\n    def train(self):\n        return self\n\n\n"
    "def train_net():\n    net = Net()\n    net.train()\n    return net\n\n\n"
    "class Fitter:\n    def run(self, model, x, y):\n        return model.fit(x, y)\n"
)
COMPOSE = (
    "services:\n"
    "  gateway:\n    build:\n      context: .\n      dockerfile: src/gateway/Dockerfile\n"
    "  inference:\n    build:\n      context: .\n      dockerfile: src/inference/Dockerfile\n"
    "  training:\n    build:\n      context: .\n      dockerfile: src/training/Dockerfile\n"
    "  ui:\n    build:\n      context: .\n      dockerfile: ui/Dockerfile\n"
)
UI = (
    "FROM python:3.12-slim\nCOPY ui/*.py /app/\nCOPY src /app/src\nWORKDIR /app\n"
    'EXPOSE 8501\nCMD ["streamlit", "run", "page.py"]\n'
)


def _image(module: str) -> str:
    return (
        "FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nEXPOSE 8000\n"
        f'CMD ["uvicorn", "src.{module}.main:app", "--host", "0.0.0.0"]\n'
    )


def _micro_services(inference_imports: str) -> Tree:
    fastapi = "from fastapi import FastAPI\n"
    return {
        "src/__init__.py": "",
        "src/models/__init__.py": "",
        "src/models/train_net.py": TRAIN_MODULE,
        "src/gateway/main.py": f"{fastapi}import requests\n\napp = FastAPI()\n",
        "src/inference/main.py": f"{fastapi}{inference_imports}\n\napp = FastAPI()\n",
        "src/training/main.py": (
            f"{fastapi}from src.models.train_net import train_net\n\napp = FastAPI()\n\n\n"
            "@app.post('/train')\ndef train():\n    train_net()\n"
        ),
        "src/gateway/Dockerfile": _image("gateway"),
        "src/inference/Dockerfile": _image("inference"),
        "src/training/Dockerfile": _image("training"),
        "ui/Dockerfile": UI,  # the page it starts (beside it) calls the gateway only
        "ui/page.py": "import requests\nimport streamlit as st\n\nst.title('demo')\n",
        "docker-compose.yml": COMPOSE,
        "requirements.txt": "fastapi==0.115.0\n",
    }


@pytest.mark.parametrize(
    ("imports", "expected"),
    [
        ("from src.models.train_net import Net", "passed"),
        ("from src.models.train_net import train_net", "failed"),
        ("from src.models.train_net import Fitter", "failed"),
    ],
    ids=["model-class", "training-function", "training-class"],
)
def test_img002_judges_each_image_by_the_service_beside_it(
    tmp_path: Path, imports: str, expected: str
) -> None:
    assert committed_status(tmp_path, _micro_services(imports), "IMG002") == expected
