"""Session 34's fixes of the serving and monitoring checks: a Lambda handler with typed
parameters is a service, and AWS answers no health check for it (SERVE002), unless an
event source triggers it; a model deployed to a Vertex AI endpoint by the SDK or to
Databricks Model Serving has the platform's health and metrics (SERVE002, MON002); a
prediction kept through another module's method that runs an INSERT is a record
(MON001); a load inside a model's loader and a YOLO checkpoint named by an attribute
are the model's loads (SERVE003)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import PACKAGE
from tests.doctor.helpers import Tree, committed_status

# -- Lambda handlers (SERVE001, SERVE002) --------------------------------------------------

TYPED_HANDLER = """import json
from typing import Any


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    body = json.loads(event.get("body") or "{}")
    return {"statusCode": 200, "body": json.dumps({"prediction": model.predict(body)})}
"""
STREAM_HANDLER = """import base64
import json


def lambda_handler(event, context):
    for record in event["Records"]:
        features = json.loads(base64.b64decode(record["kinesis"]["data"]))
        model.predict(features)
"""


def test_a_typed_lambda_handler_is_a_service(tmp_path: Path) -> None:
    tree = {**PACKAGE, "lambda/predict/app.py": TYPED_HANDLER}
    assert committed_status(tmp_path, tree, "SERVE001") == "passed"


def test_a_handler_of_one_record_is_no_lambda(tmp_path: Path) -> None:
    tree = {**PACKAGE, "src/demo/log.py": "def handler(record: dict) -> None:\n    pass\n"}
    assert committed_status(tmp_path, tree, "SERVE001") != "passed"


def test_a_lambda_called_over_http_needs_a_health_action(tmp_path: Path) -> None:
    tree = {**PACKAGE, "lambda/predict/app.py": TYPED_HANDLER}
    assert committed_status(tmp_path, tree, "SERVE002") == "failed"


def test_a_lambda_an_event_source_triggers_is_polled_by_nothing(tmp_path: Path) -> None:
    tree = {**PACKAGE, "streaming/lambda_function.py": STREAM_HANDLER}
    assert committed_status(tmp_path, tree, "SERVE002") == "not-applicable"


def test_a_stream_lambda_beside_a_web_api_leaves_the_api_judged(tmp_path: Path) -> None:
    api = "from fastapi import FastAPI\n\napp = FastAPI()\n"
    tree = {**PACKAGE, "streaming/lambda_function.py": STREAM_HANDLER, "api/app.py": api}
    assert committed_status(tmp_path, tree, "SERVE002") == "failed"


# -- Managed endpoints deployed by an SDK (SERVE002, MON002) -------------------------------

VERTEX_DEPLOY = """from google.cloud import aiplatform

model = aiplatform.Model.upload(display_name="churn", artifact_uri=ARTIFACTS)
model.deploy(endpoint=aiplatform.Endpoint(ENDPOINT), machine_type="n1-standard-2")
"""
DATABRICKS_DEPLOY = """from databricks.sdk import WorkspaceClient
from databricks.sdk.service.serving import EndpointCoreConfigInput, ServedEntityInput

entities = [ServedEntityInput(entity_name="main.churn.model", entity_version="1")]
WorkspaceClient().serving_endpoints.create(
    name="churn", config=EndpointCoreConfigInput(served_entities=entities)
)
"""


@pytest.mark.parametrize("deploy", [VERTEX_DEPLOY, DATABRICKS_DEPLOY])
@pytest.mark.parametrize("check_id", ["SERVE002", "MON002"])
def test_a_managed_endpoint_has_the_platforms_health_and_metrics(
    tmp_path: Path, deploy: str, check_id: str
) -> None:
    tree = {**PACKAGE, "src/demo/deploy.py": deploy}
    assert committed_status(tmp_path, tree, check_id) == "passed"


def test_a_deploy_call_of_another_google_library_is_no_endpoint(tmp_path: Path) -> None:
    deploy = "from google.cloud import storage\n\nrelease.deploy(bucket=storage.Client())\n"
    tree = {**PACKAGE, "src/demo/deploy.py": deploy}
    assert committed_status(tmp_path, tree, "SERVE001") != "passed"


def test_a_databricks_notebook_that_serves_a_model_is_a_walkthrough(tmp_path: Path) -> None:
    notebook = "# Databricks notebook source\n" + DATABRICKS_DEPLOY
    tree = {**PACKAGE, "notebooks/serve_model.py": notebook}
    assert committed_status(tmp_path, tree, "SERVE001") != "passed"


# -- Prediction records through another module's method (MON001) ---------------------------

STORAGE = """import mysql.connector


class FeatureStorage:
    def store_labeled_row(self, table: str, features: dict, label: str) -> None:
        query = f"INSERT INTO {table} (features, label) VALUES (%s, %s)"
        with mysql.connector.connect() as connection:
            connection.cursor().execute(query, (str(features), label))
"""
STORING_HANDLER = """import json

from storage import FeatureStorage

STORAGE = FeatureStorage()


def handler(event, context):
    features = json.loads(event["body"])
    prediction = model.predict(features)
    {store}
    return {{"statusCode": 200, "body": json.dumps({{"prediction": prediction}})}}
"""


def _storing_service(store: str) -> Tree:
    return {
        **PACKAGE,
        "lambda/storage.py": STORAGE,
        "lambda/predict.py": STORING_HANDLER.format(store=store),
    }


def test_a_prediction_kept_through_a_storage_method_is_a_record(tmp_path: Path) -> None:
    store = 'STORAGE.store_labeled_row("features", features, label=prediction)'
    assert committed_status(tmp_path, _storing_service(store), "MON001") == "passed"


def test_a_storage_method_never_called_keeps_no_record(tmp_path: Path) -> None:
    assert committed_status(tmp_path, _storing_service("pass"), "MON001") == "failed"


# -- Loads of the model (SERVE003) ---------------------------------------------------------

MODEL_CLASS = """import pickle

from fastapi import FastAPI

app = FastAPI()


class {owner}:
    @classmethod
    def {method}(cls, path: str):
        with open(path, "rb") as f:
            data = pickle.load(f)
        return cls(data["model"])


@app.post("/predict")
def predict(x: float) -> dict:
    return {{"prediction": x}}
"""


def test_a_load_in_a_models_loader_is_the_models(tmp_path: Path) -> None:
    tree = {**PACKAGE, "src/demo/app.py": MODEL_CLASS.format(owner="MLModel", method="load")}
    assert committed_status(tmp_path, tree, "SERVE003") == "failed"


def test_a_load_in_a_data_sets_loader_is_still_data(tmp_path: Path) -> None:
    tree = {**PACKAGE, "src/demo/app.py": MODEL_CLASS.format(owner="Frames", method="load")}
    assert committed_status(tmp_path, tree, "SERVE003") == "passed"


YOLO_SERVICE = """import os

from fastapi import FastAPI
from ultralytics import YOLO

app = FastAPI()


class Detector:
    def __init__(self) -> None:
        self.weights = os.environ.get("YOLO_MODEL", "{default}")
        self.model = YOLO(self.weights)


@app.post("/predict")
def predict(image: bytes) -> dict:
    return {{"prediction": Detector().model(image)}}
"""


def test_a_yolo_checkpoint_named_through_an_attribute_is_unpickled(tmp_path: Path) -> None:
    tree = {**PACKAGE, "src/demo/app.py": YOLO_SERVICE.format(default="yolo11n.pt")}
    assert committed_status(tmp_path, tree, "SERVE003") == "failed"


def test_a_yolo_onnx_file_named_through_an_attribute_is_no_pickle(tmp_path: Path) -> None:
    tree = {**PACKAGE, "src/demo/app.py": YOLO_SERVICE.format(default="yolo11n.onnx")}
    assert committed_status(tmp_path, tree, "SERVE003") == "passed"


LIGHTGBM_TRAINING = """import lightgbm
import mlflow

model = {model}
mlflow.lightgbm.log_model(model, artifact_path="model")
"""
LIGHTGBM_SERVICE = """import mlflow
from fastapi import FastAPI

app = FastAPI()
model = mlflow.lightgbm.load_model("models:/demand/latest")


@app.post("/predict")
def predict(x: float) -> dict:
    return {"prediction": float(model.predict([[x]])[0])}
"""


def test_a_scikit_learn_lightgbm_model_logged_to_mlflow_is_a_pickle(tmp_path: Path) -> None:
    training = LIGHTGBM_TRAINING.format(model="lightgbm.LGBMRegressor().fit(X, y)")
    tree = {**PACKAGE, "src/demo/train.py": training, "src/demo/app.py": LIGHTGBM_SERVICE}
    assert committed_status(tmp_path, tree, "SERVE003") == "failed"


def test_a_lightgbm_booster_logged_to_mlflow_is_no_pickle(tmp_path: Path) -> None:
    training = LIGHTGBM_TRAINING.format(model="lightgbm.train(params, dataset)")
    tree = {**PACKAGE, "src/demo/train.py": training, "src/demo/app.py": LIGHTGBM_SERVICE}
    assert committed_status(tmp_path, tree, "SERVE003") == "passed"


# -- A platform answers for the modules its service imports (SERVE002) ----------------------

RAY_DEPLOYMENT = """from ray import serve

from serving.responses import JSONBytes


@serve.deployment(health_check_period_s=10)
class Scorer:
    async def __call__(self, request):
        return JSONBytes({"prediction": self.model.predict(await request.json())})
"""
RESPONSE_CLASS = """from starlette.responses import Response


class JSONBytes(Response):
    media_type = "application/json"
"""
SERVING_PACKAGE = {
    "src/serving/__init__.py": "",
    "src/serving/deployments/__init__.py": "",
    "src/serving/deployments/scorer.py": RAY_DEPLOYMENT,
}


def test_a_platform_answers_for_a_module_its_service_imports(tmp_path: Path) -> None:
    tree = {**SERVING_PACKAGE, "src/serving/responses.py": RESPONSE_CLASS}
    assert committed_status(tmp_path, tree, "SERVE002") == "passed"


def test_a_platform_does_not_answer_for_an_app_it_does_not_import(tmp_path: Path) -> None:
    deployment = RAY_DEPLOYMENT.replace("from serving.responses import JSONBytes\n", "")
    tree = {
        **SERVING_PACKAGE,
        "src/serving/deployments/scorer.py": deployment,
        "src/serving/responses.py": RESPONSE_CLASS,
    }
    assert committed_status(tmp_path, tree, "SERVE002") == "failed"
