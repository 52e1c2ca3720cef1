"""Session 39: SERVE003 reads a framework's load by the format its flavour stores (MLflow's
and BentoML's scikit-learn flavours pickle; Prophet's, ONNX's and Hugging Face's do not),
reads the logs of the whole repository (a course's serving lesson loads what its training
lesson logs), and leaves a committed pickled MLmodel aside when the code logs its models
only in formats of their own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.cases import SERVICE_WITH_MODEL
from tests.doctor.helpers import audit

FLAVOUR_LOAD = "import {module}\n\nmodel = {call}('models/churn')\n"


def _serve003(root: Path, tree: dict[str, str]) -> list[str]:
    build_file_tree(root, {**SERVICE_WITH_MODEL, **tree})
    return [f"{f.path}:{f.line}" for f in audit(root, "SERVE003").findings]


@pytest.mark.parametrize(
    ("module", "call"),
    [
        ("mlflow.sklearn", "mlflow.sklearn.load_model"),
        ("mlflow.statsmodels", "mlflow.statsmodels.load_model"),
        ("bentoml", "bentoml.sklearn.get"),
        ("bentoml", "bentoml.picklable_model.load_model"),
    ],
)
def test_serve003_reports_a_load_of_a_flavour_stored_as_a_pickle(
    tmp_path: Path, module: str, call: str
) -> None:
    # nothing in the repository logs the model: the flavour's format says it is a pickle
    load = FLAVOUR_LOAD.format(module=module, call=call)
    assert _serve003(tmp_path, {"src/demo/model.py": load}) == ["src/demo/model.py:3"]


@pytest.mark.parametrize(
    ("module", "call"),
    [
        ("mlflow.prophet", "mlflow.prophet.load_model"),
        ("mlflow.xgboost", "mlflow.xgboost.load_model"),
        ("bentoml", "bentoml.transformers.get"),
        ("bentoml", "bentoml.onnx.load_model"),
    ],
)
def test_serve003_leaves_a_load_of_a_flavour_with_a_format_of_its_own(
    tmp_path: Path, module: str, call: str
) -> None:
    load = FLAVOUR_LOAD.format(module=module, call=call)
    assert _serve003(tmp_path, {"src/demo/model.py": load}) == []


PICKLED_MLMODEL = (
    "flavors:\n  sklearn:\n    pickled_model: model.pkl\n    serialization_format: cloudpickle\n"
)
REGISTRY_LOAD = "import mlflow\n\nmodel = mlflow.pyfunc.load_model('models:/sales/Production')\n"
TRAIN = "import mlflow\n\n\ndef train(model):\n    mlflow.{flavour}.log_model(model, 'model')\n"


@pytest.mark.parametrize(
    ("flavour", "reported"),
    [
        # the code logs Prophet models (JSON): the registry serves those, not the pickle
        ("prophet", []),
        # the code logs pickles too: the committed model and the logged ones both count
        ("sklearn", ["src/demo/model.py:3"]),
    ],
)
def test_serve003_judges_a_registry_load_by_what_the_code_logs_over_a_committed_model(
    tmp_path: Path, flavour: str, reported: list[str]
) -> None:
    tree = {
        "models/best/MLmodel": PICKLED_MLMODEL,
        "src/demo/model.py": REGISTRY_LOAD,
        "src/demo/train.py": TRAIN.format(flavour=flavour),
    }
    assert _serve003(tmp_path, tree) == reported


def test_serve003_counts_a_committed_pickled_model_when_the_code_logs_none(tmp_path: Path) -> None:
    tree = {"models/best/MLmodel": PICKLED_MLMODEL, "src/demo/model.py": REGISTRY_LOAD}
    assert _serve003(tmp_path, tree) == ["src/demo/model.py:3"]


LESSON_README = "Run `pip install -r requirements.txt`.\n"
SERVING_LESSON = (
    "import mlflow\nfrom fastapi import FastAPI\n\n"
    "model = mlflow.pyfunc.load_model('models:/churn@live')\napp = FastAPI()\n\n\n"
    "@app.post('/predict')\ndef predict(x: float) -> dict:\n"
    "    return {'churn': model.predict([[x]])}\n"
)
TRAINING_LESSON = (
    "import mlflow\n\n\ndef main(model, x, y):\n    model.fit(x, y)\n"
    "    mlflow.{flavour}.log_model(model, 'model', registered_model_name='churn')\n"
)


def _course(flavour: str) -> dict[str, str]:
    """A course whose training lesson registers the model its serving lesson loads."""
    tree = {"readme.md": ""}
    for folder in ("Day1/training", "Day2/serving"):
        tree[f"{folder}/requirements.txt"] = "mlflow\nfastapi\n"
        tree[f"{folder}/readme.md"] = LESSON_README
    tree["Day1/training/train.py"] = TRAINING_LESSON.format(flavour=flavour)
    tree["Day2/serving/app.py"] = SERVING_LESSON
    return tree


@pytest.mark.parametrize(("flavour", "reported"), [("sklearn", True), ("xgboost", False)])
def test_serve003_reads_what_another_lesson_logs_into_the_shared_registry(
    tmp_path: Path, flavour: str, reported: bool
) -> None:
    build_file_tree(tmp_path, _course(flavour))
    report = audit(tmp_path, "SERVE003")
    assert "Day2/serving" in report.projects
    found = [f"{f.project}:{f.path}:{f.line}" for f in report.findings]
    assert found == (["Day2/serving:Day2/serving/app.py:4"] if reported else [])


SAGEMAKER_ENTRY = (
    "import os\n\nimport joblib\n\n\ndef model_fn({parameters}):\n"
    "    return joblib.load(os.path.join(model_dir, 'model.joblib'))\n"
)


@pytest.mark.parametrize(
    ("parameters", "status"),
    [
        # SageMaker's framework container calls the entry point's loader on each endpoint
        ("model_dir", "failed"),
        ("model_dir, context=None", "failed"),
        # a TensorFlow Estimator's model function builds a graph: no endpoint runs it
        ("features, labels, mode, model_dir=None", "not-applicable"),
    ],
)
def test_serve003_judges_a_sagemaker_inference_script_as_the_service(
    tmp_path: Path, parameters: str, status: str
) -> None:
    tree = {
        "src/demo/__init__.py": "",
        "src/demo/inference.py": SAGEMAKER_ENTRY.format(parameters=parameters),
    }
    build_file_tree(tmp_path, tree)
    report = audit(tmp_path, "SERVE003")
    assert [r.status.value for r in report.results if r.id == "SERVE003"] == [status]


LIBRARY_LOAD = "from {module} import {name}\n\nmodel = {name}({arguments})\n"


@pytest.mark.parametrize(
    ("module", "name", "arguments"),
    [
        # a wrapper library's model class given joblib files loads them as pickles
        ("lib_ml.model", "Model", "weights='m/model.keras', encoder_path='m/encoder.joblib'"),
        ("acme_serving", "load_predictor", "'artefacts/predictor.pkl'"),
    ],
)
def test_serve003_reports_a_library_loader_given_a_pickle_file(
    tmp_path: Path, module: str, name: str, arguments: str
) -> None:
    load = LIBRARY_LOAD.format(module=module, name=name, arguments=arguments)
    assert _serve003(tmp_path, {"src/demo/model.py": load}) == ["src/demo/model.py:3"]


@pytest.mark.parametrize(
    ("module", "name", "arguments"),
    [
        # a download or upload moves the file: the load that follows is judged itself
        ("huggingface_hub", "hf_hub_download", "repo_id='acme/churn', filename='model.joblib'"),
        ("acme_storage", "upload_file", "'models/model.pkl'"),
        # a model in a format of its own, and the repository's own helper (followed itself)
        ("lib_ml.model", "Model", "weights='m/model.onnx'"),
        ("demo.helpers", "load_model", "'models/model.pkl'"),
    ],
)
def test_serve003_leaves_a_library_call_that_loads_no_pickle(
    tmp_path: Path, module: str, name: str, arguments: str
) -> None:
    tree = {
        "src/demo/helpers.py": "def load_model(path):\n    return path\n",
        "src/demo/model.py": LIBRARY_LOAD.format(module=module, name=name, arguments=arguments),
    }
    assert _serve003(tmp_path, tree) == []


DEPLOY_SCRIPT = (
    "#!/bin/sh\ngcloud ai models upload --region=europe-west1 --display-name=churn \\\n"
    "  --artifact-uri=gs://acme/models/churn \\\n"
    "  --container-image-uri=europe-docker.pkg.dev/vertex-ai/prediction/{image}:latest\n"
    "gcloud ai endpoints deploy-model churn-endpoint --model=churn --region=europe-west1\n"
)


@pytest.mark.parametrize(
    ("image", "reported"),
    [
        # the prebuilt scikit-learn container unpickles model.joblib or model.pkl
        ("sklearn-cpu.1-5", ["scripts/deploy.sh:4"]),
        # TensorFlow's serves a SavedModel
        ("tf2-cpu.2-15", []),
    ],
)
def test_serve003_reports_a_prebuilt_serving_image_that_unpickles_the_model(
    tmp_path: Path, image: str, reported: list[str]
) -> None:
    tree = {"scripts/deploy.sh": DEPLOY_SCRIPT.format(image=image)}
    build_file_tree(tmp_path, {**SERVICE_WITH_MODEL, **tree})
    assert [f"{f.path}:{f.line}" for f in audit(tmp_path, "SERVE003").findings] == reported
