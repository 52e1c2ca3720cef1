"""Kinds that rounds 13 and 14 misread: a README titled as a demo, a portfolio, a
workshop or a Kaggle entry is an example whatever service it holds; a script named for the
paper makes research code; and an application whose README offers it "as a template" is
still the application it describes."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_file_tree
from tests.doctor.cases import PREDICTING_SERVICE, SERVICE, TRAINING
from tests.doctor.helpers import Tree, audit, committed_status, git_commit


def _kind(root: Path, tree: Tree) -> str:
    build_file_tree(root, tree)
    git_commit(root)
    return str(audit(root, "DATA004").kind)


SERVED_MODEL: Tree = {**SERVICE, **TRAINING, "requirements.txt": "fastapi==0.115.0\n"}
# Training and an image that runs it, no service: the README's whole opening is read.
TRAINED: Tree = {
    **TRAINING,
    "requirements.txt": "scikit-learn==1.5.2\n",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY src src\nCMD ["python", "src/demo/train.py"]\n',
}


def test_a_readme_titled_a_demo_portfolio_is_an_example(tmp_path: Path) -> None:
    readme = "# ML Demo Portfolio (FastAPI + MLflow)\n\nAn end-to-end service.\n"
    assert _kind(tmp_path, {**SERVED_MODEL, "README.md": readme}) == "example"


def test_a_readme_titled_a_hands_on_workshop_is_an_example(tmp_path: Path) -> None:
    readme = "# Machine Learning Operations - Hands-on workshop\n\nWe build a pipeline.\n"
    assert _kind(tmp_path, {**SERVED_MODEL, "README.md": readme}) == "example"


def test_a_readme_titled_for_a_kaggle_competition_is_an_example(tmp_path: Path) -> None:
    readme = "# Kaggle-NFL-PlayerContactDetection\n\n## Hardware\nOne A100.\n"
    assert _kind(tmp_path, {**SERVED_MODEL, "README.md": readme}) == "example"


def test_a_readme_titled_a_showcase_web_app_is_an_application(tmp_path: Path) -> None:
    readme = "## MLOps Showcase - Survival Prediction Web App\n\nServed on GKE.\n"
    assert _kind(tmp_path, {**SERVED_MODEL, "README.md": readme}) == "application"


def test_a_demo_named_below_the_title_leaves_an_application(tmp_path: Path) -> None:
    readme = "# Churn prediction\n\n## Demo\n\nA GIF of the service.\n"
    assert _kind(tmp_path, {**SERVED_MODEL, "README.md": readme}) == "application"


SCRIPTS: Tree = {
    "README.md": "# Streaming SGD on Markov chains\n\nRun `python main.py`.\n",
    "environment.yml": "name: fl\ndependencies:\n  - numpy=2.1.0\n",
    "main.py": "def main(model, x, y):\n    model.fit(x, y)\n",
}


def test_a_script_named_for_the_paper_makes_research_code(tmp_path: Path) -> None:
    tree = {**SCRIPTS, "plot_paper.py": "import matplotlib\n"}
    assert _kind(tmp_path, tree) == "example"


def test_a_script_named_for_paper_trading_makes_no_research_code(tmp_path: Path) -> None:
    tree = {**SCRIPTS, "paper_trading.py": "import alpaca\n"}
    assert _kind(tmp_path, tree) == "application"


def test_an_application_offered_as_a_template_stays_an_application(tmp_path: Path) -> None:
    readme = (
        "# Churnobyl\n\nThe pipeline runs on GitHub Actions and deploys a container.\n\n"
        "You can use this as a template to run and deploy an MLOps project\n"
    )
    assert _kind(tmp_path, {**TRAINED, "README.md": readme}) == "application"


def test_a_readme_that_says_it_is_a_template_for_projects_is_one(tmp_path: Path) -> None:
    readme = "# MLOps starter\n\nThis is a template for MLOps projects on GitHub Actions.\n"
    assert _kind(tmp_path, {**TRAINED, "README.md": readme}) == "template"


# MON001: a service that uploads each /predict response to a bucket keeps its predictions.
def _uploads(route: str) -> str:
    return (
        "import json\n\nfrom google.cloud import storage\n\n\n"
        "def upload_response(response):\n"
        f'    if "{route}" not in response["urlPath"]:\n'
        "        return None\n"
        '    bucket = storage.Client().bucket("responses")\n'
        '    bucket.blob(response["id"] + ".json").upload_from_string(json.dumps(response))\n'
    )


def _mon001(root: Path, route: str) -> str:
    tree = {**SERVED_MODEL, **PREDICTING_SERVICE, "src/demo/responses.py": _uploads(route)}
    return committed_status(root, tree, "MON001")


def test_uploading_each_predict_response_to_a_bucket_logs_predictions(tmp_path: Path) -> None:
    assert _mon001(tmp_path, "/predict") == "passed"


def test_uploading_each_health_response_to_a_bucket_logs_no_prediction(tmp_path: Path) -> None:
    assert _mon001(tmp_path, "/health") == "failed"


def test_a_project_whose_title_is_only_the_word_demo_is_an_application(tmp_path: Path) -> None:
    assert _kind(tmp_path, {**SERVED_MODEL, "README.md": "# Demo\n\nA model.\n"}) == "application"


# IMG001: BentoML builds the service image from its bentofile.yaml.
BENTO_SERVICE = (
    "import bentoml\n\n\n@bentoml.service\nclass Predictor:\n"
    "    @bentoml.api\n    def predict(self, x: float) -> float:\n        return x\n"
)


def _img001(root: Path, tree: Tree) -> str:
    return committed_status(root, {**TRAINING, "service.py": BENTO_SERVICE, **tree}, "IMG001")


def test_a_bentofile_builds_the_service_image(tmp_path: Path) -> None:
    bentofile = 'service: "service:Predictor"\ninclude:\n  - "service.py"\n'
    assert _img001(tmp_path, {"bentofile.yaml": bentofile}) == "passed"


def test_a_bento_service_without_a_bentofile_has_no_image(tmp_path: Path) -> None:
    readme = "# Predictor\n\nDeployed with `bentoml serve`.\n"
    assert _img001(tmp_path, {"README.md": readme}) == "failed"


# CODE001: modules imported as a namespace package (no __init__.py) are a package.
def _code001(root: Path, train: str) -> str:
    tree = {
        "requirements.txt": "scikit-learn==1.5.2\n",
        "src/core/config.py": "SEED = 0\n",
        "src/cli/train.py": train,
    }
    return committed_status(root, tree, "CODE001")


def test_a_dotted_import_of_an_own_folder_is_a_namespace_package(tmp_path: Path) -> None:
    assert _code001(tmp_path, "from src.core.config import SEED\n") == "passed"


def test_a_relative_import_is_a_namespace_package(tmp_path: Path) -> None:
    assert _code001(tmp_path, "from ..core.config import SEED\n") == "passed"


def test_a_dotted_import_of_a_library_is_no_package_of_its_own(tmp_path: Path) -> None:
    assert _code001(tmp_path, "from sklearn.linear_model import Ridge\n") == "failed"


def test_folders_put_on_sys_path_are_loose_modules(tmp_path: Path) -> None:
    train = "import sys\n\nsys.path.insert(0, 'src')\nfrom src.core.config import SEED\n"
    assert _code001(tmp_path, train) == "failed"


# CI002: a GitHub job named `run` is a job, its steps' commands are read.
def _ci002(root: Path, job: str, command: str = "python -m pytest") -> str:
    workflow = (
        "name: ci\non: push\npermissions:\n  contents: read\njobs:\n"
        f"  {job}:\n    runs-on: ubuntu-latest\n    steps:\n"
        f"      - uses: actions/checkout@v4\n      - run: {command}\n"
    )
    tree = {**TRAINING, "tests/test_train.py": "def test_ok():\n    assert sum([1, 1]) == 2\n"}
    return committed_status(root, {**tree, ".github/workflows/ci.yml": workflow}, "CI002")


def test_the_steps_of_a_job_named_run_are_read(tmp_path: Path) -> None:
    assert _ci002(tmp_path, "run") == "passed"


def test_a_job_named_run_that_runs_no_tests_is_reported(tmp_path: Path) -> None:
    assert _ci002(tmp_path, "run", "python -m build") == "failed"


# REPO001: conda's export under a requirements name is conda's specs, not a broken file.
CONDA_EXPORT = (
    "# This file may be used to create an environment using:\n"
    "# $ conda create --name <env> --file <this file>\n# platform: win-64\n"
    "_py-xgboost-mutex=2.0=cpu_2\nnumpy=2.1.0=pypi_0\n"
)


def _repo001(root: Path, content: str) -> str:
    return committed_status(root, {**TRAINING, "requirements_dev.txt": content}, "REPO001")


def test_a_conda_export_named_requirements_is_no_broken_file(tmp_path: Path) -> None:
    assert _repo001(tmp_path, CONDA_EXPORT) == "passed"


def test_conda_specs_without_the_exports_header_are_a_broken_file(tmp_path: Path) -> None:
    assert _repo001(tmp_path, CONDA_EXPORT.split("\n", 3)[3]) == "failed"


# DOCS001: the README GitHub shows from docs/, and `conda create` as a setup command.
def _docs001(root: Path, tree: Tree) -> str:
    return committed_status(root, {**TRAINING, **tree}, "DOCS001")


def test_the_readme_github_shows_from_docs_is_read(tmp_path: Path) -> None:
    assert _docs001(tmp_path, {"docs/README.md": "# Lib\n\n    pip install lib\n"}) == "passed"


def test_a_docs_page_not_named_readme_is_no_readme(tmp_path: Path) -> None:
    assert _docs001(tmp_path, {"docs/usage.md": "# Lib\n\n    pip install lib\n"}) == "failed"


def test_conda_create_from_a_file_is_a_setup_command(tmp_path: Path) -> None:
    readme = "# Paper\n\n```shell\nconda create env -f environment.yml\n```\n"
    tree = {"README.md": readme, "environment.yml": "name: paper\n"}
    assert _docs001(tmp_path, tree) == "passed"


def test_conda_activate_alone_is_no_setup_command(tmp_path: Path) -> None:
    readme = "# Paper\n\n```shell\nconda activate paper\n```\n"
    assert _docs001(tmp_path, {"README.md": readme}) == "failed"


# TEST001: unittest's and Django's test module names (`tests.py`, `test.py`).
def _test001(root: Path, name: str) -> str:
    tests = "def test_fit():\n    assert len([1]) == 1\n"
    return committed_status(root, {**TRAINING, f"src/demo/{name}": tests}, "TEST001")


def test_a_djangos_tests_module_is_a_test_suite(tmp_path: Path) -> None:
    assert _test001(tmp_path, "tests.py") == "passed"


def test_a_module_named_testing_is_no_test_suite(tmp_path: Path) -> None:
    assert _test001(tmp_path, "testing.py") == "failed"


# IMG005: compose's `build: ./api` builds api/dockerfile (lower case) from api/.
def _img005(root: Path, name: str) -> str:
    tree = {
        **SERVED_MODEL,
        "data/train.csv": "a,b\n1,2\n",
        f"api/{name}": "FROM python:3.12-slim\nCOPY . /app\nUSER app\n",
        "api/app.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
        "docker-compose.yml": "services:\n  api:\n    build: ./api\n",
    }
    return committed_status(root, tree, "IMG005")


def test_compose_builds_a_lower_case_dockerfile_from_its_folder(tmp_path: Path) -> None:
    assert _img005(tmp_path, "dockerfile") == "passed"


def test_a_dockerfile_compose_does_not_build_copies_from_the_root(tmp_path: Path) -> None:
    assert _img005(tmp_path, "api.dockerfile") == "failed"


# Kinds: an exercise done on request, said below a section heading or in the title.
def test_the_code_for_an_exercise_below_a_heading_is_an_example(tmp_path: Path) -> None:
    readme = (
        "# House price prediction\n\n## Getting started\n\n"
        "This repository contains the code for the exercise as required.\n"
    )
    assert _kind(tmp_path, {**SERVED_MODEL, "README.md": readme}) == "example"


def test_a_readme_titled_as_exercises_is_an_example(tmp_path: Path) -> None:
    readme = "# Machine learning exercises\n\nA FastAPI service.\n"
    assert _kind(tmp_path, {**SERVED_MODEL, "README.md": readme}) == "example"


def _described(description: str) -> Tree:
    setup = f'from setuptools import setup\n\nsetup(name="demo", description="{description}")\n'
    return {**SERVED_MODEL, "setup.py": setup, "README.md": "# Churn\n\nA service.\n"}


def test_a_package_described_as_an_introductory_session_is_an_example(tmp_path: Path) -> None:
    assert _kind(tmp_path, _described("Introductory session of MLOps")) == "example"


def test_a_package_described_as_a_courses_homework_is_an_application(tmp_path: Path) -> None:
    assert _kind(tmp_path, _described("Homework 3: strategies of deployment")) == "application"


def test_the_code_for_the_service_below_a_heading_is_an_application(tmp_path: Path) -> None:
    readme = (
        "# House price prediction\n\n## Getting started\n\n"
        "This repository contains the code for the service and its pipeline.\n"
    )
    assert _kind(tmp_path, {**SERVED_MODEL, "README.md": readme}) == "application"


def test_a_tests_module_in_a_tests_folder_is_a_test_suite(tmp_path: Path) -> None:
    assert _test001(tmp_path, "tests/tests.py") == "passed"


def test_a_helper_module_in_a_tests_folder_is_no_test_suite(tmp_path: Path) -> None:
    assert _test001(tmp_path, "tests/helpers.py") == "failed"
