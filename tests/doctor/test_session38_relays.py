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
