"""Equivalents the ninth corpus round's repositories use (fix9b): a service's own
requirements file installed by its image, environment files named for their job, vendor
image tags that name their Python, pip-compile inputs named `.txt`, DVC used through
dvc.yaml without `.dvc/`, a Dockerfile whose build context is a subfolder, an Azure ML
environment built in Python, `Dockerfile-<name>` files, and an orchestrator's pipeline
that never runs the training code."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import DVC_CONFIG, TRAINING
from tests.doctor.helpers import Tree, audit, git_commit, status_of


def _status(root: Path, tree: Tree, check_id: str) -> Status:
    build_file_tree(root, tree)
    git_commit(root)
    return status_of(audit(root, check_id), check_id)


def _details(root: Path, tree: Tree, check_id: str) -> list[str]:
    build_file_tree(root, tree)
    git_commit(root)
    report = audit(root, check_id)
    return [f"{f.path}:{f.line}: {f.message}" for f in report.findings if f.id == check_id]


# IMG006 (and every image check): `Dockerfile-<name>` and `Dockerfile_<name>` are Dockerfiles.
def test_a_dockerfile_with_a_hyphen_suffix_is_judged(tmp_path: Path) -> None:
    tree = {"docker/Dockerfile-mlflow-local": "FROM python:3.7\nCMD mlflow server\n"}
    assert any("python:3.7" in d for d in _details(tmp_path / "hyphen", tree, "IMG006"))
    under = {"docker/Dockerfile_gpu": "FROM python:3.7\n"}
    assert any("python:3.7" in d for d in _details(tmp_path / "underscore", under, "IMG006"))


def test_a_document_about_a_dockerfile_is_no_dockerfile(tmp_path: Path) -> None:
    tree = {"docs/dockerfile-kedro.md": "FROM python:3.7\n", "Dockerfile.sh": "FROM python:3.7\n"}
    assert _status(tmp_path, tree, "IMG006") is Status.NOT_APPLICABLE


# ENV006: a vendor image's tag names the Python it runs.
def test_a_vendor_tag_naming_an_ended_python_is_reported(tmp_path: Path) -> None:
    tree = {"airflow/Dockerfile": "FROM apache/airflow:2.8.1-python3.9\nUSER airflow\n"}
    details = _details(tmp_path / "airflow", tree, "ENV006")
    assert details and "apache/airflow:2.8.1-python3.9 (Python 3.9" in details[0]
    ray = {"Dockerfile": "FROM rayproject/ray:2.9.0-py39-cpu\n"}
    assert _details(tmp_path / "ray", ray, "ENV006")


def test_a_vendor_tag_naming_a_supported_python_or_none_is_silent(tmp_path: Path) -> None:
    tree = {
        "airflow/Dockerfile": "FROM apache/airflow:2.10.4-python3.13\n",
        "Dockerfile": "FROM nvcr.io/nvidia/pytorch:24.05-py3\n",
    }
    assert _status(tmp_path, tree, "ENV006") is Status.PASSED


# ENV003: pip-compile's inputs named .txt are declarations, as `.in` files are.
HASHED = "numpy==2.1.3 \\\n    --hash=sha256:abc\n    # via -r requirements/serve.in\n"
COMPILE_MAKEFILE = (
    "lock:\n\tpip-compile --generate-hashes --output-file requirements/dev.lock \\\n"
    "\t  requirements/tools.txt\n"
)


def test_pip_compile_inputs_named_txt_need_no_hashes(tmp_path: Path) -> None:
    tree = {
        **TRAINING,
        "requirements/base.txt": "numpy==2.1.3\npandas==2.2.3\n",  # `-r` of an .in file
        "requirements/serve.in": "-r base.txt\nfastapi==0.115.0\n",
        "requirements/serve.txt": HASHED,
        "requirements/dev.txt": "-r base.txt\npytest==8.3.3\n",  # beside its lock
        "requirements/dev.lock": HASHED,
        "requirements/tools.txt": "ruff==0.7.0\n",  # compiled by the Makefile
        "Makefile": COMPILE_MAKEFILE,
        "requirements.in.txt": "scikit-learn==1.5.2\n",  # named for it
    }
    assert _status(tmp_path, tree, "ENV003") is Status.PASSED


def test_a_compiled_or_installed_txt_without_hashes_is_reported(tmp_path: Path) -> None:
    tree = {
        **TRAINING,
        "requirements.in": "numpy\n",
        "requirements.txt": "numpy==2.1.3\n    # via -r requirements.in\n",  # its output
        "requirements-dev.in": "-r requirements.txt\npytest\n",
        "requirements/api.txt": "fastapi==0.115.0\n",  # installed as it is
    }
    details = _details(tmp_path, tree, "ENV003")
    assert sorted(d.split(":")[0] for d in details) == ["requirements.txt", "requirements/api.txt"]


# DATA002: DVC used through dvc.yaml / dvc.lock without `.dvc/` has no remote.
DVC_YAML = "stages:\n  train:\n    cmd: python src/demo/train.py\n    deps: [data/raw.csv]\n"
DVC_LOCK = (
    "schema: '2.0'\nstages:\n  train:\n    deps:\n    - path: data/raw.csv\n      md5: 59d0\n"
)


def test_dvc_used_without_dvc_config_is_reported(tmp_path: Path) -> None:
    tree = {**TRAINING, "dvc.yaml": DVC_YAML, "dvc.lock": DVC_LOCK, ".gitignore": "data/\n"}
    details = _details(tmp_path, tree, "DATA002")
    assert details and details[0].startswith("dvc.yaml:None: ")
    assert details[0].endswith("DVC is used (dvc.yaml) but never initialised: no .dvc/config")


def test_dvc_with_a_remote_passes_and_no_dvc_does_not_apply(tmp_path: Path) -> None:
    tree = {**TRAINING, "dvc.yaml": DVC_YAML, "dvc.lock": DVC_LOCK, ".dvc/config": DVC_CONFIG}
    assert _status(tmp_path / "remote", tree, "DATA002") is Status.PASSED
    plain = {**TRAINING, "data/raw.csv": "x,y\n1,2\n"}
    assert _status(tmp_path / "none", plain, "DATA002") is Status.NOT_APPLICABLE


# IMG005: a Dockerfile in a subfolder is judged against its own build context.
FRONT_END = (
    "FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\n"
    'COPY . .\nUSER node\nCMD ["npm", "start"]\n'
)
API_IMAGE = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER nobody\nCMD ["python", "app.py"]\n'
DATA = {**TRAINING, "data/raw.csv": "x,y\n1,2\n", "models/model.pkl": "m"}


def test_a_context_above_the_dockerfiles_folder_holds_what_it_copies(tmp_path: Path) -> None:
    web = "front/web/"
    tree = {
        **DATA,
        f"{web}public/Dockerfile": FRONT_END,
        f"{web}package.json": "{}\n",
        f"{web}package-lock.json": "{}\n",
        f"{web}src/index.js": "x\n",
    }
    assert _status(tmp_path, tree, "IMG005") is Status.PASSED


def test_a_ci_docker_build_names_the_context(tmp_path: Path) -> None:
    tree = {**DATA, "api/Dockerfile": API_IMAGE, "api/app.py": "print(1)\n"}
    build = "jobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build "
    sub = {**tree, ".github/workflows/image.yml": build + "-t api api/\n"}
    assert _status(tmp_path / "sub", sub, "IMG005") is Status.PASSED
    root = {**tree, ".github/workflows/image.yml": build + "-t api -f api/Dockerfile .\n"}
    details = _details(tmp_path / "root", root, "IMG005")
    assert details and "no .dockerignore, and COPY . sends .git, data/, models/ in" in details[0]


# IMG001 / IMG006: an Azure ML environment built with the SDK in Python names its image.
SDK_ENVIRONMENT = (
    "from azure.ai.ml.entities import Environment\n\n\n"
    'def fetch_env(ml_client, name, conda_file=None, image="mcr.microsoft.com/azureml/'
    'openmpi3.1.2-ubuntu18.04"):\n'
    "    env = Environment(name=name, conda_file=conda_file, image=image)\n"
    "    return ml_client.environments.create_or_update(env)\n"
)
SCORE = (
    "import joblib\n\n\ndef init():\n    global m\n    m = joblib.load('m')\n\n\n"
    "def run(raw):\n    return m.predict(raw)\n"
)


def test_an_sdk_environment_image_is_read(tmp_path: Path) -> None:
    tree = {**TRAINING, "utils/utils.py": SDK_ENVIRONMENT, "src/score.py": SCORE}
    build_file_tree(tmp_path, tree)
    git_commit(tmp_path)
    report = audit(tmp_path, "IMG001", "IMG006")
    assert status_of(report, "IMG001") is Status.PASSED
    (finding,) = [f for f in report.findings if f.id == "IMG006"]
    assert (finding.path, finding.line) == ("utils/utils.py", 4)
    assert "openmpi3.1.2-ubuntu18.04" in finding.message and "Ubuntu 18.04" in finding.message


def test_an_image_word_outside_an_azure_ml_environment_is_no_image(tmp_path: Path) -> None:
    blob = (
        "from azure.storage.blob import BlobClient\n\n\n"
        'def upload(image="registry.example.com/team/app:1.0"):\n'
        "    return BlobClient.from_connection_string(image)\n"
    )
    tree = {**TRAINING, "utils/blob.py": blob, "src/score.py": SCORE}
    build_file_tree(tmp_path, tree)
    git_commit(tmp_path)
    report = audit(tmp_path, "IMG001", "IMG006")
    assert status_of(report, "IMG001") is Status.FAILED
    assert status_of(report, "IMG006") is Status.NOT_APPLICABLE


# ENV004: the requirements file a serving image installs from its own folder is the
# serving set; so is an environment file named for the deployment.
API_APP = "from fastapi import FastAPI\n\napp = FastAPI()\n"
SERVING_IMAGE = (
    "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
    "RUN pip install --no-cache-dir -r requirements.txt\nCOPY app.py .\nEXPOSE 8000\n"
    'CMD ["uvicorn", "app:app"]\n'
)
TRAIN_SET = {**TRAINING, "requirements.txt": "scikit-learn==1.5.2\nmlflow==2.16.0\n"}


def _env004(root: Path, tree: Tree) -> Status:
    return _status(root, {**TRAIN_SET, **tree}, "ENV004")


def test_a_serving_image_installing_its_folders_requirements_passes(tmp_path: Path) -> None:
    beside = {
        "api/app.py": API_APP,
        "api/Dockerfile": SERVING_IMAGE,
        "api/requirements.txt": "fastapi==0.115.0\n",
    }
    assert _env004(tmp_path / "beside", beside) is Status.PASSED
    compose = "services:\n  api:\n    build:\n      context: ./src/api\n"
    compose += "      dockerfile: ../../docker/Dockerfile.api\n"
    apart = {
        "src/api/app.py": API_APP,
        "src/api/requirements.txt": "fastapi==0.115.0\n",
        "docker/Dockerfile.api": SERVING_IMAGE,
        "docker-compose.yml": compose,
    }
    assert _env004(tmp_path / "apart", apart) is Status.PASSED
    conda = "name: model-env\ndependencies:\n  - python=3.12\n  - pip:\n    - mlflow==2.16.0\n"
    azure = {
        "src/score.py": SCORE,
        "config/deployment_env.yml": conda,
        "config/training_env.yml": conda,
    }
    assert _env004(tmp_path / "azure", azure) is Status.PASSED


def test_a_serving_image_installing_the_shared_requirements_is_no_split(tmp_path: Path) -> None:
    root_image = SERVING_IMAGE.replace("COPY app.py .", "COPY api/app.py .")
    shared = {"api/app.py": API_APP, "Dockerfile": root_image}
    assert _env004(tmp_path / "root", shared) is Status.FAILED
    together = {
        "svc/app.py": API_APP,
        "svc/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
        "svc/Dockerfile": SERVING_IMAGE,
        "svc/requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\n",
    }
    assert _env004(tmp_path / "together", together) is Status.FAILED


# DATA004: an orchestrator's pipeline counts when it runs the training code.
DAG_HEAD = (
    "from datetime import datetime\n\nfrom airflow import DAG\n"
    "from airflow.operators.python import PythonOperator\n"
    "from airflow.operators.bash import BashOperator\n\n"
    "with DAG('weather', start_date=datetime(2024, 1, 1)) as dag:\n"
)
CLEANING_DAG = DAG_HEAD + "    PythonOperator(task_id='fill', python_callable=print)\n"
IMPORTING_DAG = (
    "from src.demo.train import main\n"
    + DAG_HEAD
    + "    PythonOperator(task_id='t', python_callable=main)\n"
)
SHELL_DAG = (
    DAG_HEAD + "    BashOperator(task_id='t', bash_command='python /opt/src/demo/train.py')\n"
)
MODULE_DAG = (
    DAG_HEAD + "    PythonOperator(task_id='t', op_args=['src.demo.train'], python_callable=run)\n"
)
INLINE_DAG = (
    "from sklearn.linear_model import LinearRegression\n\n\ndef fit(x, y):\n"
    "    return LinearRegression().fit(x, y)\n\n\n"
    + DAG_HEAD
    + "    PythonOperator(task_id='t', python_callable=fit)\n"
)


def test_a_dag_that_never_runs_the_training_is_reported(tmp_path: Path) -> None:
    details = _details(tmp_path / "clean", {**TRAINING, "dags/weather.py": CLEANING_DAG}, "DATA004")
    assert len(details) == 1 and details[0].startswith("dags/weather.py:None: ")
    assert details[0].endswith(
        "the Airflow DAG pipeline never runs the training code (src/demo/train.py)"
    )
    # a DAG that trains a model of its own, while the served one is trained by hand
    beside = {**TRAINING, "dags/iris.py": INLINE_DAG}
    assert _status(tmp_path / "beside", beside, "DATA004") is Status.FAILED


def test_a_dag_that_imports_or_runs_the_training_passes(tmp_path: Path) -> None:
    for name, dag in (("import", IMPORTING_DAG), ("shell", SHELL_DAG), ("module", MODULE_DAG)):
        tree = {**TRAINING, "src/__init__.py": "", "dags/train_dag.py": dag}
        assert _status(tmp_path / name, tree, "DATA004") is Status.PASSED
    inline = {"dags/iris.py": INLINE_DAG}  # all the training is in the DAG
    assert _status(tmp_path / "inline", inline, "DATA004") is Status.PASSED
