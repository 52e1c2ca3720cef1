"""Session 42's reading of ENV004: a serving image that installs the project's main
dependencies only (`uv sync --no-dev`) installs a set apart from training when that set
holds no package only training needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import committed_status

TRAIN = "def main(model, x, y):\n    model.fit(x, y)\n"
PACKAGE = {"src/forecast/__init__.py": "", "src/forecast/train.py": TRAIN}


# -- a serving image that installs the project's main dependencies only (ENV004) ----------

SERVICE = (
    "import joblib\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
    'model = joblib.load("model.joblib")\n'
)
PYPROJECT = """[project]
name = "forecast"
version = "0.1.0"
dependencies = [{main}]

[dependency-groups]
dev = ["pytest>=8", "ruff>=0.6", "seaborn>=0.13"]
"""
IMAGE = (
    "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install uv && uv sync {options}\n"
    'EXPOSE 8000\nCMD ["uvicorn", "src.forecast.app:app"]\n'
)
SERVING_MAIN = '"fastapi>=0.115", "joblib>=1.4", "scikit-learn>=1.5"'


@pytest.mark.parametrize(
    ("main", "options", "status"),
    [
        (SERVING_MAIN, "--no-dev", "passed"),
        (SERVING_MAIN, "--frozen", "failed"),  # every group, the training tools too
        (SERVING_MAIN + ', "mlflow>=2.16"', "--no-dev", "failed"),  # a tracker in the main set
    ],
)
def test_a_serving_image_of_the_main_dependencies_only_is_a_set_apart(
    tmp_path: Path, main: str, options: str, status: str
) -> None:
    tree = {
        **PACKAGE,
        "src/forecast/app.py": SERVICE,
        "pyproject.toml": PYPROJECT.format(main=main),
        "Dockerfile": IMAGE.format(options=options),
    }
    assert committed_status(tmp_path, tree, "ENV004") == status


FRAMEWORK_IMAGE = (
    "FROM python:3.12-slim\nWORKDIR /app\nCOPY {file} .\nRUN pip install -r {file}\n"
    'COPY . .\nEXPOSE 5000\nCMD ["python", "app.py"]\n'
)


@pytest.mark.parametrize(
    ("file", "status"),
    [("requirements-Flask.txt", "passed"), ("requirements-base.txt", "failed")],
)
def test_a_root_file_named_for_the_web_framework_is_the_services_set(
    tmp_path: Path, file: str, status: str
) -> None:
    tree = {
        "train.py": "import mlflow\n\n\ndef main(model, x, y):\n    model.fit(x, y)\n",
        "app.py": SERVICE.replace("FastAPI", "Flask").replace("fastapi", "flask"),
        "requirements.txt": "mlflow==2.16.0\nscikit-learn==1.5.2\n",
        file: "flask==3.0.3\nmlflow==2.16.0\nscikit-learn==1.5.2\n",
        "Dockerfile": FRAMEWORK_IMAGE.format(file=file),
    }
    assert committed_status(tmp_path, tree, "ENV004") == status
