"""Serving sets the doctor did not see (ENV004) and values that are no secrets (SEC001),
from the false results of rounds 12 to 14.

ENV004: a COPY into a folder the image made (`RUN mkdir /api`, `COPY requirements.txt
/api`), a module only named for training beside the service, a Bento's own python
packages, a Hugging Face Space's requirements.txt, and training steps that run in MLflow
project environments of their own. SEC001: an AWS key id inside a presigned URL, a value
that names the secret it stands for, a local stack's made-up .env values, and the
webserver key Airflow writes into airflow.cfg."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.doctor.helpers import status_on

API = "from fastapi import FastAPI\n\napp = FastAPI()\n"
FITS = "def main(model, x, y):\n    model.fit(x, y)\n"
TRAINING_SET = "scikit-learn==1.5.2\nmlflow==2.16.0\nmatplotlib==3.9.0\n"
SERVING_SET = "fastapi==0.115.0\nscikit-learn==1.5.2\n"


# -- ENV004: a file copied into a folder the image made -----------------------------------

MKDIR_IMAGE = (
    "FROM python:3.12-slim\nRUN mkdir /api\nCOPY api/requirements.txt /api\nWORKDIR /api\n"
    "RUN pip install -r {installed}\nCOPY api/ /api\n"
    'EXPOSE 8000\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n'
)


@pytest.mark.parametrize(
    ("installed", "status"),
    [("requirements.txt", Status.PASSED), ("/opt/requirements.txt", Status.FAILED)],
)
def test_env004_a_requirements_file_copied_into_a_made_folder_is_the_images(
    tmp_path: Path, installed: str, status: Status
) -> None:
    tree = {
        "requirements.txt": TRAINING_SET,
        "src/train.py": FITS,
        "api/app.py": API,
        "api/requirements.txt": SERVING_SET,
        "Dockerfile": MKDIR_IMAGE.format(installed=installed),
    }
    assert status_on(tmp_path, tree, "ENV004") is status


# -- ENV004: a module named for training that trains nothing -------------------------------

API_FOLDER_IMAGE = (
    "FROM python:3.12-slim\nWORKDIR /app\nCOPY api/ .\nRUN pip install -r requirements.txt\n"
    'EXPOSE 8000\nCMD ["uvicorn", "app:app"]\n'
)
PREDICTS = "def predict(model, rows):\n    return model.predict(rows)\n"


@pytest.mark.parametrize(("source", "status"), [(PREDICTS, Status.PASSED), (FITS, Status.FAILED)])
def test_env004_a_train_named_module_that_only_predicts_trains_nothing_there(
    tmp_path: Path, source: str, status: Status
) -> None:
    tree = {
        "requirements.txt": TRAINING_SET,
        "model/train.py": FITS,
        "api/app.py": API,
        "api/train.py": source,
        "api/requirements.txt": SERVING_SET,
        "Dockerfile": API_FOLDER_IMAGE,
    }
    assert status_on(tmp_path, tree, "ENV004") is status


# -- ENV004: a Pipfile's packages, read like a requirements file -----------------------------

PIPFILE = '[packages]\nscikit-learn = "==1.5.2"\nflask = "*"\n{extra}[dev-packages]\npytest = "*"\n'
PIPENV_IMAGE = (
    'FROM python:3.12-slim\nRUN pip install pipenv\nWORKDIR /app\nCOPY ["Pipfile", "./"]\n'
    'RUN pipenv install --system\nCOPY app.py .\nEXPOSE 8000\nCMD ["flask", "run"]\n'
)
FLASK_APP = "import joblib\nfrom flask import Flask\n\napp = Flask(__name__)\n"
WANDB_TRAINING = "import wandb\n\n\ndef main(model, x, y):\n    model.fit(x, y)\n"
PROJECT_WITH_WANDB = '[project]\nname = "demo"\ndependencies = ["scikit-learn", "wandb"]\n'


@pytest.mark.parametrize(
    ("extra", "status"), [("", Status.PASSED), ('wandb = "*"\n', Status.FAILED)]
)
def test_env004_a_pipfile_lacking_what_training_imports_is_the_services_own(
    tmp_path: Path, extra: str, status: Status
) -> None:
    tree = {
        "Pipfile": PIPFILE.format(extra=extra),
        "pyproject.toml": PROJECT_WITH_WANDB,
        "app.py": FLASK_APP,
        "Dockerfile": PIPENV_IMAGE,
        "src/train.py": WANDB_TRAINING,
    }
    assert status_on(tmp_path, tree, "ENV004") is status


# -- ENV004: a Bento's own python packages ---------------------------------------------------

BENTO_SERVICE = (
    "import bentoml\nfrom bentoml.io import NumpyNdarray\n\n"
    'runner = bentoml.sklearn.get("clf:latest").to_runner()\n'
    'svc = bentoml.Service("clf", runners=[runner])\n\n\n'
    "@svc.api(input=NumpyNdarray(), output=NumpyNdarray())\n"
    "def predict(rows):\n    return runner.predict.run(rows)\n"
)
# The training script saves to the Bento store: it imports bentoml too.
BENTO_TRAINING = (
    "import bentoml\n\n\ndef main(model, x, y):\n    model.fit(x, y)\n"
    '    bentoml.sklearn.save_model("clf", model)\n'
)
BENTOFILE = 'service: "service.py:svc"\ninclude:\n  - "service.py"\n{python}'
BENTO_PACKAGES = "python:\n  packages:\n    - scikit-learn==1.5.2\n    - numpy==2.1.0\n"


@pytest.mark.parametrize(
    ("python", "status"), [(BENTO_PACKAGES, Status.PASSED), ("", Status.FAILED)]
)
def test_env004_a_bentofiles_python_packages_are_the_serving_set(
    tmp_path: Path, python: str, status: Status
) -> None:
    tree = {
        "requirements.txt": TRAINING_SET + "bentoml==1.2.18\n",
        "service.py": BENTO_SERVICE,
        "src/training.py": BENTO_TRAINING,
        "bentofile.yaml": BENTOFILE.format(python=python),
    }
    assert status_on(tmp_path, tree, "ENV004") is status


def test_env004_a_bento_lacking_the_framework_its_service_loads_is_no_serving_set(
    tmp_path: Path,
) -> None:
    # `bentoml.sklearn` needs scikit-learn: a Bento listing only an API client cannot serve
    tree = {
        "requirements.txt": TRAINING_SET + "bentoml==1.2.18\n",
        "service.py": BENTO_SERVICE,
        "src/training.py": BENTO_TRAINING,
        "bentofile.yaml": BENTOFILE.format(python="python:\n  packages:\n    - openai\n"),
    }
    assert status_on(tmp_path, tree, "ENV004") is Status.FAILED


# -- ENV004: a Hugging Face Space's requirements.txt ----------------------------------------

SPACE_APP = (
    "import gradio as gr\nimport joblib\n\nmodel = joblib.load('model.joblib')\n\n\n"
    "def classify(text):\n    return str(model.predict([text])[0])\n\n\n"
    "gr.Interface(fn=classify, inputs='text', outputs='text').launch()\n"
)
SPACE_README = "---\ntitle: Alert triage\nsdk: gradio\napp_file: app.py\n---\n# Alert triage\n"


@pytest.mark.parametrize(("own_set", "status"), [(True, Status.PASSED), (False, Status.FAILED)])
def test_env004_a_spaces_own_requirements_are_the_serving_set(
    tmp_path: Path, own_set: bool, status: Status
) -> None:
    tree = {
        "requirements.txt": TRAINING_SET,
        "src/train_model.py": FITS,
        "space/app.py": SPACE_APP,
        "space/README.md": SPACE_README,
    }
    if own_set:  # without one, the Space's app runs with the root's set, training's too
        tree["space/requirements.txt"] = "gradio==5.0.0\nscikit-learn==1.5.2\n"
    assert status_on(tmp_path, tree, "ENV004") is status


# -- ENV004: training steps in MLflow project environments of their own -----------------------

ROOT_IMAGE = (
    "FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
    'EXPOSE 8000\nCMD ["uvicorn", "app.main:app"]\n'
)
STEP_PROJECT = "name: model\n{environment}entry_points:\n  main:\n    command: python run.py\n"


@pytest.mark.parametrize(
    ("environment", "status"),
    [("conda_env: conda.yml\n", Status.PASSED), ("", Status.FAILED)],
)
def test_env004_training_steps_with_their_own_environments_leave_the_root_set_to_serving(
    tmp_path: Path, environment: str, status: Status
) -> None:
    tree = {
        "requirements.txt": SERVING_SET,
        "app/main.py": API,
        "Dockerfile": ROOT_IMAGE,
        "src/model/MLproject": STEP_PROJECT.format(environment=environment),
        "src/model/conda.yml": "name: model\ndependencies:\n  - python=3.11\n  - xgboost=2.1\n",
        "src/model/run.py": FITS,
    }
    assert status_on(tmp_path, tree, "ENV004") is status


# -- SEC001 -----------------------------------------------------------------------------------

KEY_ID = "ASIAZ7QK2M4N6P8R1T3V"


@pytest.mark.parametrize(
    ("line", "status"),
    [
        (
            f"[paper](https://bucket.s3.amazonaws.com/p.pdf?X-Amz-Credential={KEY_ID}"
            "%2F20230326%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Expires=300)",
            Status.PASSED,
        ),
        (f"aws_access_key_id = {KEY_ID}", Status.FAILED),
    ],
)
def test_sec001_a_key_id_in_a_presigned_url_is_no_secret(
    tmp_path: Path, line: str, status: Status
) -> None:
    assert status_on(tmp_path, {"notes.md": f"# Reading\n\n{line}\n"}, "SEC001") is status


SESSION = 'import boto3\n\ns3 = boto3.client("s3", aws_secret_access_key="{value}")\n'


@pytest.mark.parametrize(
    ("value", "status"),
    [("proj_s3_SECRET_ACCESS_KEY", Status.PASSED), ("Jq8vN2xLp4Rt7Wz9Kc3Mh6Ys", Status.FAILED)],
)
def test_sec001_a_value_naming_the_secret_it_stands_for_is_a_placeholder(
    tmp_path: Path, value: str, status: Status
) -> None:
    assert status_on(tmp_path, {"app.py": SESSION.format(value=value)}, "SEC001") is status


@pytest.mark.parametrize(
    ("env", "status"),
    [
        (
            "MINIO_ROOT_PASSWORD=123456789\nMINIO_ACCESS_KEY=minio_user\nPG_PASSWORD=mlflow\n",
            Status.PASSED,
        ),
        ("PG_PASSWORD=mlflow\nJWT_SECRET=9f3b2c7d41e8a6b05c9d2e7f1a4b8c3d\n", Status.FAILED),
        # A token or an API key is issued by a service, never made up: reported.
        ("PG_PASSWORD=mlflow\nSERVICE_API_KEY=abc\n", Status.FAILED),
    ],
)
def test_sec001_a_local_stacks_made_up_env_values_are_no_secrets(
    tmp_path: Path, env: str, status: Status
) -> None:
    assert status_on(tmp_path, {".env": env}, "SEC001") is status


AIRFLOW_CFG = (
    "[core]\n# Secret key to save connection passwords in the db\nfernet_key = {fernet}\n\n"
    "[webserver]\n# Secret key used to run your flask app.\n#\n"
    "# Variable: AIRFLOW__WEBSERVER__SECRET_KEY\n#\nsecret_key = {session}\n\nworkers = 4\n"
)
GENERATED = "Qw7ErT5yUi9OpA3sDf6GhJ=="


@pytest.mark.parametrize(
    ("fernet", "session", "status"),
    [("", GENERATED, Status.PASSED), (GENERATED, "", Status.FAILED)],
)
def test_sec001_airflows_generated_webserver_key_is_no_secret(
    tmp_path: Path, fernet: str, session: str, status: Status
) -> None:
    cfg = AIRFLOW_CFG.format(fernet=fernet, session=session)
    assert status_on(tmp_path, {"config/airflow.cfg": cfg}, "SEC001") is status


DOCKER_RUN = "Run the API:\n\n```bash\ndocker run -p 8000:8000 -e DAGSHUB_PAT={value} api\n```\n"


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("6c1f0e9a2b7d48c3a5e1f9b0d2c4a6e8f1b3d5c7", Status.FAILED),
        ("your_dagshub_personal_access_token", Status.PASSED),
    ],
)
def test_sec001_a_token_set_in_a_documented_command_is_committed(
    tmp_path: Path, value: str, status: Status
) -> None:
    readme = DOCKER_RUN.format(value=value)
    assert status_on(tmp_path, {"README.md": readme}, "SEC001") is status
