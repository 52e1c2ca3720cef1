"""Serving-side loads that unpickle underneath (SERVE003): Lightning's checkpoint loader and
MLflow's loads of a model saved as a pickle; a hash in another function checks nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import SERVICE_WITH_MODEL, notebook
from tests.doctor.helpers import Tree, audit, status_of

LIGHTNING_MODULE = (
    "import lightning as L\n\n\nclass Classifier(L.LightningModule):\n"
    "    def forward(self, x):\n        return x\n"
)
# The model package the service imports, and the line that loads the checkpoint.
CHECKPOINT_LOAD = (
    "from demo.modules import Classifier\n\n"
    "model = Classifier.load_from_checkpoint('models/last.ckpt'{keywords})\n"
)
MLFLOW_LOAD = "import mlflow.pyfunc\n\nmodel = mlflow.pyfunc.load_model('./model')\n"
# An MLflow model as `mlflow.sklearn.log_model` writes it, and one in XGBoost's own format.
PICKLED_MLMODEL = (
    "flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n"
    "    model_path: model.pkl\n  sklearn:\n    pickled_model: model.pkl\n"
    "    serialization_format: cloudpickle\n"
)
NATIVE_MLMODEL = (
    "flavors:\n  python_function:\n    loader_module: mlflow.xgboost\n"
    "    data: model.xgb\n  xgboost:\n    data: model.xgb\n    model_format: xgb\n"
)


def _serve003(root: Path, tree: dict[str, str]) -> list[str]:
    build_file_tree(root, {**SERVICE_WITH_MODEL, **tree})
    return [f"{f.path}:{f.line}" for f in audit(root, "SERVE003").findings]


def test_serve003_reports_a_lightning_checkpoint_load(tmp_path: Path) -> None:
    tree = {
        "src/demo/modules.py": LIGHTNING_MODULE,
        "src/demo/model.py": CHECKPOINT_LOAD.format(keywords=""),
    }
    assert _serve003(tmp_path, tree) == ["src/demo/model.py:3"]


def test_serve003_leaves_a_checkpoint_load_of_weights_only(tmp_path: Path) -> None:
    tree = {
        "src/demo/modules.py": LIGHTNING_MODULE,
        "src/demo/model.py": CHECKPOINT_LOAD.format(keywords=", weights_only=True"),
    }
    assert _serve003(tmp_path, tree) == []


def test_serve003_leaves_a_method_of_that_name_without_lightning(tmp_path: Path) -> None:
    modules = "class Classifier:\n    @classmethod\n    def load_from_checkpoint(cls, p):\n"
    tree = {
        "src/demo/modules.py": modules + "        return cls()\n",
        "src/demo/model.py": CHECKPOINT_LOAD.format(keywords=""),
    }
    assert _serve003(tmp_path, tree) == []


@pytest.mark.parametrize(
    ("mlmodel", "reported"), [(PICKLED_MLMODEL, ["src/demo/model.py:3"]), (NATIVE_MLMODEL, [])]
)
def test_serve003_reports_an_mlflow_load_where_the_model_is_a_pickle(
    tmp_path: Path, mlmodel: str, reported: list[str]
) -> None:
    tree = {"src/demo/model.py": MLFLOW_LOAD, "models/champion/MLmodel": mlmodel}
    assert _serve003(tmp_path, tree) == reported


# A helper that hashes the file, and one that hashes hyperparameters for a version id.
CHECKS_FILE = (
    "def check(p):\n    assert hashlib.sha256(open(p, 'rb').read()).hexdigest() == DIGEST\n"
)
VERSION_ID = "def version(m):\n    return hashlib.md5(str(m.get_params()).encode()).hexdigest()\n"


@pytest.mark.parametrize(
    ("before", "after", "reported"),
    [
        # The helper is defined, never run before the load: no file is checked.
        (VERSION_ID, "", True),
        # Run after the load, on the loaded model: too late, and no file is checked.
        (VERSION_ID, "VERSION = version(model)\n", True),
        ("assert hashlib.sha256(open(PATH, 'rb').read()).hexdigest() == DIGEST\n", "", False),
        (CHECKS_FILE + "\n\ncheck(PATH)\n", "", False),
    ],
)
def test_serve003_counts_only_a_check_the_loading_scope_runs_first(
    tmp_path: Path, before: str, after: str, reported: bool
) -> None:
    model = f"import hashlib\n\nimport joblib\n\n{before}\nmodel = joblib.load(PATH)\n{after}"
    assert bool(_serve003(tmp_path, {"src/demo/model.py": model})) is reported


def _status(root: Path, tree: Tree, check_id: str) -> Status:
    build_file_tree(root, tree)
    return status_of(audit(root, check_id), check_id)


# ENV004: which set the serving image installs, and whether the service trains too.
API = "from fastapi import FastAPI\n{imports}\napp = FastAPI()\n"
API_IMAGE = (
    "FROM python:3.12-slim\nWORKDIR /app\nCOPY api/ .\nRUN pip install -r requirements.txt\n"
    'EXPOSE 8000\nCMD ["uvicorn", "app:app"]\n'
)
OWN_API_SET = {
    "requirements.txt": "scikit-learn==1.5.2\nmlflow==2.16.0\nmatplotlib==3.9.0\n",
    "api/requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\n",
    "Dockerfile": API_IMAGE,
}


FITS = "def run(model, x, y):\n    model.fit(x, y)\n"


@pytest.mark.parametrize(
    ("module", "source", "status"),
    [
        # The service imports the training module (it retrains at start-up): one set.
        ("train_model.py", FITS, Status.FAILED),
        # A module that only fits a scaler for its drift reference trains no model.
        ("reference.py", FITS, Status.PASSED),
        # A module named for training that only names paths trains nothing.
        ("training_config.py", "MODEL_DIR = 'models'\n\n\ndef run():\n    pass\n", Status.PASSED),
    ],
)
def test_env004_a_service_running_the_training_code_has_one_set(
    tmp_path: Path, module: str, source: str, status: Status
) -> None:
    name = module.removesuffix(".py")
    tree = {
        **OWN_API_SET,
        "api/app.py": API.format(imports=f"from shared.{name} import run\n"),
        f"shared/{module}": source,
        "pipeline/train.py": FITS.replace("run", "main"),
    }
    assert _status(tmp_path, tree, "ENV004") is status


@pytest.mark.parametrize(
    ("trains", "status"), [(True, Status.FAILED), (False, Status.NOT_APPLICABLE)]
)
def test_env004_applies_when_only_a_notebook_trains(
    tmp_path: Path, trains: bool, status: Status
) -> None:
    source = "model.fit(X, y)" if trains else "df.describe()"
    tree = {
        "requirements.txt": "streamlit==1.40.0\ntorch==2.5.0\njupyter==1.1.1\n",
        "notebooks/model.ipynb": notebook(f'["{source}"]'),
        "api/app.py": API.format(imports=""),
    }
    assert _status(tmp_path, tree, "ENV004") is status


MLFLOW_IMAGE = (
    "FROM python:3.11-slim\nRUN pip install mlflow==2.14.2\nWORKDIR /opt/ml\n"
    "COPY models/champion /opt/ml/model\n{install}"
    'EXPOSE 8080\nCMD ["python3", "-m", "mlflow_server"]\n'
)
MLFLOW_ENV_INSTALL = (
    'RUN python3 -c "from mlflow.models import container as C; '
    "C._install_pyfunc_deps('/opt/ml/model', install_mlflow=False)\"\n"
)


@pytest.mark.parametrize(
    ("install", "status"), [(MLFLOW_ENV_INSTALL, Status.PASSED), ("", Status.FAILED)]
)
def test_env004_a_serving_image_installing_the_mlflow_models_environment_is_split(
    tmp_path: Path, install: str, status: Status
) -> None:
    tree = {
        "requirements.txt": "scikit-learn==1.5.2\nmlflow==2.16.0\nmatplotlib==3.9.0\n",
        "src/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
        "api/app.py": API.format(imports=""),
        "models/champion/MLmodel": PICKLED_MLMODEL,
        "models/champion/requirements.txt": "mlflow==2.14.2\nscikit-learn==1.5.1\n",
        "api/Dockerfile": MLFLOW_IMAGE.format(install=install),
    }
    assert _status(tmp_path, tree, "ENV004") is status


# MON001: a batch of predictions logged to the tracker as an artifact.
BATCH_PREDICT = (
    "import mlflow\n\n\ndef predict(model, df, path):\n    df['churn'] = model.predict(df)\n"
    "    df.to_csv(path)\n    mlflow.log_artifact({logged})\n"
)


@pytest.mark.parametrize(
    ("logged", "reported"),
    [("path, 'predictions'", False), ("plot_path, 'figures'", True)],
)
def test_mon001_a_tracker_artifact_naming_the_predictions_is_a_record(
    tmp_path: Path, logged: str, reported: bool
) -> None:
    tree = {
        "api/app.py": API.format(imports="from batch import predict\n"),
        "api/batch.py": BATCH_PREDICT.format(logged=logged),
    }
    build_file_tree(tmp_path, tree)
    found = {f.id for f in audit(tmp_path, "SERVE001", "MON001").findings}
    assert ("MON001" in found) is reported


# SERVE002: a route the code itself calls the health check, at whatever path.
ROOT_ROUTE = "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get('/')\n{handler}"


@pytest.mark.parametrize(
    ("docstring", "handler", "status"),
    [
        ("", "def health():\n    return {'status': 'ok'}\n", Status.PASSED),
        ("", "def index():\n    '''Health check.'''\n    return {'status': 'ok'}\n", Status.PASSED),
        (
            '"""Endpoints:\n    GET /: Health check and service information\n"""\n',
            "",
            Status.PASSED,
        ),
        # A root route that does work (lists the models) is no liveness answer.
        ("", "def index():\n    return {'models': sorted(MODELS)}\n", Status.FAILED),
        # A health-care app's route about a patient's health is no health check.
        ("", "def predict_health():\n    '''Health risk of a patient.'''\n", Status.FAILED),
    ],
)
def test_serve002_a_route_the_code_documents_as_the_health_check(
    tmp_path: Path, docstring: str, handler: str, status: Status
) -> None:
    if docstring:
        source = docstring + ROOT_ROUTE.format(handler="def root():\n    pass\n")
    else:
        source = ROOT_ROUTE.format(handler=handler)
    assert _status(tmp_path, {"src/demo/app.py": source}, "SERVE002") is status


# ENV004: the project file a serving image's `pipenv install` / `uv sync` / `pip install .`
# reads is the set it installs, as a `-r FILE` is.
PROJECT_IMAGE = (
    "FROM python:3.12-slim\nWORKDIR /app\nCOPY {files} ./\nRUN pip install pipenv && {install}\n"
    'COPY api/app.py .\nEXPOSE 8000\nCMD ["uvicorn", "app:app"]\n'
)


@pytest.mark.parametrize(
    ("files", "install", "status"),
    [
        ("api/Pipfile api/Pipfile.lock", "pipenv install --system --deploy", Status.PASSED),
        ("api/pyproject.toml", "pip install --no-cache-dir .", Status.PASSED),
        # The root's set, the one training installs: no set of the service's own.
        ("Pipfile Pipfile.lock", "pipenv install --system --deploy", Status.FAILED),
    ],
)
def test_env004_reads_the_project_file_a_serving_image_installs(
    tmp_path: Path, files: str, install: str, status: Status
) -> None:
    pipfile = '[packages]\nfastapi = "==0.115.0"\n'
    tree = {
        "Pipfile": '[packages]\nscikit-learn = "==1.5.2"\nmlflow = "==2.16.0"\n',
        "Pipfile.lock": "{}\n",
        "src/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
        "api/app.py": API.format(imports=""),
        "api/Pipfile": pipfile,
        "api/Pipfile.lock": "{}\n",
        "api/pyproject.toml": '[project]\nname = "api"\ndependencies = ["fastapi==0.115.0"]\n',
        "api/Dockerfile": PROJECT_IMAGE.format(files=files, install=install),
    }
    assert _status(tmp_path, tree, "ENV004") is status
