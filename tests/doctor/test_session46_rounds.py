"""Session 46, from round 42: a pytest action and a pre-commit action run the tests and the
hooks (CI002, CI003), a trimmed copy of
training's set that keeps its tools is no serving set (ENV004), and a portfolio's
notebooks are its author's work, not a course's lessons (kinds)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import (
    Tree,
    audit,
    committed_kind,
    committed_status,
    git_commit,
    status_on,
)
from tests.doctor.test_fifteenth_round_env import (
    FLASK_APP,
    PIPENV_IMAGE,
    PROJECT_WITH_WANDB,
    WANDB_TRAINING,
)

# -- CI002, CI003: actions that run pytest or the pre-commit hooks --------------------------

TESTED: Tree = {
    "src/demo/__init__.py": "",
    "src/demo/core.py": "def double(x):\n    return 2 * x\n",
    "tests/test_core.py": (
        "from demo.core import double\n\n\ndef test_double():\n    assert double(2) == 4\n"
    ),
}
PYTEST_ACTION = (
    "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n"
    "      - uses: pavelzw/pytest-action@v2\n"
    "        with:\n          custom-pytest: pixi run test\n"
)


def test_ci002_passes_on_the_pytest_action(tmp_path: Path) -> None:
    tree = {**TESTED, ".github/workflows/ci.yml": PYTEST_ACTION}
    assert status_on(tmp_path, tree, "CI002") is Status.PASSED


def test_ci002_fires_on_a_workflow_that_only_checks_out(tmp_path: Path) -> None:
    checkout = PYTEST_ACTION.split("      - uses: pavelzw")[0]
    tree = {**TESTED, ".github/workflows/ci.yml": checkout}
    assert status_on(tmp_path, tree, "CI002") is Status.FAILED


def test_ci003_passes_on_the_pre_commit_conda_action(tmp_path: Path) -> None:
    workflow = (
        "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - uses: quantco/pre-commit-conda@v1\n"
    )
    build_file_tree(tmp_path, {**TESTED, ".github/workflows/lint.yml": workflow})
    report = audit(tmp_path, "CI003")
    assert report.findings == ()


# -- ENV004: a trimmed copy of training's set ----------------------------------------------


@pytest.mark.parametrize(
    ("extra", "status"), [("", Status.PASSED), ('optuna = "*"\n', Status.FAILED)]
)
def test_env004_a_set_lacking_a_training_import_but_keeping_a_tuner_is_training_s(
    tmp_path: Path, extra: str, status: Status
) -> None:
    pipfile = f'[packages]\nscikit-learn = "==1.5.2"\nflask = "*"\n{extra}'
    tree = {
        "Pipfile": pipfile,
        "pyproject.toml": PROJECT_WITH_WANDB,
        "app.py": FLASK_APP,
        "Dockerfile": PIPENV_IMAGE,
        "src/train.py": WANDB_TRAINING,
    }
    assert status_on(tmp_path, tree, "ENV004") is status


# -- kinds: a portfolio's notebooks -------------------------------------------------------


def _streamlit_app(folder: str) -> Tree:
    page = (
        "import pandas as pd\nimport streamlit as st\n"
        "from sklearn.tree import DecisionTreeClassifier\n\n"
        "frame = pd.read_csv(st.file_uploader('CSV'))\n"
        "model = DecisionTreeClassifier().fit(frame.drop(columns='y'), frame['y'])\n"
        "st.write(model.predict(frame.drop(columns='y')))\n"
    )
    return {
        f"{folder}/README.md": f"# {folder}\n\nTrains and compares classifiers on your CSV.\n",
        f"{folder}/requirements.txt": "streamlit\nscikit-learn\n",
        f"{folder}/main.py": page,
    }


def _notebooks(count: int) -> Tree:
    source = json.dumps(["import pandas as pd\n", "pd.read_csv('titanic.csv')"])
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": []}
    book = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{**cell}]}
    book["cells"][0]["source"] = json.loads(source)
    return {f"class-worksheets/week_{n}.ipynb": json.dumps(book) for n in range(count)}


PROJECTS = (
    "# Jane-Data-Science\n\n#### This repository serves as {purpose} and more.\n\n"
    "### Projects:\n\n- [Classifier App](ClassifierApp): trains classifiers.\n"
    "- [Clustering App](ClusteringApp): clusters.\n"
)
PORTFOLIO: Tree = {
    **_streamlit_app("ClassifierApp"),
    **_streamlit_app("ClusteringApp"),
    **_notebooks(4),
}


@pytest.mark.parametrize(
    ("readme", "status"),
    [
        # the author's own projects: each judged on its practices
        (PROJECTS.format(purpose="a showcase of my data science skills, projects"), "failed"),
        # notebooks and no package, nothing said: a course's lessons, judged file by file
        (PROJECTS.format(purpose="a place for data science notes, projects"), "not-applicable"),
    ],
    ids=["portfolio", "unsaid"],
)
def test_a_portfolio_s_projects_are_no_lessons(tmp_path: Path, readme: str, status: str) -> None:
    build_file_tree(tmp_path, {**PORTFOLIO, "README.md": readme})
    git_commit(tmp_path)
    report = audit(tmp_path, "EXP001")
    nested = [r for r in report.results if r.id == "EXP001" and r.project == "ClassifierApp"]
    assert [r.status.value for r in nested] == [status]


# -- kinds: a course's material, with a package of helpers ------------------------------

MATERIAL: Tree = {
    "pyproject.toml": (
        '[tool.poetry]\nname = "mlflow-training"\nversion = "0.1.0"\ndescription = "x"\n'
        'authors = ["A <a@b.c>"]\npackages = [{include = "mlflow_training", from = "src"}]\n\n'
        '[tool.poetry.dependencies]\npython = ">=3.11,<3.12"\nmlflow = "^2.16"\n'
    ),
    "src/mlflow_training/__init__.py": "",
    "src/mlflow_training/helpers.py": "def greet():\n    return 'hi'\n",
    "01-tracking/exercise.ipynb": json.dumps(
        {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}
    ),
}


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("This repository contains the internal MLflow training materials.", "example"),
        ("This repository contains helpers for MLflow.", "library"),
    ],
)
def test_a_package_of_training_materials_is_an_example(
    tmp_path: Path, opening: str, kind: str
) -> None:
    tree = {**MATERIAL, "README.md": f"# Mlflow-training\n\n{opening}\n"}
    assert committed_kind(tmp_path, tree) == kind


# -- ENV001: a setup.py that is no packaging script -------------------------------------

DATABRICKS_SETUP = (
    "# Databricks notebook source\n# MAGIC %md\n# MAGIC #### Set up the feature store\n\n"
    "# COMMAND ----------\n\ntry:\n    import mlflow\nexcept ImportError:\n"
    "    %pip install mlflow\n\n# COMMAND ----------\n\nmlflow.set_experiment('/churn')\n"
)


@pytest.mark.parametrize(
    ("setup", "status"),
    [
        (DATABRICKS_SETUP, "failed"),
        # calls no setup() itself, but imports setuptools: it may declare anything
        ("from setuptools import setup as build\n\nbuild(**CONFIG)\n", "passed"),
    ],
)
def test_env001_a_setup_py_that_packages_nothing_declares_nothing(
    tmp_path: Path, setup: str, status: str
) -> None:
    tree = {"config/setup.py": setup, "train.py": "import mlflow\n"}
    assert committed_status(tmp_path, tree, "ENV001") == status


# -- kinds: a learner's answers in a course's module folders -------------------------------


def _module(folder: str) -> Tree:
    book = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}
    return {
        f"{folder}/homework.md": "## Homework\n\nTrain a regression on the data.\n",
        f"{folder}/notebooks/homework.ipynb": json.dumps(book),
        f"{folder}/train.py": "def fit(model, x, y):\n    return model.fit(x, y)\n",
    }


MODULES: Tree = {**_module("01-intro"), **_module("02-regression"), **_module("03-trees")}


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("This repository contains my solutions to the homework of the course.", "monorepo"),
        ("This repository contains the homework of the course.", "example"),
    ],
    ids=["my-solutions", "the-course-s"],
)
def test_my_solutions_in_module_folders_are_a_learner_s_monorepo(
    tmp_path: Path, opening: str, kind: str
) -> None:
    tree = {**MODULES, "README.md": f"# ML Zoomcamp\n\n{opening}\n"}
    assert committed_kind(tmp_path, tree) == kind


# -- kinds: batch K23 --------------------------------------------------------------------

PIPELINE_CODE: Tree = {
    "requirements.txt": "sagemaker==2.218.0\n",
    "sagemaker_pipeline.py": (
        "from sagemaker.workflow.pipeline import Pipeline\n\n"
        "pipeline = Pipeline(name='abalone', steps=[])\npipeline.upsert(role_arn='arn')\n"
    ),
}


@pytest.mark.parametrize(
    ("front", "kind"),
    [
        ("author: haimtran\npublishedDate: 07/31/2022\n", "example"),
        # a Space's card names no author and no date: no post
        ("sdk: docker\napp_port: 7860\n", "application"),
    ],
    ids=["post", "space-card"],
)
def test_a_readme_that_is_a_blog_post_makes_an_example(
    tmp_path: Path, front: str, kind: str
) -> None:
    readme = (
        f"---\ntitle: Integrate SageMaker Pipeline\n{front}---\n\n## Introduction\n\nBuild it.\n"
    )
    assert committed_kind(tmp_path, {**PIPELINE_CODE, "readme.md": readme}) == kind


def test_my_personal_implementation_of_a_course_is_a_learner_s_monorepo(tmp_path: Path) -> None:
    opening = "This repository contains my personal implementation of the MLOps Zoomcamp."
    tree = {**MODULES, "README.md": f"# MLOps Zoomcamp\n\n{opening}\n"}
    assert committed_kind(tmp_path, tree) == "monorepo"


FEATURE_STORE: Tree = {
    "pyproject.toml": (
        '[build-system]\nrequires = ["setuptools>=65"]\nbuild-backend = "setuptools.build_meta"\n\n'
        '[project]\nname = "ml-feature-store"\nversion = "1.0.0"\ndependencies = ["pandas>=2"]\n'
    ),
    "src/ml_feature_store/__init__.py": "from .store import FeatureStore\n",
    "src/ml_feature_store/store.py": "class FeatureStore:\n    def get(self, key, at):\n"
    "        return None\n",
    "tests/test_store.py": "from ml_feature_store import FeatureStore\n\n\ndef test_get():\n"
    "    assert FeatureStore().get('a', 1) is None\n",
}


@pytest.mark.parametrize(
    ("usage", "kind"),
    [
        ("```python\nfrom ml_feature_store import FeatureStore\n```\n", "library"),
        ("Run `python -m ml_feature_store.store`.\n", "application"),
    ],
    ids=["imported", "run"],
)
def test_a_package_its_readme_imports_is_a_library(tmp_path: Path, usage: str, kind: str) -> None:
    readme = f"# ml-feature-store\n\nPoint-in-time feature lookups.\n\n## Usage\n\n{usage}"
    assert committed_kind(tmp_path, {**FEATURE_STORE, "README.md": readme}) == kind


# -- an Azure ML web service MLflow deploys (round 43) -----------------------------------

MLFLOW_ACI = (
    "import mlflow.azureml\nfrom azureml.core.webservice import AciWebservice\n\n"
    "aci_config = AciWebservice.deploy_configuration(cpu_cores=2, memory_gb=5{insights})\n"
    "service = mlflow.azureml.deploy(model_uri='runs:/abc/model', workspace=ws,\n"
    "                                deployment_config=aci_config, service_name='iris')\n"
)


@pytest.mark.parametrize(
    ("insights", "status"), [("", "failed"), (", enable_app_insights=True", "passed")]
)
def test_an_aci_service_mlflow_deploys_is_judged_on_its_metrics(
    tmp_path: Path, insights: str, status: str
) -> None:
    tree = {
        "requirements.txt": "mlflow==2.16.2\nazureml-core==1.57.0\n",
        "train.py": "import mlflow\n\n\ndef main(model, x, y):\n    model.fit(x, y)\n",
        "deploy_model.py": MLFLOW_ACI.format(insights=insights),
    }
    assert committed_status(tmp_path, tree, "MON002") == status


# -- kinds: round 43's examples read as applications -------------------------------------

SERVED_CODE: Tree = {
    "requirements.txt": "fastapi==0.115.0\nlightgbm==4.5.0\n",
    "app/main.py": (
        "import pickle\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
        "model = pickle.load(open('app/data/model.pkl', 'rb'))\n\n\n@app.post('/predict')\n"
        "def predict(rows: list[list[float]]):\n    return model.predict(rows).tolist()\n"
    ),
    "train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
}


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        (
            "In this repo, you will find the code and instructions for [this article](https://x).",
            "example",
        ),
        ("This repo shows a simple way of serving a LightGBM model with FastAPI.", "example"),
        ("**Snippets for FastAPI serving!**", "example"),
        # what the service does: no word of showing
        ("This repo predicts employee attrition with LightGBM behind FastAPI.", "application"),
    ],
    ids=["article", "a-way-of", "snippets", "product"],
)
def test_an_article_s_code_a_way_shown_or_snippets_make_an_example(
    tmp_path: Path, opening: str, kind: str
) -> None:
    tree = {**SERVED_CODE, "README.md": f"# ML API\n\n{opening}\n"}
    assert committed_kind(tmp_path, tree) == kind
