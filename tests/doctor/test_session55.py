"""Session 55, from rounds 75 to 78.

SERVE002 and MON002: a drift-monitoring service that watches other models and holds none of
its own serves no model. Kinds: a README titled "ML Projects Collection", "an archive of ...
projects". NB001: a notebook of one cell of code has no order to break. IMG005: an image
that copies its whole context and installs and runs files only its own folder holds is built
from that folder, which holds no .git. SERVE002: a Lambda handler named for what it does,
`def predict(event, context)`. ENV006: the Python image of a Kubeflow Pipelines component.
SEC001: a Docker login saved in config.json. DOCS001: a classroom's copy linking its GitHub
Pages manual. CODE001: a package in a folder no import can name. ENV001: a folder of Java
code shares no Python declaration with the projects below it.

From round 76: kinds of "a sample project", "maintains code samples accompanying", a
package described as a project made for a lecture. DATA005: a test of the project's own
data set class. CODE003: a prospector profile. NB001: a commented-out cell left unrun.
REPO001: a W&B run's records. IMG002: a build step that starts the training pipeline.

From round 77: kinds of Japanese sample code ("本レポジトリは...のサンプルコードです"), a
Portuguese "projeto didático", "focus on how to"; REPO001: a JSON template of `${name}`
placeholders; SEC001: an Airflow Fernet key in an env template.

From round 78: SEC001: a kubeconfig's bearer token; SERVE002: a health route under any
prefix (`/services/ping`), `/status` under an API prefix only; kinds of a Chinese book's
code and of a course's page naming its teacher and teaching assistant."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.helpers import Tree, audit, committed_kind, committed_status, git_commit

_DRIFT_ROUTES = (
    "from fastapi import APIRouter\n\nfrom monitor.detectors import ks_drift\n\n"
    "router = APIRouter()\n\n\n@router.post('/monitors/{model_id}/check')\n"
    "def check_drift(model_id: str, reference: list[float], current: list[float]) -> dict:\n"
    "    drift_score = ks_drift(reference, current)\n"
    "    return {'model_id': model_id, 'drift_detected': drift_score > 0.2}\n"
)
_DRIFT_TEST = (
    "from scipy import stats\n\n\ndef ks_drift(reference: list[float], current: list[float]) "
    "-> float:\n    return float(stats.ks_2samp(reference, current).statistic)\n"
)


def _drift_service(routes: str) -> Tree:
    """A FastAPI service of drift monitors, packaged and run by its image."""
    return {
        "pyproject.toml": (
            '[project]\nname = "monitor"\nversion = "0.1.0"\n'
            'dependencies = ["fastapi==0.115.0", "scipy==1.14.1"]\n'
        ),
        "src/monitor/__init__.py": "",
        "src/monitor/main.py": (
            "from fastapi import FastAPI\n\nfrom monitor.routes import router\n\n"
            "app = FastAPI()\napp.include_router(router)\n"
        ),
        "src/monitor/routes.py": routes,
        "src/monitor/detectors.py": _DRIFT_TEST,
        "Dockerfile": (
            "FROM python:3.12-slim\nCOPY . /app\nRUN pip install /app\n"
            'CMD ["uvicorn", "monitor.main:app", "--host", "0.0.0.0"]\n'
        ),
        "README.md": "# Drift monitor\n\nWatches deployed models for data drift.\n",
    }


@pytest.mark.parametrize(
    ("routes", "status"),
    [
        (_DRIFT_ROUTES, "not-applicable"),
        (
            _DRIFT_ROUTES.replace(
                "    drift_score =",
                "    classifier = registry.get(model_id)\n    drift_score =",
            ).replace("router = APIRouter()\n", "router = APIRouter()\nregistry: dict = {}\n"),
            "failed",
        ),
    ],
    ids=["watches-other-models", "holds-a-classifier"],
)
@pytest.mark.parametrize("check_id", ["SERVE002", "MON002"])
def test_a_drift_monitor_serves_no_model_unless_it_holds_one(
    tmp_path: Path, routes: str, status: str, check_id: str
) -> None:
    assert committed_status(tmp_path, _drift_service(routes), check_id) == status


def _collection(title: str, opening: str) -> Tree:
    """Loose scripts of two small projects under a README titled `title`."""
    return {
        "README.md": f"# {title}\n\n{opening}\n",
        "house-prices/README.md": "# House prices\n",
        "house-prices/train.py": (
            "import pandas as pd\nfrom sklearn.linear_model import Ridge\n\n"
            "frame = pd.read_csv('train.csv')\nRidge().fit(frame[['area']], frame['price'])\n"
        ),
        "captioning/README.md": "# Image captioning\n",
        "captioning/train_model.py": (
            "from tensorflow import keras\n\nmodel = keras.Sequential()\n"
            "model.compile(loss='mse')\n"
        ),
    }


@pytest.mark.parametrize(
    ("title", "opening", "kind"),
    [
        ("ML Projects Collection", "Small notebooks and scripts, one folder each.", "monorepo"),
        (
            "Coursework",
            "Consolidated archive of small ML notebook-style projects.",
            "monorepo",
        ),
        ("House price model", "Predicts house prices from their area.", "application"),
    ],
    ids=["projects-collection-title", "archive-of-projects", "one-product"],
)
def test_kind_a_collection_or_archive_of_projects(
    tmp_path: Path, title: str, opening: str, kind: str
) -> None:
    assert committed_kind(tmp_path, _collection(title, opening)) == kind


def _notebook(*counts: int) -> str:
    """A notebook whose code cells ran with these execution counts."""
    cells = [
        {
            "cell_type": "code",
            "execution_count": count,
            "metadata": {},
            "outputs": [{"output_type": "stream", "name": "stdout", "text": ["1\n"]}],
            "source": [f"print({index})\n"],
        }
        for index, count in enumerate(counts)
    ]
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells})


@pytest.mark.parametrize(
    ("counts", "status"),
    [((2,), "passed"), ((2, 3), "failed"), ((1, 2), "passed")],
    ids=["one-cell-re-run", "two-cells-from-two", "two-cells-in-order"],
)
def test_nb001_one_cell_of_code_has_no_order_to_break(
    tmp_path: Path, counts: tuple[int, ...], status: str
) -> None:
    tree: Tree = {"notebooks/s3_check.ipynb": _notebook(*counts)}
    assert committed_status(tmp_path, tree, "NB001") == status


_DETECTOR_IMAGE = (
    "FROM python:3.11-slim\nWORKDIR /app\nCOPY . /app\nRUN pip install -r requirements.txt\n"
    'CMD ["python", "main.py"]\n'
)


@pytest.mark.parametrize(
    ("root_files", "status"),
    [
        ({}, "passed"),
        ({"requirements.txt": "ultralytics==8.3.0\n", "main.py": "print('root')\n"}, "failed"),
    ],
    ids=["only-its-folder-holds-them", "the-root-holds-them"],
)
def test_img005_an_image_built_from_the_folder_holding_what_it_runs(
    tmp_path: Path, root_files: Tree, status: str
) -> None:
    tree: Tree = {
        "README.md": "# Person detection\n\nDetects people on camera frames.\n",
        "src/detector/Dockerfile": _DETECTOR_IMAGE,
        "src/detector/requirements.txt": "ultralytics==8.3.0\n",
        "src/detector/main.py": "from ultralytics import YOLO\n\nYOLO('yolov8m.pt')\n",
        **root_files,
    }
    assert committed_status(tmp_path, tree, "IMG005") == status


_PREDICT_FUNCTION = (
    "import pickle\n\n\ndef predict(event, context):\n"
    "    model = pickle.load(open('model.pkl', 'rb'))\n"
    "    return {'statusCode': 200, 'body': str(model.predict([event['body']]))}\n"
)
_GATEWAY = (
    "import boto3\n\nclient = boto3.client('apigateway')\n"
    "client.create_rest_api(name='house-prices')\n"
)


@pytest.mark.parametrize(
    ("signature", "status"),
    [("def predict(event, context):", "failed"), ("def predict(rows, options):", "passed")],
    ids=["lambda-signature", "plain-function"],
)
def test_serve002_a_lambda_handler_named_for_what_it_does(
    tmp_path: Path, signature: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "scikit-learn==1.5.2\n",
        "src/lambda_function.py": _PREDICT_FUNCTION.replace(
            "def predict(event, context):", signature
        ),
        "aws_utils/create_gateway.py": _GATEWAY,
        "Dockerfile": (
            "FROM public.ecr.aws/lambda/python:3.12\nCOPY src/lambda_function.py ./\n"
            'CMD ["lambda_function.predict"]\n'
        ),
    }
    expected = status if status == "failed" else "not-applicable"
    assert committed_status(tmp_path, tree, "SERVE002") == expected


@pytest.mark.parametrize(("image", "status"), [("python:3.7", "failed"), ("python:3.12", "passed")])
def test_env006_the_python_image_of_a_pipeline_component(
    tmp_path: Path, image: str, status: str
) -> None:
    component = (
        "from kfp.components import create_component_from_func\n\n"
        f"BASE_IMAGE = '{image}'\n\n\ndef add(a: float, b: float) -> float:\n"
        "    return a + b\n\n\nadd_op = create_component_from_func(add, base_image=BASE_IMAGE)\n"
    )
    assert committed_status(tmp_path, {"lesson3/add.py": component}, "ENV006") == status


def _docker_config(auth: str) -> str:
    return json.dumps({"auths": {"https://index.docker.io/v1/": {"auth": auth}}}, indent="\t")


@pytest.mark.parametrize(
    ("login", "status"),
    [("chris:Wd7#pq9Lm2", "failed"), ("chris:", "passed"), ("chris:<password>", "passed")],
    ids=["user-and-password", "user-alone", "placeholder"],
)
def test_sec001_a_docker_login_saved_in_config_json(
    tmp_path: Path, login: str, status: str
) -> None:
    auth = base64.b64encode(login.encode()).decode()
    tree: Tree = {"first_project/config.json": _docker_config(auth), "train.py": "print(1)\n"}
    assert committed_status(tmp_path, tree, "SEC001") == status


@pytest.mark.parametrize(
    ("site_url", "status"),
    [
        ("https://author.github.io/house-prices/", "passed"),
        ("https://author.github.io/other-project/", "failed"),
    ],
    ids=["same-repository-other-owner", "another-repository"],
)
def test_docs001_a_classroom_copy_linking_its_pages(
    tmp_path: Path, site_url: str, status: str
) -> None:
    tree: Tree = {
        "README.md": (
            "# House prices\n\nPredicts house prices.\n\n## Documentation\n\n"
            "[Project documentation](https://classroom.github.io/house-prices/)\n"
        ),
        "mkdocs.yml": f"site_name: House prices\nsite_url: {site_url}\n",
        "docs/index.md": (
            "# House prices\n\n```bash\npip install -r requirements.txt\ndvc repro\n```\n"
        ),
        "requirements.txt": "scikit-learn==1.5.2\n",
        "train.py": "print('train')\n",
    }
    assert committed_status(tmp_path, tree, "DOCS001") == status


@pytest.mark.parametrize(
    ("package", "status"),
    [("traffic/tuning/__init__.py", "passed"), ("traffic/3_model_tuning/__init__.py", "failed")],
    ids=["identifier-folder", "folder-no-import-can-name"],
)
def test_code001_a_package_an_import_can_name(tmp_path: Path, package: str, status: str) -> None:
    folder = package.rpartition("/")[0]
    tree: Tree = {
        package: "",
        f"{folder}/tune.py": "print('tune')\n",
        "traffic/1_data_preparation/ingest.py": "print('ingest')\n",
    }
    assert committed_status(tmp_path, tree, "CODE001") == status


def _kind_tree(readme: str, description: str, shape: str) -> Tree:
    """A project that trains a model under `readme`: loose scripts, a package that
    setup.py describes, or such a package that an image serves."""
    train = (
        "from sklearn.linear_model import LogisticRegression\n\n"
        "LogisticRegression().fit([[0.0], [1.0]], [0, 1])\n"
    )
    if shape == "scripts":
        return {"README.md": readme, "pipeline/train.py": train}
    package: Tree = {
        "README.md": readme,
        "setup.py": (
            "from setuptools import find_packages, setup\n\n"
            f"setup(name='speech', description='{description}', "
            "packages=find_packages(), install_requires=['scikit-learn', 'fastapi'])\n"
        ),
        "speech/__init__.py": "",
        "speech/train.py": train,
    }
    if shape == "package":
        return package
    return {
        **package,
        "speech/api.py": (
            "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.post('/predict')\n"
            "def predict(text: str) -> dict:\n    return {'label': len(text) % 2}\n"
        ),
        "Dockerfile": (
            "FROM python:3.12-slim\nCOPY . /app\nRUN pip install /app\n"
            'CMD ["uvicorn", "speech.api:app"]\n'
        ),
    }


@pytest.mark.parametrize(
    ("readme", "description", "shape", "kind"),
    [
        (
            "# lendingclub\n\nThis is a sample project for Databricks, generated via "
            "cookiecutter.\n",
            "Scoring loans",
            "package",
            "example",
        ),
        (
            "# Customer lifetime value\n\nThis repository maintains code samples "
            "accompanying the reference guide.\n",
            "",
            "scripts",
            "example",
        ),
        (
            "# Hate speech\n\nClassifies tweets.\n",
            "This project is taking place in context of the MLOps lecture.",
            "service",
            "application",
        ),
        ("# Hate speech\n\nClassifies tweets.\n", "MLOps lecture series", "service", "example"),
    ],
    ids=["sample-project", "maintains-code-samples", "project-for-a-lecture", "lecture-series"],
)
def test_kind_samples_and_a_project_made_for_a_lecture(
    tmp_path: Path, readme: str, description: str, shape: str, kind: str
) -> None:
    assert committed_kind(tmp_path, _kind_tree(readme, description, shape)) == kind


_DATASET = (
    "import pandas as pd\nfrom torch.utils.data import Dataset\n\n\n"
    "class MatchDataset(Dataset):\n    def __init__(self, path):\n"
    "        self.frame = pd.read_csv(path)\n\n    def __len__(self):\n"
    "        return len(self.frame)\n\n    def __getitem__(self, index):\n"
    "        row = self.frame.iloc[index]\n        return row['x'], row['label']\n"
)


@pytest.mark.parametrize(
    ("built", "status"),
    [("MatchDataset(DATA)", "passed"), ("FakeDataset(DATA)", "failed")],
    ids=["the-projects-data-set", "a-fake-data-set"],
)
def test_data005_a_test_of_the_projects_own_data_set(
    tmp_path: Path, built: str, status: str
) -> None:
    test = (
        "from matches.data import MatchDataset, FakeDataset\n\n"
        "DATA = 'data/processed/matches.csv'\n\n\ndef test_labels_are_classes():\n"
        f"    dataset = {built}\n    x, y = dataset[0]\n    assert y.dtype == 'int64'\n"
    )
    tree: Tree = {
        "requirements.txt": "pandas==2.2.3\ntorch==2.5.1\n",
        "matches/__init__.py": "",
        "matches/data.py": _DATASET + "\n\nclass FakeDataset(MatchDataset):\n    pass\n",
        "matches/train.py": "from matches.data import MatchDataset\n\nprint(MatchDataset)\n",
        "tests/test_data.py": test,
    }
    assert committed_status(tmp_path, tree, "DATA005") == status


@pytest.mark.parametrize(
    ("name", "status"),
    [("prospector.yaml", "passed"), ("notes.yaml", "failed")],
    ids=["prospector-profile", "any-yaml"],
)
def test_code003_a_prospector_profile(tmp_path: Path, name: str, status: str) -> None:
    tree: Tree = {
        name: "strictness: medium\npep8:\n  options:\n    max-line-length: 120\n",
        "src/score.py": "print('score')\n",
    }
    assert committed_status(tmp_path, tree, "CODE003") == status


@pytest.mark.parametrize(
    ("unrun", "status"),
    [("# !pixi add evidently\n", "passed"), ("import evidently\n", "failed")],
    ids=["commented-install", "code-left-unrun"],
)
def test_nb001_a_commented_cell_left_unrun_between_run_ones(
    tmp_path: Path, unrun: str, status: str
) -> None:
    cells = json.loads(_notebook(1, 2))
    cells["cells"].insert(
        1,
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": [unrun],
        },
    )
    tree: Tree = {"drift/notebook.ipynb": json.dumps(cells)}
    assert committed_status(tmp_path, tree, "NB001") == status


@pytest.mark.parametrize(
    ("where", "status"),
    [
        ("wandb/run-20260118_155830-fd8333od/files/requirements.txt", "passed"),
        ("requirements.txt", "failed"),
    ],
    ids=["a-wandb-run-record", "the-projects-own"],
)
def test_repo001_a_wandb_runs_records_are_not_configuration(
    tmp_path: Path, where: str, status: str
) -> None:
    tree: Tree = {where: "torch==2.5.1\n==\n", "train.py": "print('train')\n"}
    assert committed_status(tmp_path, tree, "REPO001") == status


def test_env001_a_folder_of_java_code_shares_no_python_declaration(tmp_path: Path) -> None:
    tree: Tree = {
        "README.md": "# ML Projects Collection\n\nCoursework, one folder a project.\n",
        "detection/App (Java)/pom.xml": "<project><artifactId>app</artifactId></project>\n",
        "detection/App (Java)/src/main/java/App.java": "class App {}\n",
        "detection/web/README.md": "# Web server\n",
        "detection/web/app.py": (
            "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
            "@app.route('/')\ndef index():\n    return 'ok'\n"
        ),
        **{
            rel: content
            for rel, content in _collection("unused", "unused").items()
            if rel != "README.md"
        },
    }
    build_file_tree(tmp_path, tree)
    git_commit(tmp_path)
    results = audit(tmp_path, "ENV001").results
    by_project = {result.project: result.status.value for result in results}
    assert by_project["detection/web"] == "failed"


@pytest.mark.parametrize(
    ("step", "status"),
    [
        ("from fraud.train_model import train_model\n\ntrain_model()\n", "failed"),
        ("print('features built')\n", "passed"),
    ],
    ids=["starts-training", "builds-features"],
)
def test_img002_a_build_step_that_starts_the_training_pipeline(
    tmp_path: Path, step: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\n",
        "fraud/__init__.py": "",
        "fraud/train_model.py": (
            "from sklearn.ensemble import RandomForestClassifier\n\n\ndef train_model():\n"
            "    return RandomForestClassifier().fit([[0.0], [1.0]], [0, 1])\n"
        ),
        "fraud/run_all.py": step,
        "fraud/api.py": (
            "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.post('/predict')\n"
            "def predict(amount: float) -> dict:\n    return {'fraud': amount > 100}\n"
        ),
        "Dockerfile": (
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN python -m fraud.run_all\n"
            'EXPOSE 8000\nCMD ["python", "-m", "uvicorn", "fraud.api:app"]\n'
        ),
    }
    assert committed_status(tmp_path, tree, "IMG002") == status


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("本レポジトリは書籍「実践MLOps」のサンプルコードです。", "example"),
        ("Projeto didático de MLOps full-stack: ingestão, treino e serving.", "example"),
        ("This repository focus on `how to run code written in Hydra on Vertex AI`.", "example"),
        ("本レポジトリはクリック率を予測するシステムです。", "application"),
    ],
    ids=["japanese-sample-code", "portuguese-didactic-project", "focus-on-how-to", "a-system"],
)
def test_kind_said_as_sample_code_or_teaching_material(
    tmp_path: Path, opening: str, kind: str
) -> None:
    tree = _kind_tree(f"# 実践MLOps\n\n{opening}\n", "", "service")
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("subnets", "status"),
    [("${subnet_ids}", "passed"), ("[subnet-1,", "failed")],
    ids=["templatefile-placeholder", "cut-short"],
)
def test_repo001_a_json_template_of_placeholders(tmp_path: Path, subnets: str, status: str) -> None:
    definition = '{\n  "StartAt": "Train",\n  "Subnets": ' + subnets + "\n}\n"
    tree: Tree = {"terraform/statemachine/train_pipeline.json": definition}
    assert committed_status(tmp_path, tree, "REPO001") == status


@pytest.mark.parametrize(
    ("value", "status"),
    [("oQyDfPbjQQjFC2DqzGgxKnQ-J6cMTcL_aaCw4FMfQGY=", "failed"), ("<your-fernet-key>", "passed")],
    ids=["a-real-key", "a-placeholder"],
)
def test_sec001_an_airflow_fernet_key_in_an_env_template(
    tmp_path: Path, value: str, status: str
) -> None:
    tree: Tree = {
        ".env.example": f"AIRFLOW_FERNET_KEY={value}\nMINIO_ROOT_USER=minioadmin\n",
        "dags/train.py": "print('train')\n",
    }
    assert committed_status(tmp_path, tree, "SEC001") == status


_JWT = (
    "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ"
    ".c2lnbmF0dXJlLW9mLXRoZS10b2tlbi1oZXJl"
)


@pytest.mark.parametrize(
    ("token", "status"),
    [(_JWT, "failed"), ("<service-account-token>", "passed")],
    ids=["bearer-jwt", "placeholder"],
)
def test_sec001_a_kubeconfig_bearer_token(tmp_path: Path, token: str, status: str) -> None:
    kubeconfig = (
        f"apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: {token}\n"
    )
    tree: Tree = {"setting/kubeconfig.config": kubeconfig, "train.py": "print(1)\n"}
    assert committed_status(tmp_path, tree, "SEC001") == status


@pytest.mark.parametrize(
    ("route", "status"),
    [("/services/ping", "passed"), ("/training/status", "failed"), ("/api/status", "passed")],
    ids=["ping-under-a-prefix", "a-jobs-status", "status-under-api"],
)
def test_serve002_a_health_route_under_any_prefix(tmp_path: Path, route: str, status: str) -> None:
    app = (
        "import joblib\nfrom flask import Flask, jsonify, request\n\napp = Flask(__name__)\n"
        "model = joblib.load('model.joblib')\n\n\n@app.route('/classify', methods=['POST'])\n"
        "def classify():\n    return jsonify(model.predict([request.json['x']]).tolist())\n\n\n"
        f"@app.route('{route}')\ndef pong():\n    return jsonify(ping='pong')\n"
    )
    tree: Tree = {"requirements.txt": "flask==3.0.3\njoblib==1.4.2\n", "app.py": app}
    assert committed_status(tmp_path, tree, "SERVE002") == status


@pytest.mark.parametrize(
    ("readme", "kind"),
    [
        ("# MLops-practice\n用于重现《MLops实践》书中的 Python 代码。\n", "example"),
        (
            "# DevOps to MLOps\n\n## 개요\n\n- 교수: 조재용\n- 조교: 장영인\n- 시간: 화요일\n",
            "example",
        ),
        ("# Churn service\n\n- 지도교수: 조재용\n\nPredicts churn.\n", "application"),
    ],
    ids=["chinese-book-code", "korean-course-staff", "an-advisor-only"],
)
def test_kind_a_books_code_and_a_courses_staff(tmp_path: Path, readme: str, kind: str) -> None:
    assert committed_kind(tmp_path, _kind_tree(readme, "", "service")) == kind
