"""Session 36's fixes of batch applications taken for services: a function the
repository's infrastructure starts on a schedule or from a state machine, with no HTTP
route to it, is a batch job (SERVE002, MON*, TEST003, ENV004 do not apply); a ZenML step
that looks up a model server by the deployer step's name deploys nothing itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import PACKAGE, TEST
from tests.doctor.helpers import Tree, committed_status

# -- Functions a schedule starts (SERVE002, MON002, TEST003) -------------------------------

SCORING_HANDLER = """import json

import boto3


def lambda_handler(event, context):
    bucket = event["body"]["bucket"]
    for key in unscored(bucket):
        write_predictions(bucket, key, model.predict(read(bucket, key)))
    return {"statusCode": 200, "body": json.dumps({"scored": bucket})}
"""
SCHEDULE_TF = """resource "aws_lambda_function" "score" {
  function_name = "score"
  package_type  = "Image"
}

resource "aws_scheduler_schedule" "nightly" {
  schedule_expression = "rate(24 hours)"
  target {
    arn = aws_lambda_function.score.arn
  }
}
"""
STATE_MACHINE_TF = """resource "aws_sfn_state_machine" "scoring" {
  name       = "scoring"
  definition = file("${path.module}/states.json")
}
"""
API_GATEWAY_TF = """resource "aws_apigatewayv2_integration" "score" {
  api_id           = aws_apigatewayv2_api.http.id
  integration_uri  = aws_lambda_function.score.invoke_arn
  integration_type = "AWS_PROXY"
}
"""
BATCH_FUNCTION = {**PACKAGE, **TEST, "inference/lambda_function.py": SCORING_HANDLER}


@pytest.mark.parametrize("infrastructure", [SCHEDULE_TF, STATE_MACHINE_TF])
@pytest.mark.parametrize("check_id", ["SERVE002", "MON002", "TEST003"])
def test_a_function_a_schedule_starts_is_no_service(
    tmp_path: Path, infrastructure: str, check_id: str
) -> None:
    tree: Tree = {**BATCH_FUNCTION, "infra/main.tf": infrastructure}
    assert committed_status(tmp_path, tree, check_id) == "not-applicable"


@pytest.mark.parametrize("check_id", ["SERVE002", "MON002"])
def test_a_scheduled_function_behind_an_api_gateway_is_a_service(
    tmp_path: Path, check_id: str
) -> None:
    tree: Tree = {**BATCH_FUNCTION, "infra/main.tf": SCHEDULE_TF, "infra/api.tf": API_GATEWAY_TF}
    assert committed_status(tmp_path, tree, check_id) == "failed"


def test_a_function_without_declared_infrastructure_stays_a_service(tmp_path: Path) -> None:
    assert committed_status(tmp_path, BATCH_FUNCTION, "SERVE002") == "failed"


def test_a_scheduled_function_leaves_a_web_api_beside_it_judged(tmp_path: Path) -> None:
    api = "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.post('/predict')\n"
    api += "def predict(x: float) -> float:\n    return model.predict(x)\n"
    tree: Tree = {**BATCH_FUNCTION, "infra/main.tf": SCHEDULE_TF, "api/app.py": api}
    assert committed_status(tmp_path, tree, "SERVE002") == "failed"


# -- ZenML's MLflow deployer step (SERVE001, MON001) ----------------------------------------

SERVICE_LOOKUP = """from zenml.client import Client
from zenml.steps import step


@step
def prediction_service_loader():
    deployer = Client().active_stack.model_deployer
    return deployer.find_model_server(
        pipeline_name="training_pipeline",
        pipeline_step_name="mlflow_model_deployer_step",
    )[0]
"""
DEPLOYMENT_PIPELINE = """from zenml import pipeline
from zenml.integrations.mlflow.steps import mlflow_model_deployer_step


@pipeline
def deployment_pipeline():
    model = train()
    mlflow_model_deployer_step(model=model, deploy_decision=True)
"""


def test_looking_up_the_deployer_step_by_name_deploys_nothing(tmp_path: Path) -> None:
    tree: Tree = {**PACKAGE, "steps/prediction_steps.py": SERVICE_LOOKUP}
    assert committed_status(tmp_path, tree, "MON001") == "not-applicable"


def test_running_the_deployer_step_deploys_a_model_server(tmp_path: Path) -> None:
    tree: Tree = {**PACKAGE, "pipelines/deployment_pipeline.py": DEPLOYMENT_PIPELINE}
    assert committed_status(tmp_path, tree, "SERVE001") == "passed"
