"""Session 49, from rounds 48-51 and K29-K31.

SERVE003: NeuralForecast's `load` unpickles its configuration and dataset; a torch imported
under another name (`import torch as trch`) still `torch.load`s; BentoML's MLflow flavour
loads an MLflow model through `mlflow.pyfunc.load_model`, so it unpickles a `python_model`
the code logs. CODE002: a folder under /home the repository's images name is the
container's. Kinds: a course's "personal notes" are a learner's; an empty README leaves the
package's description to say it is a template; a README that has its reader add the package
from its Git repository installs it by name; a repository whose one project is a library is
it. EXP001: a Kubeflow Pipelines component's Metrics artifact is a tracker. A model fitted
inside each prediction, kept nowhere, is no trained model. TEST002: a module that registers
the model only above a floor gates it. MON001: a row given the prediction, then flushed, is
a record; so is a prediction handed to structlog as `**entry`. SERVE003 reads the modules a
Seldon Core wrapper image copies in. A README title naming a monorepo before a colon names
one. MON001 reads a csv writer appending each prediction's row; SERVE003 leaves a
`torch.load` fallback for a torch too old for `weights_only`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import FIT
from tests.doctor.helpers import Tree, committed_kind, committed_status, shown_findings

# -- SERVE003: loads spelt by another library or under another name ------------------------------

_FLASK = (
    "from flask import Flask\n{imports}\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/predict')\ndef predict():\n{body}"
)


def _flask(imports: str, body: str, requirements: str = "flask==3.0.0\n") -> Tree:
    return {
        "requirements.txt": requirements,
        "app.py": _FLASK.format(imports=imports, body=body),
    }


@pytest.mark.parametrize(
    ("imports", "body", "status"),
    [
        (
            "from neuralforecast import NeuralForecast",
            "    return str(NeuralForecast.load(path='artifacts/nhits').predict())\n",
            "failed",
        ),
        (
            "from neuralforecast import NeuralForecast",
            "    return str(NeuralForecast(models=[], freq='h').freq)\n",
            "passed",
        ),
        (
            "import torch as trch",
            "    return str(trch.load('model.pt')(trch.zeros(1)))\n",
            "failed",
        ),
        (
            "import torch as trch",
            "    return str(trch.load('model.pt', weights_only=True))\n",
            "passed",
        ),
    ],
    ids=["neuralforecast-load", "neuralforecast-built", "torch-alias", "torch-alias-weights"],
)
def test_serve003_reads_loads_of_another_library_or_name(
    tmp_path: Path, imports: str, body: str, status: str
) -> None:
    tree = _flask(imports, body, "flask==3.0.0\ntorch==1.13.1\nneuralforecast==1.7.4\n")
    assert committed_status(tmp_path, tree, "SERVE003") == status


_BENTO_SERVICE = (
    "import bentoml\nfrom bentoml.io import JSON\n\n"
    "runner = bentoml.mlflow.get('phishing:latest').to_runner()\n"
    "svc = bentoml.Service('phishing', runners=[runner])\n\n\n"
    "@svc.api(input=JSON(), output=JSON())\ndef predict(data):\n"
    "    return runner.predict.run([data])\n"
)
_LOG_PYFUNC = (
    "import mlflow\nfrom model import Wrapper\n\n\ndef main():\n"
    "    with mlflow.start_run():\n"
    "        mlflow.pyfunc.log_model('model', python_model={model})\n"
)


@pytest.mark.parametrize(
    ("model", "status"),
    [("Wrapper()", "failed"), ("'model.py'", "passed")],
    ids=["pickled-python-model", "model-from-code"],
)
def test_serve003_reads_bentoml_loading_an_mlflow_model(
    tmp_path: Path, model: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "bentoml==1.1.11\nmlflow==2.9.2\n",
        "service.py": _BENTO_SERVICE,
        "train.py": _LOG_PYFUNC.format(model=model),
        "model.py": "import mlflow\n\n\nclass Wrapper(mlflow.pyfunc.PythonModel):\n    pass\n",
    }
    assert committed_status(tmp_path, tree, "SERVE003") == status


# -- CODE002: the container's home -----------------------------------------------------------------

_SETTINGS = "import os\n\nROOT = {path!r}\nDATA = os.path.join(ROOT, 'data')\n"


@pytest.mark.parametrize(
    ("path", "dockerfile", "found"),
    [
        ("/home/drtools/app/root_dir", "COPY . /home/drtools/app\n", False),
        ("/home/alice/app/root_dir", "COPY . /home/drtools/app\n", True),
        ("/home/config", "WORKDIR /home\nCOPY config/ /home/config/\n", False),
        ("/Users/ana/churn", "COPY . /app\n", True),
    ],
    ids=["image-home", "other-home", "image-works-in-home", "mac-user"],
)
def test_code002_leaves_a_home_folder_the_images_name(
    tmp_path: Path, path: str, dockerfile: str, found: bool
) -> None:
    tree: Tree = {
        "app/settings.py": _SETTINGS.format(path=path),
        "app/__init__.py": "",
        "Dockerfile": f"FROM python:3.12-slim\n{dockerfile}",
    }
    shown = shown_findings(tmp_path, tree, "CODE002")
    assert bool(shown) is found, shown
    if found:
        home = "/".join(path.split("/")[:3])  # the folder that names the machine
        assert shown == [f"app/settings.py:3: hard-coded path {home}"]


# -- kinds -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("# MLOps course by DataTalksClub - personal notes and work", "monorepo"),
        ("# MLOps course by DataTalksClub", "example"),
    ],
    ids=["personal-notes", "course"],
)
def test_a_course_s_personal_notes_are_a_learner_s(tmp_path: Path, title: str, kind: str) -> None:
    tree: Tree = {
        "README.md": (
            f"{title}\n\nIndex:\n\n- [Module 1: Introduction](./module-1/)\n"
            "- [Module 2: Experiment tracking](./module-2/)\n"
            "- [Module 3: Orchestration](./module-3/)\n"
        )
    }
    for module in ("module-1", "module-2", "module-3"):
        tree[f"{module}/README.md"] = f"# {module}\n\nHomework of this module.\n"
        tree[f"{module}/requirements.txt"] = "scikit-learn==1.5.2\n"
        tree[f"{module}/train.py"] = FIT
    assert committed_kind(tmp_path, tree) == kind


def _package(readme: str, description: str) -> Tree:
    """A PyTorch project with a compose service, whose README is `readme`."""
    return {
        "README.md": readme,
        "pyproject.toml": (
            f'[project]\nname = "ai-ml-project"\nversion = "0.1.0"\n'
            f'description = "{description}"\ndependencies = ["torch>=2.0"]\n'
        ),
        "src/train.py": FIT,
        "src/serve.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
        "docker-compose.yaml": "services:\n  serve:\n    build: .\n",
        "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nCMD ["uvicorn", "src.serve:app"]\n',
    }


@pytest.mark.parametrize(
    ("readme", "description", "kind"),
    [
        ("", "General-purpose PyTorch template for AI/ML/DL projects", "template"),
        ("", "Demand forecasts for the stores", "application"),
        (
            "# Store demand\n\nForecasts served nightly.\n",
            "A template for ML projects",
            "application",
        ),
    ],
    ids=["empty-readme", "empty-readme-product", "readme-speaks"],
)
def test_an_empty_readme_leaves_the_package_s_description_to_speak(
    tmp_path: Path, readme: str, description: str, kind: str
) -> None:
    assert committed_kind(tmp_path, _package(readme, description)) == kind


_UTILS_README = """# mlops-utils

Utilities for serving models: fetch a model from MLflow, pack it with BentoML.

## How to install

Add the dependency to `pyproject.toml`:

```toml
[tool.poetry.dependencies]
{line}
```
"""


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        (
            'mlops-utils = {git = "ssh://git@github.com/o/mlops-utils.git", rev = "develop"}',
            "library",
        ),
        ('fastapi = "^0.115"', "application"),
    ],
    ids=["git-dependency", "other-dependency"],
)
def test_a_readme_adding_the_package_from_git_installs_it_by_name(
    tmp_path: Path, line: str, kind: str
) -> None:
    tree: Tree = {
        "README.md": _UTILS_README.format(line=line),
        "pyproject.toml": (
            '[tool.poetry]\nname = "mlops-utils"\nversion = "0.1.0"\ndescription = ""\n'
            'authors = ["A <a@b.c>"]\n[tool.poetry.dependencies]\npython = "^3.11"\n'
        ),
        "mlops_utils/__init__.py": "",
        "mlops_utils/server/__init__.py": "",
        "mlops_utils/server/wsgi.py": (
            "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get('/ping')\n"
            "def ping():\n    return 'ok'\n"
        ),
    }
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("setup", "kind"),
    [
        (
            "from setuptools import setup\n\nsetup(name='featurestore-pyspark', "
            "url='https://github.com/o/r', classifiers=['Programming Language :: Python'], "
            "packages=['featurestore'])\n",
            "library",
        ),
        (None, "application"),
    ],
    ids=["published-sdk", "scripts"],
)
def test_a_repository_whose_one_project_is_a_library_is_it(
    tmp_path: Path, setup: str | None, kind: str
) -> None:
    tree: Tree = {
        "README.md": "Feature store connector for Spark.\n",
        "ci/buildspec.yml": "version: 0.2\n",
        "pyspark-sdk/requirements.txt": "pyspark>=3.1\n",
        "pyspark-sdk/featurestore/__init__.py": "",
        "pyspark-sdk/featurestore/ingest.py": "def ingest(frame):\n    return frame.count()\n",
        "pyspark-sdk/train.py": FIT,
        "scala-spark-sdk/build.sbt": 'name := "featurestore"\n',
    }
    if setup:
        tree["pyspark-sdk/setup.py"] = setup
    assert committed_kind(tmp_path, tree) == kind


# -- EXP001: a Kubeflow Pipelines component's Metrics artifact -----------------------------------

_COMPONENT = (
    "from kfp.dsl import component, Input, Output, Dataset, Metrics\n\n\n@component\n"
    "def evaluate(holdout: Input[Dataset], {output}) -> float:\n"
    "    import pandas as pd\n    from sklearn.linear_model import LinearRegression\n\n"
    "    frame = pd.read_parquet(holdout.path)\n"
    "    model = LinearRegression().fit(frame[['x']], frame['y'])\n"
    "    score = model.score(frame[['x']], frame['y'])\n{log}    return score\n"
)


@pytest.mark.parametrize(
    ("output", "log", "status"),
    [
        ("metrics: Output[Metrics]", "    metrics.log_metric('r2', score)\n", "passed"),
        ("report: Output[Dataset]", "    print(score)\n", "failed"),
    ],
    ids=["metrics-artifact", "printed"],
)
def test_exp001_reads_a_kfp_component_s_metrics_artifact(
    tmp_path: Path, output: str, log: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "kfp==2.7.0\nscikit-learn==1.5.2\n",
        "pipelines/evaluate_op.py": _COMPONENT.format(output=output, log=log),
    }
    assert committed_status(tmp_path, tree, "EXP001") == status


# -- a model fitted inside each prediction is no trained model -----------------------------------

_TREND = (
    "import numpy as np\nfrom sklearn.linear_model import LinearRegression\n\n\n"
    "class LinearTrend:\n    def {method}(self, rows):\n"
    "        y = np.array([r['price'] for r in rows], dtype=float)\n"
    "        x = np.arange(len(y)).reshape(-1, 1)\n"
    "        reg = LinearRegression()\n        reg.fit(x, y)\n{keep}"
    "        return reg.predict(np.arange(len(y), 2 * len(y)).reshape(-1, 1)).tolist()\n"
)
_FORECAST_API = (
    "from fastapi import FastAPI\n\nfrom trend import LinearTrend\n\napp = FastAPI()\n\n\n"
    "@app.post('/forecast')\ndef forecast(rows: list[dict]) -> list[float]:\n"
    "    return LinearTrend().{method}(rows)\n"
)


@pytest.mark.parametrize(
    ("method", "keep", "status"),
    [
        ("predict", "", "not-applicable"),
        ("predict", "        import joblib\n        joblib.dump(reg, 'trend.joblib')\n", "failed"),
        ("fit_trend", "", "failed"),
    ],
    ids=["fitted-per-prediction", "kept", "fitted-apart"],
)
def test_a_model_fitted_inside_each_prediction_is_not_trained(
    tmp_path: Path, method: str, keep: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\n",
        "trend.py": _TREND.format(method=method, keep=keep),
        "app.py": _FORECAST_API.format(method=method),
    }
    assert committed_status(tmp_path, tree, "EXP001") == status


# -- TEST002: a module that registers the model only above a floor -------------------------------

_REGISTER = (
    "import mlflow\n\n\ndef _quality_passed(metrics, config):\n"
    "    return metrics['roc_auc'] >= config.min_auc\n\n\n"
    "def run(metrics, config, model_uri):\n    quality_ok = _quality_passed(metrics, config)\n"
    "    if {condition}:\n        mlflow.register_model(model_uri, 'churn')\n"
)


@pytest.mark.parametrize(
    ("condition", "status"),
    [("config.register and quality_ok", "passed"), ("config.register", "failed")],
    ids=["gated", "always"],
)
def test_test002_reads_a_registration_gated_on_a_floor(
    tmp_path: Path, condition: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "mlflow==2.20.3\nscikit-learn==1.5.2\n",
        "train/orchestrator.py": _REGISTER.format(condition=condition),
        "train/fit.py": FIT,
        "tests/test_fit.py": "from train.fit import main\n\n\ndef test_main():\n    assert main\n",
    }
    assert committed_status(tmp_path, tree, "TEST002") == status


# -- MON001: a row given the prediction, then flushed ---------------------------------------------

_JOBS = (
    "from sqlalchemy.orm import Session\n\nfrom models import Job\n\n\n"
    "def mark_ok(session: Session, job_id: int, predictions: list) -> None:\n"
    "    orm = session.get(Job, job_id)\n    orm.{field} = predictions\n    session.flush()\n"
)
_WORKER_API = (
    "import joblib\nfrom fastapi import FastAPI\nfrom sqlalchemy.orm import Session\n\n"
    "from jobs import mark_ok\n\napp = FastAPI()\nmodel = joblib.load('model.joblib')\n\n\n"
    "@app.post('/predict')\ndef predict(job_id: int, rows: list) -> list:\n"
    "    predictions = model.predict(rows).tolist()\n"
    "    mark_ok(Session(), job_id, predictions)\n    return predictions\n"
)


@pytest.mark.parametrize(
    ("field", "status"), [("predictions", "passed"), ("status", "failed")], ids=["kept", "status"]
)
def test_mon001_reads_a_row_given_the_prediction_then_flushed(
    tmp_path: Path, field: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "fastapi==0.115.0\nsqlalchemy==2.0.36\nscikit-learn==1.5.2\n",
        "app.py": _WORKER_API,
        "jobs.py": _JOBS.format(field=field),
        "models.py": "class Job:\n    pass\n",
    }
    assert committed_status(tmp_path, tree, "MON001") == status


# -- MON001: a prediction's fields handed to structlog as `**entry` ------------------------------

_STRUCTLOG_API = (
    "import joblib\nimport structlog\nfrom fastapi import FastAPI\n\n"
    "structlog.configure(processors=[structlog.processors.JSONRenderer()])\n"
    "logger = structlog.get_logger()\napp = FastAPI()\nmodel = joblib.load('model.joblib')\n\n\n"
    "@app.post('/predict')\ndef predict(rows: list) -> dict:\n"
    "    result = model.predict(rows).tolist()\n"
    "    entry = {{'input_data': rows, '{key}': result}}\n"
    "    logger.info('request_served', **entry)\n    return {{'result': result}}\n"
)


@pytest.mark.parametrize(
    ("key", "status"), [("prediction", "passed"), ("rows_seen", "failed")], ids=["field", "other"]
)
def test_mon001_reads_a_prediction_handed_to_structlog_as_keywords(
    tmp_path: Path, key: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "fastapi==0.115.0\nstructlog==24.4.0\nscikit-learn==1.5.2\n",
        "app.py": _STRUCTLOG_API.format(key=key),
    }
    assert committed_status(tmp_path, tree, "MON001") == status


# -- SERVE003: the modules a Seldon Core wrapper image copies in ----------------------------------

_SELDON_MODEL = (
    "import joblib\n\n\nclass ChurnPredictor:\n    def __init__(self):\n"
    "        self.model = {load}\n\n    def predict(self, X, features_names=None):\n"
    "        return self.model.predict(X)\n"
)
_SELDON_IMAGE = (
    "FROM python:3.11-slim\nWORKDIR /microservice\nCOPY requirements.txt ChurnPredictor.py "
    "churn.sav /microservice/\nRUN pip install -r requirements.txt\n"
    "CMD seldon-core-microservice $MODEL_NAME --service-type MODEL\n"
)


@pytest.mark.parametrize(
    ("load", "status"),
    [("joblib.load('churn.sav')", "failed"), ("None", "passed")],
    ids=["unpickles", "loads-nothing"],
)
def test_serve003_reads_the_modules_a_seldon_wrapper_serves(
    tmp_path: Path, load: str, status: str
) -> None:
    tree: Tree = {
        "seldon/model_deploy/ChurnPredictor.py": _SELDON_MODEL.format(load=load),
        "seldon/model_deploy/requirements.txt": "seldon-core==1.17.1\nscikit-learn==1.5.2\n",
        "seldon/model_deploy/Dockerfile": _SELDON_IMAGE,
        "seldon/model_deploy/deployment.yaml": (
            "apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\n"
            "metadata:\n  name: churn\nspec:\n  predictors:\n  - name: default\n"
            "    componentSpecs:\n    - spec:\n        containers:\n        - name: churn\n"
            "          image: churn:1.0\n          env:\n          - name: MODEL_NAME\n"
            "            value: ChurnPredictor\n    graph:\n      name: churn\n"
        ),
    }
    assert committed_status(tmp_path, tree, "SERVE003") == status


# -- kinds: a title naming a monorepo before a colon --------------------------------------------


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("# ML Monorepo: Computer Vision & Multimodal AI Platform", "monorepo"),
        ("# ML Platform: Computer Vision & Multimodal AI", "application"),
    ],
    ids=["monorepo-title", "platform-title"],
)
def test_a_title_naming_a_monorepo_before_a_colon_makes_one(
    tmp_path: Path, title: str, kind: str
) -> None:
    tree: Tree = {
        "README.md": f"{title}\n\nWe build an application that detects objects in live video.\n",
        "apps/cv-api/api_server.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
        "apps/pyproject.toml": '[tool.poetry]\nname = "cv-app"\nversion = "0.1.0"\n',
        "apps/poetry.lock": "",
        "libs/od-models/pyproject.toml": '[tool.poetry]\nname = "od-models"\nversion = "0.1.0"\n',
        "libs/od-models/od_models/__init__.py": "",
        "libs/cv-utils/pyproject.toml": '[tool.poetry]\nname = "cv-utils"\nversion = "0.1.0"\n',
        "libs/cv-utils/cv_utils/__init__.py": "",
    }
    assert committed_kind(tmp_path, tree) == kind


# -- MON001: a csv writer appending each prediction's row ----------------------------------------

_CSV_LOG_API = (
    "import csv\n\nimport joblib\nfrom fastapi import FastAPI\n\n"
    "app = FastAPI()\nmodel = joblib.load('model.joblib')\n\n\n"
    "def log_prediction(features: list, prediction: int) -> None:\n"
    "    with open('logs/inference_logs.csv', '{mode}', newline='') as f:\n"
    "        writer = csv.writer(f)\n        writer.writerow([*features, prediction])\n\n\n"
    "@app.post('/predict')\ndef predict(features: list) -> dict:\n"
    "    prediction = int(model.predict([features])[0])\n"
    "    log_prediction(features, prediction)\n    return {{'prediction': prediction}}\n"
)


@pytest.mark.parametrize(
    ("mode", "status"), [("a", "passed"), ("w", "failed")], ids=["appended", "overwritten"]
)
def test_mon001_reads_a_csv_row_appended_for_each_prediction(
    tmp_path: Path, mode: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\n",
        "app.py": _CSV_LOG_API.format(mode=mode),
    }
    assert committed_status(tmp_path, tree, "MON001") == status


# -- SERVE003: a fallback for a torch too old for `weights_only` ---------------------------------

_CHECKPOINT_LOAD = (
    "import torch\n\n\ndef model_fn(model_dir):\n    path = model_dir + '/model.pth'\n"
    "    try:\n        state = torch.load(path, map_location='cpu', weights_only=True)\n"
    "    except {error}:\n        state = torch.load(path, map_location='cpu')\n"
    "    return state\n"
)


@pytest.mark.parametrize(
    ("error", "status"),
    [("TypeError", "passed"), ("Exception", "failed")],
    ids=["older-torch", "any-failure"],
)
def test_serve003_leaves_a_fallback_for_an_older_torch(
    tmp_path: Path, error: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "torch==1.13.1\nflask==3.0.0\n",
        "inference.py": _CHECKPOINT_LOAD.format(error=error),
        "app.py": (
            "from flask import Flask\n\nfrom inference import model_fn\n\n"
            "app = Flask(__name__)\nstate = model_fn('models')\n\n\n"
            "@app.route('/predict')\ndef predict():\n    return str(len(state))\n"
        ),
    }
    assert committed_status(tmp_path, tree, "SERVE003") == status
