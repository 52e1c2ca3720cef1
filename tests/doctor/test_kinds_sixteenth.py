"""Kinds read the way a reviewer reads them, from what rounds 13 and 15 misread out of
sample: the folder that trains a model and the folders that deploy it are one product,
not a monorepo (a course built that way stays a course of lessons); a README that
says the repository was made to showcase something, or that reports its author's
competition score, describes an example, whatever service it holds. And DVC initialised
in the folder that uses it is initialised."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import API, FIT, IMAGE, SERVICE, TRAINING
from tests.doctor.helpers import Tree, audit, committed_kind, status_of

# One product in two folders: modeling/ trains, service/ serves its model in an image.
TRAINED_AND_SERVED: Tree = {
    "README.md": "# Forest watch\n\nThe work has two parts, modeling and service.\n",
    "modeling/README.md": "# Modeling\n\nRun `make train`.\n",
    "modeling/requirements.txt": "torch==2.4.0\n",
    "modeling/src/train.py": FIT,
    "service/README.md": "# Service\n\nRun `make run`.\n",
    "service/requirements.txt": "fastapi==0.115.0\n",
    "service/app.py": API,
    "service/Dockerfile": IMAGE,
}


def test_a_folder_that_trains_and_one_that_deploys_are_one_product(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, TRAINED_AND_SERVED) == "application"


def test_folders_that_each_train_are_several_projects(tmp_path: Path) -> None:
    tree = {**TRAINED_AND_SERVED, "service/retrain.py": FIT}
    assert committed_kind(tmp_path, tree) == "monorepo"


def test_a_folder_that_builds_its_own_package_is_a_project(tmp_path: Path) -> None:
    setup = "from setuptools import setup\n\nsetup(name='model', packages=['src'])\n"
    tree = {**TRAINED_AND_SERVED, "modeling/setup.py": setup}
    assert committed_kind(tmp_path, tree) == "monorepo"


# A course that builds one system in parts, each deployed from its own folder: its parts
# are lessons, judged as a course's are (the rule above is for products).
COURSE_SYSTEM: Tree = {
    "README.md": "# MLOps crash course\n\nWe build one recommender, part by part.\n",
    "training_pipeline/src/train.py": FIT,
    "training_pipeline/deployment/requirements.txt": "scikit-learn==1.5.2\n",
    "training_pipeline/deployment/Dockerfile": IMAGE,
    "model_serving/src/app.py": API,
    "model_serving/deployment/requirements.txt": "fastapi==0.115.0\n",
    "model_serving/deployment/Dockerfile": IMAGE,
}


def test_a_course_that_builds_one_system_in_parts_stays_a_course(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, COURSE_SYSTEM) == "example"


SERVED_MODEL: Tree = {**SERVICE, **TRAINING, "requirements.txt": "fastapi==0.115.0\n"}


def test_a_project_made_to_showcase_skills_is_an_application(tmp_path: Path) -> None:
    # The portfolio rule (bench/corpus/README.md): the lifecycle practices are what it shows.
    readme = (
        "# Churn prediction (end-to-end)\n\nAn end-to-end churn project designed to showcase"
        " production-minded ML. It includes tests, CI and a Dockerized API.\n"
    )
    assert committed_kind(tmp_path, {**SERVED_MODEL, "README.md": readme}) == "application"


def test_a_project_that_demonstrates_an_architecture_is_an_application(tmp_path: Path) -> None:
    readme = (
        "# Weather forecasts\n\nThis project demonstrates a scalable architecture for serving"
        " forecasts on Kubernetes.\n"
    )
    assert committed_kind(tmp_path, {**SERVED_MODEL, "README.md": readme}) == "application"


SCRIPTS: Tree = {
    **TRAINING,
    "requirements.txt": "lightgbm==4.5.0\n",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY src src\nCMD ["python", "src/demo/train.py"]\n',
}


def test_a_readme_that_reports_a_leaderboard_score_is_an_entry(tmp_path: Path) -> None:
    readme = (
        "# Sales challenge\n\nLate submission `run008` scored public: 0.5226 and"
        " private: 0.5256.\n\n## Run\n\n```sh\npython src/demo/train.py\n```\n"
    )
    assert committed_kind(tmp_path, {**SCRIPTS, "README.md": readme}) == "example"


def test_a_readme_that_links_another_teams_solution_reports_no_score(tmp_path: Path) -> None:
    readme = (
        "# Grocery forecasts\n\nFeatures borrowed from the [1st place solution]"
        "(https://www.kaggle.com/code/a/1st-place-lgb-model-public-0-506-private-0-511).\n"
    )
    assert committed_kind(tmp_path, {**SCRIPTS, "README.md": readme}) == "application"


# DATA002: a product in parts may initialise DVC in the folder that uses it
# (`dvc init --subdir`); its config there is DVC's config.
DVC_REMOTE = "[core]\n    remote = store\n['remote \"store\"']\n    url = s3://team/dvc\n"


def test_data002_reads_dvc_initialised_in_a_folder(tmp_path: Path) -> None:
    tree = {
        **TRAINED_AND_SERVED,
        "modeling/.dvc/config": DVC_REMOTE,
        "modeling/data.dvc": "outs:\n- path: data\n",
    }
    build_file_tree(tmp_path, tree)
    assert status_of(audit(tmp_path, "DATA002"), "DATA002") is Status.PASSED


def test_data002_reports_a_folders_dvc_that_was_never_initialised(tmp_path: Path) -> None:
    tree = {**TRAINED_AND_SERVED, "modeling/data.dvc": "outs:\n- path: data\n"}
    build_file_tree(tmp_path, tree)
    assert status_of(audit(tmp_path, "DATA002"), "DATA002") is Status.FAILED
