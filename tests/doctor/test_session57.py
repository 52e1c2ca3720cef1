"""Session 57, from round 82.

Kinds: a Spanish repository that holds an example project ("Este repositorio contiene un
proyecto de ejemplo"); a course repository that welcomes its reader and aims to teach
them; a root package whose plugins are the nested projects' packages (one product, not a
monorepo). TEST003: a test calling a FastAPI route's handler function with a request.
MON001: a helper appending each prediction to a CSV file through `path.open("a")`.

From round 83: kinds of a French practical ("Pour suivre ce TP"), a Spanish one ("contiene
una práctica") and a system "for teaching MLOps to ... students". DOCS001: `setup.py
install` sets up. SEC001: MinIO's public playground keys are no secret. ENV007: a uv.lock
beside a nested package's pyproject.toml. SERVE001: an image whose command runs a batch
program (`python -m src.app`) serves nothing.

From round 84: kinds of a package that plugs into another tool's entry points (an MLflow
store plugin whose auth app extends MLflow's server) and of such a plugin beside the project
it is tried on. IMG006: `amazonlinux:2`. IMG003: a `FROM scratch` stage exporting files.
MON001: a prediction record published to RabbitMQ. TEST003: a test invoking the deployed
Lambda function. TEST002: a SageMaker pipeline's `ConditionStep` on a metric's floor.

From round 85: IMG002 reads which module `uvicorn app.main:app` runs when app.py sits
beside the package app/ (the package). DATA001: a run's committed artifacts are no
training data. DATA005: a loop asserting each value of the data read falls in a set.
CI002: Docker's build-push action building a test stage. Kinds: a Spanish bootcamp's lab
("Laboratorio de Machine Learning para Bootcamp")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, committed_kind, committed_status, shown_findings
from tests.doctor.test_locks import IN_SYNC, PYPROJECT, uv_lock
from tests.doctor.test_session56 import _SERVE, _TRAIN


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        (
            "Este repositorio contiene un proyecto de ejemplo de **Machine Learning** que "
            "clasifica el conjunto de datos Iris.",
            "example",
        ),
        (
            "Este repositorio contiene el servicio de predicción de riesgo de crédito y su "
            "modelo, con datos de ejemplo.",
            "application",
        ),
    ],
)
def test_a_spanish_repository_holding_an_example_project_is_an_example(
    tmp_path: Path, opening: str, kind: str
) -> None:
    tree = {
        "README.md": f"# Clasificación de Iris\n\n{opening}\n\n## Requisitos\n\nPython.\n",
        "src/train.py": _TRAIN,
        "app/app.py": _SERVE,
    }
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        (
            "Welcome to the 2024 MLOps course repository at TPS. This project aims to teach "
            "you how to implement:",
            "example",
        ),
        ("Welcome to the fraud scoring service. This project serves the model.", "application"),
        ("This project aims to cut the time analysts spend labelling claims.", "application"),
    ],
)
def test_a_course_repository_that_aims_to_teach_is_an_example(
    tmp_path: Path, opening: str, kind: str
) -> None:
    tree = {
        "README.md": f"# mlops-2024\n\n{opening}\n\n- Pipelines with ZenML.\n",
        "src/train.py": _TRAIN,
        "src/api.py": _SERVE,
    }
    assert committed_kind(tmp_path, tree) == kind


def _plugin_project(imports: int) -> Tree:
    """A root orchestration package beside three model packages under models/, of which
    the root's plugins import the first `imports`."""
    tree: Tree = {
        "README.md": "# rul-workflow\n\nTrains and deploys remaining-useful-life models.\n",
        "pyproject.toml": (
            '[project]\nname = "rul-workflow"\nversion = "0.1.0"\n\n'
            '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n'
        ),
        "src/rul_workflow/__init__.py": "",
        "src/rul_workflow/serving.py": _SERVE,
    }
    for number, name in enumerate(("mamba", "rocket", "mixer")):
        package = f"{name}_model"
        tree[f"models/{name}/pyproject.toml"] = (
            f'[project]\nname = "{name}-model"\nversion = "0.1.0"\n'
        )
        tree[f"models/{name}/src/{package}/__init__.py"] = ""
        tree[f"models/{name}/src/{package}/train.py"] = _TRAIN
        plugin = f"from {package}.train import frame\n" if number < imports else "frame = None\n"
        tree[f"src/rul_workflow/{name}_plugin.py"] = plugin
    return tree


@pytest.mark.parametrize(("imports", "kind"), [(2, "application"), (0, "monorepo")])
def test_nested_packages_the_root_plugs_in_are_its_parts(
    tmp_path: Path, imports: int, kind: str
) -> None:
    assert committed_kind(tmp_path, _plugin_project(imports)) == kind


def _handler_test(call: str) -> Tree:
    return {
        "train.py": _TRAIN,
        "api/__init__.py": "",
        "api/main.py": (
            "import joblib\nfrom fastapi import APIRouter, FastAPI\nfrom pydantic import "
            "BaseModel\n\nrouter = APIRouter()\n\n\nclass Request(BaseModel):\n    x: float\n\n\n"
            "@router.get('/health')\ndef health() -> dict:\n    return {'status': 'ok'}\n\n\n"
            "@router.post('/predict')\ndef predict(request: Request) -> dict:\n"
            "    model = joblib.load('model.joblib')\n"
            "    return {'y': float(model.predict([[request.x]])[0])}\n\n\n"
            "app = FastAPI()\napp.include_router(router)\n"
        ),
        "tests/test_api.py": (
            "from api.main import Request, health, predict\n\n\n"
            f"def test_answer() -> None:\n    assert {call}\n"
        ),
    }


@pytest.mark.parametrize(
    ("call", "status"),
    [("predict(Request(x=1.0))['y'] >= 0", "passed"), ("health() == {'status': 'ok'}", "failed")],
)
def test_a_test_calling_a_prediction_routes_handler_tests_the_service(
    tmp_path: Path, call: str, status: str
) -> None:
    assert committed_status(tmp_path, _handler_test(call), "TEST003") == status


@pytest.mark.parametrize(("mode", "status"), [('"a"', "passed"), ('"w"', "failed")])
def test_a_helper_appending_predictions_to_a_csv_file_logs_them(
    tmp_path: Path, mode: str, status: str
) -> None:
    service = (
        "import csv\nfrom pathlib import Path\n\nimport joblib\nfrom fastapi import FastAPI\n\n"
        "app = FastAPI()\nmodel = joblib.load('model.joblib')\nLOG = Path('logs/predictions.csv')\n"
        "\n\ndef _append_csv(path: Path, row: dict) -> None:\n"
        f"    with path.open({mode}, newline='') as f:\n"
        "        writer = csv.DictWriter(f, fieldnames=list(row))\n"
        "        writer.writerow(row)\n\n\n"
        "@app.post('/predict')\ndef predict(x: float) -> dict:\n"
        "    prediction = float(model.predict([[x]])[0])\n"
        "    _append_csv(LOG, {'x': x, 'prediction': prediction})\n"
        "    return {'y': prediction}\n"
    )
    tree = {"train.py": _TRAIN, "app.py": service}
    assert committed_status(tmp_path, tree, "MON001") == status


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("Pour suivre ce TP nous allons utiliser les pages suivantes :", "example"),
        ("Ce paquet entraîne et publie le modèle de prévision des ventes.", "library"),
    ],
)
def test_a_french_practical_with_a_package_is_an_example(
    tmp_path: Path, opening: str, kind: str
) -> None:
    tree = {
        "README.md": f"# Formation MLOps 2\n\n{opening}\n\n[TP 1](https://example.org/tp1)\n",
        "setup.py": (
            "from setuptools import setup\n\nsetup(name='formation', packages=['formation'])\n"
        ),
        "formation/__init__.py": "",
        "formation/features.py": "def scale(x: float) -> float:\n    return x / 10\n",
    }
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        (
            "Este repositorio contiene una práctica completa de MLOps basada en un caso de uso "
            "sencillo.",
            "example",
        ),
        (
            "Este repositorio contiene las mejores prácticas del equipo para servir modelos.",
            "application",
        ),
    ],
)
def test_a_spanish_practical_is_an_example(tmp_path: Path, opening: str, kind: str) -> None:
    tree: Tree = {"README.md": f"# MLOps Práctico\n\n{opening}\n"}
    for folder in ("model_registry", "model_serving"):
        tree[f"{folder}/requirements.txt"] = "scikit-learn==1.5.2\n"
        tree[f"{folder}/train.py"] = _TRAIN
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        (
            "A locally-runnable RAG retrieval system for teaching MLOps to data engineering "
            "students, built with FastAPI.",
            "example",
        ),
        ("A RAG retrieval system for teachers, built with FastAPI.", "application"),
    ],
)
def test_a_system_for_teaching_students_is_an_example(
    tmp_path: Path, opening: str, kind: str
) -> None:
    tree = {"README.md": f"# RAG Kubeflow\n\n{opening}\n", "train.py": _TRAIN, "api.py": _SERVE}
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("command", "status"),
    [("python setup.py install", "passed"), ("python train.py", "failed")],
)
def test_setup_py_install_sets_up(tmp_path: Path, command: str, status: str) -> None:
    tree = {
        "README.md": f"# Solver\n\nTo get started, run `{command}`.\n",
        "setup.py": "from setuptools import setup\n\nsetup(name='solver')\n",
        "train.py": _TRAIN,
    }
    assert committed_status(tmp_path, tree, "DOCS001") == status


@pytest.mark.parametrize(
    ("secret", "found"),
    [
        ("zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TG", False),
        ("zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TH", True),
    ],
)
def test_minios_public_playground_keys_are_no_secret(
    tmp_path: Path, secret: str, found: bool
) -> None:
    tree = {
        "pipeline.py": (
            "from minio import Minio\n\nclient = Minio(\n    'play.min.io',\n"
            f"    access_key='Q3AM3UQ867SPQQA43P2F',\n    secret_key='{secret}',\n)\n"
        )
    }
    assert bool(shown_findings(tmp_path, tree, "SEC001")) is found


@pytest.mark.parametrize(
    ("requires", "found"),
    [(IN_SYNC, False), (IN_SYNC[1:], True)],
)
def test_a_nested_packages_own_uv_lock_is_checked(
    tmp_path: Path, requires: tuple[str, ...], found: bool
) -> None:
    tree = {
        "README.md": "# rag\n",
        "python/lib-demo/pyproject.toml": PYPROJECT,
        "python/lib-demo/uv.lock": uv_lock(*requires),
        "python/lib-demo/demo/__init__.py": "",
    }
    shown = shown_findings(tmp_path, tree, "ENV007")
    assert bool(shown) is found
    assert all(line.startswith("python/lib-demo/uv.lock") for line in shown)


@pytest.mark.parametrize(
    ("program", "status"),
    [
        (
            "import pandas as pd\n\npd.DataFrame({'p': [0.5]}).to_csv('predictions.csv')\n",
            "not-applicable",
        ),
        (_SERVE, "passed"),
    ],
)
def test_an_image_running_a_batch_program_serves_nothing(
    tmp_path: Path, program: str, status: str
) -> None:
    tree = {
        "src/__init__.py": "",
        "src/app.py": program,
        "train.py": _TRAIN,
        "Dockerfile": 'FROM python:3.12-slim\nCOPY src/ ./src\nCMD ["python3", "-m", "src.app"]\n',
    }
    assert committed_status(tmp_path, tree, "SERVE001") == status


@pytest.mark.parametrize(
    ("host", "found"),
    [("35.210.233.219", True), ("localhost", False), ("{CLICKHOUSE_HOST}", False)],
)
def test_a_client_logging_in_to_a_remote_host_with_a_password_commits_it(
    tmp_path: Path, host: str, found: bool
) -> None:
    tree = {
        "load.py": (
            "from clickhouse_driver import Client\n\nclient = Client(\n"
            f"    host='{host}',\n    user='user1',\n    password='hola1234',\n)\n"
        )
    }
    assert bool(shown_findings(tmp_path, tree, "SEC001")) is found


@pytest.mark.parametrize(
    ("trainer", "status"),
    [
        (
            "def train_model(frame):\n    return LinearRegression().fit(frame[['x']], frame.y)\n",
            "failed",
        ),
        ("def scale(frame):\n    return StandardScaler().fit(frame[['x']])\n", "passed"),
    ],
)
def test_a_train_route_calling_a_training_function_trains_in_the_service(
    tmp_path: Path, trainer: str, status: str
) -> None:
    name = trainer.split("(")[0].removeprefix("def ")
    tree = {
        "api/__init__.py": "",
        "api/model.py": (
            "from sklearn.linear_model import LinearRegression\n"
            "from sklearn.preprocessing import StandardScaler\n\n\n" + trainer
        ),
        "api/app.py": (
            "import joblib\nimport pandas as pd\nfrom fastapi import FastAPI\n\n"
            f"from api.model import {name}\n\napp = FastAPI()\n\n\n"
            "@app.post('/predict')\ndef predict(x: float) -> dict:\n"
            "    return {'y': float(joblib.load('model.pkl').predict([[x]])[0])}\n\n\n"
            "@app.post('/train')\ndef train() -> dict:\n"
            f"    joblib.dump({name}(pd.read_csv('data.csv')), 'model.pkl')\n"
            "    return {'ok': True}\n"
        ),
        "api/Dockerfile": (
            "FROM python:3.12-slim\nCOPY . /app\nEXPOSE 80\n"
            'CMD ["uvicorn", "api.app:app", "--host", "0.0.0.0", "--port", "80"]\n'
        ),
    }
    assert committed_status(tmp_path, tree, "IMG002") == status


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        (
            "This is a **ready-to-run platform** that shows how a real ML system works "
            "end-to-end in production.",
            "example",
        ),
        ("This is a platform that shows how the model scores each claim.", "application"),
    ],
)
def test_a_platform_that_shows_how_a_system_works_is_an_example(
    tmp_path: Path, opening: str, kind: str
) -> None:
    tree = {
        "README.md": f"# ML Engineering Platform\n\n## What Is This?\n\n{opening}\n",
        "train.py": _TRAIN,
        "api.py": _SERVE,
    }
    assert committed_kind(tmp_path, tree) == kind


_PLUGIN_PYPROJECT = (
    '[project]\nname = "mlflow-dynamostore"\nversion = "0.1.0"\n'
    'classifiers = ["Programming Language :: Python :: 3"]\n\n'
    '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
)
_AUTH_APP = (
    "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
    "@app.get('/users')\ndef users():\n    return []\n"
)


@pytest.mark.parametrize(
    ("entry_points", "kind"),
    [
        (
            '\n[project.entry-points."mlflow.tracking_store"]\n'
            'dynamo = "dynamostore.store:Store"\n',
            "library",
        ),
        ('\n[project.scripts]\ndynamostore = "dynamostore.cli:main"\n', "application"),
    ],
)
def test_a_package_plugging_into_another_tools_entry_points_is_a_library(
    tmp_path: Path, entry_points: str, kind: str
) -> None:
    tree = {
        "README.md": "",
        "pyproject.toml": _PLUGIN_PYPROJECT + entry_points,
        "src/dynamostore/__init__.py": "",
        "src/dynamostore/auth/app.py": _AUTH_APP,
    }
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("trial", "kind"), [("argo-test", "library"), ("churn-service", "monorepo")]
)
def test_a_plugin_beside_the_project_it_is_tried_on_is_one_library(
    tmp_path: Path, trial: str, kind: str
) -> None:
    tree = {
        "README.md": "# argo-kedro\n\nA Kedro plugin running pipelines on Argo Workflows.\n",
        "argo-kedro/pyproject.toml": (
            '[project]\nname = "argo-kedro"\nversion = "0.1.0"\n\n'
            '[project.entry-points."kedro.hooks"]\nargo = "argo_kedro.hooks:hooks"\n'
        ),
        "argo-kedro/src/argo_kedro/__init__.py": "",
        "argo-kedro/src/argo_kedro/hooks.py": "hooks = []\n",
        f"{trial}/pyproject.toml": '[project]\nname = "trial"\nversion = "0.1.0"\n',
        f"{trial}/requirements.txt": "scikit-learn==1.5.2\n",
        f"{trial}/src/trial/__init__.py": "",
        f"{trial}/src/trial/train.py": _TRAIN,
    }
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(("base", "found"), [("amazonlinux:2", True), ("amazonlinux:2023", False)])
def test_amazon_linux_2_is_past_its_end_of_life(tmp_path: Path, base: str, found: bool) -> None:
    tree = {
        "train.py": _TRAIN,
        "app.py": _SERVE,
        "Dockerfile": f'FROM {base}\nCOPY . /app\nEXPOSE 80\nCMD ["uvicorn", "app:app"]\n',
    }
    assert bool(shown_findings(tmp_path, tree, "IMG006")) is found


@pytest.mark.parametrize(
    ("command", "status"), [("", "passed"), ('CMD ["/deps.tar.gz"]\n', "failed")]
)
def test_a_scratch_stage_exporting_files_runs_no_container(
    tmp_path: Path, command: str, status: str
) -> None:
    tree = {
        "train.py": _TRAIN,
        "app.py": _SERVE,
        "Dockerfile": (
            "FROM python:3.12-slim AS build\n"
            "RUN pip install venv-pack==0.2.0 && venv-pack -o /deps.tar.gz\n"
            "FROM scratch AS export\nCOPY --from=build /deps.tar.gz /\n" + command
        ),
    }
    assert committed_status(tmp_path, tree, "IMG003") == status


@pytest.mark.parametrize(
    ("publish", "status"),
    [
        (
            "await exchange.publish(aio_pika.Message(body=body), routing_key='predictions')",
            "passed",
        ),
        ("print(body)", "failed"),
    ],
)
def test_a_prediction_published_to_rabbitmq_is_logged(
    tmp_path: Path, publish: str, status: str
) -> None:
    service = (
        "import json\n\nimport aio_pika\nimport joblib\nfrom fastapi import FastAPI\n\n"
        "app = FastAPI()\nmodel = joblib.load('model.joblib')\nexchange = None\n\n\n"
        "async def log_prediction(x: float, prediction: float) -> None:\n"
        "    body = json.dumps({'x': x, 'prediction': prediction}).encode()\n"
        f"    {publish}\n\n\n"
        "@app.post('/predict')\nasync def predict(x: float) -> dict:\n"
        "    prediction = float(model.predict([[x]])[0])\n"
        "    await log_prediction(x, prediction)\n    return {'y': prediction}\n"
    )
    assert committed_status(tmp_path, {"train.py": _TRAIN, "app.py": service}, "MON001") == status


_LAMBDA = (
    "import joblib\n\nmodel = joblib.load('model.joblib')\n\n\n"
    "def handler(event, context):\n"
    "    return {'prediction': float(model.predict([event['x']])[0])}\n"
)


@pytest.mark.parametrize(
    ("call", "status"),
    [
        ("client.invoke(FunctionName='fraud', Payload=json.dumps({'x': [1.0]}))", "passed"),
        ("client.get_function(FunctionName='fraud')", "failed"),
    ],
)
def test_a_test_invoking_the_deployed_lambda_tests_the_service(
    tmp_path: Path, call: str, status: str
) -> None:
    tree = {
        "train.py": _TRAIN,
        "serving/handler.py": _LAMBDA,
        "tests/test_integration.py": (
            "import json\n\nimport boto3\n\n\ndef test_invocation() -> None:\n"
            f"    client = boto3.client('lambda')\n    response = {call}\n"
            "    assert response['StatusCode'] == 200\n"
        ),
    }
    assert committed_status(tmp_path, tree, "TEST003") == status


@pytest.mark.parametrize(("right", "status"), [("0.6", "passed"), ("f1_floor_param", "failed")])
def test_a_sagemaker_condition_step_on_a_floor_gates_the_model(
    tmp_path: Path, right: str, status: str
) -> None:
    pipeline = (
        "from sagemaker.workflow.condition_step import ConditionStep\n"
        "from sagemaker.workflow.conditions import ConditionGreaterThanOrEqualTo\n"
        "from sagemaker.workflow.fail_step import FailStep\n\n"
        "from steps import evaluate, register, f1_floor_param\n\n"
        "gate = ConditionStep(\n    name='Gate',\n"
        f"    conditions=[ConditionGreaterThanOrEqualTo(left=evaluate()['f1'], right={right})],\n"
        "    if_steps=[register()],\n    else_steps=[FailStep(name='Fail')],\n)\n"
    )
    tree = {
        "train.py": _TRAIN,
        "pipeline.py": pipeline,
        "steps.py": "f1_floor_param = None\n\n\ndef scale(x: float) -> float:\n    return x / 10\n",
        "tests/test_steps.py": (
            "from steps import scale\n\n\ndef test_scale() -> None:\n    assert scale(10) == 1\n"
        ),
    }
    assert committed_status(tmp_path, tree, "TEST002") == status


@pytest.mark.parametrize(("package", "status"), [(True, "passed"), (False, "failed")])
def test_a_package_beside_a_module_of_its_name_is_what_python_imports(
    tmp_path: Path, package: bool, status: str
) -> None:
    trainer = (
        "from flask import Flask\nfrom sklearn.linear_model import LinearRegression\n\n"
        "app = Flask(__name__)\n\n\ndef train_model(frame):\n"
        "    return LinearRegression().fit(frame[['x']], frame.y)\n\n\n"
        "@app.route('/train', methods=['POST'])\ndef train():\n    train_model(None)\n"
        "    return 'ok'\n"
    )
    tree = {
        "train.py": _TRAIN,
        "app.py": trainer,
        "api/__init__.py" if not package else "app/__init__.py": "",
        "app/main.py": "import app\n" + _SERVE,
        "Dockerfile": (
            "FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nEXPOSE 80\n"
            'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]\n'
        ),
    }
    assert committed_status(tmp_path, tree, "IMG002") == status


@pytest.mark.parametrize(("folder", "status"), [("artefacts/runs", "failed"), ("data", "passed")])
def test_a_runs_committed_artifacts_are_no_training_data(
    tmp_path: Path, folder: str, status: str
) -> None:
    tree = {
        f"{folder}/misclassified.csv": "x,y\n1,0\n",
        "train.py": _TRAIN.replace("data/train.csv", f"{folder}/misclassified.csv"),
        "api.py": _SERVE,
    }
    assert committed_status(tmp_path, tree, "DATA001") == status


@pytest.mark.parametrize(
    ("check", "status"),
    [("assert label in ('legitimate', 'phishing')", "passed"), ("assert label", "failed")],
)
def test_a_loop_checking_each_label_read_is_a_data_test(
    tmp_path: Path, check: str, status: str
) -> None:
    tree = {
        "train.py": _TRAIN,
        "lib/__init__.py": "",
        "lib/dataset.py": (
            "def load_dataset_file(path):\n    rows = [line.split() for line in open(path)]\n"
            "    return [r[1] for r in rows], [r[0] for r in rows]\n"
        ),
        "tests/test_data.py": (
            "from lib.dataset import load_dataset_file\n\n\ndef test_labels() -> None:\n"
            "    urls, labels = load_dataset_file('data/train.txt')\n"
            f"    for label in labels:\n        {check}\n"
        ),
    }
    assert committed_status(tmp_path, tree, "DATA005") == status


@pytest.mark.parametrize(("target", "status"), [("test", "passed"), ("serve", "failed")])
def test_the_build_push_action_building_a_test_stage_runs_the_tests(
    tmp_path: Path, target: str, status: str
) -> None:
    workflow = (
        "name: image\non: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: actions/checkout@v4\n"
        "      - uses: docker/build-push-action@v6\n        with:\n          context: ./docker\n"
        f"          target: {target}\n"
    )
    tree = {
        ".github/workflows/image.yml": workflow,
        "docker/Dockerfile": (
            "FROM python:3.12-slim AS base\nCOPY . /app\nWORKDIR /app\n"
            "FROM base AS test\nRUN python -m pytest -v\n"
            'FROM base AS serve\nCMD ["uvicorn", "api:app"]\n'
        ),
        "docker/api.py": _SERVE,
        "docker/train.py": _TRAIN,
        "docker/tests/test_api.py": (
            "def test_scale() -> None:\n    assert round(0.1 + 0.2, 1) == 0.3\n"
        ),
    }
    assert committed_status(tmp_path, tree, "CI002") == status


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("Laboratorio de Machine Learning para Bootcamp Institute - Meridian", "example"),
        ("Servicio de detección de anomalías para los pozos de Meridian", "application"),
    ],
)
def test_a_spanish_bootcamp_lab_is_an_example(tmp_path: Path, opening: str, kind: str) -> None:
    tree = {
        "README.md": f"# ml-bootcamp-labs\n\n{opening}\n\n## Descripción\n\nUn pipeline.\n",
        "src/train.py": _TRAIN,
        "app/api.py": _SERVE,
    }
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Each month it exports the top 10% of customers most at risk.", "application"),
        ("Kaggle churn competition: top 10% on the private leaderboard.", "example"),
    ],
)
def test_a_top_share_ranks_only_in_a_competition(tmp_path: Path, line: str, kind: str) -> None:
    tree = {
        "README.md": f"# Churn scoring\n\n{line}\n",
        "train.py": _TRAIN,
        "api.py": _SERVE,
    }
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("packages", "kind"), [('"hydra_plugins"', "library"), ('"src"', "application")]
)
def test_a_poetry_namespace_package_with_subpackages_is_shipped(
    tmp_path: Path, packages: str, kind: str
) -> None:
    tree = {
        "README.md": "# optuna-sweeper-reborn\n\nAn Optuna sweeper for Hydra.\n",
        "pyproject.toml": (
            '[tool.poetry]\nname = "optuna-sweeper-reborn"\nversion = "0.1.0"\n'
            'description = "An Optuna sweeper plugin for Hydra"\n'
            'classifiers = ["Programming Language :: Python :: 3"]\n'
            f"packages = [{{ include = {packages} }}]\n"
        ),
        "hydra_plugins/optuna_sweeper_reborn/__init__.py": "",
        "hydra_plugins/optuna_sweeper_reborn/sweeper.py": "class Sweeper:\n    pass\n",
    }
    assert committed_kind(tmp_path, tree) == kind
