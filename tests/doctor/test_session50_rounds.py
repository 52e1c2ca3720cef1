"""Session 50, from round 52 and K32.

Kinds: usage examples beside a repository's one library project are that library's; a
pipeline's numbered step folders are no lessons; a title ending in "template" in Japanese,
Chinese or Korean presents a template; "designed to show how" in the paragraph after the
first says the repository was made to show; a title naming the code of a paper or a
benchmark of tools names research; a build backend whose description offers reusable parts
publishes a library. A Streamlit page whose file name starts with a digit (`pages/1_eda.py`,
not importable) that another module names no longer crashes the audit. SERVE003 reads
`numpy.load(..., allow_pickle=True)`; ENV003 and REPO001 read a requirements file only
conda installs as conda's specs; MON003 reads an Azure ML monitoring schedule; ENV001 reads
a template's rendered `requirements/base.txt`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import API, PREDICTING_SERVICE
from tests.doctor.helpers import Tree, committed_kind, committed_status, shown_findings

# -- Kinds: a library's usage examples are no project of their own -------------------------------

_EXAMPLE_TRAIN = (
    "import torch\n\nimport toolkit\n\nmodel = torch.nn.Linear(2, 1)\n"
    "torch.save(model.state_dict(), 'model.pt')\n"
)


@pytest.mark.parametrize(
    ("beside", "kind"),
    [("examples", "library"), ("fraud-service", "application")],
    ids=["usage-examples", "second-project"],
)
def test_usage_examples_beside_one_library_are_its_own(
    tmp_path: Path, beside: str, kind: str
) -> None:
    tree: Tree = {
        "README.md": "# Graph toolkit\n\nGraph ML jobs, helpers too.\n\n    pip install ./src\n",
        "src/setup.py": (
            "from setuptools import find_packages, setup\n\n"
            "setup(name='graph-toolkit', version='0.1', packages=find_packages())\n"
        ),
        "src/toolkit/__init__.py": "def export(graph):\n    return graph\n",
    }
    for name in ("fraud", "movies"):
        folder = f"{beside}/{name}" if beside == "examples" else f"{beside}-{name}"
        tree[f"{folder}/train.py"] = _EXAMPLE_TRAIN
        tree[f"{folder}/requirements.txt"] = "torch==2.1.0\n"
    assert committed_kind(tmp_path, tree) == kind


# -- A page file no import can name ---------------------------------------------------------------


def test_a_streamlit_page_named_by_a_number_is_read_without_a_crash(tmp_path: Path) -> None:
    tree: Tree = {
        "requirements.txt": "streamlit==1.39.0\nscikit-learn==1.5.2\n",
        "app.py": (
            "import streamlit as st\n\nfrom helpers import header\n\nheader('X-ray classifier')\n"
            "st.page_link('pages/1_eda.py', label='1_eda')\n"
        ),
        "helpers.py": "import streamlit as st\n\n\ndef header(text):\n    st.title(text)\n",
        "pages/1_eda.py": (
            "import joblib\nimport streamlit as st\n\nmodel = joblib.load('model.joblib')\n"
            "st.write(model.predict([[st.number_input('age')]]))\n"
        ),
    }
    # The page serves the model: its unchecked load is reported, as any page's would be.
    assert committed_status(tmp_path, tree, "SERVE003") == "failed"


# -- Kinds: numbered folders that a pipeline runs as its steps ------------------------------------

_KFP_PIPELINE = (
    "from kfp import dsl\n\n\n@dsl.pipeline(name='retrain')\ndef retrain_pipeline():\n"
    "    check = dsl.ContainerOp(name='Check', image='me/check_bucket:0.3')\n"
    "    move = dsl.ContainerOp(name='Move', image='me/mv_files:0.6')\n"
    "    move.after(check)\n"
)


@pytest.mark.parametrize(
    ("pipeline", "kind"),
    [(_KFP_PIPELINE, "application"), (None, "example")],
    ids=["pipeline-steps", "lessons"],
)
def test_numbered_folders_a_pipeline_runs_are_its_steps(
    tmp_path: Path, pipeline: str | None, kind: str
) -> None:
    tree: Tree = {"README.md": "# Retraining\n\nRun `python pipeline.py`.\n"}
    for folder, script in (("1_check_bucket", "check_bucket.py"), ("2_mv_files", "move_files.py")):
        tree[f"{folder}/Dockerfile"] = (
            f'FROM python:3.11-slim\nCOPY {script} .\nCMD ["python", "{script}"]\n'
        )
        tree[f"{folder}/{script}"] = "import json\n\nprint(json.dumps({'files': 100}))\n"
    tree["3_retrain/train.py"] = "from sklearn.linear_model import LinearRegression\n\n" + (
        "model = LinearRegression().fit([[0], [1]], [0, 1])\n"
    )
    if pipeline:
        tree["pipeline.py"] = pipeline
    assert committed_kind(tmp_path, tree) == kind


# -- Kinds: what a README or a package description says -------------------------------------------

_TRAINER = {
    "requirements.txt": "torch==2.4.1\n",
    "train.py": (
        "import torch\n\nmodel = torch.nn.Linear(2, 1)\ntorch.save(model.state_dict(), 'm.pt')\n"
    ),
    "Dockerfile": 'FROM python:3.11-slim\nCOPY . .\nCMD ["python", "train.py"]\n',
}


@pytest.mark.parametrize(
    ("readme", "kind"),
    [
        ("# Pascal VOC 物体検出テンプレート\n\n研究用スターターです。\n", "template"),
        ("# Pascal VOC 物体検出\n\n研究用のコードです。\n", "application"),
        (
            "# Used car prices\n\nThis project predicts used car prices.\n\n"
            "It is designed to show how an enterprise setup is structured end to end.\n",
            "example",
        ),
        (
            "# Used car prices\n\nThis project predicts used car prices.\n\n"
            "It is designed to run every night on the dealer's data.\n",
            "application",
        ),
        ("# Code for ImmuNet paper\n\nThe figures' analyses.\n", "example"),
        ("# BentoML vs FastAPI vs Ray Serve Benchmark\n\nLoad tests.\n", "example"),
        ("# Cats vs Dogs classifier\n\nTrains a classifier.\n", "application"),
    ],
    ids=[
        "japanese-template",
        "japanese-title",
        "shown-later",
        "run-later",
        "paper-code",
        "benchmark",
        "versus-task",
    ],
)
def test_what_a_readme_says_decides_the_kind(tmp_path: Path, readme: str, kind: str) -> None:
    assert committed_kind(tmp_path, {**_TRAINER, "README.md": readme}) == kind


@pytest.mark.parametrize(
    ("description", "kind"),
    [
        ("A collection of reusable AI / ML components and related projects.", "library"),
        ("Quiz generation and a data pipeline.", "example"),
    ],
    ids=["reusable-parts", "what-it-does"],
)
def test_a_description_offering_reusable_parts_publishes_a_library(
    tmp_path: Path, description: str, kind: str
) -> None:
    tree: Tree = {
        "README.md": "# ml-toolkit\n\nSee the modules below.\n",
        "pyproject.toml": (
            '[build-system]\nrequires = ["uv_build>=0.9"]\nbuild-backend = "uv_build"\n\n'
            f'[project]\nname = "ml-toolkit"\nversion = "0.1.0"\ndescription = "{description}"\n'
            'readme = "README.md"\ndependencies = []\n'
        ),
        "src/ml_toolkit/__init__.py": "",
        "src/ml_toolkit/quiz/train.py": (
            "import torch\n\nmodel = torch.nn.Linear(2, 1)\n"
            "torch.save(model.state_dict(), 'm.pt')\n"
        ),
        "notebooks/try.ipynb": '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
    }
    assert committed_kind(tmp_path, tree) == kind


# -- SERVE003: numpy told to unpickle -------------------------------------------------------------


@pytest.mark.parametrize(
    ("load", "status"),
    [("allow_pickle=True", "failed"), ("allow_pickle=False", "passed")],
    ids=["pickle-allowed", "arrays-only"],
)
def test_serve003_reads_numpy_told_to_unpickle(tmp_path: Path, load: str, status: str) -> None:
    tree: Tree = {
        **PREDICTING_SERVICE,
        "requirements.txt": "fastapi==0.115.0\nnumpy==2.1.0\n",
        "src/demo/clusters.py": (
            f"import numpy as np\n\n\ndef centroids(path):\n    return np.load(path, {load})\n"
        ),
    }
    tree["src/demo/app.py"] = str(tree["src/demo/app.py"]).replace(
        "from fastapi import FastAPI\n",
        "from fastapi import FastAPI\n\nfrom demo.clusters import centroids\n\n"
        "CENTRES = centroids('centres.npy')\n",
    )
    assert committed_status(tmp_path, tree, "SERVE003") == status


# -- ENV003 and REPO001: a requirements file conda installs ---------------------------------------


@pytest.mark.parametrize(
    ("installer", "env003"),
    [("conda install --file requirements_r.txt", []), ("pip install -r requirements_r.txt", None)],
    ids=["conda-specs", "pip-requirements"],
)
def test_a_requirements_file_only_conda_installs_holds_conda_specs(
    tmp_path: Path, installer: str, env003: list[str] | None
) -> None:
    tree: Tree = {
        "figure-1/requirements_r.txt": "r-dplyr=1.1.4\nr-readr=2.1.5\nnumpy==1.23.5\n",
        "figure-1/run.sh": f"#!/usr/bin/env bash\nconda create -n fig1 r-base=4.3.1\n{installer}\n",
        "figure-1/plot.py": "import numpy as np\n\nprint(np.arange(3))\n",
    }
    if env003 is None:  # pip reads the same lines: `r-dplyr=1.1.4` is no requirement
        assert shown_findings(tmp_path, tree, "REPO001")
        return
    assert shown_findings(tmp_path, tree, "REPO001") == []
    assert shown_findings(tmp_path, tree, "ENV003") == env003


# -- MON003: an Azure ML monitoring schedule ------------------------------------------------------

_SCHEDULE = (
    "$schema: http://azureml/sdk-2-0/Schedule.json\nname: prod-monitoring\n"
    "trigger:\n  type: recurrence\n  frequency: day\n  interval: 1\n"
    "create_monitor:\n  monitoring_target:\n    ml_task: regression\n"
    "    endpoint_deployment_id: azureml:prices:blue\n  monitoring_signals:\n"
    "    drift:\n      type: {signal}\n"
)


@pytest.mark.parametrize(
    ("signal", "status"),
    [("data_drift", "passed"), ("generation_safety_quality", "failed")],
    ids=["drift-signal", "other-signal"],
)
def test_mon003_reads_an_azure_ml_monitoring_schedule(
    tmp_path: Path, signal: str, status: str
) -> None:
    tree: Tree = {
        **PREDICTING_SERVICE,
        "requirements.txt": "fastapi==0.115.0\n",
        "monitoring/prod-monitoring.yaml": _SCHEDULE.format(signal=signal),
    }
    assert committed_status(tmp_path, tree, "MON003") == status


# -- ENV001: a template's rendered requirements folder ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "status"),
    [("requirements/base.txt", "passed"), ("notes/base.txt", "failed")],
    ids=["requirements-folder", "other-folder"],
)
def test_env001_reads_a_template_s_rendered_requirements_folder(
    tmp_path: Path, name: str, status: str
) -> None:
    tree: Tree = {
        "cookiecutter.json": '{"project_slug": "api"}\n',
        "README.md": "# Cookiecutter for a PyTorch API\n\n    cookiecutter gh:me/this\n",
        f"{{{{cookiecutter.project_slug}}}}/{name}": "torch==1.6.0\nfastapi==0.68.1\n",
        "{{cookiecutter.project_slug}}/app/api.py": API,
    }
    assert committed_status(tmp_path, tree, "ENV001") == status
