"""Session 42's serving and monitoring readings: a test posting to a service whose root
route is its prediction route (TEST003)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import PACKAGE, TRAINING
from tests.doctor.helpers import committed_status

# -- TEST003: a test posting to `/` where the root route takes posts -----------------------

ROOT_SERVICE = (
    "import joblib\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
    "model = joblib.load('model.joblib')\n\n\n"
    "@app.{method}('/')\ndef valuate(request: dict) -> dict:\n"
    "    return {{'prediction': float(model.predict([list(request.values())])[0])}}\n"
)
ROOT_TEST = (
    "from fastapi.testclient import TestClient\n\nfrom demo.app import app\n\n\n"
    "def test_valuates_a_house():\n"
    "    response = TestClient(app).post('/', json={'bed': 3, 'bath': 2})\n"
    "    assert 'prediction' in response.json()\n"
)


@pytest.mark.parametrize(
    ("method", "status"),
    [
        ("post", "passed"),  # the root route is the prediction route
        ("get", "failed"),  # a post to a root that only answers GET calls no prediction
    ],
)
def test_a_post_to_the_root_counts_where_the_root_route_takes_posts(
    tmp_path: Path, method: str, status: str
) -> None:
    tree = {
        **PACKAGE,
        **TRAINING,
        "src/demo/app.py": ROOT_SERVICE.format(method=method),
        "tests/test_app.py": ROOT_TEST,
    }
    assert committed_status(tmp_path / "repo", tree, "TEST003") == status


# -- SERVE002: the root route of a blueprint mounted under a prefix ------------------------

WEIGHTS_BLUEPRINT = (
    "from flask import Blueprint\n\nWEIGHTS = Blueprint('WEIGHTS', __name__)\n\n\n"
    "@WEIGHTS.route('/')\ndef index():\n    return 'Weights route'\n"
)
FLASK_APP = (
    "import joblib\nfrom flask import Flask, jsonify, request\n\n"
    "from demo.weights import WEIGHTS\n\nAPP = Flask(__name__)\n"
    "model = joblib.load('model.joblib')\n\n\n"
    "@APP.route('/api/prediction', methods=['POST'])\ndef predict():\n"
    "    return jsonify(prediction=model.predict([request.json['x']]).tolist())\n\n\n"
    "APP.register_blueprint(WEIGHTS{mount})\n"
)


@pytest.mark.parametrize(
    ("mount", "status"),
    [
        (", url_prefix='/api/weights'", "failed"),  # answers at /api/weights, not the root
        ("", "passed"),  # mounted at the root: its fixed answer says the service is up
    ],
)
def test_a_blueprints_root_is_the_apps_root_only_without_a_prefix(
    tmp_path: Path, mount: str, status: str
) -> None:
    tree = {
        **PACKAGE,
        **TRAINING,
        "src/demo/weights.py": WEIGHTS_BLUEPRINT,
        "src/demo/app.py": FLASK_APP.format(mount=mount),
    }
    assert committed_status(tmp_path / "repo", tree, "SERVE002") == status


# -- MON001: an LLM tracer's traces ----------------------------------------------------------

TRACED_SERVICE = (
    "{imports}from fastapi import FastAPI\n\nfrom demo.llm import complete\n\n"
    "app = FastAPI()\n\n\n"
    "{decorator}def answer(question: str) -> str:\n    return complete(question)\n\n\n"
    "@app.post('/ask')\ndef ask(question: str) -> dict:\n"
    "    return {{'answer': answer(question)}}\n"
)
LLM = (
    "from openai import OpenAI\n\n\ndef complete(prompt):\n"
    "    return OpenAI().responses.create(input=prompt)\n"
)


@pytest.mark.parametrize(
    ("imports", "decorator", "status"),
    [
        ("import opik\n", "@opik.track\n", "passed"),
        ("from langfuse import observe\n", "@observe()\n", "passed"),
        ("from langsmith import traceable\n", "@traceable\n", "passed"),
        ("import functools\n", "@functools.cache\n", "failed"),  # a cache keeps no trace
    ],
)
def test_a_tracers_decorator_on_the_services_code_records_each_call(
    tmp_path: Path, imports: str, decorator: str, status: str
) -> None:
    tree = {
        **PACKAGE,
        "src/demo/llm.py": LLM,
        "src/demo/app.py": TRACED_SERVICE.format(imports=imports, decorator=decorator),
    }
    assert committed_status(tmp_path / "repo", tree, "MON001") == status


CHAIN_SERVICE = (
    "from fastapi import FastAPI\nfrom langchain_openai import ChatOpenAI\n\n"
    "app = FastAPI()\nllm = ChatOpenAI()\n\n\n"
    "@app.post('/ask')\ndef ask(question: str) -> dict:\n"
    "    return {'answer': llm.invoke(question).content}\n"
)
DEPLOY_WORKFLOW = (
    "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - run: ./deploy.sh\n        env:\n          LANGSMITH_TRACING: 'true'\n"
)


@pytest.mark.parametrize(
    ("where", "status"),
    [
        (".github/workflows/deploy.yml", "passed"),  # the deployed service traces its calls
        (".env.example", "failed"),  # an example a reader may copy or not
    ],
)
def test_langchain_tracing_switched_on_by_the_deployment_records_each_call(
    tmp_path: Path, where: str, status: str
) -> None:
    switch = DEPLOY_WORKFLOW if where.endswith(".yml") else "LANGSMITH_TRACING=true\n"
    tree = {**PACKAGE, "src/demo/app.py": CHAIN_SERVICE, where: switch}
    assert committed_status(tmp_path / "repo", tree, "MON001") == status


# -- MON001: one file that keeps every call's rows ---------------------------------------

CSV_SERVICE = (
    "import joblib\nimport pandas as pd\nfrom flask import Flask, request\n\n"
    "app = Flask(__name__)\nmodel = joblib.load('model.joblib')\nPATH = 'predictions.csv'\n\n\n"
    "def write_prediction(text, label):\n{keep}\n\n\n"
    "@app.post('/predict')\ndef predict():\n    label = model.predict([request.json['text']])[0]\n"
    "    write_prediction(request.json['text'], label)\n    return {{'prediction': label}}\n"
)


@pytest.mark.parametrize(
    ("keep", "status"),
    [
        # read, the new row added, written back: the file keeps every call's row
        (
            "    path = PATH\n    rows = pd.read_csv(path).to_dict('records')\n"
            "    rows.append({'text': text, 'pred_label': label})\n"
            "    pd.DataFrame(rows).to_csv(path, index=False)",
            "passed",
        ),
        (
            "    pd.DataFrame([{'text': text, 'pred_label': label}])"
            ".to_csv(PATH, mode='a', header=False)",
            "passed",
        ),
        # overwritten by each call: only the last prediction is left
        ("    pd.DataFrame([{'text': text, 'pred_label': label}]).to_csv(PATH)", "failed"),
    ],
)
def test_a_table_file_that_keeps_every_calls_row_records_predictions(
    tmp_path: Path, keep: str, status: str
) -> None:
    tree = {**PACKAGE, "src/demo/app.py": CSV_SERVICE.format(keep=keep)}
    assert committed_status(tmp_path / "repo", tree, "MON001") == status


# -- MON002: an Azure ML v1 web service's metrics need Application Insights ----------------

SCORE = (
    "import joblib\n\nmodel = None\n\n\ndef init():\n    global model\n"
    "    model = joblib.load('model.pkl')\n\n\ndef run(raw_data):\n"
    "    return model.predict(raw_data).tolist()\n"
)
ACI_DEPLOY = (
    "from azureml.core.model import InferenceConfig, Model\n"
    "from azureml.core.webservice import AciWebservice\n\n"
    "config = AciWebservice.deploy_configuration(cpu_cores=1, memory_gb=1{insights})\n"
    "inference = InferenceConfig(entry_script='src/demo/score.py')\n"
    "Model.deploy(workspace, 'churn', [model], inference, config)\n"
)


@pytest.mark.parametrize(
    ("insights", "status"),
    [
        ("", "failed"),  # off by default: nothing keeps the requests' metrics
        (", enable_app_insights=True", "passed"),
    ],
)
def test_an_aci_web_service_has_metrics_only_with_application_insights(
    tmp_path: Path, insights: str, status: str
) -> None:
    tree = {
        **PACKAGE,
        "src/demo/score.py": SCORE,
        "deploy/deploy.py": ACI_DEPLOY.format(insights=insights),
    }
    assert committed_status(tmp_path / "repo", tree, "MON002") == status


ONLINE_DEPLOYMENT = (
    "$schema: https://azuremlschemas.azureedge.net/latest/"
    "managedOnlineDeployment.schema.json\nname: blue\nendpoint_name: churn\n"
)


@pytest.mark.parametrize("aci", [False, True])
def test_a_scoring_script_an_online_deployment_serves_has_metrics(
    tmp_path: Path, aci: bool
) -> None:
    tree = {**PACKAGE, "src/demo/score.py": SCORE, "deploy/deployment.yml": ONLINE_DEPLOYMENT}
    if aci:  # a v1 web service beside it does not take the endpoint's metrics away
        tree["deploy/deploy.py"] = ACI_DEPLOY.format(insights="")
    assert committed_status(tmp_path / "repo", tree, "MON002") == "passed"


# -- MON001: Azure ML v1's ModelDataCollector needs model data collection on ---------------

COLLECTING_SCORE = (
    "import joblib\nfrom azureml.monitoring import ModelDataCollector\n\nmodel = None\n\n\n"
    "def init():\n    global model, inputs, outputs\n    model = joblib.load('model.pkl')\n"
    "    inputs = ModelDataCollector('model', designation='inputs')\n"
    "    outputs = ModelDataCollector('model', designation='predictions')\n\n\n"
    "def run(raw_data):\n    inputs.collect(raw_data)\n    result = model.predict(raw_data)\n"
    "    outputs.collect(result)\n    return result.tolist()\n"
)
AKS_CONFIG = "computeType: AKS\nautoScaler:\n  autoscaleEnabled: True\n{collect}"


@pytest.mark.parametrize(
    ("collect", "status"),
    [
        ("", "failed"),  # collection off: the collector keeps nothing
        ("collectModelData: true\n", "passed"),
        ("dataCollection:\n  storageEnabled: true\n", "passed"),
    ],
)
def test_a_model_data_collector_records_only_where_the_deployment_enables_it(
    tmp_path: Path, collect: str, status: str
) -> None:
    tree = {
        **PACKAGE,
        "src/demo/score.py": COLLECTING_SCORE,
        "src/demo/deployment_config_aks.yml": AKS_CONFIG.format(collect=collect),
    }
    assert committed_status(tmp_path / "repo", tree, "MON001") == status


def test_a_batch_appending_to_the_file_its_caller_names_records_no_service_call(
    tmp_path: Path,
) -> None:
    batch = (
        "import joblib\nimport pandas as pd\n\nmodel = joblib.load('model.joblib')\n\n\n"
        "def predict_batch(input_path, output_path):\n"
        "    for chunk in pd.read_csv(input_path, chunksize=1000):\n"
        "        chunk['prediction'] = model.predict(chunk)\n"
        "        chunk.to_csv(output_path, mode='a', index=False)\n    return output_path\n"
    )
    app = (
        "from fastapi import FastAPI\n\nfrom demo.batch import predict_batch\n\napp = FastAPI()\n"
        "\n\n@app.post('/predict')\ndef predict(path: str) -> dict:\n"
        "    return {'file': predict_batch(path, 'out.csv')}\n"
    )
    tree = {**PACKAGE, "src/demo/batch.py": batch, "src/demo/app.py": app}
    assert committed_status(tmp_path / "repo", tree, "MON001") == "failed"
