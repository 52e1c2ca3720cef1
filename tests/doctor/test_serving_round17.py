"""Round 17's serving results. SERVE003: MLflow loads of models the repository's own code
pickles when it logs them, Ultralytics' checkpoint loads, BentoML export steps that are no
service. MON001: predictions written through another module's helper (an InfluxDB point),
a generative service's question-and-answer rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import SERVICE_WITH_MODEL
from tests.doctor.helpers import audit, status_of

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


# MON001: a prediction written as an InfluxDB point through a helper of another module.
INFLUX_HELPER = (
    "from influxdb_client import InfluxDBClient, Point\n\n"
    "write_api = InfluxDBClient(url='http://influx:8086').write_api()\n\n\n"
    "def write_record(record):\n    write_api.write(bucket='runs', record=record)\n"
)
LOG_RUN = (
    "from demo.influx import write_record\nfrom influxdb_client import Point\n\n\n"
    "def log_run(prediction):\n"
    "    write_record(Point('inference').field('prediction', prediction))\n"
)


def _mon001(root: Path, tree: dict[str, str]) -> Status:
    build_file_tree(root, {**SERVICE_WITH_MODEL, "src/demo/model.py": "model = None\n", **tree})
    return status_of(audit(root, "MON001"), "MON001")


@pytest.mark.parametrize(
    ("helper", "status"),
    [
        (INFLUX_HELPER, Status.PASSED),
        # a helper of that name that only prints the point stores nothing
        ("def write_record(record):\n    print(record)\n", Status.FAILED),
    ],
)
def test_mon001_follows_a_point_written_by_another_modules_helper(
    tmp_path: Path, helper: str, status: Status
) -> None:
    tree = {"src/demo/influx.py": helper, "src/demo/log_run.py": LOG_RUN}
    assert _mon001(tmp_path, tree) is status


HISTORY = (
    "from demo.db import get_session\nfrom demo.tables import ChatHistory\n\n\n"
    "def append_history(question, answer):\n    with get_session() as session:\n"
    "        rec = ChatHistory({fields})\n        session.add(rec)\n        session.commit()\n"
)


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ("question=question, answer=answer", Status.PASSED),
        # a row of the question alone keeps no answer of the model
        ("question=question", Status.FAILED),
    ],
)
def test_mon001_counts_a_question_and_answer_row(
    tmp_path: Path, fields: str, status: Status
) -> None:
    tree = {"src/demo/history.py": HISTORY.format(fields=fields)}
    assert _mon001(tmp_path, tree) is status
