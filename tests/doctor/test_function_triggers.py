"""Function triggers (session 44). An Azure Functions HTTP trigger whose code loads a
model and predicts is the model's service, as a Lambda handler is: the platform answers no
health check for it (one relaying to an Azure ML endpoint serves no model itself); a
function the code invokes directly, which no HTTP route reaches, is polled by nothing."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import audit

CHECKS = ("SERVE001", "SERVE002", "MON001")
PACKAGE = {
    "pyproject.toml": '[project]\nname = "churn"\nversion = "0.1"\n',
    "src/churn/__init__.py": "",
    "src/churn/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
}
FUNCTION_JSON = (
    '{"scriptFile": "__init__.py", "bindings": [{"authLevel": "function", "type": '
    '"httpTrigger", "direction": "in", "name": "req", "methods": ["post"]}, '
    '{"type": "http", "direction": "out", "name": "$return"}]}\n'
)
PREDICTING_TRIGGER = (
    "import json\n\nimport azure.functions as func\nimport joblib\n\n"
    "model = joblib.load('model.joblib')\n\n\n"
    "def main(req: func.HttpRequest) -> func.HttpResponse:\n"
    "    rows = req.get_json()['rows']\n"
    "    return func.HttpResponse(json.dumps(model.predict(rows).tolist()))\n"
)
PREDICTING_ROUTE = (
    "import azure.functions as func\n\nfrom .scoring import score\n\n"
    "app = func.FunctionApp()\n\n\n"
    "@app.route(route='score', auth_level=func.AuthLevel.FUNCTION)\n"
    "def score_rows(req):\n"
    "    return func.HttpResponse(str(score(req.get_json())))\n"
)
SCORING = (
    "import joblib\n\nMODEL = joblib.load('model.joblib')\n\n\n"
    "def score(rows):\n    return MODEL.predict_proba(rows).tolist()\n"
)
RELAY = (
    "import json\nimport urllib.request\n\nimport azure.functions as func\n\n\n"
    "def main(req: func.HttpRequest) -> func.HttpResponse:\n"
    "    body = json.dumps(req.get_json()).encode()\n"
    "    answer = urllib.request.urlopen(urllib.request.Request(SCORING_URL, body)).read()\n"
    "    return func.HttpResponse(answer)\n"
)


def _statuses(tmp_path: Path, files: dict[str, str]) -> dict[str, Status]:
    build_file_tree(tmp_path, {**PACKAGE, **files})
    return {r.id: r.status for r in audit(tmp_path, *CHECKS).results}


def test_an_http_trigger_that_predicts_is_a_service_owing_a_health_route(tmp_path: Path) -> None:
    found = _statuses(
        tmp_path,
        {"predict/__init__.py": PREDICTING_TRIGGER, "predict/function.json": FUNCTION_JSON},
    )
    assert (found["SERVE001"], found["SERVE002"]) == (Status.PASSED, Status.FAILED)


def test_a_v2_route_whose_module_imports_the_model_is_a_service(tmp_path: Path) -> None:
    found = _statuses(
        tmp_path, {"api/function_app.py": PREDICTING_ROUTE, "api/scoring.py": SCORING}
    )
    assert found["MON001"] is Status.FAILED


def test_an_http_trigger_relaying_to_an_endpoint_serves_no_model(tmp_path: Path) -> None:
    found = _statuses(tmp_path, {"relay/__init__.py": RELAY, "relay/function.json": FUNCTION_JSON})
    assert (found["SERVE001"], found["MON001"]) == (Status.NOT_APPLICABLE,) * 2


PREDICTING_HANDLER = (
    "import joblib\n\nmodel = joblib.load('model.joblib')\n\n\n"
    "def lambda_handler(event, context):\n"
    "    return {'prediction': model.predict([event['features']]).tolist()}\n"
)
INVOKING_STEP = (
    "import json\n\nimport boto3\n\n\n"
    "def score(features):\n"
    "    answer = boto3.client('lambda').invoke(\n"
    "        FunctionName='churn-predict', Payload=json.dumps({'features': features})\n"
    "    )\n"
    "    return json.loads(answer['Payload'].read())\n"
)
FUNCTION_URL = (
    'resource "aws_lambda_function_url" "predict" {\n'
    "  function_name      = aws_lambda_function.predict.function_name\n"
    '  authorization_type = "NONE"\n}\n'
)


def _health(tmp_path: Path, files: dict[str, str]) -> Status:
    return _statuses(tmp_path, {"lambda/handler.py": PREDICTING_HANDLER, **files})["SERVE002"]


def test_a_function_the_code_invokes_directly_owes_no_health_route(tmp_path: Path) -> None:
    assert _health(tmp_path, {"src/churn/step.py": INVOKING_STEP}) is Status.NOT_APPLICABLE


def test_an_invoked_function_a_url_also_reaches_owes_a_health_route(tmp_path: Path) -> None:
    files = {"src/churn/step.py": INVOKING_STEP, "infra/main.tf": FUNCTION_URL}
    assert _health(tmp_path, files) is Status.FAILED


WEB_APP = (
    "import joblib\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
    "model = joblib.load('model.joblib')\n\n\n"
    "@app.get('/health')\ndef health():\n    return {'status': 'ok'}\n\n\n"
    "@app.post('/predict')\ndef predict(features: list[float]):\n"
    "    return {'prediction': model.predict([features]).tolist()}\n"
)
GATEWAY = (
    'resource "aws_apigatewayv2_integration" "predict" {\n'
    "  api_id           = aws_apigatewayv2_api.api.id\n"
    '  integration_type = "AWS_PROXY"\n'
    "  integration_uri  = aws_lambda_function.predict.invoke_arn\n}\n"
)
HEALTH_ACTION = (
    "\n\ndef health_check(event, context):\n    return {'statusCode': 200, 'body': 'ok'}\n"
)


def test_a_routed_function_owes_its_own_health_check_beside_a_web_app(tmp_path: Path) -> None:
    files = {"app/main.py": WEB_APP, "infra/main.tf": GATEWAY}
    assert _health(tmp_path, files) is Status.FAILED


def test_a_routed_function_with_a_health_action_passes(tmp_path: Path) -> None:
    files = {
        "app/main.py": WEB_APP,
        "infra/main.tf": GATEWAY,
        "lambda/handler.py": PREDICTING_HANDLER + HEALTH_ACTION,
    }
    assert _health(tmp_path, files) is Status.PASSED
