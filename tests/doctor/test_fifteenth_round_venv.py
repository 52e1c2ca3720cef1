"""What round 15 showed after its measured run: a virtual environment committed with the
project (a Windows venv's 1,000 files) is installed packages, not the project's code; and
`pip3 install` is a setup command."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import TRAINING
from tests.doctor.helpers import Tree, committed_status

FLASK_IN_SITE_PACKAGES = "from flask import Flask\n\napp = Flask(__name__)\n"


def _serve001(root: Path, marker: str) -> str:
    tree: Tree = {
        **TRAINING,
        "requirements.txt": "scikit-learn==1.5.2\n",
        f"venv/{marker}": "home = C:\\Python312\n",
        "venv/Lib/site-packages/flask_demo/app.py": FLASK_IN_SITE_PACKAGES,
    }
    return committed_status(root, tree, "SERVE001")


def test_a_committed_virtual_environment_is_not_the_projects_code(tmp_path: Path) -> None:
    assert _serve001(tmp_path, "pyvenv.cfg") != "passed"


def test_a_folder_without_an_environments_marker_is_the_projects_code(tmp_path: Path) -> None:
    assert _serve001(tmp_path, "settings.cfg") == "passed"


def _docs001(root: Path, command: str) -> str:
    return committed_status(
        root,
        {**TRAINING, "requirements.txt": "numpy\n", "README.md": f"# Lottery\n\n    {command}\n"},
        "DOCS001",
    )


def test_pip3_install_is_a_setup_command(tmp_path: Path) -> None:
    assert _docs001(tmp_path, "pip3 install -r requirements.txt") == "passed"


def test_pip3_freeze_is_no_setup_command(tmp_path: Path) -> None:
    assert _docs001(tmp_path, "pip3 freeze > requirements.txt") == "failed"


# SERVE001: a compose file whose built services run tools' servers deploys no model.
def _compose(root: Path, command: str) -> str:
    compose = (
        "services:\n  tracking:\n    build:\n      context: .\n"
        "      dockerfile: Dockerfile.tools\n"
        f'    command: "{command}"\n    ports:\n      - "5000:5000"\n'
    )
    tree: Tree = {
        **TRAINING,
        "requirements.txt": "scikit-learn==1.5.2\n",
        "Dockerfile.tools": "FROM python:3.12-slim\nRUN pip install mlflow==2.22.0\n",
        "docker-compose.yml": compose,
    }
    return committed_status(root, tree, "SERVE001")


def test_a_built_tracking_server_deploys_no_model(tmp_path: Path) -> None:
    assert _compose(tmp_path, "mlflow server --host 0.0.0.0") == "not-applicable"


def test_a_built_uvicorn_server_deploys_the_model(tmp_path: Path) -> None:
    assert _compose(tmp_path, "uvicorn app:app --host 0.0.0.0") == "failed"


# TEST001: a locust load test's `test_*` tasks are no test a runner collects.
LOCUST = (
    "from locust import HttpUser, task\n\n\nclass PerformanceTest(HttpUser):\n"
    "    @task\n    def test_predict(self):\n        self.client.post('/predict', json={})\n"
)


def _test001(root: Path, module: str) -> str:
    return committed_status(
        root, {**TRAINING, "tests/performance/locust_test.py": module}, "TEST001"
    )


def test_a_locust_load_test_is_no_test_suite(tmp_path: Path) -> None:
    assert _test001(tmp_path, LOCUST) == "failed"


def test_a_test_class_of_pytests_is_a_test_suite(tmp_path: Path) -> None:
    tests = "class TestPredict:\n    def test_predict(self):\n        assert sum([1, 1]) == 2\n"
    assert _test001(tmp_path, tests) == "passed"


# SERVE002: the route a deployment's health check polls is the health route. The root
# route returns the app's version, not a fixed message, so the polling alone decides.
ROOT_ROUTE = (
    "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
    '@app.get("/")\ndef root():\n    return {"version": app.version}\n'
)


def _serve002(root: Path, tree: Tree) -> str:
    service = {"src/demo/__init__.py": "", "src/demo/app.py": ROOT_ROUTE}
    return committed_status(root, {**TRAINING, **service, **tree}, "SERVE002")


def test_the_root_route_renders_health_check_polls_is_the_health_route(tmp_path: Path) -> None:
    render = "services:\n  - type: web\n    name: api\n    healthCheckPath: /\n"
    assert _serve002(tmp_path, {"render.yaml": render}) == "passed"


def test_a_dockerfiles_healthcheck_on_the_root_route_is_the_health_route(tmp_path: Path) -> None:
    image = "FROM python:3.12-slim\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\n"
    assert _serve002(tmp_path, {"Dockerfile": image}) == "passed"


def test_a_polled_path_the_service_does_not_route_is_no_health_route(tmp_path: Path) -> None:
    render = "services:\n  - type: web\n    name: api\n    healthCheckPath: /alive\n"
    assert _serve002(tmp_path, {"render.yaml": render}) == "failed"


# A service that pulls its model with DVC trains nothing: the pipeline checks do not apply.
def _data004(root: Path, pointer: str) -> str:
    service = {"src/demo/__init__.py": "", "src/demo/app.py": ROOT_ROUTE}
    tree = {**service, ".dvc/config": "", pointer: "outs:\n- path: x\n"}
    return committed_status(root, tree, "DATA004")


def test_a_service_that_pulls_its_model_with_dvc_trains_nothing(tmp_path: Path) -> None:
    assert _data004(tmp_path, "model.dvc") == "not-applicable"


def test_a_repository_that_versions_data_with_dvc_is_judged(tmp_path: Path) -> None:
    assert _data004(tmp_path, "data/train.csv.dvc") == "failed"


# CODE001: the one module a distribution installs is a package.
def _code001(root: Path, module: str) -> str:
    pyproject = (
        '[tool.poetry]\nname = "model-service"\nversion = "0.1.0"\n\n'
        '[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n'
    )
    return committed_status(
        root, {"pyproject.toml": pyproject, module: "def predict(x):\n    return x\n"}, "CODE001"
    )


def test_the_module_a_distribution_installs_is_a_package(tmp_path: Path) -> None:
    assert _code001(tmp_path, "src/model_service.py") == "passed"


def test_a_module_named_otherwise_is_a_loose_script(tmp_path: Path) -> None:
    assert _code001(tmp_path, "src/serve.py") == "failed"


# CI002: a .gitlab-ci.yml kept in a folder runs its jobs from that folder.
def _ci002(root: Path, makefile: str) -> str:
    gitlab = "unit_tests:\n  script:\n    - make test\n"
    tree = {
        **TRAINING,
        "service/.gitlab-ci.yml": gitlab,
        makefile: "test:\n\tpytest tests\n",
        "service/tests/test_api.py": "def test_ok():\n    assert sum([1, 1]) == 2\n",
    }
    return committed_status(root, tree, "CI002")


def test_a_nested_gitlab_ci_runs_the_makefile_of_its_folder(tmp_path: Path) -> None:
    assert _ci002(tmp_path, "service/Makefile") == "passed"


def test_a_nested_gitlab_ci_does_not_run_a_makefile_elsewhere(tmp_path: Path) -> None:
    assert _ci002(tmp_path, "modeling/Makefile") == "failed"
