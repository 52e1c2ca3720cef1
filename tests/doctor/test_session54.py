"""Session 54, from rounds 62 to 72.

DOCS003: a dvc.yaml stage written as `foreach` keeps its command under `do`, and a DVC
pipeline in a folder of its own (`dvc repro pipelines/dvc.yaml`) is a set of tasks too.
Kinds: a demo built around a data set, Japanese hands-on teaching material, a "Handson"
title, a repository that "serves as a comprehensive guide to", a lab guide, a portfolio
project whose pitch says what it demonstrates, a request to cite the software itself.
CODE003 and CI003: pysen. SEC001: an Airflow Fernet key given as a variable's default, a
.netrc entry holding a W&B key. IMG006: Airflow's reference images by the Debian release
they were built on. TEST002: a served answer a fake predictor gives. DATA004: dvc.yaml
stages that train nothing.

From round 73: kinds of "a ... project template that allows you", "...のテンプレートです",
"criamos esse exemplo", a notebooks folder beside a service; SEC001: a masked GitHub
token, an INI line commented with `;`; CI002: unittest given a folder that is no package;
MON001: a JSON logger that spreads its keywords; IMG006 and ENV006: Alpine 3.14,
Miniconda 4.5.

From round 74: SERVE002: a health route under an API prefix; REPO001: a YAML list saved as a
requirements file (an empty workflow is CI001's); kinds: "This template deploys", "compiles
... code samples"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, committed_kind, committed_status
from tests.doctor.test_session53 import _SERVICE

_TRAIN = "import sys\n\nprint('training on', sys.argv[1:])\n"


@pytest.mark.parametrize(
    ("where", "stage", "status"),
    [
        (
            "dvc.yaml",
            "  train:\n    foreach: [cats, dogs]\n    do:\n"
            "      cmd: python src/train.py --dataset ${item}\n",
            "passed",
        ),
        ("pipelines/dvc.yaml", "  train:\n    cmd: python ../src/train.py\n", "passed"),
        ("dvc.yaml", "  train:\n    foreach: [cats, dogs]\n    do:\n      outs: [x]\n", "failed"),
    ],
    ids=["foreach-do", "folder-of-its-own", "foreach-without-command"],
)
def test_docs003_a_dvc_pipeline_of_foreach_stages_or_in_a_folder(
    tmp_path: Path, where: str, stage: str, status: str
) -> None:
    tree: Tree = {where: "stages:\n" + stage, "src/train.py": _TRAIN}
    assert committed_status(tmp_path, tree, "DOCS003") == status


_CITATION = "\n\n## Citation\n\nIf you use this platform, please cite:\n\n"


@pytest.mark.parametrize(
    ("readme", "kind"),
    [
        ("# Azure ML Iris\n\nEnd-to-end Azure ML demo built around the Iris dataset.\n", "example"),
        (
            "# Sentiment API\n\nInteractive sentiment analysis demo built with Gradio.\n",
            "application",
        ),
        ("# Databricks ML ハンズオン\n\n機械学習を体系的に学べるハンズオン教材です。\n", "example"),
        ("# AWS MLOps Handson\n\nA CTR prediction service on AWS.\n", "example"),
        (
            "# Mastering the data stack\n\nThis repository serves as a comprehensive guide to "
            "implementing machine learning on Databricks.\n",
            "example",
        ),
        (
            "# End-to-End MLOps on Azure\n\nProduction-grade MLOps pipeline.\n\n## Lab Guide\n\n"
            "The complete step-by-step lab guide is in the attached document.\n",
            "example",
        ),
        (
            "# Loan approval\n\nThis project demonstrates how machine learning can automate "
            "loan decisions.\n\n- Built as a portfolio project on a free trial.\n",
            "application",
        ),
        (
            "# Loan approval\n\nThis project demonstrates how machine learning can automate "
            "loan decisions.\n",
            "example",
        ),
    ],
    ids=[
        "demo-built-around",
        "demo-built-with-a-ui-library",
        "japanese-hands-on-material",
        "handson-title",
        "serves-as-a-guide",
        "lab-guide",
        "portfolio-pitch",
        "pitch-alone",
    ],
)
def test_kind_what_a_readme_says_of_the_repository(tmp_path: Path, readme: str, kind: str) -> None:
    assert committed_kind(tmp_path, {**_SERVICE, "README.md": readme}) == kind


@pytest.mark.parametrize(
    ("cited", "kind"),
    [
        ("```bibtex\n@software{platform,\n  title={Training platform},\n}\n```\n", "application"),
        ("our paper.\n", "example"),
    ],
    ids=["the-software", "a-paper"],
)
def test_kind_a_request_to_cite_the_software_itself_is_no_paper(
    tmp_path: Path, cited: str, kind: str
) -> None:
    readme = "# Training platform\n\nDistributed training with spot instances." + _CITATION
    tree: Tree = {"README.md": readme + cited, "train.py": _SERVICE["train.py"]}
    tree["requirements.txt"] = "scikit-learn==1.5.2\njoblib==1.4.2\n"
    assert committed_kind(tmp_path, tree) == kind


_PYSEN_CI = (
    "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n      - run: pip install pysen\n"
    "      - run: {command}\n"
)


@pytest.mark.parametrize(
    ("table", "command", "status"),
    [
        (
            "\n[tool.pysen.lint]\nenable_black = true\nenable_flake8 = true\n",
            "pysen run lint",
            "passed",
        ),
        ("", "pytest", "failed"),
    ],
    ids=["pysen", "no-linter"],
)
def test_code003_ci003_pysen_configures_and_runs_the_linters(
    tmp_path: Path, table: str, command: str, status: str
) -> None:
    tree: Tree = {
        "pyproject.toml": "[project]\nname = 'ctr'\nversion = '0.1'\n" + table,
        ".github/workflows/ci.yml": _PYSEN_CI.format(command=command),
        "ctr/__init__.py": "",
        "ctr/model.py": "def score(x):\n    return x\n",
        "tests/test_model.py": "from ctr.model import score\n\n\ndef test_score():\n"
        "    assert score(1) == 1\n",
    }
    for check in ("CODE003", "CI003"):
        assert committed_status(tmp_path / check, tree, check) == status


_FERNET = "Srp2BKpnQvQgd2d_yB2B-qVC8RHWUgmKrgYeQMzhx8I="


@pytest.mark.parametrize(
    ("name", "status"),
    [("AIRFLOW__CORE__FERNET_KEY", "failed"), ("POSTGRES_PASSWORD", "passed")],
    ids=["fernet-key-default", "password-default"],
)
def test_sec001_a_fernet_key_given_as_a_variables_default(
    tmp_path: Path, name: str, status: str
) -> None:
    compose = (
        "services:\n  airflow:\n    image: apache/airflow:3.0.2\n    environment:\n"
        f"      {name}: ${{{name}:-{_FERNET}}}\n"
    )
    assert committed_status(tmp_path, {"docker-compose.yml": compose}, "SEC001") == status


@pytest.mark.parametrize(
    ("image", "status"),
    [
        ("apache/airflow:2.6.2", "failed"),
        ("apache/airflow:2.1.4", "failed"),
        ("apache/airflow:2.10.5", "passed"),
    ],
    ids=["bullseye", "buster", "bookworm"],
)
def test_img006_airflow_reference_images_by_their_debian_release(
    tmp_path: Path, image: str, status: str
) -> None:
    tree: Tree = {
        "Dockerfile": f"FROM {image}\nCOPY dags/ /opt/airflow/dags/\n",
        "dags/etl.py": "from airflow import DAG\n",
    }
    assert committed_status(tmp_path, tree, "IMG006") == status


_SERVED_TEST = (
    "from fastapi.testclient import TestClient\n\nimport app\n\n{stand_in}\n\n"
    "def test_predict() -> None:\n    client = TestClient(app.app)\n"
    "    reply = client.post('/predict', params={{'x': 1.0}})\n"
    "    assert reply.json()['prediction'] == 1\n"
)
_FAKE = (
    "class _FakePredictor:\n    def predict(self, rows):\n        return [1]\n\n\n"
    "app.model = _FakePredictor()\n"
)


@pytest.mark.parametrize(
    ("stand_in", "status"),
    [(_FAKE, "failed"), ("", "passed")],
    ids=["fake-predictor", "the-trained-model"],
)
def test_test002_a_served_answer_a_fake_predictor_gives_tests_no_model(
    tmp_path: Path, stand_in: str, status: str
) -> None:
    app = (
        _SERVICE["app.py"]
        .replace("-> int:", "-> dict:")
        .replace("return int(", "return {'prediction': int(")
        .replace("[0])\n", "[0])}\n")
    )
    tree: Tree = {**_SERVICE, "app.py": app}
    tree["tests/test_app.py"] = _SERVED_TEST.format(stand_in=stand_in)
    assert committed_status(tmp_path, tree, "TEST002") == status


@pytest.mark.parametrize(
    ("stages", "status"),
    [
        ("  ingest:\n    cmd: python -m src.ingest\n", "failed"),
        (
            "  ingest:\n    cmd: python -m src.ingest\n  train:\n    cmd: python train.py\n",
            "passed",
        ),
        ("  build:\n    cmd: python -m src.pipeline\n", "passed"),
    ],
    ids=["ingest-only", "a-training-stage", "a-module-that-runs-the-training"],
)
def test_data004_dvc_stages_that_train_nothing_declare_no_pipeline(
    tmp_path: Path, stages: str, status: str
) -> None:
    tree: Tree = {
        **_SERVICE,
        "dvc.yaml": "stages:\n" + stages,
        "src/__init__.py": "",
        "src/ingest.py": "import pandas as pd\n\npd.read_csv('raw.csv').to_csv('clean.csv')\n",
        "src/pipeline.py": "import subprocess\n\nsubprocess.run(['python', 'train.py'])\n",
    }
    assert committed_status(tmp_path, tree, "DATA004") == status


@pytest.mark.parametrize(
    ("password", "status"),
    [("6a4ead1f" * 5, "failed"), ("hunter2", "passed")],
    ids=["a-40-hex-digit-key", "a-word"],
)
def test_sec001_a_netrc_entry_holding_a_wandb_key(
    tmp_path: Path, password: str, status: str
) -> None:
    netrc = f'"""machine api.wandb.ai\n  login user\n  password {password}\n"""\n'
    script = "import wandb\n\nwandb.login()\n\n" + netrc
    assert committed_status(tmp_path, {"pipeline/login.py": script}, "SEC001") == status


@pytest.mark.parametrize(
    ("readme", "kind"),
    [
        (
            "# Skeleton\n\n**NOTE:** This is a best-practices first project template that allows "
            "you to get started on a new machine learning project.\n",
            "template",
        ),
        ("# kfp-project\n\nKubeflow Pipelinesで開発を始める際のテンプレートです。\n", "template"),
        (
            "# Spotify\n\nSeguimos a lógica da aula e criamos esse exemplo com o dataset.\n",
            "example",
        ),
        (
            "# Spotify\n\nSeguimos a lógica da aula e treinamos um modelo com o dataset.\n",
            "application",
        ),
    ],
    ids=["template-that-allows-you", "japanese-template", "portuguese-example", "portuguese-pitch"],
)
def test_kind_a_template_or_an_example_said_in_other_words(
    tmp_path: Path, readme: str, kind: str
) -> None:
    assert committed_kind(tmp_path, {**_SERVICE, "README.md": readme}) == kind


def test_kind_a_notebooks_folder_beside_the_service_is_no_project(tmp_path: Path) -> None:
    tree: Tree = {
        "README.md": "# Spam classifier\n\nAPI para classificação de emails.\n",
        **{f"api-service/{rel}": content for rel, content in _SERVICE.items()},
        "api-service/README.md": "# API\n\nRun `uvicorn app:app`.\n",
        "notebooks/README.md": "# Notebooks\n\nExploration and model selection.\n",
        "notebooks/requirements.txt": "pandas==2.2.3\nscikit-learn==1.5.2\n",
        "notebooks/01_eda.py": "import pandas as pd\n\npd.read_csv('emails.csv').describe()\n",
    }
    assert committed_kind(tmp_path, tree) == "application"


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ('export GITHUB_TOKEN="ghp_' + "x" * 36 + '"', "passed"),
        ('export GITHUB_TOKEN="ghp_' + "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF2hJ4" + '"', "failed"),
    ],
    ids=["masked", "drawn"],
)
def test_sec001_a_masked_github_token_is_a_placeholder(
    tmp_path: Path, line: str, status: str
) -> None:
    readme = f"# Deploy\n\n```bash\n{line}\n```\n"
    assert committed_status(tmp_path, {"README.md": readme}, "SEC001") == status


@pytest.mark.parametrize(
    ("line", "status"),
    [
        (";secret_key = SW2YcwTIb9zpOOhoPsMm", "passed"),
        ("secret_key = SW2YcwTIb9zpOOhoPsMm", "failed"),
    ],
    ids=["commented-default", "set"],
)
def test_sec001_an_ini_line_commented_with_a_semicolon(
    tmp_path: Path, line: str, status: str
) -> None:
    ini = f"[security]\n# used for signing\n{line}\n"
    assert committed_status(tmp_path, {"grafana/grafana.ini": ini}, "SEC001") == status


_UNITTEST_CI = (
    "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n      - run: python -m unittest tests\n"
)


@pytest.mark.parametrize(
    ("package", "status"),
    [({}, "failed"), ({"tests/__init__.py": "from tests.test_model import *\n"}, "passed")],
    ids=["namespace-folder", "package"],
)
def test_ci002_unittest_given_a_folder_without_init_runs_nothing(
    tmp_path: Path, package: Tree, status: str
) -> None:
    tree: Tree = {
        **_SERVICE,
        ".github/workflows/ci.yml": _UNITTEST_CI,
        "tests/test_model.py": (
            "import unittest\n\n\nclass TestModel(unittest.TestCase):\n"
            "    def test_one(self):\n        self.assertEqual(1, 1)\n"
        ),
        **package,
    }
    assert committed_status(tmp_path, tree, "CI002") == status


@pytest.mark.parametrize(
    ("call", "status"),
    [
        ("log_json('prediction_completed', prediction=label, latency_ms=1.0)", "passed"),
        ("log_json('request_completed', latency_ms=1.0)", "failed"),
    ],
    ids=["prediction-keyword", "no-prediction"],
)
def test_mon001_a_json_logger_that_spreads_its_keywords(
    tmp_path: Path, call: str, status: str
) -> None:
    app = (
        "import json\nimport logging\n\nimport joblib\nfrom fastapi import FastAPI\n\n"
        "logger = logging.getLogger('api')\nmodel = joblib.load('model.joblib')\n"
        "app = FastAPI()\n\n\n"
        "def log_json(event: str, **kwargs):\n    payload = {'event': event, **kwargs}\n"
        "    logger.info(json.dumps(payload))\n\n\n"
        "@app.post('/predict')\ndef predict(x: float) -> dict:\n"
        "    label = int(model.predict([[x]])[0])\n"
        f"    {call}\n    return {{'label': label}}\n"
    )
    assert committed_status(tmp_path, {**_SERVICE, "app.py": app}, "MON001") == status


@pytest.mark.parametrize(
    ("image", "check", "status"),
    [
        ("alpine:3.14.6", "IMG006", "failed"),
        ("alpine:3.22", "IMG006", "passed"),
        ("continuumio/miniconda3:4.5.4", "IMG006", "failed"),
        ("continuumio/miniconda3:4.5.4", "ENV006", "failed"),
    ],
    ids=["alpine-3.14", "alpine-3.22", "miniconda-4.5-stretch", "miniconda-4.5-python-3.6"],
)
def test_img006_env006_old_alpine_and_miniconda_images(
    tmp_path: Path, image: str, check: str, status: str
) -> None:
    dockerfile = f'FROM {image}\nCOPY . /app\nCMD ["python", "/app/train.py"]\n'
    tree: Tree = {**_SERVICE, "Dockerfile": dockerfile}
    assert committed_status(tmp_path, tree, check) == status


@pytest.mark.parametrize(
    ("route", "status"),
    [("/api/health", "passed"), ("/v1/healthz", "passed"), ("/api/healthcare", "failed")],
    ids=["api-health", "v1-healthz", "healthcare"],
)
def test_serve002_a_health_route_under_an_api_prefix(
    tmp_path: Path, route: str, status: str
) -> None:
    app = _SERVICE["app.py"] + f"\n\n@app.get('{route}')\ndef system() -> dict:\n    return {{}}\n"
    assert committed_status(tmp_path, {**_SERVICE, "app.py": app}, "SERVE002") == status


@pytest.mark.parametrize(
    ("tree", "status"),
    [
        ({"images/mlflow/requirements.txt": "- onnx==1.6.0\n- skl2onnx==1.6.0\n"}, "failed"),
        (
            {
                "images/mlflow/requirements.txt": "-r ../base.txt\n--index-url https://pypi.org/simple\n"
            },
            "passed",
        ),
        ({".github/workflows/train.yml": ""}, "passed"),
    ],
    ids=["yaml-list-as-requirements", "pip-options", "empty-workflow-is-ci001s"],
)
def test_repo001_yaml_list_requirements_not_an_empty_workflow(
    tmp_path: Path, tree: Tree, status: str
) -> None:
    assert committed_status(tmp_path, {**_SERVICE, **tree}, "REPO001") == status


@pytest.mark.parametrize(
    ("readme", "kind"),
    [
        (
            "# BentoML API starter on Railway\n\nThis template deploys a BentoML inference API "
            "with a tiny model; replace model.py with your own.\n",
            "template",
        ),
        (
            "# Merlin on Vertex AI\n\nThis repository compiles prescriptive guidance and code "
            "samples for operationalizing Merlin.\n",
            "example",
        ),
    ],
    ids=["this-template-deploys", "compiles-code-samples"],
)
def test_kind_a_template_that_deploys_and_compiled_code_samples(
    tmp_path: Path, readme: str, kind: str
) -> None:
    assert committed_kind(tmp_path, {**_SERVICE, "README.md": readme}) == kind
