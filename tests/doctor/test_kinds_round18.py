"""Kinds read from what round 18 misread: a README that says the code goes with the
author's blog posts, or was meant to show-case a tool (hyphenated), presents an example;
a README that tells its reader to clone this project template presents a template, with
or without a cookiecutter.json; and a module named for training that imports only the
standard library trains nothing."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import FIT
from tests.doctor.helpers import Tree, committed_kind, committed_status

# A model that trains and is served: an application unless its README says otherwise.
PRODUCT: Tree = {
    "requirements.txt": "scikit-learn==1.5.0\nfastapi==0.115.0\n",
    "train.py": FIT,
    "app/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nCMD ["uvicorn", "app.main:app"]\n',
}


def _kind(tmp_path: Path, readme: str) -> str:
    return committed_kind(tmp_path, {**PRODUCT, "README.md": readme})


def test_code_for_the_authors_blog_posts_is_an_example(tmp_path: Path) -> None:
    readme = "# Fine-tuning in a container\nThis repository contains code for my posts:\n"
    assert _kind(tmp_path, readme) == "example"


def test_a_service_that_reads_posts_is_no_example(tmp_path: Path) -> None:
    readme = "# Post ranker\n\nA service that ranks blog posts for the front page.\n"
    assert _kind(tmp_path, readme) == "application"


def test_code_meant_to_show_case_a_tool_is_an_example(tmp_path: Path) -> None:
    readme = "# Hydra in practice\n\nThis code base is meant to show-case how to use hydra.\n"
    assert _kind(tmp_path, readme) == "example"


def test_a_service_that_show_cases_products_is_no_example(tmp_path: Path) -> None:
    readme = "# Shop window\n\nA service that picks which products to show-case.\n"
    assert _kind(tmp_path, readme) == "application"


def test_a_readme_that_clones_this_project_template_makes_a_template(tmp_path: Path) -> None:
    readme = (
        "# Lab starter - Initialize a new project\n\nRun the install script.\n\n"
        "## Manual install\n\nFirst, git clone this project template locally, rename the"
        " folder and delete its git history.\n"
    )
    assert _kind(tmp_path, readme) == "template"


def test_a_project_cloned_from_a_template_is_no_template(tmp_path: Path) -> None:
    readme = (
        "# Churn service\n\nServes churn scores.\n\n## History\n\nWe cloned the lab's"
        " template last year and have grown it since.\n"
    )
    assert _kind(tmp_path, readme) == "application"


# A pipeline's stub component named for training: it writes a text file, and imports only
# the standard library.
STUB_TRAIN = (
    "import argparse\nimport os\n\n\ndef train(input_path, output_path):\n"
    "    with open(input_path) as f:\n        data = f.read()\n"
    "    os.makedirs(os.path.dirname(output_path), exist_ok=True)\n"
    "    with open(output_path, 'w') as f:\n        f.write(f'Trained model with {data}')\n"
)
STUB: Tree = {
    "README.md": "# Churn pipeline\n\nRuns the churn pipeline on the cloud.\n",
    "pyproject.toml": "[project]\nname = 'churn'\nversion = '0.1.0'\n",
    "src/component/train.py": STUB_TRAIN,
}


def test_a_training_stub_of_the_standard_library_trains_nothing(tmp_path: Path) -> None:
    assert committed_status(tmp_path, STUB, "EXP001") == "not-applicable"


def test_a_train_module_of_an_ml_library_trains(tmp_path: Path) -> None:
    real = {**STUB, "src/component/train.py": "import argparse\nimport torch\n\n" + STUB_TRAIN}
    assert committed_status(tmp_path, real, "EXP001") == "failed"


def test_a_train_module_that_imports_its_project_trains(tmp_path: Path) -> None:
    real = {**STUB, "src/component/train.py": "import os\nfrom .model import fit\n\nfit()\n"}
    assert committed_status(tmp_path, real, "EXP001") == "failed"


# Notebooks and a feature module that nothing but a data platform's jobs run.
NOTEBOOK_JOBS: Tree = {
    "README.md": "# Product similarity\n\nEmbeddings of products bought together.\n",
    "requirements.txt": "mlflow==2.9.0\n",
    "notebooks/Train.ipynb": (
        '{"cells": [{"cell_type": "code", "source": ["model.fit(x)"], "metadata": {},'
        ' "execution_count": 1, "outputs": []}], "metadata": {}, "nbformat": 4,'
        ' "nbformat_minor": 5}'
    ),
    "features/embed.py": "def embed(rows):\n    return rows\n",
    "features/clean.py": "def clean(rows):\n    return rows\n",
    "features/load.py": "def load(path):\n    return open(path).read()\n",
}
TERRAFORM_JOB = (
    'resource "databricks_job" "training" {\n  name = "training"\n'
    '  notebook_task {\n    notebook_path = "notebooks/Train"\n  }\n}\n'
)


def test_notebooks_a_platform_job_runs_are_an_application(tmp_path: Path) -> None:
    tree = {**NOTEBOOK_JOBS, "infra/training-job.tf": TERRAFORM_JOB}
    assert committed_kind(tmp_path, tree) == "application"


def test_notebooks_beside_other_terraform_are_a_sandbox(tmp_path: Path) -> None:
    tree = {**NOTEBOOK_JOBS, "infra/bucket.tf": 'resource "aws_s3_bucket" "data" {}\n'}
    assert committed_kind(tmp_path, tree) == "example"


# A package with a build backend and a URL, whose README asks to be cited.
CITED_PACKAGE: Tree = {
    "pyproject.toml": (
        "[build-system]\nrequires = ['setuptools']\nbuild-backend = 'setuptools.build_meta'\n\n"
        "[project]\nname = 'torch_kit'\nversion = '0.1.0'\n\n[project.urls]\n"
        "Homepage = 'https://example.org/torch-kit'\n"
    ),
    "src/torch_kit/__init__.py": "",
    "src/torch_kit/blocks.py": "def block(x):\n    return x\n",
}


def _cited(install: str) -> Tree:
    readme = f"# TorchKit\n\nPlease cite the repository if you use it.\n\n```\n{install}\n```\n"
    return {**CITED_PACKAGE, "README.md": readme}


def test_a_package_installed_from_its_git_url_is_a_library(tmp_path: Path) -> None:
    install = "pip install git+https://github.com/someone/TorchKit.git@v0.1.0"
    assert committed_kind(tmp_path, _cited(install)) == "library"


def test_a_cited_package_installed_from_a_clone_is_research_code(tmp_path: Path) -> None:
    install = "git clone https://github.com/someone/TorchKit.git\npip install -e ."
    assert committed_kind(tmp_path, _cited(install)) == "example"
