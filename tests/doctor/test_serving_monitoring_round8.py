"""The code a service runs, followed through the repository's own imports (SERVE003), and
predictions logged or stored for real (MON001)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import audit

MODEL_SETUP = (
    "from setuptools import setup\n\nsetup(name='titanic-model', packages=['titanic_model'])\n"
)
LOADER = (
    "import joblib\n\n\ndef load_pipeline(*, file_name):\n"
    "    return joblib.load(filename=TRAINED / file_name)\n"
)
PREDICT = (
    "from titanic_model.processing.data_manager import load_pipeline\n\n"
    "_pipe = load_pipeline(file_name='pipeline.pkl')\n\n\n"
    "def make_prediction(*, input_data):\n    return _pipe.predict(input_data)\n"
)
# A course of two projects: the model package (installed with its setup.py) and the API.
MODEL_PACKAGE = {
    "classification_model/setup.py": MODEL_SETUP,
    "classification_model/requirements.txt": "joblib==1.4.2\n",
    "classification_model/titanic_model/__init__.py": "",
    "classification_model/titanic_model/predict.py": PREDICT,
    "classification_model/titanic_model/processing/__init__.py": "",
    "classification_model/titanic_model/processing/data_manager.py": LOADER,
}
API = (
    "from fastapi import APIRouter\n\n{imports}\n\napi_router = APIRouter()\n\n\n"
    "@api_router.post('/predict')\ndef predict(rows: list) -> dict:\n"
    "    return {{'predictions': {call}}}\n"
)


def _api(imports: str, call: str) -> dict[str, str]:
    return {
        "titanic-api/requirements.txt": "fastapi==0.115.0\n",
        "titanic-api/app/__init__.py": "",
        "titanic-api/app/api.py": API.format(imports=imports, call=call),
    }


def _serve003(root: Path) -> list[str]:
    return [f"{f.path}:{f.line}" for f in audit(root, "SERVE003").findings]


# Read as one application, and as a course whose projects are audited apart (the API's
# project then reaches its sibling's files).
LAYOUTS = pytest.mark.parametrize("readme", ["", "# Deploying a model: a course\n"])


@LAYOUTS
def test_serve003_follows_the_service_into_the_repositorys_model_package(
    tmp_path: Path, readme: str
) -> None:
    imports = "from titanic_model.predict import make_prediction"
    api = _api(imports, "make_prediction(input_data=rows)")
    build_file_tree(tmp_path, {**MODEL_PACKAGE, **api, "README.md": readme})
    assert _serve003(tmp_path) == [
        "classification_model/titanic_model/processing/data_manager.py:5"
    ]


@LAYOUTS
def test_serve003_leaves_a_package_the_service_does_not_import(tmp_path: Path, readme: str) -> None:
    api = _api("import json", "json.loads('[]')")
    build_file_tree(tmp_path, {**MODEL_PACKAGE, **api, "README.md": readme})
    assert _serve003(tmp_path) == []


def test_serve003_follows_a_relative_import_of_the_services_package(tmp_path: Path) -> None:
    tree = {
        "src/scorer/__init__.py": "",
        "src/scorer/app.py": (
            "from flask import Flask\n\nfrom .model import MODEL\n\napp = Flask(__name__)\n"
        ),
        "src/scorer/model.py": (
            "import pickle\n\nwith open('models/model.pkl', 'rb') as f:\n"
            "    MODEL = pickle.load(f)\n"
        ),
    }
    build_file_tree(tmp_path, tree)
    assert _serve003(tmp_path) == ["src/scorer/model.py:4"]


# A collection of examples: one service, and research scripts that unpickle what they made.
RESEARCH = {
    "README.md": "# Code for my videos\n",
    "bentoml_demo/requirements.txt": "bentoml==1.3.0\n",
    "bentoml_demo/service.py": (
        "import bentoml\n\nmodel = bentoml.sklearn.get('iris_clf:latest').to_runner()\n"
        "svc = bentoml.Service('iris', runners=[model])\n"
    ),
    "neuron/requirements.txt": "torch==2.4.1\n",
    "neuron/evaluate_noise.py": (
        "import pickle\n\nwith open('results/solver.pkl', 'rb') as f:\n"
        "    solver = pickle.load(f)\n"
    ),
}


def test_serve003_does_not_judge_research_scripts_beside_a_service(tmp_path: Path) -> None:
    build_file_tree(tmp_path, RESEARCH)
    report = audit(tmp_path, "SERVE003")
    assert report.findings == ()
    assert Status.PASSED in {r.status for r in report.results if r.id == "SERVE003"}


def test_serve003_judges_a_script_the_service_imports(tmp_path: Path) -> None:
    service = "import bentoml\n\nfrom evaluate_noise import solver\n\nsvc = bentoml.Service('x')\n"
    tree = {**RESEARCH, "neuron/service.py": service}
    build_file_tree(tmp_path, tree)
    assert _serve003(tmp_path) == ["neuron/evaluate_noise.py:4"]
