"""What the twelfth corpus round's repositories (and one of the eleventh) write that the
doctor misread: a product whose nested folders are the ways it is deployed, a platform's
health route that answers for its own folder only, CloudWatch metrics, a README whose
opening lists "an example" among its parts, an hourly CronJob that scores a file, and a
model ZenML serves through MLflow's scoring server; a bare `pip install` cell line, a path
on a user's removable drive, and pre-commit.ci as the CI that lints."""

from __future__ import annotations

import json
from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import PREDICTING_SERVICE, SERVICE, TRAINING, notebook
from tests.doctor.helpers import Tree, audit, git_commit, status_of


def _report(root: Path, tree: Tree, *select: str):  # type: ignore[no-untyped-def]
    build_file_tree(root, tree)
    git_commit(root)
    return audit(root, *select)


def _status(root: Path, tree: Tree, check_id: str) -> Status:
    return status_of(_report(root, tree, check_id), check_id)


# Kinds: one product deployed several ways is an application, not a monorepo.
HANDLER = "def lambda_handler(event, context):\n    return {'prediction': 1}\n"
FLASK = "from flask import Flask\n\napp = Flask(__name__)\n"
DEPLOYED_PRODUCT: Tree = {
    "Pipfile": '[packages]\nlightgbm = "==4.5.0"\n',
    "README.md": "# Sales forecasting\n\nTrain with `make train`.\n",
    "src/__init__.py": "",
    "src/model_train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
    "deployment/webservice-flask/Pipfile": '[packages]\nflask = "==3.0.0"\n',
    "deployment/webservice-flask/Dockerfile": "FROM python:3.12-slim\nUSER app\n",
    "deployment/webservice-flask/predict.py": FLASK,
    "deployment/webservice-lambda/Pipfile": '[packages]\nboto3 = "==1.35.0"\n',
    "deployment/webservice-lambda/lambda_function.py": HANDLER,
}


def test_a_products_deployment_folders_do_not_make_a_monorepo(tmp_path: Path) -> None:
    report = _report(tmp_path, DEPLOYED_PRODUCT)
    assert (report.kind, report.projects) == ("application", ())


def test_nested_projects_that_train_make_a_monorepo(tmp_path: Path) -> None:
    trains = "def main(model, x, y):\n    model.fit(x, y)\n"
    tree = {**DEPLOYED_PRODUCT, "deployment/webservice-lambda/train.py": trains}
    tree.pop("deployment/webservice-lambda/lambda_function.py")
    report = _report(tmp_path, tree)
    assert report.kind == "monorepo"


def test_services_without_a_root_project_still_deploy_its_model(tmp_path: Path) -> None:
    # the root trains, every nested project deploys: one product (test_kinds_sixteenth)
    tree = {k: v for k, v in DEPLOYED_PRODUCT.items() if k != "Pipfile"}
    report = _report(tmp_path, tree)
    assert report.kind == "application"


def test_services_that_deploy_nothing_trained_here_make_a_monorepo(tmp_path: Path) -> None:
    tree = {k: v for k, v in DEPLOYED_PRODUCT.items() if k not in ("Pipfile", "src/model_train.py")}
    report = _report(tmp_path, tree)
    assert report.kind == "monorepo"


# SERVE002: a platform's health route answers for the service beside it, not for a Flask
# app elsewhere (an Azure ML scoring script here: AWS Lambda answers none, session 34).
SCORING_SCRIPT = "def init():\n    pass\n\n\ndef run(raw_data):\n    return []\n"
SCORED_PRODUCT: Tree = {
    **{k: v for k, v in DEPLOYED_PRODUCT.items() if "webservice-lambda" not in k},
    "deployment/endpoint/score.py": SCORING_SCRIPT,
}


def test_a_platforms_health_route_does_not_cover_a_service_elsewhere(tmp_path: Path) -> None:
    assert _status(tmp_path, SCORED_PRODUCT, "SERVE002") is Status.FAILED


def test_a_platform_covers_the_services_in_its_own_folder(tmp_path: Path) -> None:
    tree = {k: v for k, v in SCORED_PRODUCT.items() if "webservice-flask" not in k}
    assert _status(tmp_path, tree, "SERVE002") is Status.PASSED


# MON002: CloudWatch custom metrics published by the service's code.
CLOUDWATCH = (
    "import boto3\n\n\ndef publish(value):\n"
    '    boto3.client("cloudwatch").put_metric_data(Namespace="model", MetricData=[value])\n'
)


# The service imports the module that publishes them (session 34: a module nothing runs
# exposes nothing).
PREDICTING_APP = PREDICTING_SERVICE["src/demo/app.py"]
METERED = {**PREDICTING_SERVICE, "src/demo/app.py": "from demo import metrics\n" + PREDICTING_APP}


def test_cloudwatch_metrics_count_as_service_metrics(tmp_path: Path) -> None:
    tree = {**METERED, "src/demo/metrics.py": CLOUDWATCH}
    assert _status(tmp_path, tree, "MON002") is Status.PASSED


def test_cloudwatch_metrics_no_service_imports_count_for_nothing(tmp_path: Path) -> None:
    tree = {**PREDICTING_SERVICE, "src/demo/metrics.py": CLOUDWATCH}
    assert _status(tmp_path, tree, "MON002") is Status.FAILED


def test_a_service_without_a_metrics_client_is_reported(tmp_path: Path) -> None:
    tree = {**METERED, "src/demo/metrics.py": "def publish(value):\n    print(value)\n"}
    assert _status(tmp_path, tree, "MON002") is Status.FAILED


# Kinds: "example" in a list of the repository's parts is no self-description.
DAG = "from airflow import DAG\n\nwith DAG('train') as dag:\n    pass\n"
LISTED = (
    "# Flight delays\n\nThe repository holds a pipeline for delay prediction, namely:\n"
    "* Airflow DAGs that prepare features and fit the model.\n"
    "* MLflow code and a systemd example.\n"
)


def test_an_example_in_the_readmes_list_of_parts_is_no_example(tmp_path: Path) -> None:
    tree = {**TRAINING, "dags/train.py": DAG, "README.md": LISTED}
    assert _report(tmp_path, tree).kind == "application"


def test_a_readme_whose_prose_calls_the_repository_an_example_is_one(tmp_path: Path) -> None:
    prose = "# Airflow with MLflow\n\nThis repository holds a docker-compose example of Airflow.\n"
    tree = {**TRAINING, "dags/train.py": DAG, "README.md": prose}
    assert _report(tmp_path, tree).kind == "example"


# SERVE001: an hourly CronJob that scores a file serves nothing online.
CRONJOB = (
    "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: predict\nspec:\n"
    '  schedule: "0 * * * *"\n'
)
SECRET = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s3\n"
DEPLOYMENT = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: predict\n"


def test_a_cronjob_manifest_says_nothing_is_served_online(tmp_path: Path) -> None:
    tree = {**TRAINING, "k8s/predict-cronjob.yml": CRONJOB, "k8s/secrets.yml": SECRET}
    result = next(r for r in _report(tmp_path, tree, "SERVE001").results if r.id == "SERVE001")
    assert (result.status, result.reason) == (
        Status.NOT_APPLICABLE,
        "nothing says the model is served online",
    )


def test_a_deployment_manifest_says_the_model_is_served(tmp_path: Path) -> None:
    tree = {**TRAINING, "k8s/predict.yml": DEPLOYMENT}
    assert _status(tmp_path, tree, "SERVE001") is Status.FAILED


# SERVE001: ZenML's MLflow model deployer starts MLflow's scoring server.
DEPLOYER = (
    "from zenml import pipeline\n"
    "from zenml.integrations.mlflow.steps import mlflow_model_deployer_step\n\n\n"
    "@pipeline\ndef deploy(model):\n    mlflow_model_deployer_step(model=model)\n"
)


def test_zenmls_mlflow_deployer_is_a_service_with_a_health_route(tmp_path: Path) -> None:
    tree = {**TRAINING, "pipelines/deploy.py": DEPLOYER}
    report = _report(tmp_path, tree, "SERVE001", "SERVE002", "MON002")
    assert [status_of(report, c) for c in ("SERVE001", "SERVE002", "MON002")] == [
        Status.PASSED,
        Status.PASSED,
        Status.FAILED,
    ]


def test_a_zenml_pipeline_that_deploys_nothing_is_no_service(tmp_path: Path) -> None:
    plain = "from zenml import pipeline\n\n\n@pipeline\ndef train():\n    pass\n"
    tree = {**TRAINING, "pipelines/train.py": plain}
    assert _status(tmp_path, tree, "SERVE001") is not Status.PASSED


# NB002: IPython's automagic runs a bare `pip install` line as `%pip install`.
def _notebook_with(source: str) -> Tree:
    return {**TRAINING, "explore.ipynb": notebook(json.dumps(source))}


def test_a_bare_pip_install_line_in_a_cell_is_reported(tmp_path: Path) -> None:
    tree = _notebook_with("pip install tensorflow\n")
    assert _status(tmp_path, tree, "NB002") is Status.FAILED


def test_pip_install_inside_a_cells_docstring_is_not_reported(tmp_path: Path) -> None:
    tree = _notebook_with('"""On the server:\npip install mlflow\n"""\nimport mlflow\n')
    assert _status(tmp_path, tree, "NB002") is Status.PASSED


# CODE002: a removable drive mounted for one user (`/run/media/<user>/<disk>`).
def test_a_path_on_a_users_removable_drive_is_reported(tmp_path: Path) -> None:
    tree = {**TRAINING, "src/config.py": 'DATA = "/run/media/ana/linux-data"\n'}
    assert _status(tmp_path, tree, "CODE002") is Status.FAILED


def test_a_run_folder_that_is_no_drive_is_not_reported(tmp_path: Path) -> None:
    tree = {**TRAINING, "src/config.py": 'LOCK = "/run/lock/train.pid"\n'}
    assert _status(tmp_path, tree, "CODE002") is Status.PASSED


# CI003: pre-commit.ci, set up by the configuration's `ci:` block, runs its linters.
HOOKS = (
    "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.8.0\n"
    "    hooks:\n      - id: ruff\n"
)
TESTS_ONLY = (
    "name: ci\non: push\npermissions:\n  contents: read\njobs:\n  test:\n"
    "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
    "      - run: pytest\n"
)


def test_pre_commit_ci_set_up_by_its_ci_block_lints(tmp_path: Path) -> None:
    config = "ci:\n  autofix_prs: false\n" + HOOKS
    tree = {**TRAINING, ".github/workflows/ci.yml": TESTS_ONLY, ".pre-commit-config.yaml": config}
    assert _status(tmp_path, tree, "CI003") is Status.PASSED


def test_hooks_no_ci_runs_do_not_lint_in_ci(tmp_path: Path) -> None:
    tree = {**TRAINING, ".github/workflows/ci.yml": TESTS_ONLY, ".pre-commit-config.yaml": HOOKS}
    assert _status(tmp_path, tree, "CI003") is Status.FAILED


# ENV004: an image built from a folder with no back-end service (a user interface that
# calls the model's service) serves no model: its own requirements are no serving set.
UI_IMAGE = (
    "FROM python:3.12-slim\nWORKDIR /ui\nCOPY requirements.txt .\n"
    "RUN pip install -r requirements.txt\nCOPY . .\nEXPOSE 8501\n"
    'CMD ["streamlit", "run", "app.py"]\n'
)
ROOT_IMAGE = (
    "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
    'COPY . .\nEXPOSE 8000\nCMD ["uvicorn", "src.demo.app:app"]\n'
)


def _service_and_ui(ui_folder_serves: bool) -> Tree:
    ui_code = "import streamlit as st\n\nst.title('Churn')\n"
    tree: Tree = {
        **SERVICE,
        "src/demo/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
        "requirements.txt": "scikit-learn==1.5.2\nfastapi==0.115.0\n",
        "Dockerfile": ROOT_IMAGE,
        "ui/.dockerignore": "*.pyc\n",
        "ui/Dockerfile": UI_IMAGE,
        "ui/requirements.txt": "streamlit==1.39.0\nrequests==2.32.3\n",
        "ui/app.py": ui_code,
    }
    if ui_folder_serves:
        tree["ui/app.py"] = "from fastapi import FastAPI\n\napp = FastAPI()\n"
    return tree


def test_a_user_interfaces_image_is_no_serving_set(tmp_path: Path) -> None:
    assert _status(tmp_path, _service_and_ui(False), "ENV004") is Status.FAILED


def test_a_service_image_in_its_own_folder_installs_a_serving_set(tmp_path: Path) -> None:
    tree = _service_and_ui(True)
    # the root's image would ship the set training installs: this service is the only one
    del tree["Dockerfile"], tree["src/demo/app.py"]
    assert _status(tmp_path, tree, "ENV004") is Status.PASSED


# SERVE001: a Streamlit page whose own helper module loads and runs the model serves it.
def _streamlit_page(helper: str) -> Tree:
    page = (
        "import streamlit as st\nfrom utils import core\n\n"
        "st.write(core.label(st.text_input('x')))\n"
    )
    return {
        **TRAINING,
        "app/Home.py": page,
        "app/utils/__init__.py": "",
        "app/utils/core.py": helper,
    }


def test_a_page_whose_helper_loads_the_model_is_a_service(tmp_path: Path) -> None:
    helper = (
        "from setfit import SetFitModel\n\n"
        "MODEL = SetFitModel.from_pretrained('models/theme')\n\n\n"
        "def label(text):\n    return MODEL.predict([text])\n"
    )
    assert _status(tmp_path, _streamlit_page(helper), "SERVE001") is Status.PASSED


def test_a_page_whose_helper_loads_no_model_is_no_service(tmp_path: Path) -> None:
    helper = "def label(text):\n    return text.upper()\n"
    assert _status(tmp_path, _streamlit_page(helper), "SERVE001") is not Status.PASSED


# ENV004: a COPY in JSON-array form names its sources too (the image's build context is
# the folder that holds them); an image on AWS Lambda's base image serves its handler.
FOLDER_IMAGE = (
    "FROM python:3.12-slim\nWORKDIR /app\n"
    'COPY [ "requirements.txt", "./" ]\nRUN pip install -r requirements.txt\n'
    'COPY [ "predict.py", "./" ]\nEXPOSE 9696\nCMD ["gunicorn", "predict:app"]\n'
)
LAMBDA_FOLDER_IMAGE = (
    "FROM public.ecr.aws/lambda/python:3.12\n"
    "COPY requirements.txt ${LAMBDA_TASK_ROOT}/\n"
    "RUN pip install -r ${LAMBDA_TASK_ROOT}/requirements.txt\n"
    "COPY handler.py ${LAMBDA_TASK_ROOT}/\n"
    'CMD ["handler.lambda_handler"]\n'
)


def _deployed_from_folder(image: str, own_set: bool) -> Tree:
    tree: Tree = {
        **TRAINING,
        "requirements.txt": "scikit-learn==1.5.2\npandas==2.2.3\n",
        "deployment/web/Dockerfile": image,
        "deployment/web/predict.py": FLASK,
        "deployment/web/handler.py": HANDLER,
    }
    if own_set:
        tree["deployment/web/requirements.txt"] = "flask==3.0.0\ngunicorn==23.0.0\n"
    return tree


def test_a_json_array_copy_of_the_folders_own_set_is_a_serving_set(tmp_path: Path) -> None:
    tree = _deployed_from_folder(FOLDER_IMAGE, own_set=True)
    assert _status(tmp_path, tree, "ENV004") is Status.PASSED


def test_a_json_array_copy_of_the_root_set_is_no_serving_set(tmp_path: Path) -> None:
    tree = _deployed_from_folder(FOLDER_IMAGE.replace("predict.py", "src"), own_set=False)
    assert _status(tmp_path, tree, "ENV004") is Status.FAILED


def test_a_lambda_image_installing_its_own_set_is_a_serving_set(tmp_path: Path) -> None:
    tree = _deployed_from_folder(LAMBDA_FOLDER_IMAGE, own_set=True)
    assert _status(tmp_path, tree, "ENV004") is Status.PASSED


def test_a_batch_image_installing_its_own_set_is_no_serving_set(tmp_path: Path) -> None:
    batch = LAMBDA_FOLDER_IMAGE.replace("public.ecr.aws/lambda/python:3.12", "python:3.12-slim")
    batch = batch.replace('CMD ["handler.lambda_handler"]', 'CMD ["python", "handler.py"]')
    tree = _deployed_from_folder(batch, own_set=True)
    # the Flask app no image builds runs with the root's set (its folder's would be its own)
    tree["predict.py"] = tree.pop("deployment/web/predict.py")
    assert _status(tmp_path, tree, "ENV004") is Status.FAILED
