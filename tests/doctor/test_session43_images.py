"""Session 43's image checks: IMG005 reads the stages a final stage is built on and the
root of the project a copier template renders."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.helpers import Tree, committed_status

# A base stage copies the checkout; the stage that serves is built FROM it.
STAGED = (
    "FROM python:3.12-slim AS base\nWORKDIR /srv\nCOPY . /srv\n"
    'FROM base AS serve\nUSER app\nCMD ["python", "-m", "demo.serve"]\n'
)
# The same stages, but the serving stage starts from a fresh image and copies by name.
FRESH_FINAL = (
    "FROM python:3.12-slim AS base\nWORKDIR /srv\nCOPY . /srv\n"
    "FROM python:3.12-slim AS serve\nCOPY --from=base /srv/demo /srv/demo\nUSER app\n"
)


def test_img005_fires_on_a_whole_context_copy_in_the_stage_the_final_one_is_built_on(
    tmp_path: Path,
) -> None:
    tree = {"Dockerfile": STAGED, ".dockerignore": "__pycache__\n", "demo/serve.py": ""}
    assert committed_status(tmp_path, tree, "IMG005") == "failed"


def test_img005_is_silent_when_the_final_stage_starts_afresh(tmp_path: Path) -> None:
    tree = {"Dockerfile": FRESH_FINAL, ".dockerignore": "__pycache__\n", "demo/serve.py": ""}
    assert committed_status(tmp_path, tree, "IMG005") == "passed"


# A copier template rendered from its own folder: the Dockerfile it renders sits at the
# generated project's root, and the .dockerignore beside it is copied as it is.
COPIER: Tree = {
    "copier.yml": "project_name:\n  type: str\n",
    "Dockerfile.jinja": "FROM python:{{ python_version }}-slim\nCOPY . /app\nUSER app\n",
    "pyproject.toml.jinja": "[project]\nname = '{{ project_name }}'\n",
}


def test_img005_fires_on_a_copier_projects_root_dockerfile_letting_git_in(
    tmp_path: Path,
) -> None:
    tree = {**COPIER, ".dockerignore": ".venv\n"}
    assert committed_status(tmp_path, tree, "IMG005") == "failed"


def test_img005_is_silent_when_the_copied_dockerignore_keeps_git_out(tmp_path: Path) -> None:
    tree = {**COPIER, ".dockerignore": ".venv\n.git\n"}
    assert committed_status(tmp_path, tree, "IMG005") == "passed"


# A Flask service whose /train route starts main.py, which runs the training pipeline's
# stages through the package it imports.
SERVICE_STARTING_MAIN: Tree = {
    "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\nEXPOSE 8080\nUSER app\n"
    'CMD ["python", "app.py"]\n',
    "requirements.txt": "flask==3.0.0\nscikit-learn==1.5.0\n",
    "app.py": "import os\n\nfrom flask import Flask\n\nfrom shop.predict import predict\n\n"
    "app = Flask(__name__)\n\n\n@app.route('/train')\ndef training():\n"
    '    os.system("python main.py")\n    return "done"\n\n\n'
    "@app.route('/predict', methods=['POST'])\ndef answer():\n    return predict()\n",
    "shop/__init__.py": "",
    "shop/predict.py": "import joblib\n\n\ndef predict():\n"
    "    return str(joblib.load('model.joblib').predict([[1]]))\n",
    "shop/stages/__init__.py": "",
    "shop/stages/model_trainer.py": "from sklearn.linear_model import LinearRegression\n\n\n"
    "def train(x, y):\n    return LinearRegression().fit(x, y)\n",
}
TRAINING_MAIN = "from shop.stages.model_trainer import train\n\ntrain([[1]], [1])\n"
REPORTING_MAIN = "from shop.predict import predict\n\nprint(predict())\n"


def test_img002_fires_when_the_service_starts_a_script_that_runs_training(
    tmp_path: Path,
) -> None:
    tree = {**SERVICE_STARTING_MAIN, "main.py": TRAINING_MAIN}
    assert committed_status(tmp_path, tree, "IMG002") == "failed"


def test_img002_is_silent_when_the_script_the_service_starts_trains_nothing(
    tmp_path: Path,
) -> None:
    tree = {**SERVICE_STARTING_MAIN, "main.py": REPORTING_MAIN}
    assert committed_status(tmp_path, tree, "IMG002") != "failed"


# A copier template whose own delimiters are `[[ ]]`: its Jinja fills the tag in.
BRACKETED: Tree = {
    "copier.yml": '_envops:\n  variable_start_string: "[["\n  variable_end_string: "]]"\n'
    "python_version:\n  type: str\n  default: '3.12'\n",
    "README.md": "# A template\n",
}


def test_img004_is_silent_on_a_tag_a_copier_templates_delimiters_fill_in(
    tmp_path: Path,
) -> None:
    dockerfile = 'ARG PY="[[ python_version ]]"\nFROM python:${PY}-slim\nUSER app\n'
    tree = {**BRACKETED, "[[ project_slug ]]/Dockerfile": dockerfile}
    assert committed_status(tmp_path, tree, "IMG004") == "passed"


def test_img004_fires_on_an_untagged_base_in_a_copier_templates_dockerfile(
    tmp_path: Path,
) -> None:
    tree = {**BRACKETED, "[[ project_slug ]]/Dockerfile": "FROM python\nUSER app\n"}
    assert committed_status(tmp_path, tree, "IMG004") == "failed"


# A Gitpod workspace: the image developers open the repository in, no service.
GITPOD = "FROM gitpod/workspace-python-3.11:2024-03-20-07-19-19\nRUN pip install uv\n"


def test_img003_is_silent_on_a_gitpod_workspace_image(tmp_path: Path) -> None:
    tree = {".gitpod.Dockerfile": GITPOD, ".gitpod.yml": "image:\n  file: .gitpod.Dockerfile\n"}
    assert committed_status(tmp_path, tree, "IMG003") == "passed"


def test_img003_fires_on_a_service_image_beside_the_workspace(tmp_path: Path) -> None:
    tree = {
        ".gitpod.Dockerfile": GITPOD,
        "Dockerfile": "FROM python:3.12-slim\nCOPY app.py .\nEXPOSE 8000\n"
        'CMD ["python", "app.py"]\n',
        "app.py": "print(1)\n",
    }
    assert committed_status(tmp_path, tree, "IMG003") == "failed"


# IMG001: a FastAPI service whose README is in another language, with its English
# translation beside it.
FOREIGN_SERVICE: Tree = {
    "pyproject.toml": "[project]\nname = 'shop'\ndependencies = ['fastapi']\n",
    "shop/__init__.py": "",
    "shop/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
    "@app.post('/predict')\ndef predict() -> dict[str, int]:\n    return {'y': 1}\n",
    "README.md": "# 自动化机器学习平台\n\n这是一个端到端的机器学习平台。\n",
}


def test_img001_fires_when_the_english_readme_says_the_service_runs_in_production(
    tmp_path: Path,
) -> None:
    english = "# AutoML platform\n\n## Production mode\n\n    make start\n"
    tree = {**FOREIGN_SERVICE, "README.en.md": english}
    assert committed_status(tmp_path, tree, "IMG001") == "failed"


def test_img001_does_not_apply_when_the_english_readme_only_runs_it_locally(
    tmp_path: Path,
) -> None:
    english = "# AutoML platform\n\n## Run it\n\n    make dev\n"
    tree = {**FOREIGN_SERVICE, "README.en.md": english}
    assert committed_status(tmp_path, tree, "IMG001") == "not-applicable"


# IMG002: a package whose __init__.py re-exports its trainer beside its predictor.
PACKAGE: Tree = {
    "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\nEXPOSE 8000\nUSER app\n"
    'CMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n',
    "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.0\n",
    "churn/__init__.py": "from .prediction import Predictor\nfrom .training import Trainer\n\n"
    "__all__ = ['Predictor', 'Trainer']\n",
    "churn/prediction.py": "import joblib\n\n\nclass Predictor:\n    def predict(self, x):\n"
    "        return joblib.load('model.joblib').predict(x)\n",
    "churn/training.py": "from sklearn.linear_model import LogisticRegression\n\n\n"
    "class Trainer:\n    def run(self, x, y):\n        return LogisticRegression().fit(x, y)\n",
}
SERVES_ONLY = (
    "from fastapi import FastAPI\n\nfrom churn.prediction import Predictor\n\n"
    "app = FastAPI()\n\n\n@app.post('/predict')\ndef predict(x: list[float]):\n"
    "    return {'y': Predictor().predict([x]).tolist()}\n"
)
TRAINS_AT_START = (
    "from fastapi import FastAPI\n\nfrom churn import Predictor, Trainer\n\n"
    "Trainer().run([[0.0], [1.0]], [0, 1])\napp = FastAPI()\n\n\n@app.post('/predict')\n"
    "def predict(x: list[float]):\n    return {'y': Predictor().predict([x]).tolist()}\n"
)


def test_img002_is_silent_when_the_package_only_re_exports_its_trainer(tmp_path: Path) -> None:
    tree = {**PACKAGE, "app.py": SERVES_ONLY}
    assert committed_status(tmp_path, tree, "IMG002") != "failed"


def test_img002_fires_when_the_service_takes_the_trainer_from_the_package(
    tmp_path: Path,
) -> None:
    tree = {**PACKAGE, "app.py": TRAINS_AT_START}
    assert committed_status(tmp_path, tree, "IMG002") == "failed"


# IMG002: the service's route hands the training module's function to an executor.
EXECUTOR = (
    "import asyncio\n\nfrom sklearn.linear_model import LogisticRegression\n\n\n"
    "def _fit_sync(x, y):\n    return LogisticRegression().fit(x, y)\n\n\n"
    "def _describe_sync(x, y):\n    return {'rows': len(x)}\n\n\n"
    "async def run_async(x, y):\n    loop = asyncio.get_running_loop()\n"
    "    return await loop.run_in_executor(None, {handed}, x, y)\n"
)
HANDING_APP = (
    "from fastapi import FastAPI\n\nfrom churn.prediction import Predictor\n"
    "from churn.training import run_async\n\napp = FastAPI()\n\n\n@app.post('/jobs')\n"
    "async def jobs(x: list[float]):\n    return await run_async([x], [1])\n\n\n"
    "@app.post('/predict')\ndef predict(x: list[float]):\n"
    "    return {'y': Predictor().predict([x]).tolist()}\n"
)


def test_img002_fires_when_the_service_hands_a_training_function_to_an_executor(
    tmp_path: Path,
) -> None:
    training = EXECUTOR.replace("{handed}", "_fit_sync")
    tree = {
        **PACKAGE,
        "churn/__init__.py": "",
        "churn/training.py": training,
        "app.py": HANDING_APP,
    }
    assert committed_status(tmp_path, tree, "IMG002") == "failed"


def test_img002_is_silent_when_the_handed_function_trains_nothing(tmp_path: Path) -> None:
    training = EXECUTOR.replace("{handed}", "_describe_sync")
    tree = {
        **PACKAGE,
        "churn/__init__.py": "",
        "churn/training.py": training,
        "app.py": HANDING_APP,
    }
    assert committed_status(tmp_path, tree, "IMG002") != "failed"
