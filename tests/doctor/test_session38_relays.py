"""Session 38's rule 5, a relay beside a platform (bench/corpus/README.md): a platform's
health route and metrics answer for what it serves and for a relay that forwards requests
to it (MON002), not for a model server of the repository's own beside it, a service or a
program an image starts that loads a model artefact itself (SERVE002, MON002)."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import PACKAGE
from tests.doctor.helpers import Tree, committed_status

KSERVE = (
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n"
    "metadata:\n  name: churn\nspec:\n  predictor:\n    sklearn:\n"
    "      storageUri: gs://models/churn\n"
)
# A worker an image starts: it reads requests from a queue and answers them itself.
WORKER = (
    "import json\n\nimport {loader}\nimport redis\n\n"
    "estimator = {loader}.load(open('/app/estimator.bin', 'rb'))\n\n\n"
    "def main():\n    queue = redis.Redis().pubsub()\n    queue.subscribe('rows')\n"
    "    for message in queue.listen():\n"
    "        print(estimator.predict([json.loads(message['data'])]))\n\n\n"
    "main()\n"
)
RELAY_WORKER = (
    "import json\n\nimport redis\nimport requests\n\nURL = 'http://churn.default/v1/models/churn'\n\n\n"
    "def main():\n    queue = redis.Redis().pubsub()\n    queue.subscribe('rows')\n"
    "    for message in queue.listen():\n"
    "        rows = [json.loads(message['data'])]\n"
    "        print(requests.post(URL + ':predict', json={'instances': rows}).json())\n\n\n"
    "main()\n"
)
WORKER_IMAGE = (
    'FROM python:3.12-slim\nCOPY worker/ /app/worker/\nCMD ["python", "/app/worker/serve.py"]\n'
)
SCORE = (
    "import joblib\n\n\ndef init():\n    global estimator\n    estimator = joblib.load('m')\n\n\n"
    "def run(raw):\n    return estimator.predict(raw).tolist()\n"
)
# A FastAPI app beside the Azure ML scoring script: it loads the model itself, or it asks
# the managed endpoint for the predictions.
OWN_API = (
    "import joblib\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
    "estimator = joblib.load('models/estimator.joblib')\n\n\n"
    "@app.get('/health')\ndef health():\n    return {'status': 'ok'}\n\n\n"
    "@app.post('/predict')\ndef predict(rows: list[list[float]]):\n"
    "    return {'predictions': estimator.predict(rows).tolist()}\n"
)
RELAY_API = (
    "import os\n\nimport httpx\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
    "ENDPOINT = os.environ['SCORING_URI']\n\n\n"
    "@app.get('/health')\ndef health():\n    return {'status': 'ok'}\n\n\n"
    "@app.post('/predict')\ndef predict(rows: list[list[float]]):\n"
    "    return httpx.post(ENDPOINT, json={'data': rows}).json()\n"
)


def _status(root: Path, tree: Tree, check_id: str) -> str:
    return committed_status(root, tree, check_id)


def _kserve_beside(worker: str) -> Tree:
    return {
        **PACKAGE,
        "deploy/kserve/inference_service.yaml": KSERVE,
        "worker/serve.py": worker,
        "worker/Dockerfile": WORKER_IMAGE,
    }


def test_a_worker_loading_its_model_beside_kserve_answers_its_own_health(tmp_path: Path) -> None:
    tree = _kserve_beside(WORKER.format(loader="pickle"))
    assert _status(tmp_path, tree, "SERVE002") == "failed"


def test_a_worker_loading_its_model_beside_kserve_exposes_its_own_metrics(
    tmp_path: Path,
) -> None:
    tree = _kserve_beside(WORKER.format(loader="dill"))
    assert _status(tmp_path, tree, "MON002") == "failed"


def test_a_relay_worker_beside_kserve_is_counted_by_its_metrics(tmp_path: Path) -> None:
    assert _status(tmp_path, _kserve_beside(RELAY_WORKER), "MON002") == "passed"


def test_kserve_alone_gives_health_and_metrics(tmp_path: Path) -> None:
    tree = {**PACKAGE, "deploy/kserve/inference_service.yaml": KSERVE}
    assert _status(tmp_path, tree, "SERVE002") == "passed"
    assert _status(tmp_path, tree, "MON002") == "passed"


def test_an_own_api_beside_an_azure_ml_endpoint_exposes_its_own_metrics(tmp_path: Path) -> None:
    tree = {**PACKAGE, "azureml/score.py": SCORE, "api/main.py": OWN_API}
    assert _status(tmp_path, tree, "MON002") == "failed"


def test_a_relay_api_beside_an_azure_ml_endpoint_is_counted_by_its_metrics(
    tmp_path: Path,
) -> None:
    tree = {**PACKAGE, "azureml/score.py": SCORE, "api/main.py": RELAY_API}
    assert _status(tmp_path, tree, "MON002") == "passed"


# -- what is no model server of the repository's own ---------------------------------------

SAGEMAKER_ENDPOINT = (
    "Resources:\n  Endpoint:\n    Type: AWS::SageMaker::Endpoint\n    Properties:\n"
    "      EndpointConfigName: !Ref EndpointConfig\n"
)
CONTAINER_APP = (
    "import joblib\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
    "estimator = joblib.load('/opt/ml/model/estimator.joblib')\n\n\n"
    "@app.post('{path}')\ndef score(rows: list[list[float]]):\n"
    "    return {{'predictions': estimator.predict(rows).tolist()}}\n"
)


def _sagemaker_beside(path: str) -> Tree:
    app = CONTAINER_APP.format(path=path)
    return {**PACKAGE, "deploy/endpoint.yml": SAGEMAKER_ENDPOINT, "container/app.py": app}


def test_the_container_a_sagemaker_endpoint_runs_has_its_metrics(tmp_path: Path) -> None:
    # `/invocations` is SageMaker's contract: the endpoint runs this app.
    assert _status(tmp_path, _sagemaker_beside("/invocations"), "MON002") == "passed"


def test_an_app_with_its_own_routes_beside_a_sagemaker_endpoint_has_none(tmp_path: Path) -> None:
    assert _status(tmp_path, _sagemaker_beside("/predict"), "MON002") == "failed"


GRADIO_PAGE = (
    "import gradio as gr\nfrom transformers import pipeline\n\n"
    "classify = pipeline('sentiment-analysis')\n\n\n"
    "def answer(text):\n    return classify(text)[0]['label']\n\n\n"
    "gr.Interface(fn=answer, inputs='text', outputs='text').launch()\n"
)
PAGE_IMAGE = 'FROM python:3.12-slim\nCOPY demo/ /app/demo/\nCMD ["python", "/app/demo/serve.py"]\n'


def test_a_page_an_image_starts_beside_kserve_is_no_model_server(tmp_path: Path) -> None:
    tree = {
        **PACKAGE,
        "deploy/kserve/inference_service.yaml": KSERVE,
        "demo/serve.py": GRADIO_PAGE,
        "demo/Dockerfile": PAGE_IMAGE,
    }
    assert _status(tmp_path, tree, "MON002") == "passed"


KFP_STEP = (
    "from kfp import dsl\n\n\n@dsl.component(base_image='python:3.12')\n"
    "def evaluate(model_path: str) -> float:\n    import joblib\n\n"
    "    return float(joblib.load(model_path).score([[0.0]], [0]))\n\n\n"
    "@dsl.pipeline(name='evaluate')\ndef evaluation(model_path: str):\n"
    "    evaluate(model_path=model_path)\n"
)
SUBMITTING_API = (
    "import os\n\nimport httpx\nfrom flask import Flask, request\n\n"
    "from steps import evaluation\n\napp = Flask(__name__)\n\n\n"
    "@app.post('/predict')\ndef predict():\n"
    "    return httpx.post(os.environ['SCORING_URI'], json=request.json).json()\n\n\n"
    "@app.post('/evaluate')\ndef evaluate():\n"
    "    return {'pipeline': evaluation.name}\n"
)


def test_pipeline_steps_a_relay_imports_are_not_its_code(tmp_path: Path) -> None:
    tree = {
        **PACKAGE,
        "azureml/score.py": SCORE,
        "api/steps.py": KFP_STEP,
        "api/main.py": SUBMITTING_API,
    }
    assert _status(tmp_path, tree, "MON002") == "passed"
