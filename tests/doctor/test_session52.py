"""Session 52, from rounds 61 onwards.

IMG002: a service whose `/train` route runs a training pipeline that reaches the fit two
imports further (`/train` -> `training_pipeline.py` -> `model_trainer.py` -> the
estimator's `self.model.fit(`) trains in its one image. CI002: the words `docker compose
run SERVICE` gives go to the service's `entrypoint:`, or to `--entrypoint`; CircleCI's
dynamic configuration continues in `.circleci/continue_config.yml`. TEST002: a known answer
of the project's own prediction function, where nothing stands in for the model. Kinds: a
README titled for its pipeline components, "use this template" before a Jinja expression,
a README that develops one system. DOCS003: an MLproject in a folder of its own. IMG002: an
image CMD's module under src/. MON001: a table client's insert, a buffered save that
flushes. SERVE001: a Gradio page loading weights, a program scoring a Kafka stream. DOCS002:
a table of measured figures, limits said in Portuguese."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.helpers import (
    Tree,
    audit,
    committed_kind,
    committed_status,
    git_commit,
    status_of,
)
from tests.doctor.test_kinds_read_further_s41 import _parts
from tests.doctor.test_session51_round58 import _SERVICE

_ESTIMATOR = (
    "from sklearn.linear_model import Ridge\n\n\nclass EnergyModel:\n"
    "    def __init__(self):\n        self.model = Ridge()\n\n"
    "    def learn(self, x, y):\n        self.model.fit(x, y)\n        return self\n\n"
    "    def predict(self, x):\n        return self.model.predict(x)\n"
)
_TRAINER = (
    "import joblib\n\nfrom energy.estimator import EnergyModel\n\n\nclass ModelTrainer:\n"
    "    def run(self, x, y):\n        model = EnergyModel().learn(x, y)\n"
    "        joblib.dump(model, 'model.joblib')\n"
)
_PIPELINE = (
    "from energy.model_trainer import ModelTrainer\n\n\nclass TrainingPipeline:\n"
    "    def run_pipeline(self):\n        ModelTrainer().run([[0.0], [1.0]], [0.0, 1.0])\n"
)


@pytest.mark.parametrize(
    ("route", "status"),
    [
        (
            "from energy.training_pipeline import TrainingPipeline\n\n\n"
            "@app.get('/train')\ndef train_route():\n    TrainingPipeline().run_pipeline()\n"
            "    return {'status': 'trained'}\n",
            "failed",
        ),
        (
            "import httpx\n\n\n@app.post('/train')\ndef train_route():\n"
            "    return httpx.post('http://trainer:8080/jobs').json()\n",
            "passed",
        ),
        ("", "passed"),
    ],
    ids=["train-route-through-pipeline", "train-route-forwards", "predict-only"],
)
def test_img002_a_training_route_reaches_the_fit_through_the_pipeline(
    tmp_path: Path, route: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\njoblib==1.4.2\n",
        "energy/__init__.py": "",
        "energy/estimator.py": _ESTIMATOR,
        "energy/model_trainer.py": _TRAINER,
        "energy/training_pipeline.py": _PIPELINE,
        "app.py": (
            "import joblib\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n"
            f"{route}\n\n"
            "@app.post('/predict')\ndef predict(x: float) -> float:\n"
            "    model = joblib.load('model.joblib')\n"
            "    return float(model.predict([[x]])[0])\n"
        ),
        "Dockerfile": (
            "FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\nEXPOSE 8000\n"
            'CMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n'
        ),
        ".dockerignore": ".git\n",
    }
    assert committed_status(tmp_path, tree, "IMG002") == status


_PACKAGE: Tree = {
    "pyproject.toml": (
        '[project]\nname = "temps"\nversion = "0.1.0"\ndependencies = ["scikit-learn==1.5.2"]\n'
    ),
    "src/temps/__init__.py": "",
    "src/temps/model.py": "def mean(xs):\n    return sum(xs) / len(xs)\n",
    "tests/test_model.py": (
        "from temps.model import mean\n\n\ndef test_mean():\n    assert mean([1, 3]) == 2\n"
    ),
}


@pytest.mark.parametrize(
    ("service", "status"),
    [
        ('    entrypoint: ["pytest"]\n', "passed"),
        ('    entrypoint: ["python"]\n', "failed"),
    ],
    ids=["entrypoint-pytest", "entrypoint-python"],
)
def test_ci002_compose_run_gives_its_words_to_the_service_entrypoint(
    tmp_path: Path, service: str, status: str
) -> None:
    tree: Tree = {
        **_PACKAGE,
        "docker-compose.yml": (
            "services:\n  python-dev:\n    image: python:3.12-slim\n"
            f"    volumes:\n      - .:/workspace\n{service}"
        ),
        "pipelines/ci.yml": (
            "trigger:\n  - main\npool:\n  vmImage: ubuntu-latest\nsteps:\n"
            "  - script: docker compose run --rm python-dev tests -v\n"
            "    displayName: pytest\n"
        ),
    }
    assert committed_status(tmp_path, tree, "CI002") == status


@pytest.mark.parametrize(
    ("entrypoint", "status"),
    [("--entrypoint pytest", "passed"), ("--entrypoint ruff", "failed")],
    ids=["entrypoint-option-pytest", "entrypoint-option-ruff"],
)
def test_ci002_docker_run_gives_its_words_to_the_entrypoint_option(
    tmp_path: Path, entrypoint: str, status: str
) -> None:
    tree: Tree = {
        **_PACKAGE,
        ".github/workflows/ci.yml": (
            "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - uses: actions/checkout@v4\n"
            f"      - run: docker run --rm -v $PWD:/app -w /app {entrypoint} python:3.12 tests\n"
        ),
    }
    assert committed_status(tmp_path, tree, "CI002") == status


_CIRCLECI_SETUP = (
    "version: 2.1\nsetup: true\norbs:\n  path-filtering: circleci/path-filtering@0.1.1\n"
    "workflows:\n  always-run:\n    jobs:\n      - path-filtering/filter:\n"
    "          mapping: |\n            src/.* code-updated true\n"
    "          config-path: .circleci/continue_config.yml\n"
)


@pytest.mark.parametrize(
    ("command", "status"),
    [("pytest tests", "passed"), ("python -m build", "failed")],
    ids=["continuation-tests", "continuation-builds"],
)
def test_ci002_reads_circleci_dynamic_config_continuation(
    tmp_path: Path, command: str, status: str
) -> None:
    tree: Tree = {
        **_PACKAGE,
        ".circleci/config.yml": _CIRCLECI_SETUP,
        ".circleci/continue_config.yml": (
            "version: 2.1\njobs:\n  test:\n    docker:\n      - image: cimg/python:3.12\n"
            "    steps:\n      - checkout\n      - run: pip install -e .\n"
            f"      - run: {command}\nworkflows:\n  main:\n    jobs:\n      - test\n"
        ),
    }
    assert committed_status(tmp_path, tree, "CI002") == status


_SCORING_SERVICE: Tree = {
    "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\njoblib==1.4.2\n",
    "src/__init__.py": "",
    "src/scoring.py": (
        "import joblib\n\nMODEL = joblib.load('models/model.joblib')\n\n\n"
        "def predict_credit_risk(features: list[float]) -> dict:\n"
        "    probability = float(MODEL.predict_proba([features])[0][1])\n"
        "    return {'probability': round(probability, 6),\n"
        "            'decision': 'APPROVE' if probability < 0.5 else 'REVIEW', 'status': 'ok'}\n"
    ),
    "src/api.py": (
        "from fastapi import FastAPI\n\nfrom src.scoring import predict_credit_risk\n\n"
        "app = FastAPI()\n\n\n@app.post('/predict')\ndef predict(features: list[float]) -> dict:\n"
        "    return predict_credit_risk(features)\n"
    ),
    "src/train.py": (
        "import joblib\nfrom sklearn.linear_model import LogisticRegression\n\n"
        "model = LogisticRegression().fit([[0.0], [1.0]], [0, 1])\n"
        "joblib.dump(model, 'models/model.joblib')\n"
    ),
}


@pytest.mark.parametrize(
    ("test", "status"),
    [
        (
            "from src.scoring import predict_credit_risk\n\n\ndef test_known_answer():\n"
            "    prediction = predict_credit_risk([0.9])\n"
            "    assert prediction['decision'] == 'REVIEW'\n",
            "passed",
        ),
        (
            "from src.scoring import predict_credit_risk\n\n\ndef test_answers():\n"
            "    prediction = predict_credit_risk([0.9])\n"
            "    assert prediction['status'] == 'ok'\n",
            "failed",
        ),
        (
            "from unittest.mock import patch\n\nfrom src.scoring import predict_credit_risk\n\n\n"
            "@patch('src.scoring.MODEL')\ndef test_stubbed(model):\n"
            "    model.predict_proba.return_value = [[0.1, 0.9]]\n"
            "    prediction = predict_credit_risk([0.9])\n"
            "    assert prediction['decision'] == 'REVIEW'\n",
            "failed",
        ),
        (
            "from src import scoring\nfrom src.scoring import predict_credit_risk\n\n\n"
            "class StubModel:\n    def predict_proba(self, rows):\n"
            "        return [[0.1, 0.9]]\n\n\n"
            "def test_stand_in():\n    scoring.MODEL = StubModel()\n"
            "    prediction = predict_credit_risk([0.9])\n"
            "    assert prediction['decision'] == 'REVIEW'\n",
            "failed",
        ),
    ],
    ids=["known-answer", "outcome-field", "mocked-model", "stand-in-model"],
)
def test_test002_the_project_prediction_function_known_answer(
    tmp_path: Path, test: str, status: str
) -> None:
    tree: Tree = {**_SCORING_SERVICE, "tests/__init__.py": "", "tests/test_scoring.py": test}
    assert committed_status(tmp_path, tree, "TEST002") == status


_COMPONENT_SPEC = (
    "name: Train model\ninputs:\n- {name: data, type: Dataset}\noutputs:\n- {name: model}\n"
    "implementation:\n  container:\n    image: quay.io/acme/kfp-train:1.0\n"
    "    command: [python, train.py, --data, {inputPath: data}, --model, {outputPath: model}]\n"
)


@pytest.mark.parametrize(
    ("readme", "kind"),
    [
        (
            "# Reusable Kubeflow Components for ppc64le\n\n"
            "Load these components into your own pipelines with `load_component_from_url`.\n",
            "library",
        ),
        (
            "## Greengrass components for inference on a core device\n\n"
            "This repository consists of sample components for performing ML inference.\n",
            "application",
        ),
        ("# Churn training pipeline\n\nTrains and deploys our churn model.\n", "application"),
    ],
    ids=["components-title", "sample-components", "pipeline-title"],
)
def test_kind_a_readme_titled_for_its_components_is_a_library(
    tmp_path: Path, readme: str, kind: str
) -> None:
    tree: Tree = {
        "README.md": readme,
        "train-model/component.yaml": _COMPONENT_SPEC,
        "train-model/train.py": (
            "import sys\n\nimport joblib\nfrom sklearn.linear_model import LogisticRegression\n\n"
            "model = LogisticRegression().fit([[0.0], [1.0]], [0, 1])\n"
            "joblib.dump(model, sys.argv[4])\n"
        ),
        "train-model/Dockerfile": "FROM python:3.12-slim\nCOPY train.py .\n",
        "deploy-model/component.yaml": _COMPONENT_SPEC.replace("Train", "Deploy"),
        "deploy-model/Dockerfile": "FROM python:3.12-slim\nCOPY deploy.py .\n",
        "deploy-model/deploy.py": "import sys\n\nprint('deploying', sys.argv[1])\n",
    }
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("cmd", "status"),
    [
        ('CMD ["uvicorn", "shop.main:app", "--host", "0.0.0.0"]', "passed"),
        ('CMD ["uvicorn", "training.train_server:app", "--host", "0.0.0.0"]', "failed"),
    ],
    ids=["serves-from-src", "runs-the-trainer-api"],
)
def test_img002_an_image_command_names_a_module_of_the_src_folder(
    tmp_path: Path, cmd: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\njoblib==1.4.2\n",
        "src/shop/__init__.py": "",
        "src/shop/main.py": (
            "import joblib\nfrom fastapi import FastAPI\n\nmodel = joblib.load('model.joblib')\n"
            "app = FastAPI()\n\n\n@app.post('/predict')\ndef predict(x: float) -> float:\n"
            "    return float(model.predict([[x]])[0])\n"
        ),
        "training/__init__.py": "",
        "training/train.py": (
            "import joblib\nfrom sklearn.linear_model import LinearRegression\n\n\n"
            "def train():\n    model = LinearRegression().fit([[0.0], [1.0]], [0.0, 1.0])\n"
            "    joblib.dump(model, 'model.joblib')\n"
        ),
        "training/train_server.py": (
            "from fastapi import FastAPI\n\nfrom training.train import train\n\n"
            "app = FastAPI()\n\n\n@app.post('/train')\ndef start():\n    train()\n"
            "    return {'status': 'done'}\n"
        ),
        "infra/docker/Dockerfile.api": (
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nENV PYTHONPATH=/app/src\n"
            f"EXPOSE 8000\n{cmd}\n"
        ),
        "infra/docker/Dockerfile.trainer": (
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"
            'CMD ["uvicorn", "training.train_server:app", "--host", "0.0.0.0"]\n'
        ),
        "docker-compose.yml": (
            "services:\n  api:\n    build:\n      context: .\n"
            "      dockerfile: infra/docker/Dockerfile.api\n"
            "  trainer:\n    build:\n      context: .\n"
            "      dockerfile: infra/docker/Dockerfile.trainer\n"
        ),
        ".dockerignore": ".git\n",
    }
    assert committed_status(tmp_path, tree, "IMG002") == status


_CONTROLLER: Tree = {
    "requirements.txt": "mlflow==2.17.0\nkubernetes==31.0.0\n",
    "controller/__init__.py": "",
    "controller/main.py": (
        "import time\n\nimport mlflow\n\n\ndef sync():\n"
        "    client = mlflow.MlflowClient()\n    return client.search_registered_models()\n\n\n"
        "if __name__ == '__main__':\n    while True:\n        sync()\n        time.sleep(60)\n"
    ),
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nCMD ["python", "-m", "controller.main"]\n',
}


@pytest.mark.parametrize(
    ("readme", "kind"),
    [
        (
            "# MLflow deployment controller\n\nDeploys registered models to Seldon.\n\n"
            "In your manifest, in the place of modelUri use this template "
            "'{{ mlflow.blob[\"iris demo1\"] }}' to name the model.\n",
            "application",
        ),
        (
            "# MLflow deployment controller starter\n\n"
            'Click "Use this template" to start your own controller.\n',
            "template",
        ),
    ],
    ids=["template-expression", "github-template-button"],
)
def test_kind_use_this_template_before_a_template_expression_is_no_starter(
    tmp_path: Path, readme: str, kind: str
) -> None:
    assert committed_kind(tmp_path, {**_CONTROLLER, "README.md": readme}) == kind


@pytest.mark.parametrize(
    ("script", "status"),
    [("forecast/train.py", "passed"), ("jobs/train.py", "failed")],
    ids=["script-beside-the-mlproject", "script-elsewhere"],
)
def test_docs003_an_mlproject_in_a_folder_of_its_own(
    tmp_path: Path, script: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "mlflow==2.17.0\nscikit-learn==1.5.2\n",
        "forecast/MLproject": (
            "name: forecast\n\nentry_points:\n  train:\n"
            "    parameters:\n      alpha: {type: float, default: 0.5}\n"
            "    command: python train.py --alpha {alpha}\n"
        ),
        script: (
            "import mlflow\nfrom sklearn.linear_model import Ridge\n\n"
            "with mlflow.start_run():\n    Ridge().fit([[0.0], [1.0]], [0.0, 1.0])\n"
        ),
        "README.md": "# Forecast\n\n```\ncd forecast && mlflow run . -e train\n```\n",
    }
    assert committed_status(tmp_path, tree, "DOCS003") == status


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        (
            "In this repository, we develop and deploy a feature store system serving trip "
            "records of the city's taxis.",
            "application",
        ),
        ("We develop and deploy three anomaly detection studies.", "monorepo"),
    ],
    ids=["develops-one-system", "develops-several-studies"],
)
def test_kind_a_readme_that_develops_one_system_over_its_parts(
    tmp_path: Path, said: str, kind: str
) -> None:
    assert committed_kind(tmp_path, _parts(said)) == kind


@pytest.mark.parametrize(
    ("write", "status"),
    [
        ("    supabase.table('model_logs').insert(record).execute()\n", "passed"),
        ("    print(record)\n", "failed"),
    ],
    ids=["table-client-insert", "printed"],
)
def test_mon001_a_table_client_insert_records_each_prediction(
    tmp_path: Path, write: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": (
            "fastapi==0.115.0\nscikit-learn==1.5.2\njoblib==1.4.2\nsupabase==2.9.1\n"
        ),
        "api/app.py": (
            "import joblib\nfrom fastapi import FastAPI\nfrom supabase import create_client\n\n"
            "model = joblib.load('model.joblib')\n"
            "supabase = create_client('https://example.supabase.co', 'anon-key')\n"
            "app = FastAPI()\n\n\n"
            "def log_prediction(features: list[float], prediction: float) -> None:\n"
            "    record = {'features': features, 'radiation': prediction}\n"
            f"{write}\n\n"
            "@app.post('/predict')\ndef predict(features: list[float]) -> dict:\n"
            "    prediction = float(model.predict([features])[0])\n"
            "    log_prediction(features, prediction)\n    return {'prediction': prediction}\n"
        ),
    }
    assert committed_status(tmp_path, tree, "MON001") == status


@pytest.mark.parametrize(
    ("load", "status"),
    [
        ("model.load_state_dict(torch.load('weights.pt', map_location='cpu'))\n", "failed"),
        ("index = pickle.load(open('index.pkl', 'rb'))\n", "not-applicable"),
    ],
    ids=["torch-weights", "pickled-index"],
)
def test_serve002_a_gradio_page_that_loads_network_weights_serves_a_model(
    tmp_path: Path, load: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "gradio==5.4.0\ntorch==2.5.1\n",
        "src/__init__.py": "",
        "src/net.py": (
            "import torch\n\n\nclass Net(torch.nn.Module):\n    def __init__(self):\n"
            "        super().__init__()\n        self.fc = torch.nn.Linear(4, 2)\n\n"
            "    def forward(self, x):\n        return self.fc(x)\n"
        ),
        "ui/app.py": (
            "import pickle\n\nimport gradio as gr\nimport torch\n\nfrom src.net import Net\n\n"
            f"model = Net()\n{load}\n\n"
            "def classify(a, b, c, d):\n"
            "    logits = model(torch.tensor([[a, b, c, d]]))\n"
            "    return int(logits.argmax())\n\n\n"
            "gr.Interface(classify, ['number'] * 4, 'label').launch()\n"
        ),
    }
    assert committed_status(tmp_path, tree, "SERVE002") == status


_CARD_README = (
    "# Review categories\n\n## Modelos utilizados\n\nUma regressão logística sobre tf-idf, "
    "treinada no dataset de avaliações da Amazon.\n\n## Resultados\n\n{results}\n"
    "Isso considerando apenas 1 época de treino. A limitação de épocas se deve ao tempo.\n"
)


@pytest.mark.parametrize(
    ("results", "status"),
    [
        (
            "| Model | Accuracy | Recall |\n|---|---|---|\n"
            "| Logistic Regression | 72.5% | 22.3% |\n",
            "passed",
        ),
        (
            "| Model | Accuracy | Recall |\n|---|---|---|\n| Logistic Regression | TBD | TBD |\n",
            "failed",
        ),
    ],
    ids=["metrics-table", "table-without-figures"],
)
def test_docs002_a_table_of_measured_figures_and_limits_in_portuguese(
    tmp_path: Path, results: str, status: str
) -> None:
    tree: Tree = {
        **_SCORING_SERVICE,
        "README.md": _CARD_README.format(results=results),
    }
    assert committed_status(tmp_path, tree, "DOCS002") == status


_PREDICTOR = (
    "import joblib\n\n\nclass Predictor:\n    def __init__(self):\n"
    "        self.model = joblib.load('model_artifacts/fraud_model.pkl')\n\n"
    "    def score(self, payment):\n"
    "        return float(self.model.predict_proba([payment['features']])[0][1])\n"
)
_CONSUMER = (
    "from confluent_kafka import Consumer\n\n\nclass PaymentConsumer:\n"
    "    def __init__(self):\n"
    "        self.consumer = Consumer({'bootstrap.servers': 'kafka:9092', 'group.id': 'scoring'})\n"
    "        self.consumer.subscribe(['payments'])\n\n"
    "    def poll(self):\n        return self.consumer.poll(1.0)\n"
)


@pytest.mark.parametrize(
    ("main", "checks"),
    [
        (
            "import json\n\nfrom app.consumer import PaymentConsumer\n"
            "from app.predictor import Predictor\n\n\n"
            "def main():\n    consumer, predictor = PaymentConsumer(), Predictor()\n"
            "    while True:\n        message = consumer.poll()\n"
            "        if message is not None:\n"
            "            print(predictor.score(json.loads(message.value())))\n\n\n"
            "if __name__ == '__main__':\n    main()\n",
            {"SERVE001": "passed", "SERVE002": "not-applicable", "MON002": "failed"},
        ),
        (
            "import json\n\nfrom app.consumer import PaymentConsumer\n\n\n"
            "def main():\n    consumer = PaymentConsumer()\n"
            "    while True:\n        message = consumer.poll()\n"
            "        if message is not None:\n            print(json.loads(message.value()))\n\n\n"
            "if __name__ == '__main__':\n    main()\n",
            {
                "SERVE001": "not-applicable",
                "SERVE002": "not-applicable",
                "MON002": "not-applicable",
            },
        ),
    ],
    ids=["scores-each-message", "only-prints-messages"],
)
def test_serve001_a_program_scoring_a_kafka_stream_is_a_service(
    tmp_path: Path, main: str, checks: dict[str, str]
) -> None:
    tree: Tree = {
        "requirements.txt": "confluent-kafka==2.6.0\nscikit-learn==1.5.2\njoblib==1.4.2\n",
        "app/__init__.py": "",
        "app/consumer.py": _CONSUMER,
        "app/predictor.py": _PREDICTOR,
        "app/main.py": main,
        "scripts/train.py": (
            "import joblib\nfrom sklearn.linear_model import LogisticRegression\n\n"
            "model = LogisticRegression().fit([[0.0], [1.0]], [0, 1])\n"
            "joblib.dump(model, 'model_artifacts/fraud_model.pkl')\n"
        ),
    }
    build_file_tree(tmp_path, tree)
    git_commit(tmp_path)
    report = audit(tmp_path, *checks)
    assert {check: str(status_of(report, check).value) for check in checks} == checks


_REPOSITORY = (
    "from app.db import SessionLocal\nfrom app.models import Scored\n\n\n"
    "class ScoredRepository:\n    _buffer = []\n\n    @classmethod\n"
    "    def save(cls, row: dict) -> None:\n        cls._buffer.append(row)\n"
    "        if len(cls._buffer) >= 100:\n            cls.{flush}()\n\n"
    "    @classmethod\n    def flush(cls) -> None:\n        session = SessionLocal()\n"
    "        session.bulk_insert_mappings(Scored, cls._buffer)\n        session.commit()\n"
    "        cls._buffer.clear()\n\n"
    "    @classmethod\n    def forget(cls) -> None:\n        cls._buffer.clear()\n"
)


@pytest.mark.parametrize(
    ("flush", "status"),
    [("flush", "passed"), ("forget", "failed")],
    ids=["save-then-flush", "save-then-forget"],
)
def test_mon001_a_buffered_save_that_flushes_to_the_database_records(
    tmp_path: Path, flush: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\njoblib==1.4.2\n",
        "app/__init__.py": "",
        "app/db.py": (
            "from sqlalchemy import create_engine\nfrom sqlalchemy.orm import sessionmaker\n\n"
            "SessionLocal = sessionmaker(bind=create_engine('sqlite:///scores.db'))\n"
        ),
        "app/models.py": (
            "from sqlalchemy import Column, Float, Integer\n"
            "from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n\n\n"
            "class Scored(Base):\n    __tablename__ = 'scored'\n"
            "    id = Column(Integer, primary_key=True)\n    prediction = Column(Float)\n"
        ),
        "app/repository.py": _REPOSITORY.format(flush=flush),
        "app/main.py": (
            "import joblib\nfrom fastapi import FastAPI\n\n"
            "from app.repository import ScoredRepository\n\n"
            "model = joblib.load('model.joblib')\napp = FastAPI()\n\n\n"
            "@app.post('/predict')\ndef predict(x: float) -> dict:\n"
            "    prediction = float(model.predict([[x]])[0])\n"
            "    ScoredRepository.save({'x': x, 'prediction': prediction})\n"
            "    return {'prediction': prediction}\n"
        ),
    }
    assert committed_status(tmp_path, tree, "MON001") == status


@pytest.mark.parametrize(
    ("render", "status"),
    [
        ('copier -f "${template}" out -d project_name=demo\n', "passed"),
        ('copier "${template}" out -d project_name=demo\n', "failed"),
    ],
    ids=["copier5-forced-copy", "copier5-prompting"],
)
def test_test001_copier5_renders_a_copy_of_the_checkout(
    tmp_path: Path, render: str, status: str
) -> None:
    tree: Tree = {
        "copier.yml": "project_name:\n  type: str\n  default: demo\n_subdirectory: project\n",
        "project/{{ project_name }}/__init__.py.jinja": '"""{{ project_name }}."""\n',
        "project/README.md.jinja": "# {{ project_name }}\n",
        "tests/render.sh": (
            "#!/usr/bin/env bash\nset -eu\ntemplate=$(mktemp -d)\n"
            f'cp -rf . "${{template}}"\n{render}'
        ),
        ".github/workflows/test.yml": (
            "on: push\njobs:\n  render:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - uses: actions/checkout@v4\n      - run: pip install copier==5.1.0\n"
            "      - run: bash tests/render.sh\n"
        ),
    }
    assert committed_status(tmp_path, tree, "TEST001") == status


@pytest.mark.parametrize(
    ("readme", "kind"),
    [
        (
            "# AI / ML Portfolio\n\n> Ten production-grade AI projects, each anchored to a real "
            "use case.\n",
            "monorepo",
        ),
        ("# AI / ML Course\n\n> Ten lessons, each a small project of the course.\n", "example"),
    ],
    ids=["portfolio-counts-its-projects", "course-lessons"],
)
def test_kind_numbered_folders_of_a_portfolio_are_its_projects(
    tmp_path: Path, readme: str, kind: str
) -> None:
    tree: Tree = {"README.md": readme}
    for number, name in enumerate(("contract-rag", "research-agent", "graph-explorer"), 1):
        folder = f"{number:02d}-{name}"
        tree[f"{folder}/requirements.txt"] = "fastapi==0.115.0\nscikit-learn==1.5.2\n"
        tree[f"{folder}/README.md"] = f"# {name}\n"
        tree[f"{folder}/app.py"] = (
            "import joblib\nfrom fastapi import FastAPI\n\nmodel = joblib.load('m.joblib')\n"
            "app = FastAPI()\n\n\n@app.post('/predict')\ndef predict(x: float) -> float:\n"
            "    return float(model.predict([[x]])[0])\n"
        )
    assert committed_kind(tmp_path, tree) == kind


_JULIA_NOTEBOOK = (
    '{"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [], '
    '"source": ["using Fairness"]}], "metadata": {"kernelspec": {"display_name": "Julia 1.9", '
    '"language": "{language}", "name": "julia-1.9"}}, "nbformat": 4, "nbformat_minor": 4}\n'
)


@pytest.mark.parametrize(
    ("language", "checks"),
    [
        (
            "julia",
            {"TEST001": "not-applicable", "CODE003": "not-applicable", "ENV001": "passed"},
        ),
        ("python", {"TEST001": "failed", "CODE003": "failed", "ENV001": "failed"}),
    ],
    ids=["julia-kernel", "python-kernel"],
)
def test_julia_kernel_notebooks_are_no_python_code(
    tmp_path: Path, language: str, checks: dict[str, str]
) -> None:
    tree: Tree = {
        "Project.toml": (
            'name = "Fairness"\n\n[deps]\nMLJ = "add582a8-e3ab-11e8-2d5e-e98b27df1bc7"\n'
        ),
        "src/Fairness.jl": "module Fairness\n\nexport audit\n\naudit(x) = x\n\nend\n",
        "examples/audit.ipynb": _JULIA_NOTEBOOK.replace("{language}", language),
        "README.md": '# Fairness.jl\n\n```julia\nusing Pkg\nPkg.add("Fairness")\n```\n',
    }
    build_file_tree(tmp_path, tree)
    git_commit(tmp_path)
    report = audit(tmp_path, *checks)
    assert {check: str(status_of(report, check).value) for check in checks} == checks


@pytest.mark.parametrize(
    ("view", "status"),
    [
        (
            "import json\n\nimport torch\nfrom django.http import JsonResponse\n\n"
            "model = torch.jit.load('models/pulse.pt')\n\n\n"
            "def process_frame(request):\n    frame = json.loads(request.body)['frame']\n"
            "    rate = float(model(torch.tensor([frame]))[0])\n"
            "    return JsonResponse({'heart_rate': rate})\n",
            "passed",
        ),
        (
            "import torch\n\nmodel = torch.jit.load('models/pulse.pt')\n\n\n"
            "def heart_rate(frame):\n    return float(model(torch.tensor([frame]))[0])\n",
            "failed",
        ),
        ("from django.shortcuts import render\n\n# Create your views here.\n", "failed"),
    ],
    ids=["view-runs-a-model", "no-view", "startapp-stub"],
)
def test_serve001_a_django_view_that_runs_a_model_serves(
    tmp_path: Path, view: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "django==5.1.3\ntorch==2.6.0\n",
        "manage.py": (
            "import os\nimport sys\n\nfrom django.core.management import "
            "execute_from_command_line\n\n"
            "if __name__ == '__main__':\n"
            "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n"
            "    execute_from_command_line(sys.argv)\n"
        ),
        "pulse/__init__.py": "",
        "pulse/models.py": (
            "from django.db import models\n\n\nclass Article(models.Model):\n"
            "    title = models.CharField(max_length=100)\n"
        ),
        "pulse/views.py": view,
        "Procfile": "web: gunicorn site.wsgi\n",
    }
    assert committed_status(tmp_path, tree, "SERVE001") == status


@pytest.mark.parametrize(
    ("entrypoint", "status"),
    [
        ('#!/bin/sh\nset -e\nexec runuser -u appuser -- "$@"\n', "passed"),
        ('#!/bin/sh\nset -e\nexec "$@"\n', "failed"),
        ('#!/bin/sh\nset -e\nexec gosu root "$@"\n', "failed"),
    ],
    ids=["runuser-appuser", "runs-as-root", "gosu-root"],
)
def test_img003_an_entrypoint_that_drops_root_runs_as_a_user(
    tmp_path: Path, entrypoint: str, status: str
) -> None:
    tree: Tree = {
        **_SERVICE,
        "model_service/Dockerfile": (
            "FROM python:3.12-slim\nRUN useradd --create-home appuser\nWORKDIR /app\n"
            "COPY . ./\nCOPY scripts/ ./scripts/\nEXPOSE 8000\n"
            'ENTRYPOINT ["/app/scripts/entrypoint.sh"]\n'
            'CMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n'
        ),
        "model_service/scripts/entrypoint.sh": entrypoint,
    }
    assert committed_status(tmp_path, tree, "IMG003") == status


_ANOMALY_SERVICE: Tree = {
    "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\njoblib==1.4.2\n",
    "src/__init__.py": "",
    "src/api.py": (
        "import joblib\nfrom fastapi import FastAPI\n\nmodel = joblib.load('model.joblib')\n"
        "app = FastAPI()\n\n\n@app.post('/score')\ndef score(x: float) -> float:\n"
        "    return float(model.predict([[x]])[0])\n"
    ),
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nCMD ["uvicorn", "src.api:app"]\n',
}


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        (
            "Telemetry anomaly detection served on Cloud Run. The model ([Telemanom LSTM, "
            "Hundman et al. 2018](https://arxiv.org/abs/1802.04431)) is trained per channel.\n\n"
            "Built as a portfolio project targeting ML Platform Engineer roles.\n",
            "application",
        ),
        (
            "Code for our paper ([Telemanom LSTM, Hundman et al. 2018]"
            "(https://arxiv.org/abs/1802.04431)).\n",
            "example",
        ),
    ],
    ids=["portfolio-cites-its-model", "paper-code"],
)
def test_kind_a_portfolio_project_citing_its_model_is_no_research_code(
    tmp_path: Path, opening: str, kind: str
) -> None:
    tree: Tree = {**_ANOMALY_SERVICE, "README.md": f"# Spacecraft anomalies\n\n{opening}"}
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        (
            "이 레포지토리는 Airflow, MLflow, PostgreSQL을 활용한 실용적인 MLOps 파이프라인 "
            "예제를 담고 있습니다.\n",
            "example",
        ),
        ("이 레포지토리는 매장 수요를 예측하는 서비스입니다.\n", "application"),
    ],
    ids=["korean-example", "korean-service"],
)
def test_kind_a_korean_readme_that_calls_the_repository_an_example(
    tmp_path: Path, opening: str, kind: str
) -> None:
    tree: Tree = {**_ANOMALY_SERVICE, "README.md": f"# training-pipeline\n\n{opening}"}
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("step", "status"),
    [
        (
            "      - uses: TrueBrain/actions-flake8@v2\n        with:\n          path: src\n",
            "passed",
        ),
        ("      - uses: actions/upload-artifact@v4\n", "failed"),
    ],
    ids=["flake8-action", "upload-action"],
)
def test_ci003_a_flake8_action_lints(tmp_path: Path, step: str, status: str) -> None:
    tree: Tree = {
        **_PACKAGE,
        ".github/workflows/ci.yml": (
            "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n"
            f"      - uses: actions/checkout@v4\n{step}"
        ),
    }
    assert committed_status(tmp_path, tree, "CI003") == status


@pytest.mark.parametrize(
    ("decorators", "status"),
    [("", "passed"), ("@jwt_required()\n", "failed")],
    ids=["open-root", "root-behind-login"],
)
def test_serve002_a_root_route_behind_a_login_is_no_liveness_check(
    tmp_path: Path, decorators: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "flask==3.1.0\nflask-jwt-extended==4.7.1\njoblib==1.4.2\n",
        "app.py": (
            "import joblib\nfrom flask import Flask, jsonify, request\n"
            "from flask_jwt_extended import JWTManager, jwt_required\n\n"
            "app = Flask(__name__)\nJWTManager(app)\nmodel = joblib.load('model.joblib')\n\n\n"
            f"@app.route('/', methods=['GET'])\n{decorators}def index():\n"
            "    return jsonify(status='ok')\n\n\n"
            "@app.route('/predict', methods=['POST'])\n@jwt_required()\ndef predict():\n"
            "    return jsonify(prediction=float(model.predict([request.json['x']])[0]))\n"
        ),
    }
    assert committed_status(tmp_path, tree, "SERVE002") == status
