"""MON001: prediction records a service keeps in a store (session 40): a session's `add` of
a row bound to a name, a DynamoDB item's update, a message broker's topic, a trace's span."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.cases import SERVICE
from tests.doctor.helpers import audit, found_ids

ORM_SERVICE = """from fastapi import Depends, FastAPI

from demo.db import PredictionRequest, get_db
from demo.model import model

app = FastAPI()


@app.post("/predict")
def predict(features: dict, db=Depends(get_db)) -> dict:
    entry = PredictionRequest(**features)
    db.add(entry)
    db.commit()
    price = float(model.predict([list(features.values())])[0])
    entry.{attribute} = price
    db.commit()
    return {{"price": price}}
"""

DYNAMO_HANDLER = """import boto3
import joblib

model = joblib.load("model.joblib")
table = boto3.client("dynamodb")


def remember(link: str, score: int) -> None:
    table.{write}(
        TableName="links",
        Key={{"link": {{"S": link}}}},
        UpdateExpression="set score=:s",
        ExpressionAttributeValues={{":s": {{"N": str(score)}}}},
    )


def handler(event, context):
    score = int(model.predict({given})[0])
    remember(event["link"], score)
    return {{"statusCode": 200, "body": str(score)}}
"""

KAFKA_SERVICE = """import json

from fastapi import FastAPI
from kafka import KafkaProducer

from demo.model import model

app = FastAPI()
{receiver} = KafkaProducer(bootstrap_servers="kafka:9092")


@app.post("/predict")
def predict(features: list[float]) -> dict:
    prediction = float(model.predict([features])[0])
    {receiver}.send("scores", json.dumps({{"prediction": prediction}}).encode())
    return {{"prediction": prediction}}
"""

TRACED_SERVICE = """import mlflow
from fastapi import FastAPI

from demo.model import model

app = FastAPI()


@app.post("/predict")
def predict(features: list[float]) -> dict:
    with mlflow.start_span(name="inference") as span:
        result = {{"prediction": float(model.predict([features])[0])}}
        span.{call}(result)
    return result
"""

MODEL = "import joblib\n\nmodel = joblib.load('model.joblib')\n"


def _mon001_found(tmp_path: Path, files: dict[str, str]) -> bool:
    build_file_tree(tmp_path, {**SERVICE, "src/demo/model.py": MODEL, **files})
    return "MON001" in found_ids(audit(tmp_path, "SERVE001", "MON001"))


@pytest.mark.parametrize(("attribute", "found"), [("prediction", False), ("latency_ms", True)])
def test_a_session_add_of_a_row_given_the_prediction_records_it(
    tmp_path: Path, attribute: str, found: bool
) -> None:
    app = ORM_SERVICE.format(attribute=attribute)
    assert _mon001_found(tmp_path, {"src/demo/app.py": app}) is found


@pytest.mark.parametrize(
    ("write", "given", "found"),
    [
        ("update_item", '[event["features"]]', False),
        ("get_item", '[event["features"]]', True),
        # a prediction on the training split checks the fit: no served answer is kept
        ("update_item", "X_train", True),
    ],
)
def test_a_dynamodb_update_of_the_predicted_item_records_it(
    tmp_path: Path, write: str, given: str, found: bool
) -> None:
    handler = DYNAMO_HANDLER.format(write=write, given=given)
    assert _mon001_found(tmp_path, {"src/demo/handler.py": handler}) is found


@pytest.mark.parametrize(("receiver", "found"), [("producer", False), ("mailer", True)])
def test_a_kafka_producer_send_of_the_prediction_records_it(
    tmp_path: Path, receiver: str, found: bool
) -> None:
    app = KAFKA_SERVICE.format(receiver=receiver)
    assert _mon001_found(tmp_path, {"src/demo/app.py": app}) is found


@pytest.mark.parametrize(("call", "found"), [("set_outputs", False), ("set_status", True)])
def test_a_trace_span_holding_the_prediction_records_it(
    tmp_path: Path, call: str, found: bool
) -> None:
    app = TRACED_SERVICE.format(call=call)
    assert _mon001_found(tmp_path, {"src/demo/app.py": app}) is found
