"""Session 36's serving fixes: a Lambda handler whose context parameter is unused (`_`)
or whose parameters stand one a line is still a Lambda handler (SERVE001 and the service's
checks), and `torch.load` without `weights_only` loads tensors only where every torch the
repository declares is 2.6 or later (SERVE003)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import PACKAGE, TEST
from tests.doctor.helpers import Tree, committed_status

# -- A Lambda handler behind an API Gateway (SERVE001, SERVE002) ---------------------------

HANDLER = """import json

from demo.model import predictor


def lambda_handler({parameters}):
    features = json.loads(event["body"])
    return {{"statusCode": 200, "body": json.dumps(predictor().predict(features))}}
"""
API_ROUTE_TF = """resource "aws_api_gateway_integration" "inference" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  uri         = aws_lambda_function.inference.invoke_arn
  type        = "AWS_PROXY"
}
"""
MODEL = "import joblib\n\n\ndef predictor():\n    return joblib.load('/models/model.pkl')\n"


def _function(parameters: str) -> Tree:
    return {
        **PACKAGE,
        **TEST,
        "src/demo/model.py": MODEL,
        "src/demo/lambda_handler.py": HANDLER.format(parameters=parameters),
        "infra/api.tf": API_ROUTE_TF,
    }


@pytest.mark.parametrize("parameters", ["event, _", "\n    event,\n    _\n", "event, _ctx"])
def test_a_handler_with_an_unused_context_is_a_lambda_service(
    tmp_path: Path, parameters: str
) -> None:
    assert committed_status(tmp_path, _function(parameters), "SERVE001") == "passed"


def test_a_lambda_service_without_a_health_action_is_reported(tmp_path: Path) -> None:
    assert committed_status(tmp_path, _function("event, _"), "SERVE002") == "failed"


def test_a_function_of_an_event_and_another_value_is_no_lambda_handler(tmp_path: Path) -> None:
    assert committed_status(tmp_path, _function("event, threshold"), "SERVE001") != "passed"


# -- torch.load under torch 2.6 or later (SERVE003) -----------------------------------------

TORCH_SERVICE = {
    **PACKAGE,
    "src/demo/app.py": (
        "import torch\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
        "model = torch.load('models/model.pt'{keywords})\n\n\n@app.post('/predict')\n"
        "def predict(x: float) -> dict:\n    return {{'prediction': model(x)}}\n"
    ),
}


def _torch_service(keywords: str = "", **requirements: str) -> Tree:
    tree: Tree = {rel: text.format(keywords=keywords) for rel, text in TORCH_SERVICE.items()}
    return {**tree, **{f"{name}/requirements.txt": text for name, text in requirements.items()}}


@pytest.mark.parametrize("pin", ["torch==2.7.0\n", "torch==2.7.0+cu118\n", "torch>=2.6,<3\n"])
def test_torch_load_under_torch_2_6_loads_weights_only(tmp_path: Path, pin: str) -> None:
    tree = _torch_service(api=f"fastapi==0.115.0\n{pin}")
    assert committed_status(tmp_path, tree, "SERVE003") == "passed"


@pytest.mark.parametrize("pin", ["torch>=2.0\n", "torch\n", "torch==2.5.1\n", "torch==2.*\n"])
def test_torch_load_under_an_older_or_unknown_torch_is_reported(tmp_path: Path, pin: str) -> None:
    tree = _torch_service(api=f"fastapi==0.115.0\n{pin}")
    assert committed_status(tmp_path, tree, "SERVE003") == "failed"


def test_torch_load_told_weights_only_false_is_reported(tmp_path: Path) -> None:
    tree = _torch_service(", weights_only=False", api="torch==2.7.0\n")
    assert committed_status(tmp_path, tree, "SERVE003") == "failed"


def test_one_environment_with_an_older_torch_keeps_the_load_reported(tmp_path: Path) -> None:
    tree = _torch_service(api="torch==2.7.0\n", training="torch==2.1.0\n")
    assert committed_status(tmp_path, tree, "SERVE003") == "failed"


def test_torch_load_without_a_declared_torch_is_reported(tmp_path: Path) -> None:
    assert committed_status(tmp_path, _torch_service(), "SERVE003") == "failed"
