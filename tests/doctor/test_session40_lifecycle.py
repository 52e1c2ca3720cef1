"""Session 40's lifecycle readings: a test handing the data it reads to the repository's
own check of it (DATA005), a test calling the entry point a serving platform invokes
(TEST003), and a decision to deploy kept in a name for it (TEST002)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import PACKAGE, TEST, TRAINING
from tests.doctor.helpers import Tree, committed_status

# An installed project: its tests import `demo.*` from src/.
PROJECT = {**PACKAGE, "pyproject.toml": "[project]\nname = 'demo'\nversion = '0.1.0'\n"}

# -- DATA005: the data a test reads handed to the repository's validator -------------------

VALIDATOR = (
    "def validate_applications(frame):\n"
    "    missing = {'client_id', 'target'} - set(frame.columns)\n"
    "    if missing:\n        raise ValueError(f'missing columns: {sorted(missing)}')\n"
    "    if frame['client_id'].isna().any():\n        raise ValueError('client ids missing')\n"
)
VALIDATOR_TEST = (
    "import pandas as pd\n\nfrom demo.validation import validate_applications\n\n\n"
    "def test_applications_contract({parameters}):\n"
    "    frame = {frame}\n    validate_applications(frame)\n"
)


@pytest.mark.parametrize(
    ("parameters", "frame", "status"),
    [
        # the real table, read from the data folder: the validator's raise fails the test
        ("", "pd.read_csv('data/applications.csv')", "passed"),
        # a frame the test makes up checks the validator's code, not the data
        ("", "pd.DataFrame({'client_id': [1], 'target': [0]})", "failed"),
        # a CSV written into tmp_path and read back is made up as well
        ("tmp_path", "pd.read_csv(tmp_path / 'a.csv')", "failed"),
    ],
)
def test_data_a_test_reads_and_hands_the_repository_validator_is_validated(
    tmp_path: Path, parameters: str, frame: str, status: str
) -> None:
    body = VALIDATOR_TEST.format(parameters=parameters, frame=frame)
    tree: Tree = {
        **PROJECT,
        **TRAINING,
        **TEST,
        "src/demo/validation.py": VALIDATOR,
        "tests/test_raw_data.py": body,
    }
    assert committed_status(tmp_path / "repo", tree, "DATA005") == status


# -- TEST003: a test calling the platform's entry point ----------------------------------

SCORING = (
    "import joblib\n\nmodel = None\n\n\ndef init():\n    global model\n"
    "    model = joblib.load('model.pkl')\n\n\ndef run(raw_data):\n"
    "    return {'predictions': model.predict(raw_data['input_data']).tolist()}\n"
)
DEPLOYMENT = (
    "$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json\n"
    "name: blue\nendpoint_name: churn\ncode_configuration:\n  code: ../src\n"
    "  scoring_script: demo/score.py\n"
)
SCORING_TEST = (
    "{imports}\n\n\ndef test_scores_a_row():\n    {call}\n    assert 'predictions' in response\n"
)


@pytest.mark.parametrize(
    ("imports", "call", "status"),
    [
        # the scoring script's run, through the module's alias
        (
            "import demo.score as score_module",
            "response = score_module.run({'input_data': [[1.0, 2.0]]})",
            "passed",
        ),
        # the run of another object (a helper's) is not the entry point
        (
            "import demo.score as score_module\nfrom demo.helper import service",
            "response = service.run({'input_data': [[1.0, 2.0]]})",
            "failed",
        ),
    ],
)
def test_a_test_calling_the_scoring_scripts_run_tests_the_service(
    tmp_path: Path, imports: str, call: str, status: str
) -> None:
    tree: Tree = {
        **PROJECT,
        **TRAINING,
        "src/demo/score.py": SCORING,
        "src/demo/helper.py": "service = None\n",
        "deploy/deployment.yml": DEPLOYMENT,
        "tests/test_score.py": SCORING_TEST.format(imports=imports, call=call),
    }
    assert committed_status(tmp_path / "repo", tree, "TEST003") == status


LAMBDA_HANDLER = (
    "import json\n\nimport joblib\n\nmodel = joblib.load('model.joblib')\n\n\n"
    "def handler(event, context):\n    features = json.loads(event['body'])['features']\n"
    "    return {'statusCode': 200, 'body': json.dumps(model.predict([features]).tolist())}\n"
)
LAMBDA_IMAGE = (
    "FROM public.ecr.aws/lambda/python:3.12\nCOPY src/demo ${LAMBDA_TASK_ROOT}/demo\n"
    'CMD ["demo.lambda_predict.handler"]\n'
)
HANDLER_TEST = (
    "{imports}\n\n\ndef test_predicts():\n    response = {call}\n"
    "    assert response['statusCode'] == 200\n"
)
EVENT = """{'body': '{"features": [1.0]}'}"""


@pytest.mark.parametrize(
    ("imports", "call", "status"),
    [
        # the Lambda handler, taken by name and handed an event
        ("from demo.lambda_predict import handler", f"handler({EVENT}, None)", "passed"),
        # through its module's name
        ("from demo import lambda_predict", f"lambda_predict.handler({EVENT}, None)", "passed"),
        # the handler's model called directly: no request goes through the entry point
        ("from demo.lambda_predict import model", "model.predict([[1.0]])", "failed"),
    ],
)
def test_a_test_calling_the_lambda_handler_tests_the_service(
    tmp_path: Path, imports: str, call: str, status: str
) -> None:
    tree: Tree = {
        **PROJECT,
        **TRAINING,
        "Dockerfile": LAMBDA_IMAGE,
        "src/demo/lambda_predict.py": LAMBDA_HANDLER,
        "tests/test_handler.py": HANDLER_TEST.format(imports=imports, call=call),
    }
    assert committed_status(tmp_path / "repo", tree, "TEST003") == status


# -- TEST002: a decision to deploy from a metric and a floor -------------------------------

TRIGGER = "def {function}(metrics, config):\n    f1 = metrics['f1']\n{body}"
DECIDED = (
    "    deployment_decision = all(({first}, not config.drift))\n    return deployment_decision\n"
)


@pytest.mark.parametrize(
    ("function", "body", "status"),
    [
        # a name for the decision, made from a metric ordered against a floor
        ("deployment_trigger", DECIDED.format(first="f1 >= config.min_f1"), "passed"),
        # the same name made from flags alone: the model's quality decides nothing
        ("deployment_trigger", DECIDED.format(first="config.approved"), "failed"),
        # a function named for deploying returns the ordering (a ZenML deployment_trigger)
        ("deployment_trigger", "    return f1 > config.min_f1\n", "passed"),
        # or for promoting it (a file naming no deployment at all)
        ("promotion_trigger", "    return f1 > config.min_f1\n", "passed"),
        # the same ordering returned by a function named for nothing it decides
        ("summary", "    return f1 > config.min_f1\n", "failed"),
    ],
)
def test_a_decision_to_deploy_from_a_metric_floor_gates_the_model(
    tmp_path: Path, function: str, body: str, status: str
) -> None:
    trigger = TRIGGER.format(function=function, body=body)
    tree: Tree = {**PROJECT, **TRAINING, **TEST, "src/demo/deployment.py": trigger}
    assert committed_status(tmp_path / "repo", tree, "TEST002") == status


# -- TEST002: a threshold tuned on a metric is no metric -----------------------------------

THRESHOLD_TEST = (
    "from demo.metrics import select_f1_threshold\n\n\n"
    "def test_threshold_is_valid(target, probabilities):\n    {assertion}\n"
)


@pytest.mark.parametrize(
    ("assertion", "status"),
    [
        # the decision threshold picked for the best F1 lies in (0, 1): a setting's range
        ("assert 0 < select_f1_threshold(target, probabilities) < 1", "failed"),
        # the F1 the model reaches at that threshold against a floor: a quality test
        ("assert f1_at(select_f1_threshold(target, probabilities)) > 0.7", "passed"),
    ],
)
def test_a_threshold_named_for_a_metric_bounds_no_metric(
    tmp_path: Path, assertion: str, status: str
) -> None:
    body = THRESHOLD_TEST.format(assertion=assertion).replace(
        "import select_f1_threshold", "import f1_at, select_f1_threshold"
    )
    tree: Tree = {**PROJECT, **TRAINING, "tests/test_metrics.py": body}
    assert committed_status(tmp_path / "repo", tree, "TEST002") == status


# -- EXP001: a tracker only the service's own modules use ---------------------------------

SERVICE_APP = (
    "from fastapi import FastAPI\n\nfrom demo.prediction_service import predict\n\n"
    "app = FastAPI()\n\n\n@app.post('/predict')\ndef route(x: float) -> dict:\n"
    "    return {'price': predict(x)}\n"
)
PREDICTION_SERVICE = (
    "import mlflow\n\nmodel = mlflow.pyfunc.load_model('models:/price/Production')\n\n\n"
    "def predict(x):\n    mlflow.log_metric('requests', 1)\n    return model.predict([[x]])\n"
)
TRAIN = "{imports}def main(model, x, y):\n    model.fit(x, y)\n"


@pytest.mark.parametrize(
    ("imports", "status"),
    [
        # training logs nothing: the service's module only loads and counts requests
        ("", "failed"),
        # the training code imports the same module: its tracker is the training's too
        ("from demo import prediction_service\n\n\n", "passed"),
    ],
)
def test_a_tracker_only_the_service_runs_tracks_no_experiment(
    tmp_path: Path, imports: str, status: str
) -> None:
    tree: Tree = {
        **PROJECT,
        "src/demo/app.py": SERVICE_APP,
        "src/demo/prediction_service.py": PREDICTION_SERVICE,
        "src/demo/train.py": TRAIN.format(imports=imports),
    }
    assert committed_status(tmp_path / "repo", tree, "EXP001") == status


def test_a_tracker_of_a_service_that_trains_tracks_experiments(tmp_path: Path) -> None:
    app = SERVICE_APP.replace(
        "from demo.prediction_service import predict\n",
        "from demo.prediction_service import predict\nfrom demo.train import main\n",
    )
    tree: Tree = {
        **PROJECT,
        "src/demo/app.py": app,
        "src/demo/prediction_service.py": PREDICTION_SERVICE,
        "src/demo/train.py": TRAIN.format(imports=""),
    }
    assert committed_status(tmp_path / "repo", tree, "EXP001") == "passed"
