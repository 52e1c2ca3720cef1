"""Session 39: models a managed platform serves are services for the monitoring checks.
A SageMaker endpoint deployed by the SDK's positional form or declared with the CDK;
an Azure ML managed online deployment (its spec, the CLI, the SDK) and what its data
collector records; an Azure ML batch deployment's scoring script, which serves nothing
online."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import FIT, TRAINING
from tests.doctor.helpers import Tree, committed_kind, committed_status
from tests.doctor.test_image_deployed import _notebook

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


# -- Azure ML managed online deployments ---------------------------------------------------

ONLINE_DEPLOYMENT = (
    "$schema: https://azuremlschemas.azureedge.net/latest/{schema}.schema.json\n"
    "name: blue\nendpoint_name: churn\nmodel: azureml:churn@latest\n"
    "instance_type: Standard_DS3_v2\ninstance_count: 1\n{extra}"
)
DATA_COLLECTOR = (
    "data_collector:\n  collections:\n    model_inputs:\n      enabled: 'True'\n"
    "    model_outputs:\n      enabled: 'True'\n"
)


def _azure(root: Path, check_id: str, schema: str, extra: str = "") -> str:
    spec = ONLINE_DEPLOYMENT.format(schema=schema, extra=extra)
    tree: Tree = {**TRAINING, "cloud/deployment.yml": spec}
    return committed_status(root, tree, check_id)


@pytest.mark.parametrize(
    ("schema", "status"),
    [("managedOnlineDeployment", "passed"), ("commandComponent", "not-applicable")],
)
def test_an_azure_ml_online_deployment_publishes_metrics(
    tmp_path: Path, schema: str, status: str
) -> None:
    assert _azure(tmp_path, "MON002", schema) == status


@pytest.mark.parametrize(("extra", "status"), [("", "failed"), (DATA_COLLECTOR, "passed")])
def test_an_azure_ml_online_deployment_records_with_its_data_collector(
    tmp_path: Path, extra: str, status: str
) -> None:
    assert _azure(tmp_path, "MON001", "managedOnlineDeployment", extra) == status


def test_an_azure_ml_online_deployment_is_watched_for_drift_by_nothing(tmp_path: Path) -> None:
    assert _azure(tmp_path, "MON003", "managedOnlineDeployment") == "failed"


def test_an_azure_ml_deployment_by_the_cli_is_a_service(tmp_path: Path) -> None:
    script = "az ml online-deployment create --file deployment.yml --all-traffic\n"
    tree: Tree = {**TRAINING, "deploy.sh": script}
    assert committed_status(tmp_path, tree, "MON002") == "passed"


# -- Azure ML batch deployments' scoring scripts ---------------------------------------------

SCORING_SCRIPT = (
    "import joblib\n\nmodel = None\n\n\ndef init():\n    global model\n"
    "    model = joblib.load('model.pkl')\n\n\ndef run({argument}):\n"
    "    return model.predict({argument})\n"
)


@pytest.mark.parametrize(
    ("argument", "status"), [("mini_batch", "not-applicable"), ("raw_data", "failed")]
)
def test_an_azure_ml_batch_scoring_script_serves_nothing_online(
    tmp_path: Path, argument: str, status: str
) -> None:
    tree: Tree = {**TRAINING, "scoring/score.py": SCORING_SCRIPT.format(argument=argument)}
    assert committed_status(tmp_path, tree, "MON001") == status


# -- MLflow's scoring server as the README starts it ---------------------------------------

SERVING_README = "# Churn\n\nServe the registered model:\n\n{line}\n"


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("```bash\nmlflow models serve -m models:/churn/1 -p 5001\n```", "failed"),
        ("    $ MLFLOW_TRACKING_URI=http://localhost:5000 mlflow models build-docker", "failed"),
        # prose that names the command serves nothing
        ("You could also try `mlflow models serve` some day.", "not-applicable"),
    ],
)
def test_a_readme_that_starts_mlflow_s_server_serves_the_model(
    tmp_path: Path, line: str, status: str
) -> None:
    tree: Tree = {**TRAINING, "README.md": SERVING_README.format(line=line)}
    assert committed_status(tmp_path, tree, "MON002") == status


def test_a_readme_s_server_does_not_make_an_application(tmp_path: Path) -> None:
    # a walkthrough whose code is its notebooks stays an example when it serves the model
    walkthrough: Tree = {
        "notebooks/features.py": FIT,
        "notebooks/01_train.ipynb": _notebook("import features\n", "features.main(m, x, y)\n"),
    }
    readme = SERVING_README.format(line="```\nmlflow models serve -m models:/churn/1\n```")
    bare = committed_kind(tmp_path / "bare", {**walkthrough, "README.md": "# Churn\n"})
    served = committed_kind(tmp_path / "served", {**walkthrough, "README.md": readme})
    assert (bare, served) == ("example", "example")


def test_a_sub_example_s_readme_serves_nothing_for_the_repository(tmp_path: Path) -> None:
    readme = SERVING_README.format(line="```\nmlflow models serve -m models:/churn/1\n```")
    tree: Tree = {**TRAINING, "examples/sklearn/README.md": readme}
    assert committed_status(tmp_path, tree, "MON002") == "not-applicable"
