"""ENV004: a service that only forwards requests to a model a managed platform serves (a
Lambda handler calling a SageMaker endpoint with boto3) installs no dependency set; the
model runs in the platform's container, apart from training."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import TRAINING
from tests.doctor.helpers import Tree, committed_status
from tests.doctor.test_image_deployed import ESTIMATOR, _notebook

DEPLOY = "predictor = model.deploy(initial_instance_count=1, instance_type='ml.t2.medium')\n"
RELAY = (
    "import json\n\nimport boto3\n\nruntime = boto3.client('sagemaker-runtime')\n\n\n"
    "def lambda_handler(event, context):\n"
    "    answer = runtime.invoke_endpoint(EndpointName='fraud', Body=event['body'])\n"
    "    return {'statusCode': 200, 'body': json.dumps(answer['Body'].read().decode())}\n"
)


def _env004(root: Path, handler: str) -> str:
    tree: Tree = {
        **TRAINING,
        "requirements.txt": "sagemaker==2.200.0\nxgboost==2.0.3\n",
        "notebooks/train.ipynb": _notebook(ESTIMATOR, DEPLOY),
        "lambda/handler.py": handler,
        "README.md": "# Fraud\n\nThe model is deployed to an endpoint.\n",
    }
    return committed_status(root, tree, "ENV004")


def test_a_lambda_that_calls_the_endpoint_installs_no_training_set(tmp_path: Path) -> None:
    assert _env004(tmp_path, RELAY) == "passed"


def test_a_lambda_that_loads_a_model_itself_needs_a_serving_set(tmp_path: Path) -> None:
    handler = "import joblib\n\n" + RELAY + "\nmodel = joblib.load('model.joblib')\n"
    assert _env004(tmp_path, handler) == "failed"
