"""Session 51, from round 57.

ENV001/ENV002/DOCS001: a repository with no Python is judged by its own languages' files
(`package.json` and `bun.lock`, `bun install`), and one with no code has nothing to declare.
SERVE002: a probe polls a router's `/` at the prefix the app mounts it under. MON003: a
Grafana alert rule titled for PSI. DOCS003: `kubectl-setup.sh` and `kubectl-remove.sh`.
IMG006: a Kubeflow component's `base_image`. Kinds: a setup.py installing the package
`src` is a project's own code; a tested package is no sandbox; "It demonstrates how to";
the shared package a stack's services install by name is part of the stack."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, committed_kind, committed_status

_BUN_APP: Tree = {
    "package.json": '{"name": "assistant", "dependencies": {"express": "^4.19.2"}}\n',
    "backend/app.js": "const express = require('express');\nexpress().listen(3000);\n",
}


@pytest.mark.parametrize(
    ("extra", "statuses"),
    [
        ({"bun.lock": '{"lockfileVersion": 1}\n'}, ("passed", "passed")),
        ({}, ("passed", "failed")),
    ],
    ids=["locked", "unlocked"],
)
def test_a_javascript_repository_is_judged_by_its_manifest_and_lock(
    tmp_path: Path, extra: Tree, statuses: tuple[str, str]
) -> None:
    tree = {**_BUN_APP, **extra, "README.md": "# Assistant\n"}
    found = tuple(committed_status(tmp_path / check, tree, check) for check in ("ENV001", "ENV002"))
    assert found == statuses


@pytest.mark.parametrize(
    ("tree", "status"),
    [
        ({"lectures/01-intro.md": "# Lecture 1\n", "README.md": "# Course\n"}, "not-applicable"),
        ({"model.R": "library(tidymodels)\nfit <- lm(y ~ x)\n", "README.md": "# R\n"}, "failed"),
    ],
    ids=["no-code", "r-without-description"],
)
def test_env001_with_no_python(tmp_path: Path, tree: Tree, status: str) -> None:
    assert committed_status(tmp_path, tree, "ENV001") == status


@pytest.mark.parametrize(
    ("extra", "status"),
    [({}, "passed"), ({"tools/export.py": "print('export')\n"}, "failed")],
    ids=["javascript-only", "python-too"],
)
def test_docs001_reads_a_javascript_install_where_there_is_no_python(
    tmp_path: Path, extra: Tree, status: str
) -> None:
    readme = "# Assistant\n\n```bash\nbun install\nbun run dev:backend\n```\n"
    tree = {**_BUN_APP, **extra, "README.md": readme}
    assert committed_status(tmp_path, tree, "DOCS001") == status


@pytest.mark.parametrize(
    ("probed", "status"),
    [("/api/v1/tasks/", "passed"), ("/api/v1/jobs/", "failed")],
    ids=["mounted-prefix", "other-path"],
)
def test_serve002_follows_a_probe_to_a_router_mounted_under_a_prefix(
    tmp_path: Path, probed: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\njoblib==1.4.2\n",
        "endpoint.py": (
            "import joblib\nfrom fastapi import FastAPI\n\nfrom routers import status\n\n"
            "model = joblib.load('model.joblib')\napp = FastAPI()\n"
            "app.include_router(status.router, prefix='/api/v1/tasks')\n\n\n"
            "@app.post('/predict')\ndef predict(x: float) -> float:\n"
            "    return float(model.predict([[x]])[0])\n"
        ),
        "routers/__init__.py": "",
        "routers/status.py": (
            "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n"
            "@router.get('/', tags=['tasks'])\ndef tasks():\n    return 'API is up'\n"
        ),
        "Dockerfile": "FROM python:3.12-slim\nCOPY . .\nEXPOSE 8000\n",
        "api-pod.yaml": (
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n"
            "    - name: api\n      image: me/api:1.0\n      livenessProbe:\n        httpGet:\n"
            f"          path: {probed}\n          port: 8000\n"
        ),
    }
    assert committed_status(tmp_path, tree, "SERVE002") == status


@pytest.mark.parametrize(
    ("title", "status"),
    [("daily_psi_sex", "passed"), ("daily_rmse", "failed")],
    ids=["psi", "error"],
)
def test_mon003_reads_a_grafana_alert_rule_titled_for_drift(
    tmp_path: Path, title: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\n",
        "app/main.py": (
            "import joblib\nfrom fastapi import FastAPI\n\nmodel = joblib.load('tips.joblib')\n"
            "app = FastAPI()\n\n\n@app.post('/predict')\ndef predict(x: float) -> float:\n"
            "    return float(model.predict([[x]])[0])\n"
        ),
        "grafana/provisioning/alerting/alert.json": (
            '{"apiVersion": 1, "groups": [{"name": "g", "rules": [{"uid": "a1", '
            f'"title": "{title}", "condition": "C"}}]}}]}}\n'
        ),
    }
    assert committed_status(tmp_path, tree, "MON003") == status


@pytest.mark.parametrize(
    ("second", "status"),
    [("kubectl-remove.sh", "passed"), ("notes.sh", "failed")],
    ids=["setup-and-remove", "one-task"],
)
def test_docs003_counts_scripts_named_for_a_stack_s_setup_and_removal(
    tmp_path: Path, second: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "scikit-learn==1.5.2\n",
        "train.py": "from sklearn.linear_model import LinearRegression\n\nLinearRegression()\n",
        "kubectl-setup.sh": "#!/bin/sh\nkubectl apply -f api-pod.yaml\n",
        second: "#!/bin/sh\nkubectl delete -f api-pod.yaml\n",
    }
    assert committed_status(tmp_path, tree, "DOCS003") == status


@pytest.mark.parametrize(
    ("image", "status"), [("python:3.9", "failed"), ("python:3.12", "passed")], ids=["ended", "ok"]
)
def test_img006_judges_a_kubeflow_component_s_base_image(
    tmp_path: Path, image: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "kfp==2.9.0\n",
        "src/components.py": (
            "from kfp import dsl\n\n"
            f"BASE_IMAGE = '{image}'\n\n\n"
            "@dsl.component(base_image=BASE_IMAGE, packages_to_install=['pandas'])\n"
            "def extract(path: str) -> str:\n    return path\n"
        ),
    }
    assert committed_status(tmp_path, tree, "IMG006") == status


def _readmission(package: str, ci: bool) -> Tree:
    tree: Tree = {
        "README.md": (
            "# Diabetic Readmission Prediction\n\nThis project implements a machine learning "
            "pipeline for predicting diabetic patient readmission.\n\n"
            "```bash\npython src/main.py\n```\n"
        ),
        "setup.py": (
            "from setuptools import find_packages, setup\n\n"
            "setup(name='mlops-project', version='0.1.0', packages=find_packages(), "
            "install_requires=['scikit-learn>=1.0'])\n"
        ),
        "requirements.txt": "scikit-learn>=1.0\n",
        f"{package}/__init__.py": "",
        f"{package}/model.py": (
            "from sklearn.ensemble import RandomForestClassifier\n\n\ndef train(x, y):\n"
            "    return RandomForestClassifier().fit(x, y)\n"
        ),
        f"{package}/main.py": f"from {package}.model import train\n\ntrain([[0], [1]], [0, 1])\n",
        "notebooks/solution.ipynb": (
            '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n'
        ),
        "tests/test_model.py": (
            f"from {package}.model import train\n\n\ndef test_train():\n"
            "    assert train([[0], [1]], [0, 1]) is not None\n"
        ),
    }
    if ci:
        tree[".github/workflows/tests.yml"] = (
            "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - uses: actions/checkout@v4\n      - run: pytest tests/\n"
        )
    return tree


@pytest.mark.parametrize(
    ("package", "ci", "kind"),
    [("src", True, "application"), ("src", False, "example"), ("readmission", True, "library")],
    ids=["src-tested", "src-untested-sandbox", "named-package"],
)
def test_a_setup_py_installing_src_is_the_project_s_own_code(
    tmp_path: Path, package: str, ci: bool, kind: str
) -> None:
    assert committed_kind(tmp_path, _readmission(package, ci)) == kind


_DAGSTER: Tree = {
    "requirements.txt": "dagster==1.8.0\nxgboost==2.1.1\n",
    "pipeline/assets.py": (
        "import xgboost as xgb\nfrom dagster import asset\n\n\n@asset\ndef model():\n"
        "    return xgb.XGBClassifier().fit([[0], [1]], [0, 1])\n"
    ),
}


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("It demonstrates how to orchestrate the stages of a model's lifecycle.", "example"),
        ("It scores the catalogue's tracks every night.", "application"),
    ],
    ids=["demonstrates-how-to", "product"],
)
def test_it_demonstrates_how_to_is_an_example(tmp_path: Path, sentence: str, kind: str) -> None:
    readme = f"# dagster_pipeline\n\nThis project implements a Dagster pipeline. {sentence}\n"
    assert committed_kind(tmp_path, {**_DAGSTER, "README.md": readme}) == kind


def _service(name: str, requirement: str) -> Tree:
    return {
        f"{name}/requirements.txt": f"fastapi==0.115.0\n{requirement}",
        f"{name}/main.py": (
            "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get('/health')\n"
            "def health():\n    return {'ok': True}\n"
        ),
        f"{name}/Dockerfile": "FROM python:3.12-slim\nCOPY . .\nEXPOSE 8000\n",
        f"{name}/README.md": f"# {name}\n\nThe {name} service.\n",
    }


@pytest.mark.parametrize(
    ("requirement", "kind"),
    [("skipper-lib==1.1.7\n", "application"), ("", "monorepo")],
    ids=["installed-by-the-services", "not-installed"],
)
def test_the_shared_package_a_stack_installs_is_part_of_it(
    tmp_path: Path, requirement: str, kind: str
) -> None:
    tree: Tree = {
        "README.md": "# Skipper\n\nA workflow engine for ML services.\n",
        **_service("api", requirement),
        **_service("trainer", requirement),
        "trainer/train.py": (
            "from sklearn.linear_model import LinearRegression\n\nLinearRegression()\n"
        ),
        "skipper-lib/pyproject.toml": (
            '[tool.poetry]\nname = "skipper-lib"\nversion = "1.1.7"\ndescription = "x"\n'
            'authors = ["a"]\n\n[tool.poetry.dependencies]\npython = "^3.9"\npika = "^1.3"\n'
        ),
        "skipper-lib/poetry.lock": "# locked\n",
        "skipper-lib/skipper_lib/__init__.py": "",
        "docker-compose.yml": (
            "services:\n  api:\n    build:\n      context: ./api\n"
            "  trainer:\n    build:\n      context: ./trainer\n"
        ),
    }
    assert committed_kind(tmp_path, tree) == kind
