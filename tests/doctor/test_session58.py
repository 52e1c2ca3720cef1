"""Session 58, from round 87.

Kinds: a README that is its title alone beside an article series in doc/ (a blog post's
code); a French platform "structured in four domains" built as one compose stack (one
application, not a monorepo); a README whose front matter says `page_type: sample` (a
vendor's sample, not a template). TEST002: a test asserting each value of a list it wrote
(`for mape in [0.5, 2.1]: assert mape < 20`) checks no model; a deployment that compares
the new model's F1 with the current one's gates the model. TEST001: a copier template
copied into a folder in CI and rendered from there is tested. NB002: `%pip install` of the
project's own wheel. DATA003: Sphinx's pickled build cache is no data. REPO001:
a YAML file in .github/workflows without `jobs:` is no workflow.

From round 88: kinds of a Spanish class presentation ("muestra un ejemplo"), a Vietnamese
guide ("# Hướng dẫn ..."), "An MLOps framework that" (one product), "This repository is a
... portfolio" (one product). CI002/CI003: a step running `${{ matrix.command }}` runs each
command of the matrix. SEC001: a password in a Terraform variables file. DATA003: a plot
under data/results/plots/. NB002: a cell asking for Colab to clone, then installing what is
missing anywhere. EXP001: Hopsworks' `mr.python.create_model(metrics=...)` in a module
handed the project. ENV005: `pkg==4.7.*` in an image pins nothing.

From round 89: a `setup.py` inside the root's own package is package data, not a nested
project; kinds of French labs that go with a talk ("Ces labs accompagnent la présentation")
and a Korean README listing a lecture's example code; a table of contents at the top of a
README no longer hides the paragraph that says what the repository is. SEC001: a
kubeconfig's `client-key-data` (a private key in base64; a certificate's is public).

From round 90: SERVE003 follows fastai's star import to `load_learner`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, audit, committed_kind, committed_status, shown_findings
from tests.doctor.test_session56 import _SERVE, _TRAIN

_SERVICE: Tree = {"src/train.py": _TRAIN, "app/app.py": _SERVE}


@pytest.mark.parametrize(
    ("article", "kind"),
    [
        ("# MLOps: A Complete and Hands-on Introduction - Part 1\n\nWe are going to\n", "example"),
        ("# Architecture\n\nThe service reads the model from S3.\n", "application"),
    ],
)
def test_a_title_alone_beside_an_article_series_is_a_blog_posts_code(
    tmp_path: Path, article: str, kind: str
) -> None:
    tree = {**_SERVICE, "README.md": "# fraud-detection-mlops\n", "doc/part-1.md": article}
    assert committed_kind(tmp_path, tree) == kind


def _four_layers(opening: str) -> Tree:
    """Four folders, each a project of its own, three of them built by one compose file."""
    compose = "services:\n" + "".join(
        f"  {name.lower()}:\n    build:\n      context: ./{name}\n" for name in ("E1", "E3", "E4")
    )
    tree: Tree = {"README.md": f"# Prévision Crypto\n\n{opening}\n", "docker-compose.yml": compose}
    for name in ("E1", "E2", "E3", "E4"):
        tree[f"{name}/README.md"] = f"# {name}\n\nUne couche de la plateforme.\n"
        tree[f"{name}/requirements.txt"] = "pandas==2.2.2\n"
        tree[f"{name}/main.py"] = "import pandas\n\nprint(pandas.__version__)\n"
    tree["E3/train.py"] = _TRAIN
    tree["E4/app.py"] = _SERVE
    return tree


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("Le projet est structuré en quatre domaines (dossiers racines).", "application"),
        ("Ce dépôt fournit une plateforme complète de collecte et de prévision.", "application"),
        ("Quatre projets indépendants.", "monorepo"),
    ],
)
def test_a_platform_said_to_be_one_project_in_french_is_one_application(
    tmp_path: Path, opening: str, kind: str
) -> None:
    assert committed_kind(tmp_path, _four_layers(opening)) == kind


@pytest.mark.parametrize(
    ("front", "kind"), [("page_type: sample\nlanguages:\n- python\n", "example"), ("", "template")]
)
def test_a_vendors_sample_page_is_an_example_whatever_it_calls_itself(
    tmp_path: Path, front: str, kind: str
) -> None:
    matter = f"---\n{front}---\n\n" if front else ""
    readme = f"{matter}# Databricks MLOps\n\nThis template provides the following features:\n"
    assert committed_kind(tmp_path, {**_SERVICE, "README.md": readme}) == kind


@pytest.mark.parametrize(
    ("values", "status"), [("[0.5, 2.1, 5.8]", "failed"), ("evaluate(model)", "passed")]
)
def test_asserting_the_tests_own_values_checks_no_model(
    tmp_path: Path, values: str, status: str
) -> None:
    tree = {
        "train.py": _TRAIN,
        "evaluation.py": "def evaluate(model):\n    return [model.mape]\n",
        "tests/test_evaluation.py": (
            "from evaluation import evaluate\n\nmodel = None\n\n\n"
            f"def test_mape_is_acceptable() -> None:\n    for mape in {values}:\n"
            "        assert mape < 20\n"
        ),
    }
    assert committed_status(tmp_path, tree, "TEST002") == status


@pytest.mark.parametrize(
    ("branch", "status"),
    [("print('Deploying new model.')", "passed"), ("print('Keeping both.')", "failed")],
)
def test_deploying_a_new_model_that_beats_the_current_one_gates_it(
    tmp_path: Path, branch: str, status: str
) -> None:
    tree = {
        "train.py": _TRAIN,
        "compare_and_deploy.py": (
            "# Compare the new model with the one deployed; deploy it if it is better.\n"
            "from utils import load_artifacts\n\n\ndef main():\n"
            "    best_f1 = load_artifacts('artifacts')\n"
            "    best_f1_new = load_artifacts('artifacts', suffix='-new')\n"
            f"    if best_f1_new > best_f1:\n        {branch}\n"
        ),
        "utils.py": "def load_artifacts(path, suffix=''):\n    return 0.5\n",
        "tests/test_utils.py": (
            "from utils import load_artifacts\n\n\ndef test_load() -> None:\n"
            "    assert load_artifacts('a') == 0.5\n"
        ),
    }
    assert committed_status(tmp_path, tree, "TEST002") == status


@pytest.mark.parametrize(
    ("copy", "status"),
    [("cp copier.yaml copier-source/copier.yaml", "passed"), ("echo no copy", "failed")],
)
def test_a_template_copied_into_a_folder_and_rendered_in_ci_is_tested(
    tmp_path: Path, copy: str, status: str
) -> None:
    workflow = (
        "on: push\njobs:\n  smoke:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - run: |\n          mkdir copier-source\n"
        f"          {copy}\n          cp -R template copier-source/template\n"
        "          copier copy copier-source rendered --defaults --trust\n"
    )
    tree = {
        "copier.yaml": "_subdirectory: template\nname:\n  type: str\n  default: demo\n",
        "template/src/{{ name }}/__init__.py.jinja": "NAME = '{{ name }}'\n",
        ".github/workflows/smoke.yml": workflow,
    }
    assert committed_status(tmp_path, tree, "TEST001") == status


def _databricks_notebook(install: str) -> str:
    return (
        "# Databricks notebook source\nimport os\n\n# COMMAND ----------\n\n"
        f"# MAGIC %pip install {install}\n\n# COMMAND ----------\n\nprint(os.getcwd())\n"
    )


@pytest.mark.parametrize(
    ("install", "found"),
    [
        ("$base/taxi_fares-$version-py3-none-any.whl  # noqa: E501", False),
        ("lightgbm==4.6.0", True),
    ],
)
def test_installing_the_projects_own_wheel_in_a_notebook_is_no_install_of_a_dependency(
    tmp_path: Path, install: str, found: bool
) -> None:
    tree = {"orchestrator/score.py": _databricks_notebook(install)}
    assert bool(shown_findings(tmp_path, tree, "NB002")) is found


@pytest.mark.parametrize(
    ("path", "found"),
    [("docs/build/doctrees/environment.pickle", False), ("data/features.pickle", True)],
)
def test_sphinxs_build_cache_is_no_data(tmp_path: Path, path: str, found: bool) -> None:
    tree = {"README.md": "# demo\n", path: b"\x80\x04" + b"x" * 1_500_000}
    assert bool(shown_findings(tmp_path, tree, "DATA003")) is found


@pytest.mark.parametrize(
    ("path", "found"),
    [("data/results/plots/correlations.png", False), ("data/images/scan_001.png", True)],
)
def test_a_plot_in_a_data_folder_is_no_data(tmp_path: Path, path: str, found: bool) -> None:
    tree = {"README.md": "# demo\n", path: b"\x89PNG\r\n" + b"x" * 1_200_000}
    assert bool(shown_findings(tmp_path, tree, "DATA003")) is found


@pytest.mark.parametrize(
    ("content", "found"),
    [
        ("site_name: Projeto DS\ntheme:\n  name: material\n", True),
        ("on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ls\n", False),
    ],
)
def test_a_yaml_file_without_jobs_in_the_workflows_folder_is_no_workflow(
    tmp_path: Path, content: str, found: bool
) -> None:
    tree = {"README.md": "# demo\n", ".github/workflows/mkdocs.yml": content}
    shown = shown_findings(tmp_path, tree, "REPO001")
    assert bool(shown) is found
    if found:
        assert shown == [
            ".github/workflows/mkdocs.yml: no `jobs:`: GitHub cannot run it as a workflow"
        ]


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("Este repositorio muestra un ejemplo sencillo de MLops y de MLflow.", "example"),
        ("Este repositorio entrena y sirve el modelo de riesgo.", "application"),
    ],
)
def test_a_spanish_repository_showing_an_example_is_an_example(
    tmp_path: Path, opening: str, kind: str
) -> None:
    tree = {**_SERVICE, "README.md": f"# aprendizaje-automatico-MLOps\n{opening}\n"}
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("title", "kind"),
    [("# Hướng dẫn MONAI + Kubeflow - Từ A đến Z", "example"), ("# Dịch vụ MONAI", "application")],
)
def test_a_vietnamese_guide_is_an_example(tmp_path: Path, title: str, kind: str) -> None:
    tree = {**_SERVICE, "README.md": f"{title}\n\nSau khi hoàn thành, bạn sẽ có:\n- MONAI\n"}
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("An MLOps framework that simplifies the deployment of models.", "application"),
        ("Forecasts of crypto prices, from the market data to the web page.", "monorepo"),
    ],
)
def test_a_framework_said_to_be_one_product_is_one_application(
    tmp_path: Path, opening: str, kind: str
) -> None:
    assert committed_kind(tmp_path, _four_layers(opening)) == kind


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        (
            "This repository is a **production-aware EDA + MLOps portfolio** that demonstrates"
            " how to analyze complex datasets.",
            "application",
        ),
        ("This repository demonstrates how to analyze complex datasets.", "example"),
    ],
)
def test_a_repository_that_is_a_portfolio_piece_is_its_authors_product(
    tmp_path: Path, opening: str, kind: str
) -> None:
    tree = {**_SERVICE, "README.md": f"# Systemic Risk\n\n{opening}\n"}
    assert committed_kind(tmp_path, tree) == kind


def _matrix_workflow(command: str) -> str:
    return (
        "on: push\njobs:\n  quality:\n    runs-on: ubuntu-latest\n    strategy:\n"
        "      matrix:\n        include:\n          - name: Lint\n            command: make lint\n"
        f"          - name: Test\n            command: {command}\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - run: ${{ matrix.command }}\n"
    )


@pytest.mark.parametrize(("command", "status"), [("make test", "passed"), ("make docs", "failed")])
def test_a_step_running_the_matrixs_commands_runs_each_of_them(
    tmp_path: Path, command: str, status: str
) -> None:
    tree = {
        **_SERVICE,
        "Makefile": "lint:\n\truff check src\n\ntest:\n\tpytest -q\n\ndocs:\n\tmkdocs build\n",
        "tests/test_app.py": "def test_one() -> None:\n    assert round(0.1 + 0.2, 1) == 0.3\n",
        ".github/workflows/ci.yml": _matrix_workflow(command),
    }
    assert committed_status(tmp_path, tree, "CI002") == status


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ('database_password = "mlflow_secure_password_123"', True),
        ('ssm_db_password = "/mlops/db/password"', False),
        ('database_password = "<your-password>"', False),
    ],
)
def test_a_password_in_a_terraform_variables_file_is_committed(
    tmp_path: Path, line: str, found: bool
) -> None:
    tree = {"infra/dev.tfvars": f'project_id = "demo"\n{line}\n'}
    assert bool(shown_findings(tmp_path, tree, "SEC001")) is found


def _colab_notebook(cell: str) -> str:
    import json

    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "metadata": {},
                    "outputs": [],
                    "source": cell,
                    "execution_count": None,
                }
            ],
            "metadata": {"kernelspec": {"name": "python3", "language": "python"}},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


@pytest.mark.parametrize(("install_under_colab", "found"), [(True, False), (False, True)])
def test_a_cell_installing_outside_its_colab_branch_installs_everywhere(
    tmp_path: Path, install_under_colab: bool, found: bool
) -> None:
    install = 'subprocess.check_call([sys.executable, "-m", "pip", "install", *missing])'
    indent = "    " if install_under_colab else ""
    cell = (
        "import subprocess\nimport sys\n\nIN_COLAB = 'google.colab' in sys.modules\n"
        "missing = ['ucimlrepo']\nif IN_COLAB:\n    subprocess.run(['git', 'clone', 'x'])\n"
        f"{indent}{install}\n"
    )
    tree = {"notebooks/01.ipynb": _colab_notebook(cell)}
    assert bool(shown_findings(tmp_path, tree, "NB002")) is found


@pytest.mark.parametrize(("keyword", "status"), [("metrics=metrics", "passed"), ("", "failed")])
def test_a_hopsworks_model_version_recorded_with_its_metrics_tracks_the_run(
    tmp_path: Path, keyword: str, status: str
) -> None:
    tree = {
        "training/train.py": _TRAIN
        + "\nfrom save_model import save\n\nsave(None, {'recall': 0.9}, None)\n",
        "training/save_model.py": (
            "def save(model, metrics, project):\n    mr = project.get_model_registry()\n"
            f"    meta = mr.python.create_model(name='uv', {keyword})\n"
            "    meta.save('model.pkl')\n"
        ),
    }
    assert committed_status(tmp_path, tree, "EXP001") == status


@pytest.mark.parametrize(
    ("spec", "status"),
    [('"hopsworks[python]==4.7.*"', "not-applicable"), ("pandas==2.2.2", "failed")],
)
def test_a_prefix_match_in_an_image_pins_nothing(tmp_path: Path, spec: str, status: str) -> None:
    tree = {
        **_SERVICE,
        "Dockerfile": f"FROM python:3.12-slim\nRUN pip install {spec} fastapi\nCOPY app app\n",
    }
    assert committed_status(tmp_path, tree, "ENV005") == status


# -- from round 89 ----------------------------------------------------------------------


@pytest.mark.parametrize("plugin", [True, False])
def test_a_setup_py_inside_the_root_package_is_package_data(tmp_path: Path, plugin: bool) -> None:
    setup = "from setuptools import setup\n\nsetup(name='test_plugin', packages=[])\n"
    tree = {
        "README.md": "# umbrella\n\nThis package provides tools for digital twin pipelines.\n",
        "pyproject.toml": (
            "[build-system]\nrequires = ['setuptools']\nbuild-backend = 'setuptools.build_meta'\n\n"
            "[project]\nname = 'umbrella'\nversion = '0.1'\n\n[tool.setuptools]\n"
            "packages = ['umbrella']\n"
        ),
        "umbrella/__init__.py": "",
        "umbrella/train.py": "def train(model, data):\n    return model.fit(data)\n",
        "tests/test_train.py": "from umbrella.train import train\n\n\ndef test_it() -> None:\n"
        "    assert train.__name__ == 'train'\n",
        "examples/demo/pyproject.toml": "[project]\nname = 'demo'\nversion = '0.1'\n",
        "examples/demo/run.py": "import umbrella\n",
    }
    if plugin:
        tree["umbrella/setup.py"] = setup
    assert committed_kind(tmp_path, tree) == "application"  # one project, not a monorepo


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("Ces labs accompagnent la présentation **Déploiement de modèles**.", "example"),
        ("Ce service accompagne les équipes de vente.", "application"),
    ],
)
def test_french_labs_that_go_with_a_talk_are_an_example(
    tmp_path: Path, opening: str, kind: str
) -> None:
    tree = {**_SERVICE, "README.md": f"# Labs — Déploiement\n\n{opening}\n"}
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("- lecture는 강의용 예제 코드를 담고 있습니다.", "example"),
        ("- app은 서비스 코드입니다.", "application"),
    ],
)
def test_a_korean_readme_listing_a_lectures_code_is_an_example(
    tmp_path: Path, line: str, kind: str
) -> None:
    tree = {**_SERVICE, "README.md": f"# Week7\n\nRedis & MLFlow & BentoML 내용입니다.\n\n{line}\n"}
    assert committed_kind(tmp_path, tree) == kind


def _contents(items: int) -> str:
    return "".join(f"  - [{n}. Part {n}](#{n}-part-{n})\n" for n in range(1, items + 1))


@pytest.mark.parametrize(("items", "kind"), [(0, "application"), (25, "application")])
def test_a_table_of_contents_does_not_hide_what_the_readme_says(
    tmp_path: Path, items: int, kind: str
) -> None:
    readme = (
        f"# E-commerce AI Platform\n\n{_contents(items)}\n## I. Overview\n\n"
        "An end-to-end MLOps platform for e-commerce, built solo around a crawled dataset.\n"
    )
    assert committed_kind(tmp_path, {**_four_layers("x"), "README.md": readme}) == kind


def _kubeconfig(key: str) -> str:
    return (
        "apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n"
        f"    client-key-data: {key}\n"
    )


@pytest.mark.parametrize(
    ("header", "found"),
    [(b"-----BEGIN RSA PRIVATE KEY-----\n", True), (b"-----BEGIN CERTIFICATE-----\n", False)],
)
def test_a_kubeconfigs_client_key_is_a_committed_private_key(
    tmp_path: Path, header: bytes, found: bool
) -> None:
    import base64

    body = header + bytes(range(48, 123)) * 4 + b"\n-----END-----\n"
    tree = {"cluster/kubeconfig.yaml": _kubeconfig(base64.b64encode(body).decode())}
    assert bool(shown_findings(tmp_path, tree, "SEC001")) is found


# -- from round 90 ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("imports", "status"),
    [
        ("from fastai.vision.all import *", "failed"),
        ("from fastai.vision.all import Image", "passed"),
    ],
)
def test_fastais_star_import_loads_a_pickled_learner(
    tmp_path: Path, imports: str, status: str
) -> None:
    app = (
        f"from flask import Flask, request, jsonify\n{imports}\n\napp = Flask(__name__)\n"
        "model = load_learner('api/guitar-ai-model.pkl')\n\n\n@app.route('/api/guitar', "
        "methods=['POST'])\ndef guitar():\n    return jsonify(str(model.predict(request.data)))\n"
    )
    tree = {"api/index.py": app, "requirements.txt": "flask==3.0.3\nfastai==2.7.15\n"}
    assert committed_status(tmp_path, tree, "SERVE003") == status


def test_project_folders_that_are_packages_stay_projects_of_a_monorepo(tmp_path: Path) -> None:
    tree: Tree = {
        "README.md": "# ZenML use cases\n\nProduction use cases, from training to serving.\n",
        "pyproject.toml": (
            "[tool.poetry]\nname = 'projects'\nversion = '1.0.0'\n\n[build-system]\n"
            "requires = ['poetry-core']\nbuild-backend = 'poetry.core.masonry.api'\n"
        ),
    }
    for name in ("bank_prediction", "floracast"):
        tree[f"{name}/__init__.py"] = f'"""The {name} project."""\n'
        tree[f"{name}/README.md"] = f"# {name}\n\nTrains and serves a model.\n"
        tree[f"{name}/requirements.txt"] = "scikit-learn==1.5.0\n"
        tree[f"{name}/run.py"] = _TRAIN
    assert committed_kind(tmp_path, tree) == "monorepo"
    assert set(audit(tmp_path, "DATA004").projects) == {"bank_prediction", "floracast"}
