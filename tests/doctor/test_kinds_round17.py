"""Kinds read from what round 17 misread: a README whose title section links its paper
presents the code of that paper, whatever viewer or setup.py it also has; a back end and
the front end that calls it are one product, jobs that feed a model are projects of their
own; a monorepo has the practices one of its projects has; and a folder whose
requirements.txt only includes its parent's shares that project."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_file_tree
from tests.doctor.cases import FIT
from tests.doctor.helpers import Tree, audit, committed_kind, found_ids, git_commit

# A paper's code: it trains, installs itself with a bare setup.py, and has a FastAPI
# viewer of its training runs.
PAPER_CODE: Tree = {
    "setup.py": "from setuptools import setup, find_packages\n\nsetup(name='fires')\n",
    "fires/run_train.py": FIT,
    "fires/vis/server.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
    "notebooks/plots.ipynb": "{}",
}


def _readme(top: str) -> Tree:
    install = "## Installation\n\n```\npip install -e .\n```\n"
    return {**PAPER_CODE, "README.md": f"{top}\n{install}"}


def test_a_readme_that_opens_with_its_arxiv_paper_is_research_code(tmp_path: Path) -> None:
    top = "## Links\n* [Arxiv Paper](https://arxiv.org/abs/2503.08580)\n* [Dataset](x)\n"
    assert committed_kind(tmp_path, _readme(top)) == "example"


def test_a_paper_cited_below_what_the_service_does_makes_no_research(tmp_path: Path) -> None:
    top = (
        "# Fire watch\n\nA service that maps active fires.\n\n## Installation\n\n"
        "Run it.\n\n## References\n\nThe model follows https://arxiv.org/abs/2503.08580.\n"
    )
    assert committed_kind(tmp_path, {**PAPER_CODE, "README.md": top}) == "application"


# One product with nothing to train: a back end that serves a downloaded model and the
# image of the chat page that calls it.
CHAT: Tree = {
    "README.md": "# Chat assistant\n\nA chat page and the API that answers it.\n",
    "backend/requirements.txt": "fastapi==0.115.0\ntransformers==4.46.0\n",
    "backend/tests/test_api.py": "def test_ok():\n    assert sum([1, 1]) == 2\n",
    "backend/api/main.py": (
        "from fastapi import FastAPI\nfrom transformers import pipeline\n\napp = FastAPI()\n"
        'chat = pipeline("text-generation")\n'
    ),
    "backend/Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nCMD ["uvicorn", "api.main:app"]\n',
    "frontend/requirements.txt": "streamlit==1.40.0\nrequests==2.32.3\n",
    "frontend/tests/test_page.py": "def test_ok():\n    assert sum([1, 1]) == 2\n",
    "frontend/app/main.py": 'import requests\nimport streamlit as st\n\nst.title("Chat")\n',
    "frontend/Dockerfile": (
        'FROM python:3.12-slim\nCOPY . .\nEXPOSE 8501\nCMD ["streamlit", "run", "app/main.py"]\n'
    ),
}


def test_a_back_end_and_the_front_end_that_calls_it_are_one_product(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, CHAT) == "application"


def test_two_back_ends_that_each_serve_a_model_are_two_projects(tmp_path: Path) -> None:
    tree = {**CHAT, "frontend/app/main.py": CHAT["backend/api/main.py"]}
    assert committed_kind(tmp_path, tree) == "monorepo"


# A streaming system: one service trains and serves the model, the others are jobs that
# turn trades into features (their images run a script, serve nothing, load no model).
STREAMING: Tree = {
    "README.md": "# Crypto prices\n\nPredicts prices in real time.\n",
    "services/predictor/pyproject.toml": "[tool.poetry]\nname = 'predictor'\n",
    "services/predictor/src/training.py": FIT,
    "services/predictor/src/api.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
    "services/predictor/tests/test_api.py": "def test_ok():\n    assert sum([1, 1]) == 2\n",
    "services/predictor/Dockerfile": (
        'FROM python:3.12-slim\nCOPY . .\nEXPOSE 80\nCMD ["uvicorn", "src.api:app"]\n'
    ),
    "services/trades/pyproject.toml": "[tool.poetry]\nname = 'trades'\n",
    "services/trades/README.md": "# Trades\n",
    "services/trades/src/main.py": "def run(producer):\n    producer.produce('trades')\n",
    "services/trades/Dockerfile": (
        'FROM python:3.12-slim\nCOPY . .\nCMD ["python", "src/main.py"]\n'
    ),
}


def test_jobs_that_feed_the_model_make_a_monorepo(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, STREAMING) == "monorepo"


def test_a_job_that_scores_with_the_model_deploys_it(tmp_path: Path) -> None:
    score = "import joblib\n\n\ndef run(rows):\n    return joblib.load('m.pkl').predict(rows)\n"
    tree = {**STREAMING, "services/trades/src/main.py": score}
    assert committed_kind(tmp_path, tree) == "application"


# In a monorepo, a practice one project has counts for the repository: the feature job
# needs no prediction service or tests of its own when the predictor has them.
def test_a_monorepo_has_the_practices_one_of_its_projects_has(tmp_path: Path) -> None:
    build_file_tree(tmp_path, STREAMING)
    git_commit(tmp_path)
    report = audit(tmp_path, "TEST001", "SERVE001")
    assert report.kind == "monorepo"
    assert not found_ids(report)


def test_a_monorepo_whose_projects_have_no_tests_has_no_suite(tmp_path: Path) -> None:
    tree = {rel: text for rel, text in STREAMING.items() if "/tests/" not in rel}
    build_file_tree(tmp_path, tree)
    git_commit(tmp_path)
    assert "TEST001" in found_ids(audit(tmp_path, "TEST001"))


# A course whose lessons share the notebooks' pinned requirements: a lesson folder whose
# requirements.txt only includes the shared file declares no project of its own.
def _course(lesson_requirements: str) -> Tree:
    return {
        "README.md": "# Deployment of ML models\n\nThe code of an online course.\n",
        "notebooks/common_requirements.txt": "numpy==2.1.0\npandas==2.2.3\n",
        "notebooks/Section2_Pipeline/requirements.txt": lesson_requirements,
        "notebooks/Section2_Pipeline/pipeline.ipynb": "{}",
        "packages/model/requirements.txt": "scikit-learn==1.5.2\n",
        "packages/model/model/__init__.py": "",
        "packages/model/model/train.py": FIT,
        "packages/api/requirements.txt": "flask==3.0.3\n",
        "packages/api/api/app.py": "from flask import Flask\n\napp = Flask(__name__)\n",
    }


def test_a_folder_that_only_includes_requirements_from_above_is_no_project(
    tmp_path: Path,
) -> None:
    build_file_tree(tmp_path, _course("# shared\n-r ../common_requirements.txt\n"))
    git_commit(tmp_path)
    report = audit(tmp_path, "ENV002")
    assert "notebooks/Section2_Pipeline" not in report.projects
    assert "ENV002" not in found_ids(report)


def test_a_folder_that_adds_requirements_of_its_own_is_a_project(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _course("-r ../common_requirements.txt\nkeras\n"))
    git_commit(tmp_path)
    report = audit(tmp_path, "ENV002")
    assert "notebooks/Section2_Pipeline" in report.projects
    assert "ENV002" in found_ids(report)
