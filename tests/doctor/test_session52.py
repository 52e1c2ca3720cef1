"""Session 52, from rounds 61 onwards.

IMG002: a service whose `/train` route runs a training pipeline that reaches the fit two
imports further (`/train` -> `training_pipeline.py` -> `model_trainer.py` -> the
estimator's `self.model.fit(`) trains in its one image."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, committed_status

_ESTIMATOR = (
    "from sklearn.linear_model import Ridge\n\n\nclass EnergyModel:\n"
    "    def __init__(self):\n        self.model = Ridge()\n\n"
    "    def learn(self, x, y):\n        self.model.fit(x, y)\n        return self\n\n"
    "    def predict(self, x):\n        return self.model.predict(x)\n"
)
_TRAINER = (
    "import joblib\n\nfrom energy.estimator import EnergyModel\n\n\nclass ModelTrainer:\n"
    "    def run(self, x, y):\n        model = EnergyModel().learn(x, y)\n"
    "        joblib.dump(model, 'model.joblib')\n"
)
_PIPELINE = (
    "from energy.model_trainer import ModelTrainer\n\n\nclass TrainingPipeline:\n"
    "    def run_pipeline(self):\n        ModelTrainer().run([[0.0], [1.0]], [0.0, 1.0])\n"
)


@pytest.mark.parametrize(
    ("route", "status"),
    [
        (
            "from energy.training_pipeline import TrainingPipeline\n\n\n"
            "@app.get('/train')\ndef train_route():\n    TrainingPipeline().run_pipeline()\n"
            "    return {'status': 'trained'}\n",
            "failed",
        ),
        (
            "import httpx\n\n\n@app.post('/train')\ndef train_route():\n"
            "    return httpx.post('http://trainer:8080/jobs').json()\n",
            "passed",
        ),
        ("", "passed"),
    ],
    ids=["train-route-through-pipeline", "train-route-forwards", "predict-only"],
)
def test_img002_a_training_route_reaches_the_fit_through_the_pipeline(
    tmp_path: Path, route: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\njoblib==1.4.2\n",
        "energy/__init__.py": "",
        "energy/estimator.py": _ESTIMATOR,
        "energy/model_trainer.py": _TRAINER,
        "energy/training_pipeline.py": _PIPELINE,
        "app.py": (
            "import joblib\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n"
            f"{route}\n\n"
            "@app.post('/predict')\ndef predict(x: float) -> float:\n"
            "    model = joblib.load('model.joblib')\n"
            "    return float(model.predict([[x]])[0])\n"
        ),
        "Dockerfile": (
            "FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\nEXPOSE 8000\n"
            'CMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n'
        ),
        ".dockerignore": ".git\n",
    }
    assert committed_status(tmp_path, tree, "IMG002") == status
