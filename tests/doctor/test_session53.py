"""Session 53, from rounds 67 to 69.

SERVE001: a chat bot that long-polls its messages and answers with a model is a service no
request reaches; Airflow's chart values serve nothing. CI002: nbdev's `nbdev_test`.
DOCS003: console scripts of a setup.cfg or nbdev's settings.ini, named
`<package>_<verb>_<object>`. CODE003: Super-Linter's configuration files, nbdev's
`black_formatting`. TEST001: a `TestCase` with only a `setUp`. CI003: a lint step under
`if [ -f setup.cfg ]` the repository lacks. IMG002: an image whose `python main.py` runs
the web app that trains on a route. ENV004: a serving set that includes the training set.
IMG004: `python:slim-stretch`. DATA002: a remote in /tmp. DOCS001: plain setup lines
after `cd DIR &&`. SERVE003: a notebook that logs the registered model as a pickle,
fastai's `load_learner`. IMG006: an Azure ML environment a notebook builds. Kinds: a
Poetry package that ships the folder `src`, a folder two deep importing itself from the
root, a learner's midterm project, a framework's implementation that is no paper's, a
paragraph opening on "A project from" or "A ... platform for", "Proof of Concept",
"designed as a learning resource", "serves as an example", "shows some examples", a
numbered lesson in Portuguese, a playground for a tool, a Korean sample project, a course's
word over one compose stack."""

from __future__ import annotations

import json
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

_PREDICT = (
    "from tensorflow.keras.models import load_model\n\n"
    "model = load_model('model.h5')\n\n\n"
    "def get_prediction(path):\n    return str(model.predict(path).argmax())\n"
)


@pytest.mark.parametrize(
    ("reply", "checks"),
    [
        (
            "update.message.reply_text(get_prediction(update.message.photo[-1].file_id))",
            {"SERVE001": "passed", "SERVE002": "not-applicable"},
        ),
        (
            "update.message.reply_text('Send me a photo of a rock')",
            {"SERVE001": "not-applicable", "SERVE002": "not-applicable"},
        ),
    ],
    ids=["answers-with-the-model", "answers-with-a-fixed-text"],
)
def test_serve001_a_chat_bot_that_long_polls_and_predicts_is_a_service(
    tmp_path: Path, reply: str, checks: dict[str, str]
) -> None:
    tree: Tree = {
        "requirements.txt": "python-telegram-bot==13.15\ntensorflow==2.16.1\n",
        "rocks/__init__.py": "",
        "rocks/predict.py": _PREDICT,
        "rocks/bot.py": (
            "import os\n\nfrom telegram.ext import Filters, MessageHandler, Updater\n\n"
            f"{'from .predict import get_prediction' if 'get_prediction' in reply else ''}\n\n\n"
            f"def handle_photo(update, context):\n    {reply}\n\n\n"
            "def deploy_bot():\n    updater = Updater(os.environ['TOKEN'], use_context=True)\n"
            "    updater.dispatcher.add_handler(MessageHandler(Filters.photo, handle_photo))\n"
            "    updater.start_polling()\n    updater.idle()\n"
        ),
        "rocks/train.py": (
            "from tensorflow import keras\n\n\ndef main():\n"
            "    model = keras.Sequential([keras.layers.Dense(7)])\n"
            "    model.compile(loss='mse')\n    model.fit([[0.0]], [[0.0] * 7])\n"
            "    model.save('model.h5')\n"
        ),
    }
    build_file_tree(tmp_path, tree)
    git_commit(tmp_path)
    report = audit(tmp_path, *checks)
    assert {check: str(status_of(report, check).value) for check in checks} == checks


_NBDEV_PACKAGE: Tree = {
    "settings.ini": "[DEFAULT]\nlib_name = rocks\nversion = 0.1.0\n",
    "rocks/__init__.py": "",
    "rocks/core.py": "def area(w, h):\n    return w * h\n",
    "nbs/00_core.ipynb": "{}\n",
    "tests/test_core.py": (
        "from rocks.core import area\n\n\ndef test_area():\n    assert area(2, 3) == 6\n"
    ),
}


@pytest.mark.parametrize(
    ("command", "status"),
    [("nbdev_test --flags notest", "passed"), ("nbdev_export", "failed")],
    ids=["nbdev-test", "nbdev-export"],
)
def test_ci002_nbdev_test_runs_the_notebooks_tests(
    tmp_path: Path, command: str, status: str
) -> None:
    tree: Tree = {
        **_NBDEV_PACKAGE,
        ".github/workflows/test.yaml": (
            "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - uses: actions/checkout@v4\n      - run: pip install nbdev\n"
            f"      - run: {command}\n"
        ),
    }
    assert committed_status(tmp_path, tree, "CI002") == status


@pytest.mark.parametrize(
    ("where", "scripts", "status"),
    [
        (
            "settings.ini",
            "[DEFAULT]\nlib_name = rocks\nconsole_scripts = "
            "rocks_train_model=rocks.train:main\n\trocks_deploy_bot=rocks.bot:deploy_bot\n",
            "passed",
        ),
        (
            "setup.cfg",
            "[metadata]\nname = rocks\n\n[options.entry_points]\nconsole_scripts =\n"
            "    rocks-train-model = rocks.train:main\n    rocks-serve-api = rocks.api:run\n",
            "passed",
        ),
        (
            "settings.ini",
            "[DEFAULT]\nlib_name = rocks\nconsole_scripts = "
            "rocks_download_data=rocks.data:download\n\trocks_process_data=rocks.data:process\n",
            "failed",
        ),
    ],
    ids=["nbdev-train-and-deploy", "setup-cfg-train-and-serve", "nbdev-data-steps"],
)
def test_docs003_console_scripts_of_setup_cfg_or_nbdev_settings(
    tmp_path: Path, where: str, scripts: str, status: str
) -> None:
    tree: Tree = {
        where: scripts,
        "rocks/__init__.py": "",
        "rocks/train.py": "def main():\n    print('training')\n",
    }
    assert committed_status(tmp_path, tree, "DOCS003") == status


@pytest.mark.parametrize(
    ("config", "status"),
    [
        ({".github/linters/.python-lint": "[MESSAGES CONTROL]\ndisable = C0114\n"}, "passed"),
        ({"settings.ini": "[DEFAULT]\nlib_name = rocks\nblack_formatting = True\n"}, "passed"),
        ({"settings.ini": "[DEFAULT]\nlib_name = rocks\nblack_formatting = False\n"}, "failed"),
    ],
    ids=["super-linter-pylint", "nbdev-black", "nbdev-no-black"],
)
def test_code003_super_linter_configuration_and_nbdev_black(
    tmp_path: Path, config: Tree, status: str
) -> None:
    tree: Tree = {**config, "rocks/__init__.py": "", "rocks/core.py": "X = 1\n"}
    assert committed_status(tmp_path, tree, "CODE003") == status


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("    def setUp(self) -> None:\n        pass\n", "failed"),
        (
            "    def setUp(self) -> None:\n        self.xs = [1, 3]\n\n"
            "    def test_mean(self) -> None:\n        self.assertEqual(sum(self.xs) / 2, 2)\n",
            "passed",
        ),
    ],
    ids=["only-setup", "a-test-method"],
)
def test_test001_a_test_case_with_only_setup_collects_nothing(
    tmp_path: Path, body: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "pandas==2.2.3\n",
        "src/__init__.py": "",
        "src/pipeline.py": "def run():\n    return 1\n",
        "tests/test_pipeline.py": (
            "from unittest import TestCase\n\n\n# TODO: tests\n"
            f"class TestPipeline(TestCase):\n{body}"
        ),
    }
    assert committed_status(tmp_path, tree, "TEST001") == status


@pytest.mark.parametrize(
    ("extra", "status"),
    [({}, "failed"), ({"setup.cfg": "[flake8]\nmax-line-length = 100\n"}, "passed")],
    ids=["neither-file", "setup-cfg-present"],
)
def test_ci003_a_lint_step_under_a_file_the_repository_lacks(
    tmp_path: Path, extra: Tree, status: str
) -> None:
    tree: Tree = {
        **extra,
        "requirements.txt": "flake8==7.1.1\n",
        "app/__init__.py": "",
        "app/main.py": "X = 1\n",
        ".github/workflows/ci.yml": (
            "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - uses: actions/checkout@v4\n      - run: pip install -r requirements.txt\n"
            "      - run: pre-commit run --all-files || true\n"
            "      - run: |\n"
            "          if [ -f setup.cfg ] || [ -f pyproject.toml ]; then\n"
            "            flake8 .\n          fi\n"
        ),
    }
    assert committed_status(tmp_path, tree, "CI003") == status


_CARDIO_APP = (
    "from flask import Flask, jsonify\n\nfrom cardio.training import fit_models\n\n"
    "app = Flask(__name__)\n\n\n"
    "@app.post('/datasets/<name>/train')\ndef train(name):\n"
    "    fit_models(name)\n    return jsonify(status='queued')\n\n\n"
    "@app.post('/predict')\ndef predict():\n    return jsonify(score=0.5)\n\n\n"
    "def create_app():\n    return app\n"
)


@pytest.mark.parametrize(
    ("cmd", "status"),
    [('CMD ["python3", "./main.py"]', "failed"), ('CMD ["python3", "./report.py"]', "passed")],
    ids=["main-runs-the-app", "a-report-script"],
)
def test_img002_an_image_whose_script_runs_the_web_app_that_trains(
    tmp_path: Path, cmd: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "flask==3.0.3\nscikit-learn==1.5.2\n",
        "cardio/__init__.py": "",
        "cardio/app.py": _CARDIO_APP,
        "cardio/training.py": (
            "from sklearn.tree import DecisionTreeClassifier\n\n\ndef fit_models(name):\n"
            "    return DecisionTreeClassifier().fit([[0.0], [1.0]], [0, 1])\n"
        ),
        "main.py": (
            "from cardio.app import create_app\n\n\ndef main():\n"
            "    create_app().run(port=5000, host='0.0.0.0')\n\n\n"
            "if __name__ == '__main__':\n    main()\n"
        ),
        "report.py": "print('report')\n",
        "Dockerfile": (
            "FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
            f"RUN pip install -r requirements.txt\nCOPY . .\n{cmd}\n"
        ),
    }
    assert committed_status(tmp_path, tree, "IMG002") == status


_FORECASTER: Tree = {
    "src/__init__.py": "",
    "src/pipeline.py": (
        "from src.modeling.forecaster import fit\n\n\nif __name__ == '__main__':\n"
        "    fit([1.0, 2.0, 3.0])\n"
    ),
    "src/modeling/__init__.py": "",
    "src/modeling/forecaster.py": (
        "from statsmodels.tsa.arima.model import ARIMA\n\n\ndef fit(series):\n"
        "    return ARIMA(series, order=(1, 0, 0)).fit()\n"
    ),
    "README.md": "# Case problem\n\n```\npoetry install\npython src/pipeline.py\n```\n",
}


@pytest.mark.parametrize(
    ("packages", "kind"),
    [
        ('[{include = "src"}]', "application"),
        ('[{include = "forecaster", from = "src"}]', "library"),
    ],
    ids=["ships-src", "src-layout"],
)
def test_kind_a_poetry_package_that_ships_the_src_folder_is_the_project_code(
    tmp_path: Path, packages: str, kind: str
) -> None:
    tree: Tree = {
        **_FORECASTER,
        "pyproject.toml": (
            '[tool.poetry]\nname = "forecaster"\nversion = "0.1.0"\ndescription = "Forecasting"\n'
            'authors = ["A. Author"]\nrepository = "https://github.com/a/forecaster.git"\n'
            f'packages = {packages}\n\n[tool.poetry.dependencies]\npython = "^3.11"\n\n'
            '[build-system]\nrequires = ["poetry-core"]\n'
            'build-backend = "poetry.core.masonry.api"\n'
        ),
    }
    if kind == "library":
        tree["src/forecaster/__init__.py"] = "from src.modeling.forecaster import fit\n"
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("imports", "kind"),
    [
        (
            "from src.api.routes import router\nfrom src.ml.predictor import predict\n",
            "application",
        ),
        ("from routes import router\nfrom predictor import predict\n", "monorepo"),
    ],
    ids=["imports-itself-from-the-root", "imports-from-its-folder"],
)
def test_kind_a_folder_two_deep_importing_itself_from_the_root_is_the_root_code(
    tmp_path: Path, imports: str, kind: str
) -> None:
    tree: Tree = {
        "README.md": "# Attrition\n\nPredicting which employees leave.\n",
        "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\n",
        "src/__init__.py": "",
        "src/ml/__init__.py": "",
        "src/ml/predictor.py": (
            "import joblib\n\nmodel = joblib.load('model.joblib')\n\n\n"
            "def predict(x):\n    return model.predict([x]).tolist()\n"
        ),
        "src/api/__init__.py": "",
        "src/api/README.md": "# API\n",
        "src/api/requirements.txt": "fastapi==0.115.0\n",
        "src/api/routes.py": "from fastapi import APIRouter\n\nrouter = APIRouter()\n",
        "src/api/main.py": (
            f"from fastapi import FastAPI\n{imports}\napp = FastAPI()\n"
            "app.include_router(router)\n\n\n@app.post('/predict')\n"
            "def score(x: list[float]):\n    return predict(x)\n"
        ),
        "dashboard/README.md": "# Dashboard\n",
        "dashboard/requirements.txt": "streamlit==1.39.0\nrequests==2.32.3\n",
        "dashboard/app.py": (
            "import requests\nimport streamlit as st\n\n"
            "st.write(requests.get('http://api:8000/health').json())\n"
        ),
    }
    assert committed_kind(tmp_path, tree) == kind


def _learner_course(graded: str) -> Tree:
    """A learner's zoomcamp folders: weekly lessons and a project folder `graded`."""
    tree: Tree = {"README.md": "\n"}
    for week in ("week1", "week2", "week3"):
        tree[f"{week}/homework.ipynb"] = "{}\n"
        tree[f"{week}/README.md"] = f"# {week}\n"
    tree["week3/requirements.txt"] = "pandas==2.2.3\n"
    tree[f"{graded}/README.md"] = "# Heart disease\n\n```\npipenv install\npython train.py\n```\n"
    tree[f"{graded}/Pipfile"] = '[packages]\nscikit-learn = "==1.5.2"\n'
    tree[f"{graded}/train.py"] = (
        "import pickle\n\nfrom sklearn.linear_model import LogisticRegression\n\n"
        "model = LogisticRegression().fit([[0.0], [1.0]], [0, 1])\n"
        "pickle.dump(model, open('model.bin', 'wb'))\nprint('auc', 0.9)\n"
    )
    tree[f"{graded}/predict.py"] = (
        "import pickle\n\nfrom flask import Flask, jsonify, request\n\n"
        "model = pickle.load(open('model.bin', 'rb'))\napp = Flask('heart')\n\n\n"
        "@app.post('/predict')\ndef predict():\n"
        "    return jsonify(model.predict([request.get_json()['x']]).tolist())\n"
    )
    return tree


@pytest.mark.parametrize(
    ("graded", "kind", "status"),
    [("midterm-project", "monorepo", "failed"), ("week4", "example", "not-applicable")],
    ids=["midterm-project", "a-fourth-week"],
)
def test_kind_a_learners_midterm_project_is_judged_as_a_project(
    tmp_path: Path, graded: str, kind: str, status: str
) -> None:
    build_file_tree(tmp_path, _learner_course(graded))
    git_commit(tmp_path)
    report = audit(tmp_path, "EXP001")
    nested = [r for r in report.results if r.id == "EXP001" and r.project == graded]
    assert (str(report.kind), [str(r.status.value) for r in nested]) == (kind, [status])


_SERVICE: Tree = {
    "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\njoblib==1.4.2\n",
    "train.py": (
        "import joblib\nfrom sklearn.linear_model import LogisticRegression\n\n"
        "joblib.dump(LogisticRegression().fit([[0.0], [1.0]], [0, 1]), 'model.joblib')\n"
    ),
    "app.py": (
        "import joblib\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
        "model = joblib.load('model.joblib')\n\n\n@app.post('/predict')\n"
        "def predict(x: float) -> int:\n    return int(model.predict([[x]])[0])\n"
    ),
}


@pytest.mark.parametrize(
    ("readme", "kind"),
    [
        (
            "# Futurisys ML API\n\nProof of Concept réalisé dans le cadre du parcours "
            "OpenClassrooms pour déployer un modèle.\n",
            "example",
        ),
        (
            "# End-to-end pipeline\n\n## Overview\n\nThis project implements a complete ML "
            "workflow, designed as a learning resource for MLOps fundamentals.\n",
            "example",
        ),
    ],
    ids=["poc", "learning"],
)
def test_kind_what_a_readme_says_of_the_repository(tmp_path: Path, readme: str, kind: str) -> None:
    assert committed_kind(tmp_path, {**_SERVICE, "README.md": readme}) == kind


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("- **PyTorch GRU Implementation**: GRU models with MLflow integration", "application"),
        ("Official PyTorch implementation of our NeurIPS paper on missing data.", "example"),
    ],
    ids=["pytorch-implementation-no-paper", "official-implementation"],
)
def test_kind_a_framework_implementation_is_no_paper_unless_said(
    tmp_path: Path, said: str, kind: str
) -> None:
    tree: Tree = {
        "README.md": f"# Pairs trading\n\n{said}\n",
        "requirements.txt": "torch==2.5.1\nprefect==3.1.0\n",
        "src/__init__.py": "",
        "src/gru.py": "import torch\n\n\nclass GRU(torch.nn.Module):\n    pass\n",
        "src/flows/__init__.py": "",
        "src/flows/training.py": (
            "from prefect import flow\n\nfrom src.gru import GRU\n\n\n@flow\ndef train():\n"
            "    return GRU()\n\n\n"
            "if __name__ == '__main__':\n    train()\n"
        ),
        "main.py": "from src.flows.training import train\n\ntrain()\n",
    }
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("A project from MLOps zoomcamp where I apply what I learned.", "application"),
        ("A modular, service-oriented platform for real estate insights.", "application"),
        (
            "A production-grade machine learning model serving platform built on Ray Serve.",
            "application",
        ),
        ("Three projects from MLOps zoomcamp.", "monorepo"),
    ],
    ids=["a-project-from", "a-platform-for", "a-platform-built-on", "three-projects"],
)
def test_kind_a_paragraph_opening_on_one_project_over_its_parts(
    tmp_path: Path, said: str, kind: str
) -> None:
    assert committed_kind(tmp_path, _parts(said)) == kind


@pytest.mark.parametrize(
    ("serving_set", "status"),
    [
        ("-r train-requirements.txt\nfastapi==0.115.0\n", "failed"),
        ("fastapi==0.115.0\nscikit-learn==1.5.2\njoblib==1.4.2\n", "passed"),
    ],
    ids=["includes-the-training-set", "a-set-of-its-own"],
)
def test_env004_a_serving_set_that_includes_the_training_set_is_none_apart(
    tmp_path: Path, serving_set: str, status: str
) -> None:
    tree: Tree = {
        **{rel: content for rel, content in _SERVICE.items() if rel != "requirements.txt"},
        "requirements/train-requirements.txt": (
            "scikit-learn==1.5.2\njoblib==1.4.2\nmlflow==2.17.0\noptuna==4.0.0\n"
        ),
        "requirements/deployment-requirements.txt": serving_set,
    }
    assert committed_status(tmp_path, tree, "ENV004") == status


@pytest.mark.parametrize(
    ("base", "status"),
    [("python:slim-stretch", "failed"), ("python:3.11-slim-bookworm", "passed")],
    ids=["variant-and-release-name", "versioned"],
)
def test_img004_a_variant_on_a_debian_release_names_no_version(
    tmp_path: Path, base: str, status: str
) -> None:
    tree: Tree = {
        **_SERVICE,
        "Dockerfile": f"FROM {base}\nCOPY . .\nRUN pip install -r requirements.txt\n",
    }
    assert committed_status(tmp_path, tree, "IMG004") == status


@pytest.mark.parametrize(
    ("url", "status"),
    [("/tmp/dvcstore", "failed"), ("/mnt/shared/dvcstore", "passed")],
    ids=["temporary-folder", "shared-mount"],
)
def test_data002_a_remote_in_the_temporary_folder_is_one_machine(
    tmp_path: Path, url: str, status: str
) -> None:
    tree: Tree = {
        **_SERVICE,
        ".dvc/config": f"[core]\n    remote = myremote\n['remote \"myremote\"']\n    url = {url}\n",
        "data/train.csv.dvc": "outs:\n- md5: 3f2c\n  path: train.csv\n",
    }
    assert committed_status(tmp_path, tree, "DATA002") == status


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("The repository is a playground for experiments about using Kedro on AWS.", "example"),
        ("The repository serves a model that ranks the carousel of a shop.", "application"),
    ],
    ids=["a-playground", "a-service"],
)
def test_kind_a_repository_called_a_playground_for_a_tool_is_an_example(
    tmp_path: Path, said: str, kind: str
) -> None:
    assert committed_kind(tmp_path, {**_SERVICE, "README.md": f"# kedro-on-aws\n\n{said}\n"}) == (
        kind
    )


@pytest.mark.parametrize(
    ("steps", "status"),
    [
        (
            "## 1. Setup environment\n\nbash setup_env.sh\n\n## 2. Feature store\n\n"
            "cd data_pipeline && pip install -r deployment/requirements.txt && cd ..\n",
            "passed",
        ),
        ("## 1. Setup\n\nRun the environment script first, then the feature store.\n", "failed"),
    ],
    ids=["plain-lines-after-cd", "prose-only"],
)
def test_docs001_plain_setup_lines_after_a_change_of_folder(
    tmp_path: Path, steps: str, status: str
) -> None:
    tree: Tree = {
        **_SERVICE,
        "README.md": f"# driver-recommendation-service\n\n{steps}",
        "setup_env.sh": "export FEAST_HOME=$PWD/data_pipeline\n",
        "data_pipeline/deployment/requirements.txt": "feast==0.40.1\n",
    }
    assert committed_status(tmp_path, tree, "DOCS001") == status


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("LLM 기반 텍스트 분석 샘플 프로젝트", "example"),
        ("LLM 기반 텍스트 분석 서비스", "application"),
    ],
    ids=["sample-project", "a-service"],
)
def test_kind_a_korean_title_naming_a_sample_project(tmp_path: Path, title: str, kind: str) -> None:
    readme = f"# {title}\n\n음식점 리뷰를 분석하고 API로 서빙합니다.\n"
    assert committed_kind(tmp_path, {**_SERVICE, "README.md": readme}) == kind


def _notebook(*cells: str) -> str:
    """An nbformat-4 notebook of these code cells."""
    code = [
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": c}
        for c in cells
    ]
    return json.dumps({"cells": code, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.mark.parametrize(
    ("log", "status"),
    [
        ("mlflow.sklearn.log_model(model, 'model', registered_model_name='Iris')", "failed"),
        ("mlflow.xgboost.log_model(booster, 'model', registered_model_name='Iris')", "passed"),
    ],
    ids=["sklearn-flavour", "xgboost-flavour"],
)
def test_serve003_a_notebook_logs_the_registered_model_as_a_pickle(
    tmp_path: Path, log: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "fastapi==0.115.0\nmlflow==2.17.0\nscikit-learn==1.5.2\n",
        "app/__init__.py": "",
        "app/main.py": (
            "import mlflow\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
            "model = mlflow.pyfunc.load_model('models:/Iris@champion')\n\n\n"
            "@app.post('/predict')\ndef predict(x: list[float]):\n"
            "    return model.predict([x]).tolist()\n"
        ),
        "notebooks/02_train.ipynb": _notebook(
            "%pip install mlflow\n",
            "import mlflow\nfrom sklearn.linear_model import LogisticRegression\n",
            f"model = booster = LogisticRegression().fit([[0.0], [1.0]], [0, 1])\n{log}\n",
        ),
    }
    assert committed_status(tmp_path, tree, "SERVE003") == status


@pytest.mark.parametrize(
    ("image", "status"),
    [
        ("mcr.microsoft.com/azureml/openmpi3.1.2-ubuntu18.04:20210727.v1", "failed"),
        ("mcr.microsoft.com/azureml/openmpi5.0-ubuntu24.04:20250101.v1", "passed"),
    ],
    ids=["ubuntu-18.04", "ubuntu-24.04"],
)
def test_img006_a_notebook_builds_an_azure_ml_environment_from_an_ended_release(
    tmp_path: Path, image: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "azure-ai-ml==1.21.0\n",
        "train.py": (
            "from sklearn.linear_model import LogisticRegression\n\n"
            "LogisticRegression().fit([[0.0], [1.0]], [0, 1])\n"
        ),
        "Chapter03/train-on-compute-cluster.ipynb": _notebook(
            "from azure.ai.ml.entities import Environment\n",
            f"env = Environment(name='job-env', image='{image}', conda_file='conda.yml')\n",
            "ml_client.environments.create_or_update(env)\n",
        ),
    }
    assert committed_status(tmp_path, tree, "IMG006") == status


@pytest.mark.parametrize(
    ("load", "status"),
    [
        (
            "import os\n\nfrom fastai.learner import load_learner\n\n"
            "model = load_learner(os.environ['MODEL_FILE'])\n",
            "failed",
        ),
        ("import onnxruntime\n\nmodel = onnxruntime.InferenceSession('model.onnx')\n", "passed"),
    ],
    ids=["fastai-learner", "onnx"],
)
def test_serve003_fastai_load_learner_unpickles(tmp_path: Path, load: str, status: str) -> None:
    tree: Tree = {
        "requirements.txt": "streamlit==1.39.0\nfastai==2.7.18\n",
        "src/train.py": (
            "from fastai.vision.all import vision_learner, resnet18\n\n"
            "learn = vision_learner(None, resnet18)\nlearn.fine_tune(1)\n"
            "learn.export('model.pkl')\n"
        ),
        "src/app.py": (
            f"import streamlit as st\n{load}\n"
            "image = st.file_uploader('A photo')\nst.write(model.predict(image))\n"
        ),
    }
    assert committed_status(tmp_path, tree, "SERVE003") == status


@pytest.mark.parametrize(
    ("readme", "kind"),
    [
        (
            "# Azure MLOps\n\nThis project showcases an MLOps pipeline on Azure.\n\n## Summary\n\n"
            "This project serves as a comprehensive example of MLOps using Azure.\n",
            "example",
        ),
        (
            "# mlops, secure endpoints\n\nThis repo shows some introduction examples to Azure "
            "Machine Learning and a simple MLOps implementation.\n",
            "example",
        ),
        (
            "# Aula 07 - Treinamento Automático e Re-Treino\n\n## Objetivo\n\n"
            "Fechar o ciclo de vida do modelo com decisão automática.\n",
            "example",
        ),
        (
            "# Azure MLOps\n\nThis project showcases an MLOps pipeline on Azure.\n\n## Summary\n\n"
            "This project serves customers of the heart clinic.\n",
            "application",
        ),
        (
            "## Serving Transformers using TorchServe\n\nIn this example, we show how to serve "
            "a fine tuned Transformer model.\n",
            "example",
        ),
        (
            "# sklearn-api-deploy\n\nCode examples for my PyCon tutorial, Building a Model "
            "Prediction Server.\n",
            "example",
        ),
    ],
    ids=[
        "serves-as-an-example",
        "shows-examples",
        "portuguese-lesson",
        "serves-customers",
        "in-this-example-we",
        "code-for-my-tutorial",
    ],
)
def test_kind_an_example_said_later_or_a_lesson_titled_in_portuguese(
    tmp_path: Path, readme: str, kind: str
) -> None:
    assert committed_kind(tmp_path, {**_SERVICE, "README.md": readme}) == kind


def _course_stack(dockerfile: str) -> Tree:
    """A backend, a worker and a front end, each with its own pyproject, under a README
    titled for a course, brought up by a root compose file from root Dockerfiles."""
    tree: Tree = {"README.md": "## ML DEV Course\n\n```\ndocker compose up -d\n```\n"}
    services = ""
    for folder in ("backend", "worker", "frontend"):
        tree[f"{folder}/pyproject.toml"] = f'[project]\nname = "{folder}"\nversion = "0.1.0"\n'
        tree[f"{folder}/main.py"] = "print('up')\n"
        name = f"{dockerfile}{folder.capitalize()}"
        tree[name] = (
            f'FROM python:3.12-slim\nCOPY {folder}/ /app/\nCMD ["python", "/app/main.py"]\n'
        )
        services += f"  {folder}:\n    build:\n      context: .\n      dockerfile: {name}\n"
    tree["backend/main.py"] = (
        "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.post('/predict')\n"
        "def predict(x: float):\n    return {'queued': x}\n"
    )
    tree["worker/tasks.py"] = (
        "import joblib\n\nmodel = joblib.load('models/model.pkl')\n\n\n"
        "def score(x):\n    return model.predict([x]).tolist()\n"
    )
    tree["docker-compose.yaml"] = f"services:\n{services}"
    return tree


@pytest.mark.parametrize(
    ("dockerfile", "kind"),
    [("Dockerfile", "application"), ("build_", "example")],
    ids=["dockerfile-glued-name", "no-dockerfile-name"],
)
def test_kind_a_course_word_over_one_compose_stack_is_a_project(
    tmp_path: Path, dockerfile: str, kind: str
) -> None:
    assert committed_kind(tmp_path, _course_stack(dockerfile)) == kind


@pytest.mark.parametrize(
    ("values", "status"),
    [
        ("airflowHome: /opt/airflow\ndefaultAirflowRepository: apache/airflow\n", "not-applicable"),
        ("replicaCount: 2\nimage:\n  repository: fmri-api\n  tag: 0.1.0\n", "failed"),
    ],
    ids=["airflow-chart-values", "a-service-chart-values"],
)
def test_serve001_airflow_chart_values_serve_no_model(
    tmp_path: Path, values: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "lightgbm==4.5.0\nboto3==1.35.0\n",
        "dags/ml_pipeline_dag.py": (
            "import lightgbm as lgb\n\n\ndef train():\n"
            "    booster = lgb.train({}, lgb.Dataset([[0.0], [1.0]], [0, 1]))\n"
            "    booster.save_model('model.txt')\n"
        ),
        "helm/values.yaml": values,
    }
    assert committed_status(tmp_path, tree, "SERVE001") == status


@pytest.mark.parametrize(
    ("imports", "status"),
    [
        (
            "from cardio.db.repositories import init_repositories as train\n"
            "from cardio.tests.config import Config\n",
            "failed",
        ),
        (
            "from cardio.db.repositories import init_repositories\n"
            "from cardio.services.datasets import train\n",
            "passed",
        ),
    ],
    ids=["every-module-gone", "one-module-gone"],
)
def test_test001_a_test_importing_own_modules_the_tree_lacks_tests_nothing(
    tmp_path: Path, imports: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "flask==3.0.3\npymongo==4.10.1\n",
        "cardio/services/datasets.py": "def train(name):\n    return name\n",
        "cardio/app.py": "from cardio.services.datasets import train\n",
        "tests/test_models.py": f"{imports}\n\ndef test_train():\n    assert train('a') == 'a'\n",
    }
    assert committed_status(tmp_path, tree, "TEST001") == status


@pytest.mark.parametrize(
    ("discover", "status"),
    [('discover src "*Test.py"', "passed"), ('discover src "*Check.py"', "failed")],
    ids=["pattern-given-positionally", "another-pattern"],
)
def test_test001_a_discovery_pattern_given_as_a_positional_argument(
    tmp_path: Path, discover: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "xgboost==2.1.1\n",
        "src/__init__.py": "",
        "src/filters.py": "def in_period(day, start, end):\n    return start <= day <= end\n",
        "src/tests/__init__.py": "",
        "src/tests/ByDateTimeInPeriodFilterUnitTest.py": (
            "import unittest\n\nfrom src.filters import in_period\n\n\n"
            "class ByDateTimeInPeriodFilterUnitTest(unittest.TestCase):\n"
            "    def test_inside(self):\n        self.assertTrue(in_period(2, 1, 3))\n"
        ),
        ".gitlab-ci.yml": (
            "stages:\n  - test\nunit:\n  stage: test\n  image: python:3.12\n  script:\n"
            f"    - python -m unittest {discover}\n"
        ),
    }
    assert committed_status(tmp_path, tree, "TEST001") == status


@pytest.mark.parametrize(
    ("item", "status"),
    [
        ("- Python 3.7 이상", "passed"),
        ("* Python 3.10 — 3.12 (recommandé : 3.12)", "passed"),
        ("- Python 3.7", "failed"),
    ],
    ids=["korean-floor", "em-dash-range", "one-python"],
)
def test_env006_a_readme_floor_or_range_in_other_words_asks_for_no_python(
    tmp_path: Path, item: str, status: str
) -> None:
    tree: Tree = {
        **_SERVICE,
        "README.md": f"# MNIST\n\n## 요구 사항\n\n{item}\n- Poetry\n",
        "pyproject.toml": (
            '[tool.poetry]\nname = "mnist"\n\n[tool.poetry.dependencies]\npython = "^3.12"\n'
        ),
    }
    assert committed_status(tmp_path, tree, "ENV006") == status


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ('    print("Tests...")\n    assert True\n', "failed"),
        ("    print(area(2, 3))\n    assert area(2, 3) == 6\n", "passed"),
    ],
    ids=["prints-and-asserts-true", "asserts-the-code"],
)
def test_test001_a_test_that_prints_a_literal_and_asserts_true_is_a_placeholder(
    tmp_path: Path, body: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "torch==2.5.1\n",
        "ml_template/__init__.py": "",
        "ml_template/core.py": "def area(w, h):\n    return w * h\n",
        "tests/test_sample.py": (
            f"from ml_template.core import area\n\n\ndef test_sample():\n{body}"
        ),
    }
    assert committed_status(tmp_path, tree, "TEST001") == status


@pytest.mark.parametrize(
    ("password", "status"),
    [("ConfirmedP@ss1", "passed"), ("GIaP0A5wA1L4", "failed")],
    ids=["made-up-p-at-ss", "drawn-at-random"],
)
def test_sec001_a_password_spelt_p_at_ss_is_made_up(
    tmp_path: Path, password: str, status: str
) -> None:
    tree: Tree = {
        **_SERVICE,
        "users.py": f"def confirm(client):\n    client.set_password(Password={password!r})\n",
    }
    assert committed_status(tmp_path, tree, "SEC001") == status


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("This module helps with the time series featurization, providing many tools.", "library"),
        ("This module was written for the time series featurization of our turbines.", "example"),
    ],
    ids=["helps-with", "written-for"],
)
def test_kind_a_package_whose_readme_says_it_helps_with_a_task_is_a_library(
    tmp_path: Path, said: str, kind: str
) -> None:
    tree: Tree = {
        "README.md": f"# Time-Series Featurizer\n\n{said}\n",
        "requirements.txt": "pandas==2.2.3\n",
        "ts_featurizer/__init__.py": "",
        "ts_featurizer/tools.py": "def mean(xs):\n    return sum(xs) / len(xs)\n",
        "tests/tools_test.py": (
            "from ts_featurizer.tools import mean\n\n\ndef test_mean():\n"
            "    assert mean([1, 3]) == 2\n"
        ),
        "examples/turbofan.ipynb": "{}\n",
        "main.py": "from ts_featurizer.tools import mean\n\nprint(mean([1.0, 2.0]))\n",
    }
    assert committed_kind(tmp_path, tree) == kind
