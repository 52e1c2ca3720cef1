"""Serving-side loads that unpickle underneath (SERVE003): Lightning's checkpoint loader and
MLflow's loads of a model saved as a pickle; a hash in another function checks nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.cases import SERVICE_WITH_MODEL
from tests.doctor.helpers import audit

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


@pytest.mark.parametrize(
    ("version", "reported"),
    [
        # A hash of hyperparameters in a helper the module defines: no file is checked.
        ("def version(p):\n    return hashlib.md5(str(p).encode()).hexdigest()\n", True),
        ("assert hashlib.sha256(open(PATH, 'rb').read()).hexdigest() == DIGEST\n", False),
    ],
)
def test_serve003_counts_only_a_check_the_loading_scope_runs(
    tmp_path: Path, version: str, reported: bool
) -> None:
    model = f"import hashlib\n\nimport joblib\n\n{version}\nmodel = joblib.load(PATH)\n"
    assert bool(_serve003(tmp_path, {"src/demo/model.py": model})) is reported
