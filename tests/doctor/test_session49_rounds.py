"""Session 49, from rounds 48 and 49 and K29.

SERVE003: NeuralForecast's `load` unpickles its configuration and dataset; a torch
imported under another name (`import torch as trch`) still `torch.load`s; BentoML's MLflow
flavour loads an MLflow model through `mlflow.pyfunc.load_model`, so it unpickles a
`python_model` the code logs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, committed_status

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
