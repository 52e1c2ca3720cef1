"""Kinds of the eighth round (kind8). A course's lesson that deploys its service (a
Dockerfile or manifest in its folder, a root image built from its folder) is judged on that
service; one nothing deploys is a teaching fragment; monitoring the course shows in another
lesson counts. Notebooks around a nested pipeline project are an application's; a nested
Kedro project is an entry point; a front end alone asks for no image."""

from __future__ import annotations

import json
from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import audit

SERVICE = (
    "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/predict', methods=['POST'])\ndef predict() -> str:\n    return 'ok'\n"
)
DRIFT = "from evidently.report import Report\n\nreport = Report(metrics=[])\n"
CHECKS = ("SERVE001", "SERVE002", "MON001", "MON002", "MON003")


def _course(**extra: str) -> dict[str, str]:
    """A course in numbered lesson folders whose serving lesson has a Flask app with only
    a /predict route; `extra` files (path with `__` for `/`) are added."""
    tree = {
        "README.md": "# A course on MLOps\n",
        "01-intro/notes.md": "Why MLOps.\n",
        "02-train/requirements.txt": "scikit-learn==1.5.0\n",
        "02-train/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
        "03-serving/requirements.txt": "flask==3.0.0\n",
        "03-serving/app.py": SERVICE,
    }
    tree.update({path.replace("__", "/"): text for path, text in extra.items()})
    return tree


def _serving_findings(root: Path) -> set[str]:
    return {f.id for f in audit(root, *CHECKS).findings if f.project == "03-serving"}


def test_a_lesson_that_deploys_its_service_is_judged_on_it(tmp_path: Path) -> None:
    dockerfile = 'FROM python:3.12-slim\nCOPY . /app\nCMD ["flask", "run"]\n'
    build_file_tree(tmp_path, _course(**{"03-serving__Dockerfile": dockerfile}))
    assert _serving_findings(tmp_path) == {"SERVE002", "MON001", "MON002", "MON003"}


def test_a_lesson_service_nothing_deploys_is_a_teaching_fragment(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _course())
    report = audit(tmp_path, *CHECKS)
    assert not [f for f in report.findings if f.project == "03-serving"]
    health = next(r for r in report.results if r.id == "SERVE002" and r.project == "03-serving")
    assert "deploys no service" in (health.reason or "")


def test_a_root_image_built_from_a_lessons_folder_deploys_it(tmp_path: Path) -> None:
    dockerfile = 'FROM python:3.12-slim\nADD ./03-serving /opt/api\nCMD ["bash", "run.sh"]\n'
    build_file_tree(tmp_path, _course(Dockerfile=dockerfile))
    assert "SERVE002" in _serving_findings(tmp_path)


def test_a_root_image_built_from_another_folder_deploys_no_lesson(tmp_path: Path) -> None:
    dockerfile = "FROM python:3.12-slim\nCOPY 02-train/ /opt/train\n"
    build_file_tree(tmp_path, _course(Dockerfile=dockerfile))
    assert not _serving_findings(tmp_path)


def test_monitoring_another_lesson_shows_counts_for_a_deployed_lesson(tmp_path: Path) -> None:
    tree = _course(
        **{
            "03-serving__Procfile": "web: flask run\n",
            "05-monitoring__requirements.txt": "evidently==0.4.0\n",
            "05-monitoring__drift.py": DRIFT,
        }
    )
    build_file_tree(tmp_path, tree)
    report = audit(tmp_path, *CHECKS)
    assert {f.id for f in report.findings if f.project == "03-serving"} == {
        "SERVE002",
        "MON001",
        "MON002",
    }
    drift = next(r for r in report.results if r.id == "MON003" and r.project == "03-serving")
    assert (drift.reason or "").startswith("the course shows it elsewhere")


# A team's project (detoxify-kedro's shape): notebooks that train at the root, a Kedro
# project for the data in a folder of its own, a Streamlit page that loads the model.
TRAIN_NOTEBOOK = json.dumps(
    {"cells": [{"cell_type": "code", "source": ["model.fit(X, y)\n"]}], "nbformat": 4}
)
KEDRO_PROJECT = '[project]\nname = "data"\nversion = "0.1"\n\n[tool.kedro]\npackage_name = "data"\n'
STREAMLIT_PAGE = "import streamlit as st\nimport torch\n\nmodel = torch.load('model.pth')\n"


def _team_project(pyproject: str) -> dict[str, str]:
    tree = {
        "README.md": "# Toxic comments\n\nRun `pip install -r requirements.txt`.\n",
        "requirements.txt": "torch==2.4.0\nstreamlit==1.38.0\n",
        "data-pipeline/pyproject.toml": pyproject,
        "data-pipeline/README.md": "Run `kedro run`.\n",
        "data-pipeline/src/data/__init__.py": "",
        "data-pipeline/src/data/nodes.py": "def clean(df):\n    return df.dropna()\n",
        "frontend/Home.py": STREAMLIT_PAGE,
    }
    for n in range(3):
        tree[f"models/model_{n}.ipynb"] = TRAIN_NOTEBOOK
    return tree


def test_notebooks_around_a_nested_pipeline_project_are_an_application(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _team_project(KEDRO_PROJECT))
    report = audit(tmp_path)
    assert report.kind == "application"
    assert "EXP001" in {f.id for f in report.findings}


def test_notebooks_beside_a_project_that_declares_no_pipeline_are_examples(
    tmp_path: Path,
) -> None:
    plain = '[project]\nname = "data"\nversion = "0.1"\n'
    build_file_tree(tmp_path, _team_project(plain))
    assert audit(tmp_path).kind == "example"


def test_a_nested_kedro_project_is_a_one_command_entry_point(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _team_project(KEDRO_PROJECT))
    docs003 = next(r for r in audit(tmp_path, "DOCS003").results if r.id == "DOCS003")
    assert docs003.status is Status.PASSED
    assert "data-pipeline/pyproject.toml" in (docs003.reason or "")


def test_a_kedro_project_a_template_renders_is_no_entry_point(tmp_path: Path) -> None:
    tree = {
        "{{ cookiecutter.repo_name }}/pyproject.toml": KEDRO_PROJECT,
        "cookiecutter.json": '{"repo_name": "x"}\n',
    }
    build_file_tree(tmp_path, tree)
    assert "DOCS003" in {f.id for f in audit(tmp_path, "DOCS003").findings}


APPLICATION = '[tool.mlops.doctor]\nkind = "application"\n'


def test_a_front_end_alone_asks_for_no_image(tmp_path: Path) -> None:
    tree = {"pyproject.toml": APPLICATION, "frontend/Home.py": STREAMLIT_PAGE}
    build_file_tree(tmp_path, tree)
    report = audit(tmp_path, "IMG001")
    assert report.results[0].reason == "nothing says the model is deployed"


def test_a_back_end_service_without_an_image_is_a_finding(tmp_path: Path) -> None:
    tree = {
        "pyproject.toml": APPLICATION,
        "frontend/Home.py": STREAMLIT_PAGE,
        "api/app.py": SERVICE,
        "README.md": "# Churn\n\nThe API is deployed to Cloud Run.\n",
    }
    build_file_tree(tmp_path, tree)
    assert [f.id for f in audit(tmp_path, "IMG001").findings] == ["IMG001"]


def _pipeline_repo(paragraph: str) -> dict[str, str]:
    """A DVC pipeline whose README opens with a linked badge, a title and `paragraph`."""
    return {
        "README.md": f"[![Studio](https://img.example/badge.svg)](https://studio.example)\n\n"
        f"# Tags\n\n{paragraph}\n",
        "dvc.yaml": "stages:\n  train:\n    cmd: python src/train.py\n",
        "src/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
    }


def test_a_step_by_step_introduction_behind_a_badge_is_an_example(tmp_path: Path) -> None:
    paragraph = "It is a step-by-step quick\nintroduction into basic DVC concepts."
    build_file_tree(tmp_path, _pipeline_repo(paragraph))
    report = audit(tmp_path)
    assert (report.kind, report.kind_evidence) == (
        "example",
        "README.md says 'quick introduction'",
    )


def test_a_pipeline_whose_readme_says_what_it_predicts_is_an_application(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _pipeline_repo("It predicts the tags of a question."))
    assert audit(tmp_path).kind == "application"


def test_a_readme_is_read_past_a_linked_badge(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _pipeline_repo("Example of how to version a pipeline."))
    assert audit(tmp_path).kind == "example"


def test_an_image_of_another_lesson_copies_from_its_own_folder(tmp_path: Path) -> None:
    dockerfile = "FROM python:3.12-slim\nCOPY 03-serving/ /opt/api\n"
    build_file_tree(tmp_path, _course(**{"02-train__Dockerfile": dockerfile}))
    assert not _serving_findings(tmp_path)


# A compose file declares the root as the build context of an image kept under build/.
COMPOSE_ROOT_CONTEXT = (
    "services:\n  api:\n    build:\n      context: .\n"
    "      dockerfile: build/serve/Dockerfile\n    ports: ['5000:5000']\n"
)


def test_an_image_built_from_the_root_deploys_the_lesson_it_copies(tmp_path: Path) -> None:
    dockerfile = 'FROM python:3.12-slim\nCOPY 03-serving/ /app\nCMD ["flask", "run"]\n'
    extra = {"build__serve__Dockerfile": dockerfile, "docker-compose.yml": COMPOSE_ROOT_CONTEXT}
    build_file_tree(tmp_path, _course(**extra))
    assert "SERVE002" in _serving_findings(tmp_path)


def test_an_image_in_another_folder_without_a_declared_context_deploys_nothing(
    tmp_path: Path,
) -> None:
    dockerfile = 'FROM python:3.12-slim\nCOPY 03-serving/ /app\nCMD ["flask", "run"]\n'
    build_file_tree(tmp_path, _course(**{"build__serve__Dockerfile": dockerfile}))
    assert not _serving_findings(tmp_path)
