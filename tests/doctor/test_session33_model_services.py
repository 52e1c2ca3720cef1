"""Session 33: whether a service serves a model is one fact every check of a model's
service reads (SERVE002, SERVE003, MON001-003, TEST003, ENV004): a web app whose code
neither loads, runs nor names a model and does other work (a viewer of saved arrays, an
HTTP trigger of a pipeline) serves none; a bare app, or one whose routes only answer fixed
messages, is the model's service still to be written and is judged."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import PACKAGE, PREDICTING_SERVICE
from tests.doctor.helpers import Tree, committed_status

SERVICE_CHECKS = ("SERVE002", "MON001", "MON002", "MON003")

# A page that draws arrays a run saved: it does work, and nothing of it is a model's.
PLOTTER = """import matplotlib.pyplot as plt
import numpy as np
from flask import Flask, send_file

app = Flask(__name__)
arrays = np.load("runs/latest/arrays.npz")


@app.route("/figure/<name>")
def figure(name):
    plt.imshow(arrays[name])
    plt.savefig("/tmp/figure.png")
    {extra}
    return send_file("/tmp/figure.png")
"""
# An HTTP entry point that only starts a job elsewhere.
STARTER = """import os

import requests
from fastapi import FastAPI

app = FastAPI()


@app.post("/start")
def start(payload: dict) -> dict:
    requests.post(os.environ["JOBS_URL"], json=payload, timeout=10)
    return {"started": True}
"""
BARE = "from fastapi import FastAPI\n\napp = FastAPI()\n"
GREETING = (
    "from flask import Flask, jsonify\n\napp = Flask(__name__)\n\n\n"
    '@app.route("/")\ndef index():\n    return jsonify({"message": "running"})\n'
)


def _status(root: Path, tree: Tree, check_id: str) -> str:
    return committed_status(root, {**PACKAGE, **tree}, check_id)


@pytest.mark.parametrize("check_id", SERVICE_CHECKS)
def test_a_page_that_plots_saved_arrays_serves_no_model(tmp_path: Path, check_id: str) -> None:
    tree = {"src/demo/plots.py": PLOTTER.format(extra="")}
    assert _status(tmp_path, tree, check_id) == "not-applicable"


@pytest.mark.parametrize("check_id", SERVICE_CHECKS)
def test_the_same_page_predicting_is_a_model_service(tmp_path: Path, check_id: str) -> None:
    extra = "scores = np.load('weights.npy') @ arrays[name]\n    estimator.predict(scores)"
    tree = {"src/demo/plots.py": PLOTTER.format(extra=extra)}
    assert _status(tmp_path, tree, check_id) == "failed"


@pytest.mark.parametrize("check_id", ("SERVE002", "MON002", "MON003"))
def test_an_endpoint_that_starts_a_job_serves_no_model(tmp_path: Path, check_id: str) -> None:
    assert _status(tmp_path, {"src/demo/start.py": STARTER}, check_id) == "not-applicable"


@pytest.mark.parametrize("app", [BARE, GREETING], ids=["bare", "greeting"])
@pytest.mark.parametrize("check_id", ("MON002", "MON003"))
def test_an_app_that_does_nothing_yet_is_judged_as_the_models_service(
    tmp_path: Path, app: str, check_id: str
) -> None:
    assert _status(tmp_path, {"src/demo/app.py": app}, check_id) == "failed"


def test_a_page_that_plots_saved_arrays_has_no_contract_to_test(tmp_path: Path) -> None:
    tree = {
        "src/demo/plots.py": PLOTTER.format(extra=""),
        "tests/test_plots.py": "def test_name():\n    assert 'x'.upper() == 'X'\n",
    }
    assert _status(tmp_path, tree, "TEST003") == "not-applicable"


def test_an_app_that_does_nothing_yet_has_a_contract_to_test(tmp_path: Path) -> None:
    tree = {
        "src/demo/app.py": BARE,
        "tests/test_app.py": "def test_name():\n    assert 'x'.upper() == 'X'\n",
    }
    assert _status(tmp_path, tree, "TEST003") == "failed"


# -- a prediction route that is a stub (SERVE001) ------------------------------------------

STUB = """import logging

from fastapi import FastAPI
from fastapi.responses import JSONResponse

log = logging.getLogger(__name__)
app = FastAPI()


@app.post("/predict")
async def predict(payload: dict):
    log.info("predict called")
    try:
        {body}
    except Exception as error:
        return JSONResponse(status_code=500, content={{"error": str(error)}})
"""
COMPOSE = {"docker-compose.yml": "services:\n  api:\n    build: .\n    ports: ['8000:8000']\n"}


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ('return {"message": "prediction endpoint works"}', "failed"),
        ('return {"label": classifier.predict([payload["x"]])[0]}', "passed"),
        ('queue.put(payload)\n        return {"status": "queued"}', "passed"),
        ('return {"echo": payload}', "passed"),
    ],
    ids=["fixed message", "model", "queued", "echo"],
)
def test_a_prediction_route_answering_a_fixed_message_is_no_prediction_service(
    tmp_path: Path, body: str, status: str
) -> None:
    tree = {"src/demo/app.py": STUB.format(body=body), **COMPOSE}
    assert _status(tmp_path, tree, "SERVE001") == status


@pytest.mark.parametrize("check_id", ("SERVE002", "MON002", "MON003"))
def test_a_stub_service_is_still_judged_by_the_checks_of_a_service(
    tmp_path: Path, check_id: str
) -> None:
    body = 'return {"message": "prediction endpoint works"}'
    tree = {"src/demo/app.py": STUB.format(body=body), **COMPOSE}
    assert _status(tmp_path, tree, check_id) == "failed"


# -- a SageMaker endpoint declared as infrastructure (SERVE001, MON001, MON003) ------------

TERRAFORM_ENDPOINT = (
    'resource "aws_sagemaker_endpoint_configuration" "config" {\n  name = "churn"\n}\n\n'
    'resource "aws_sagemaker_endpoint" "endpoint" {\n'
    "  endpoint_config_name = aws_sagemaker_endpoint_configuration.config.name\n}\n"
)
CLOUDFORMATION_CONFIG = (
    '{"Resources": {"Config": {"Type": "AWS::SageMaker::EndpointConfig",\n'
    '  "Properties": {"ProductionVariants": []}}}}\n'
)


@pytest.mark.parametrize("check_id", ("SERVE001", "MON001", "MON003"))
def test_a_terraform_sagemaker_endpoint_is_a_service(tmp_path: Path, check_id: str) -> None:
    status = _status(tmp_path, {"infra/sagemaker.tf": TERRAFORM_ENDPOINT}, check_id)
    assert status == ("passed" if check_id == "SERVE001" else "failed")


def test_an_endpoint_configuration_alone_is_no_service(tmp_path: Path) -> None:
    tree = {"infra/endpoint-config.json": CLOUDFORMATION_CONFIG, **COMPOSE}
    assert _status(tmp_path, tree, "SERVE001") == "failed"


# -- the programs an image starts are code the service runs (SERVE003, as MON001) ----------

CONSUMER = """import dill
import redis

model = dill.load(open("/app/model.dill", "rb"))
for message in redis.Redis().pubsub().listen():
    print(model.predict([message["data"]]))
"""
KSERVE = (
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n"
    "spec:\n  predictor:\n    sklearn:\n      storageUri: gs://models/m\n"
)


@pytest.mark.parametrize(
    ("command", "status"),
    [('CMD ["python", "worker/consumer.py"]', "failed"), ('CMD ["python", "-V"]', "passed")],
    ids=["started", "not started"],
)
def test_a_pickle_loaded_by_a_program_the_image_starts_is_the_services(
    tmp_path: Path, command: str, status: str
) -> None:
    tree = {
        "worker/consumer.py": CONSUMER,
        "worker/Dockerfile": f"FROM python:3.12-slim\nCOPY . /app\n{command}\n",
        "k8s/model.yaml": KSERVE,
    }
    assert _status(tmp_path, tree, "SERVE003") == status


# -- what a test of the service's contract is (TEST003) ------------------------------------

UNIT_TEST = {"tests/test_units.py": "def test_double():\n    assert pow(2, 2) == 4\n"}
REQUEST_SCRIPT = (
    "import requests\n\nanswer = requests.post('http://localhost:8000/predict', json={})\n"
)


@pytest.mark.parametrize(
    ("check", "status"),
    [("print(answer.json())", "failed"), ("assert answer.json()['prediction'] == 2", "passed")],
    ids=["prints", "asserts"],
)
def test_a_request_script_among_the_tests_must_check_the_answer(
    tmp_path: Path, check: str, status: str
) -> None:
    script = {"tests/call_api.py": f"{REQUEST_SCRIPT}{check}\n"}
    tree = {**PREDICTING_SERVICE, **UNIT_TEST, **script}
    assert _status(tmp_path, tree, "TEST003") == status


CLIENT_TEST = """from unittest.mock import patch

from fastapi.testclient import TestClient

from demo.app import app


def test_the_app():
    {body}
"""


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("with patch('demo.alerts.requests.post'):\n        assert TestClient(app)", "failed"),
        ("record = {'inference_id': 1}\n    assert record.get('inference_id') == 1", "failed"),
        ("assert TestClient(app).post('/predict', json={}).status_code == 200", "passed"),
    ],
    ids=["mock patch", "mapping get", "client post"],
)
def test_only_a_request_to_a_route_is_a_call_of_the_service(
    tmp_path: Path, body: str, status: str
) -> None:
    test = {"tests/test_app.py": CLIENT_TEST.format(body=body)}
    tree = {**PREDICTING_SERVICE, **UNIT_TEST, **test}
    assert _status(tmp_path, tree, "TEST003") == status


# -- a /metrics route that answers JSON about the model (MON002) ---------------------------

METRICS_ROUTE = """import json

from flask import Flask, Response, jsonify

app = Flask(__name__)
REQUESTS = {{"count": 0}}


@app.route("/predict", methods=["POST"])
def predict():
    REQUESTS["count"] += 1
    return jsonify(prediction=model.predict([[1.0]])[0])


@app.route("/metrics")
def metrics():
    {answer}
"""


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        ("return {'model': 'churn', 'version': '1.2'}", "failed"),
        ("with open('metrics.json') as f:\n        return json.load(f)", "failed"),
        (
            "body = f'requests_total {REQUESTS[\"count\"]}\\n'\n"
            "    return Response(body, mimetype='text/plain')",
            "passed",
        ),
    ],
    ids=["model info", "evaluation scores", "text exposition"],
)
def test_a_metrics_route_must_answer_the_services_metrics(
    tmp_path: Path, answer: str, status: str
) -> None:
    tree = {"src/demo/app.py": METRICS_ROUTE.format(answer=answer)}
    assert _status(tmp_path, tree, "MON002") == status


# -- a route that answers whether the model is loaded (SERVE002) ---------------------------

STATE_ROUTE = """from fastapi import FastAPI

app = FastAPI()
model = None


@app.post("/predict")
def predict(x: float) -> dict:
    return {{"prediction": model.predict([[x]])[0]}}


@app.get("{path}")
def {name}({parameter}) -> dict:
    return {answer}
"""


@pytest.mark.parametrize(
    ("path", "name", "parameter", "answer", "status"),
    [
        ("/", "root", "", '{"status": "ok", "model_loaded": model is not None}', "passed"),
        ("/api/state", "state", "", '{"model_loaded": model is not None}', "passed"),
        ("/v1/check-db", "check_db", "", '{"status": "ok", "rows": 1}', "failed"),
        ("/jobs/{job_id}", "job", "job_id: int", '{"model_loaded": True}', "failed"),
    ],
    ids=["root", "state", "database", "a job's"],
)
def test_a_route_answering_whether_the_model_is_loaded_is_the_readiness_check(
    tmp_path: Path, path: str, name: str, parameter: str, answer: str, status: str
) -> None:
    app = STATE_ROUTE.format(path=path, name=name, parameter=parameter, answer=answer)
    assert _status(tmp_path, {"src/demo/app.py": app}, "SERVE002") == status


# -- a front end's own health route answers for no API beside it (SERVE002) ----------------

PAGE = "import joblib\nimport streamlit as st\n\nmodel = joblib.load('model.joblib')\n"
API = (
    "import joblib\nfrom flask import Flask, jsonify, request\n\napp = Flask(__name__)\n"
    "model = joblib.load('model.joblib')\n\n\n@app.route('/predict', methods=['POST'])\n"
    "def predict():\n    return jsonify(label=model.predict([request.json['x']])[0])\n"
)


@pytest.mark.parametrize(
    ("tree", "status"),
    [({"page.py": PAGE}, "passed"), ({"page.py": PAGE, "api.py": API}, "failed")],
    ids=["page alone", "page and API"],
)
def test_a_pages_health_route_answers_for_the_page_only(
    tmp_path: Path, tree: Tree, status: str
) -> None:
    assert _status(tmp_path, {**tree, **COMPOSE}, "SERVE002") == status


# -- what BentoML pickles (SERVE003) -------------------------------------------------------

BENTO_0 = """from bentoml import BentoService, api, artifacts
from bentoml.adapters import DataframeInput
from bentoml.frameworks.xgboost import XgboostModelArtifact
from bentoml.service.artifacts.common import PickleArtifact


@artifacts([{artifacts}])
class Scorer(BentoService):
    @api(input=DataframeInput(), batch=True)
    def predict(self, frame):
        return self.artifacts.model.predict(frame)
"""


@pytest.mark.parametrize(
    ("artifacts", "status"),
    [
        ("PickleArtifact('scaler'), XgboostModelArtifact('model')", "failed"),
        ("XgboostModelArtifact('model')", "passed"),
    ],
    ids=["pickle artifact", "xgboost only"],
)
def test_a_bentoml_0_pickle_artifact_is_unpickled_when_served(
    tmp_path: Path, artifacts: str, status: str
) -> None:
    tree = {"service/scorer.py": BENTO_0.format(artifacts=artifacts)}
    assert _status(tmp_path, tree, "SERVE003") == status


SAVE = """import bentoml


def save(pipeline, scaler):
    bentoml.xgboost.save_model("prices", pipeline{extra})
"""
BENTO_SERVICE = """import bentoml


@bentoml.service
class Prices:
    def __init__(self):
        self.model = bentoml.xgboost.load_model("prices:latest")
"""


@pytest.mark.parametrize(
    ("extra", "status"),
    [(', custom_objects={"scaler": scaler}', "failed"), ("", "passed")],
    ids=["custom objects", "model only"],
)
def test_bentoml_custom_objects_are_cloudpickled(tmp_path: Path, extra: str, status: str) -> None:
    tree = {"save_model.py": SAVE.format(extra=extra), "service.py": BENTO_SERVICE}
    assert _status(tmp_path, tree, "SERVE003") == status


HEALTH_ONLY = """from fastapi import FastAPI
from qdrant_client import QdrantClient

app = FastAPI()
store = QdrantClient(url="http://qdrant:6333")


@app.get("/health")
def health() -> dict:
    return {{"status": "ok"}}


@app.get("/store/health")
def store_health() -> dict:
    store.get_collections()
    return {{"status": "ok"}}
{extra}"""
QUERY = (
    '\n\n@app.post("/ask")\ndef ask(question: str) -> dict:\n'
    "    return {'hits': store.search('docs', question)}\n"
)


@pytest.mark.parametrize(
    ("extra", "status"), [("", "failed"), (QUERY, "passed")], ids=["health only", "with a query"]
)
def test_a_web_app_whose_only_routes_check_health_is_no_prediction_service(
    tmp_path: Path, extra: str, status: str
) -> None:
    tree = {"src/demo/app.py": HEALTH_ONLY.format(extra=extra), **COMPOSE}
    assert _status(tmp_path, tree, "SERVE001") == status
