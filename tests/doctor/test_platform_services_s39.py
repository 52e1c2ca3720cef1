"""Session 39: models a managed platform serves are services for the monitoring checks.
A SageMaker endpoint deployed by the SDK's positional form or declared with the CDK;
an Azure ML managed online deployment (its spec, the CLI, the SDK) and what its data
collector records; an Azure ML batch deployment's scoring script, which serves nothing
online."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import TRAINING
from tests.doctor.helpers import Tree, committed_status

# -- SageMaker's SDK v1 deploy: `deploy(1, "ml.t2.medium")` -------------------------------

SDK_V1_DEPLOY = (
    "import sagemaker\nfrom sagemaker.estimator import Estimator\n\n"
    "estimator = Estimator(image_uri=IMAGE, role=ROLE)\nestimator.fit({{'train': DATA}})\n"
    "predictor = estimator.deploy({arguments})\n"
)


@pytest.mark.parametrize(
    ("arguments", "status"),
    [
        ('1, "ml.t2.medium"', "passed"),  # SageMaker's instance type, in place
        ("serverless_inference_config=config", "passed"),
        ('1, "staging"', "not-applicable"),  # another tool's deploy
    ],
)
def test_a_positional_sagemaker_deploy_serves_the_model(
    tmp_path: Path, arguments: str, status: str
) -> None:
    tree: Tree = {**TRAINING, "scripts/deploy.py": SDK_V1_DEPLOY.format(arguments=arguments)}
    assert committed_status(tmp_path, tree, "MON002") == status


# -- SageMaker endpoint declared with the CDK ------------------------------------------------

CDK_STACK = (
    "from aws_cdk import Stack\nfrom aws_cdk import {service}\n\n\n"
    "class ServingStack(Stack):\n    def __init__(self, scope, name):\n"
    "        super().__init__(scope, name)\n"
    "        {service}.CfnEndpoint(self, 'Endpoint', endpoint_config_name='serving')\n"
)


@pytest.mark.parametrize(
    ("service", "status"),
    [
        ("aws_sagemaker as sagemaker", "passed"),
        ("aws_dms as dms", "not-applicable"),  # a migration service's endpoint
    ],
)
def test_a_cdk_sagemaker_endpoint_publishes_metrics(
    tmp_path: Path, service: str, status: str
) -> None:
    stack = CDK_STACK.format(service=service).replace(
        f"{service}.", f"{service.rpartition(' ')[2]}."
    )
    tree: Tree = {**TRAINING, "infra/serving_stack.py": stack}
    assert committed_status(tmp_path, tree, "MON002") == status
