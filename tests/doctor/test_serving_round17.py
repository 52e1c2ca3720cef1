"""SERVE003 in round 17: MLflow loads of models the repository's own code pickles when it
logs them, Ultralytics' checkpoint loads, and BentoML export steps that are no service."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.cases import SERVICE_WITH_MODEL
from tests.doctor.helpers import audit

PYFUNC_LOAD = "import mlflow\n\nmodel = mlflow.pyfunc.load_model('models:/churn/Production')\n"
SKLEARN_LOAD = "import mlflow.sklearn\n\nmodel = mlflow.sklearn.load_model('models/churn')\n"
TRAIN = "import mlflow\n\n\ndef train(model):\n    {log}\n"
WRAPPER = (
    "import mlflow\n\n\nclass Wrapper(mlflow.pyfunc.PythonModel):\n"
    "    def predict(self, context, x):\n        return x\n\n\n"
)


def _serve003(root: Path, tree: dict[str, str]) -> list[str]:
    build_file_tree(root, {**SERVICE_WITH_MODEL, **tree})
    return [f"{f.path}:{f.line}" for f in audit(root, "SERVE003").findings]


@pytest.mark.parametrize(
    ("load", "log", "reported"),
    [
        (PYFUNC_LOAD, "mlflow.sklearn.log_model(model, 'model')", True),
        (SKLEARN_LOAD, "mlflow.sklearn.save_model(model, 'models/churn')", True),
        (PYFUNC_LOAD, "mlflow.pytorch.log_model(model, 'model')", True),
        (PYFUNC_LOAD, "mlflow.pyfunc.log_model('model', python_model=Wrapper())", True),
        # formats of their own, and a model from code (a `.py` file, no pickle)
        (PYFUNC_LOAD, "mlflow.xgboost.log_model(model, 'model')", False),
        (PYFUNC_LOAD, "mlflow.onnx.log_model(model, 'model')", False),
        (PYFUNC_LOAD, "mlflow.pyfunc.log_model('model', python_model='src/wrap.py')", False),
        (SKLEARN_LOAD, "mlflow.pytorch.log_model(model, 'model')", False),
        (SKLEARN_LOAD, "mlflow.sklearn.log_model(model, 'm', serialization_format='skops')", False),
    ],
)
def test_serve003_reports_an_mlflow_load_of_a_model_the_code_pickles(
    tmp_path: Path, load: str, log: str, reported: bool
) -> None:
    tree = {"src/demo/model.py": load, "src/demo/train.py": WRAPPER + TRAIN.format(log=log)}
    assert bool(_serve003(tmp_path, tree)) is reported


def test_serve003_follows_python_model_passed_in_a_mapping(tmp_path: Path) -> None:
    log = "kwargs = {'python_model': Wrapper()}\n    mlflow.pyfunc.save_model('m', **kwargs)"
    tree = {"src/demo/model.py": PYFUNC_LOAD, "src/demo/train.py": WRAPPER + TRAIN.format(log=log)}
    assert _serve003(tmp_path, tree) == ["src/demo/model.py:3"]


def test_serve003_leaves_a_pickling_log_made_only_by_a_test(tmp_path: Path) -> None:
    log = "mlflow.sklearn.log_model(model, 'model')"
    tree = {"src/demo/model.py": PYFUNC_LOAD, "tests/test_train.py": TRAIN.format(log=log)}
    assert _serve003(tmp_path, tree) == []


@pytest.mark.parametrize(
    ("argument", "reported"),
    [("'runs/best.pt'", True), ("f'{ROOT}/weights.pth'", True), ("'yolov8n.onnx'", False)],
)
def test_serve003_reports_an_ultralytics_checkpoint_load(
    tmp_path: Path, argument: str, reported: bool
) -> None:
    model = f"from ultralytics import YOLO\n\nROOT = 'models'\nmodel = YOLO({argument})\n"
    assert bool(_serve003(tmp_path, {"src/demo/model.py": model})) is reported


BENTO_SERVICE = (
    "import bentoml\n\nrunner = bentoml.onnx.get('detector:latest').to_runner()\n"
    "svc = bentoml.Service('detector', runners=[runner])\n"
)
# An export step: loads the checkpoint, saves the model into BentoML's store.
BENTO_EXPORT = (
    "import bentoml\nimport lightning as L\n\n\nclass Net(L.LightningModule):\n    pass\n\n\n"
    "def export():\n    model = Net.load_from_checkpoint('models/last.ckpt')\n"
    "    bentoml.pytorch.save_model('detector', model)\n"
)


@pytest.mark.parametrize(
    ("export", "reported"),
    [
        (BENTO_EXPORT, []),
        # the same load in the module that declares the service is the service's
        (BENTO_EXPORT + BENTO_SERVICE.partition("\n\n")[2], ["src/export.py:10"]),
    ],
)
def test_serve003_leaves_an_export_step_that_saves_into_bentoml(
    tmp_path: Path, export: str, reported: list[str]
) -> None:
    build_file_tree(tmp_path, {"src/service.py": BENTO_SERVICE, "src/export.py": export})
    assert [f"{f.path}:{f.line}" for f in audit(tmp_path, "SERVE003").findings] == reported
