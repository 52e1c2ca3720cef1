"""Session 32's MON001: a prediction counts as recorded when the code a service runs writes
it to a durable, structured sink (a row written back by an SQL update, a stream, a JSON
file a helper appends to, a dict message of a JSON logger, a collector the platform
offers, a consumer's loop an image starts); a batch job's records are not the service's;
and a web app that serves no model is no prediction service."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import PACKAGE
from tests.doctor.helpers import Tree, committed_status


def _mon001(root: Path, tree: Tree) -> str:
    return committed_status(root, {**PACKAGE, **tree}, "MON001")


# -- a row written back with the prediction (SQL UPDATE) -----------------------------------

WRITE_BACK = """import joblib
from fastapi import FastAPI
from sqlalchemy import {builder}

app = FastAPI()
model = joblib.load("model.joblib")


@app.post("/score/{{booking_id}}")
def score(booking_id: int, features: list[float], session, bookings) -> dict:
    pred = float(model.predict([features])[0])
    stmt = {statement}
    session.execute(stmt)
    session.commit()
    return {{"score": pred}}
"""


@pytest.mark.parametrize(
    ("builder", "statement", "status"),
    [
        (
            "update",
            "update(bookings).where(bookings.c.id == booking_id).values(score=pred)",
            "passed",
        ),
        ("text", 'text("UPDATE bookings SET score = :p WHERE id = :i")', "passed"),
        ("select", "select(bookings).where(bookings.c.id == booking_id)", "failed"),
    ],
)
def test_a_prediction_written_back_to_its_row_is_recorded(
    tmp_path: Path, builder: str, statement: str, status: str
) -> None:
    app = WRITE_BACK.format(builder=builder, statement=statement)
    assert _mon001(tmp_path, {"src/demo/app.py": app}) == status


# -- a stream that keeps each record it is sent (Kinesis) ----------------------------------

STREAM = """import json

import boto3
import joblib

kinesis = boto3.client("kinesis")
model = joblib.load("model.joblib")


def lambda_handler(event, context):
    prediction = float(model.predict([event["features"]])[0])
    kinesis.{call}(StreamName="scores", Data=json.dumps({{"score": prediction}}), PartitionKey="1")
    return {{"prediction": prediction}}
"""


@pytest.mark.parametrize(
    ("call", "status"), [("put_record", "passed"), ("describe_stream", "failed")]
)
def test_a_prediction_put_to_a_stream_is_recorded(tmp_path: Path, call: str, status: str) -> None:
    assert _mon001(tmp_path, {"lambda_function.py": STREAM.format(call=call)}) == status


# -- a JSON file an imported helper appends each entry to ----------------------------------

TELEMETRY = """import json
from pathlib import Path


def append_entry(entry: dict) -> None:
    path = Path("data/live.json")
    history = json.loads(path.read_text()) if path.exists() else []
    history.append(entry)
    with open(path, "w") as f:
        json.dump(history, f)
"""
TELEMETRY_APP = """import joblib
from flask import Flask, jsonify, request

from demo.telemetry import append_entry

app = Flask(__name__)
model = joblib.load("model.joblib")


@app.route("/predict", methods=["POST"])
def predict():
    response = {{"prediction": int(model.predict([request.json["x"]])[0])}}
    append_entry({{"timestamp": request.json["ts"], "{key}": {value}}})
    return jsonify(response)
"""


@pytest.mark.parametrize(
    ("key", "value", "status"),
    [
        ("is_fraud", 'bool(response["prediction"] == 1)', "passed"),
        ("latency_ms", 'request.json["elapsed"]', "failed"),
    ],
)
def test_an_entry_holding_the_prediction_appended_to_a_json_file_is_recorded(
    tmp_path: Path, key: str, value: str, status: str
) -> None:
    tree = {
        "src/demo/telemetry.py": TELEMETRY,
        "src/demo/app.py": TELEMETRY_APP.format(key=key, value=value),
    }
    assert _mon001(tmp_path, tree) == status


JSON_PRINT = """import json

import joblib
from fastapi import FastAPI

app = FastAPI()
model = joblib.load("model.joblib")


@app.post("/predict")
def predict(rows: list[list[float]], truth: list[int]) -> dict:
    y_pred = model.predict(rows).tolist()
    y_true = truth
    print(json.dumps({record}))
    return {{"labels": y_pred}}
"""


@pytest.mark.parametrize(
    ("record", "status"),
    [
        ('{"n": len(rows), "labels": y_pred}', "passed"),
        ('{"accuracy": accuracy(y_true, y_pred)}', "failed"),  # metrics, not the answers
    ],
)
def test_a_json_record_whose_value_is_the_prediction_is_one_and_metrics_are_not(
    tmp_path: Path, record: str, status: str
) -> None:
    assert _mon001(tmp_path, {"src/demo/app.py": JSON_PRINT.format(record=record)}) == status


# -- a JSON logger's dict message ----------------------------------------------------------

DICT_MESSAGE = """import logging

import joblib
from fastapi import FastAPI
{logger_import}

logger = logging.getLogger("service")
{formatter}
app = FastAPI()
model = joblib.load("model.joblib")


@app.post("/predict")
def predict(rows: list[list[float]]) -> dict:
    preds = model.predict(rows).tolist()
    logger.info({{"event": "predict", "n": len(rows), "class_counts": counts(preds)}})
    return {{"predictions": preds}}
"""
JSON_LOGGER = (
    "from pythonjsonlogger import jsonlogger",
    "handler = logging.StreamHandler()\nhandler.setFormatter(jsonlogger.JsonFormatter())\n",
)


@pytest.mark.parametrize(("logger", "status"), [(JSON_LOGGER, "passed"), (("", ""), "failed")])
def test_a_dict_message_holding_the_predictions_is_a_field_record_only_when_logged_as_json(
    tmp_path: Path, logger: tuple[str, str], status: str
) -> None:
    app = DICT_MESSAGE.format(logger_import=logger[0], formatter=logger[1])
    assert _mon001(tmp_path, {"src/demo/app.py": app}) == status


# -- a platform's or library's own prediction collector ------------------------------------

AZURE_SCORE = """import joblib
{collector_import}


def init():
    global model, collector
    model = joblib.load("model.pkl")
    {collector}


def run(data):
    proba = model.predict_proba(data)
    {collect}
    return proba.tolist()
"""
COLLECTED = (
    "from azureml.monitoring import ModelDataCollector",
    'collector = ModelDataCollector("model", designation="predictions")',
    "collector.collect(proba)",
)


@pytest.mark.parametrize(("lines", "status"), [(COLLECTED, "passed"), (("", "", ""), "failed")])
def test_azure_mls_data_collector_records_each_prediction(
    tmp_path: Path, lines: tuple[str, str, str], status: str
) -> None:
    score = AZURE_SCORE.format(collector_import=lines[0], collector=lines[1], collect=lines[2])
    assert _mon001(tmp_path, {"score.py": score}) == status


BENTO_013 = """from bentoml import BentoService, api, artifacts
from bentoml.adapters import DataframeInput
from bentoml.frameworks.sklearn import SklearnModelArtifact


@artifacts([SklearnModelArtifact("model")])
class Scorer(BentoService):
    @api(input=DataframeInput(), batch=True)
    def predict(self, df):
        return self.artifacts.model.predict(df)
"""
BENTO_1 = """import bentoml


@bentoml.service
class Scorer:
    model = bentoml.models.get("scorer:latest")

    @bentoml.api
    def predict(self, rows: list[list[float]]) -> list[int]:
        return bentoml.sklearn.load_model(self.model).predict(rows).tolist()
"""


@pytest.mark.parametrize(("service", "status"), [(BENTO_013, "passed"), (BENTO_1, "failed")])
def test_a_bentoml_0_service_logs_each_prediction_by_default(
    tmp_path: Path, service: str, status: str
) -> None:
    assert _mon001(tmp_path, {"service.py": service}) == status


SAGEMAKER_DEPLOY = """import joblib
from fastapi import FastAPI

app = FastAPI()
model = joblib.load("model.joblib")


@app.post("/invocations")
def invocations(rows: list[list[float]]) -> list[float]:
    return model.predict(rows).tolist()
"""
ENDPOINT_CONFIG = (
    "Resources:\n  EndpointConfig:\n    Type: AWS::SageMaker::EndpointConfig\n"
    "    Properties:\n{capture}      ProductionVariants:\n        - ModelName: scorer\n"
)
CAPTURE = (
    "      DataCaptureConfig:\n        EnableCapture: true\n"
    "        InitialSamplingPercentage: 100\n        DestinationS3Uri: s3://captures/scorer\n"
)


@pytest.mark.parametrize(("capture", "status"), [(CAPTURE, "passed"), ("", "failed")])
def test_sagemakers_data_capture_records_each_prediction(
    tmp_path: Path, capture: str, status: str
) -> None:
    tree = {
        "src/demo/app.py": SAGEMAKER_DEPLOY,
        "deploy/endpoint.yml": ENDPOINT_CONFIG.format(capture=capture),
    }
    assert _mon001(tmp_path, tree) == status


# -- a consumer an image starts, writing at its top level ----------------------------------

INFERENCE_SERVICE = (
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: scorer\n"
    "spec:\n  predictor:\n    model:\n      modelFormat:\n        name: mlflow\n"
    "      storageUri: s3://models/scorer\n"
)
CONSUMER = """import pickle

from influxdb_client import InfluxDBClient, Point

client = InfluxDBClient(url="http://influx:8086")
write_api = client.write_api()

if __name__ == "__main__":
    with open("/app/model.pkl", "rb") as f:
        model = pickle.load(f)
    for message in queue_messages():
        preds = model.predict(message)
        points = [Point("prediction").field("value", p) for p in preds]
        write_api.write(bucket="scores", record=points)
"""


@pytest.mark.parametrize(
    ("command", "status"),
    [
        ('CMD ["python", "/app/worker/consumer.py"]', "passed"),
        ('CMD ["sleep", "infinity"]', "failed"),
    ],
)
def test_the_consumer_an_image_starts_is_the_services_code(
    tmp_path: Path, command: str, status: str
) -> None:
    tree = {
        "deploy/inference-service.yaml": INFERENCE_SERVICE,
        "worker/consumer.py": CONSUMER,
        "Dockerfile": f"FROM python:3.12-slim\nCOPY worker/ /app/worker/\n{command}\n",
    }
    assert _mon001(tmp_path, tree) == status


# -- whose records count: the service's, not a batch job's ---------------------------------

BATCH = """import joblib
import pandas as pd
from sqlalchemy import create_engine


def main() -> None:
    model = joblib.load("model.joblib")
    frame = pd.read_csv("data/today.csv")
    frame["prediction"] = model.predict(frame)
    frame.to_sql("predictions", create_engine("sqlite:///scores.db"), if_exists="append")


if __name__ == "__main__":
    main()
"""
ONLINE = """import joblib
from fastapi import FastAPI

app = FastAPI()
model = joblib.load("model.joblib")


@app.post("/predict")
def predict(rows: list[list[float]]) -> dict:
    return {"prediction": model.predict(rows).tolist()}
"""
STORED = """import sqlite3

from fastapi import FastAPI

app = FastAPI()


@app.get("/predictions/{day}")
def predictions(day: str) -> list:
    with sqlite3.connect("scores.db") as db:
        return db.execute("SELECT * FROM predictions WHERE day = ?", (day,)).fetchall()
"""


@pytest.mark.parametrize(("app", "status"), [(ONLINE, "failed"), (STORED, "passed")])
def test_a_batch_jobs_records_count_only_for_a_service_that_serves_them(
    tmp_path: Path, app: str, status: str
) -> None:
    tree = {"src/demo/app.py": app, "src/demo/batch.py": BATCH}
    assert _mon001(tmp_path, tree) == status


# -- a web app that serves no model --------------------------------------------------------

VIEWER = """import h5py
from fastapi import FastAPI
from fastapi.responses import FileResponse

app = FastAPI()
runs = h5py.File("runs/tensors.h5", "r")


@app.get("/plot")
def plot(epoch: int, idx: int):
    path = save_png(runs["train"][str(epoch)][str(idx)]["pred_prob"])
    {extra}
    return FileResponse(path)
"""


@pytest.mark.parametrize(
    ("extra", "status"),
    [("", "not-applicable"), ("model = torch.load('model.pt')", "failed")],
)
def test_a_web_app_that_neither_uses_nor_names_a_model_serves_no_predictions(
    tmp_path: Path, extra: str, status: str
) -> None:
    assert _mon001(tmp_path, {"src/demo/viewer.py": VIEWER.format(extra=extra)}) == status


TRIGGER = """import os

from flask import Request
from google.cloud import aiplatform


def main(request: Request):
    job = aiplatform.PipelineJob(display_name="train", template_path="pipeline.json")
    job.submit(service_account=os.environ["SA"])
    return "OK"
"""


def test_an_http_trigger_that_starts_a_pipeline_serves_no_predictions(tmp_path: Path) -> None:
    assert _mon001(tmp_path, {"cloud_function/main.py": TRIGGER}) == "not-applicable"
