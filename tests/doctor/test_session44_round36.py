"""Session 44's readings of round 36's false results: a monitoring platform the service
sends each prediction to (MON001, MON003), a custom resource's function beside a SageMaker
endpoint (SERVE002), a test of promotion criteria handed metrics by name (TEST002), a CI
that lints one folder of a repository of projects (CODE003), a tool's server image started
by a script it copies in (ENV002), a base image built under a registry a variable names
(IMG004)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.cases import PACKAGE, TRAINING
from tests.doctor.helpers import Tree, audit, committed_status, found_ids

# -- MON001 / MON003: predictions sent to Superwise ------------------------------------

MONITORED_APP = (
    "import joblib\nimport pandas as pd\nfrom flask import Flask, jsonify, request\n"
    "from superwise import Superwise\n\napp = Flask(__name__)\n"
    "model = joblib.load('model.joblib')\nsw = Superwise(client_id='id', secret='secret')\n\n\n"
    "@app.route('/predict', methods=['POST'])\ndef predict():\n"
    "    frame = pd.DataFrame(request.json['instances'])\n"
    "    frame['prediction'] = model.predict(frame)\n"
    "{send}"
    "    return jsonify(frame['prediction'].tolist())\n"
)
SENT = "    sw.transaction.log_records(model_id=1, version_id=2, records=frame)\n"


@pytest.mark.parametrize("check", ["MON001", "MON003"])
@pytest.mark.parametrize(("send", "status"), [(SENT, "passed"), ("", "failed")])
def test_predictions_sent_to_a_monitoring_platform_are_recorded_and_watched(
    tmp_path: Path, check: str, send: str, status: str
) -> None:
    app = MONITORED_APP.format(send=send)
    if not send:  # without the platform, nothing of it is imported either
        app = app.replace("from superwise import Superwise\n", "").replace(
            "sw = Superwise(client_id='id', secret='secret')\n", ""
        )
    tree = {**PACKAGE, "src/demo/app.py": app}
    assert committed_status(tmp_path / "repo", tree, check) == status


# -- SERVE002: a custom resource's function beside a SageMaker endpoint -------------------

SAGEMAKER_STACK = (
    "from aws_cdk import Stack\nfrom aws_cdk import aws_sagemaker as sagemaker\n\n\n"
    "class ServingStack(Stack):\n    def __init__(self, scope, name):\n"
    "        super().__init__(scope, name)\n"
    "        sagemaker.CfnEndpoint(self, 'Endpoint', endpoint_config_name='serving')\n"
)
CUSTOM_RESOURCE = (
    "import cfnresponse\n\n\ndef lambda_handler(event, context):\n"
    "    output = event['ResourceProperties'].get('InputString', '').lower()\n"
    "    cfnresponse.send(event, context, cfnresponse.SUCCESS, {'OutputString': output})\n"
)
SCORING_FUNCTION = (
    "import json\n\nimport joblib\n\nmodel = joblib.load('model.joblib')\n\n\n"
    "def lambda_handler(event, context):\n    features = json.loads(event['body'])\n"
    "    return {'statusCode': 200, 'body': json.dumps(model.predict([features]).tolist())}\n"
)
HTTP_API = "Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n"


@pytest.mark.parametrize(
    ("function", "status"),
    [
        (CUSTOM_RESOURCE, "passed"),  # serves no model: the endpoint's /ping answers
        (SCORING_FUNCTION, "failed"),  # a function that predicts answers its own check
    ],
)
def test_a_function_serving_no_model_needs_no_health_route_beside_an_endpoint(
    tmp_path: Path, function: str, status: str
) -> None:
    tree = {
        **TRAINING,
        "infra/serving_stack.py": SAGEMAKER_STACK,
        "functions/handler.py": function,
        "infra/api.yml": HTTP_API,
    }
    assert committed_status(tmp_path / "repo", tree, "SERVE002") == status


# -- TEST002: a test of promotion criteria handed a dict of metrics bound to a name -------

CRITERIA_TEST = (
    "from demo.training import check_promotion_criteria\n\n\n"
    "def test_poor_metrics_are_not_promoted():\n"
    "    {name} = {{'accuracy': 0.80, 'recall': 0.60}}\n"
    "    meets_staging, meets_production = check_promotion_criteria({name})\n"
    "    assert meets_production is False\n"
)


@pytest.mark.parametrize(("name", "status"), [("metrics_poor", "passed"), ("rows", "failed")])
def test_a_promotion_criteria_test_handed_metrics_by_name_tests_the_model(
    tmp_path: Path, name: str, status: str
) -> None:
    tree = {**TRAINING, "tests/test_promotion.py": CRITERIA_TEST.format(name=name)}
    assert committed_status(tmp_path / "repo", tree, "TEST002") == status


# -- CODE003: CI lints one part of a repository of projects --------------------------------

LINT_STEP = "      - run: flake8 . --select=E9,F63,F7,F82\n        working-directory: analysis\n"
WORKFLOW = (
    "name: ci\non: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n{step}"
)


def _projects(step: str) -> Tree:
    tree = {
        ".github/workflows/ci.yml": WORKFLOW.format(step=step),
        "analysis/explore.py": "print('train')\n",
    }
    for name in ("demo", "utils"):
        tree[f"projects/{name}/pyproject.toml"] = f'[project]\nname = "{name}"\nversion = "1"\n'
        tree[f"projects/{name}/{name}/__init__.py"] = ""
    return tree


@pytest.mark.parametrize(
    ("step", "linted"),
    [(LINT_STEP, True), ("      - run: pytest\n        working-directory: analysis\n", False)],
)
def test_a_linter_ci_runs_over_one_part_lints_the_repository(
    tmp_path: Path, step: str, linted: bool
) -> None:
    build_file_tree(tmp_path, _projects(step))
    report = audit(tmp_path, "CODE003")
    assert report.projects == ("projects/demo", "projects/utils")
    assert ("CODE003" not in found_ids(report)) is linted


# -- ENV002: a tool's server image that starts its server from a script --------------------

TOOL_IMAGE = (
    "FROM python:3.12-slim\nRUN pip install mlflow psycopg2-binary boto3\n"
    'COPY entrypoint.sh /entrypoint.sh\nRUN chmod +x /entrypoint.sh\nCMD ["/entrypoint.sh"]\n'
)


@pytest.mark.parametrize(
    ("started", "status"),
    [
        ("mlflow server --host 0.0.0.0 --port 5000", "passed"),  # the tracking server's
        ("uvicorn demo.app:app --host 0.0.0.0", "failed"),  # the project's own service
        # waits for a database, then runs what it is handed: the image's command decides
        ('while ! nc -z postgres 5432; do sleep 1; done\nexec "$@"', "failed"),
    ],
)
def test_a_tool_image_started_by_its_script_installs_no_project_dependencies(
    tmp_path: Path, started: str, status: str
) -> None:
    tree = {
        **PACKAGE,
        "requirements.txt": "pandas==2.2.3\n",
        "services/mlflow/Dockerfile": TOOL_IMAGE,
        "services/mlflow/entrypoint.sh": f"#!/bin/bash\n# start it\n{started}\n",
    }
    assert committed_status(tmp_path / "repo", tree, "ENV002") == status


# -- IMG004: FROM an image the repository builds under a registry a variable names --------

DEPS_COMPOSE = (
    "services:\n  flow-deps:\n"
    '    image: "${AWS_ECR_ENDPOINT}/team/flows/flow-deps:latest"\n'
    "    build:\n      context: ./services/flow-deps\n"
)


@pytest.mark.parametrize(
    ("path", "status"),
    [("team/flows/flow-deps", "passed"), ("team/flows/other-deps", "failed")],
)
def test_a_base_image_built_under_a_variable_registry_is_the_repositorys_own(
    tmp_path: Path, path: str, status: str
) -> None:
    tree = {
        **PACKAGE,
        "compose.yaml": DEPS_COMPOSE,
        "services/flow-deps/Dockerfile": "FROM python:3.12-slim\nRUN pip install pandas==2.2.3\n",
        "flows/Dockerfile": f"FROM 123456789012.dkr.ecr.us-west-2.amazonaws.com/{path}:latest\n",
    }
    assert committed_status(tmp_path / "repo", tree, "IMG004") == status
