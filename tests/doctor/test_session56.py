"""Session 56, from rounds 80 and 81.

CI002: a task of a Taskfile another Taskfile `includes` (`task ml_server:test`). DATA001: a
seeded `choice` among the rows of data read elsewhere draws no data. ENV004: a set named for
serving that the serving image installs beside training's, and `pip install . --no-deps`,
which installs none. SEC001: a private key whose body is a mask (`xxxx...`), a token in a
docstring's usage example. SERVE001: a KServe client that deploys or calls a model serves
none. IMG005: the context a builder stage copies whole, copied on into the final stage.
TEST001: a `test.py` program whose `main()` runs `test(config)`. IMG004: a major's
`3-latest` tag. IMG006: the official postgres image of an ended PostgreSQL major, and
TorchServe's images, no longer patched. EXP001: an OpenMMLab-style config's logger hook
(`dict(type="TensorboardLoggerHook")`). Kinds: a French training course ("Cette formation
vise à"); an arXiv link among a README's references cites a model, not the repository's
paper; "a growing number of little ML projects" is a collection (K54), and so is "A
collection of MLOps & AI Infrastructure projects" (K55).

From round 81: DOCS002: a README's opening naming the data its card describes. ENV002: a
monorepo root declaring no package. ENV004: a Bento built from its `requirements_txt`.
DATA004: a SageMaker SDK 3 pipeline (`sagemaker.mlops.workflow`). EXP001: an empty training
module of a skeleton with no notebooks trains nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, committed_kind, committed_status
from tests.doctor.test_session55 import _collection

_TRAIN = (
    "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n\n"
    "frame = pd.read_csv('data/train.csv')\n"
    "LogisticRegression().fit(frame[['x']], frame['y'])\n"
)

# A FastAPI service of the trained model.
_SERVE = (
    "import joblib\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
    "model = joblib.load('model.joblib')\n\n\n@app.post('/predict')\n"
    "def predict(x: float) -> dict:\n    return {'y': float(model.predict([[x]])[0])}\n"
)


def _task_project(ci_command: str) -> Tree:
    """A project whose CI runs a task of the root Taskfile, which includes the service's."""
    return {
        "Taskfile.yaml": (
            "version: '3'\n\nincludes:\n  ml_server:\n    taskfile: ml_server/Taskfile.yaml\n"
            "    dir: ml_server\n\ntasks:\n  lint:\n    cmds:\n      - ruff check .\n"
        ),
        "ml_server/Taskfile.yaml": (
            "version: '3'\n\ntasks:\n  test:\n    cmds:\n      - uv run pytest\n"
            "  serve:\n    cmds:\n      - uv run uvicorn app.main:app\n"
        ),
        "ml_server/app/__init__.py": "",
        "ml_server/app/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
        "ml_server/tests/test_main.py": (
            "from app.main import app\n\n\ndef test_app() -> None:\n"
            "    assert app.title == 'FastAPI'\n"
        ),
        ".github/workflows/test.yml": (
            "name: test\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - uses: actions/checkout@v4\n"
            f"      - run: {ci_command}\n"
        ),
    }


@pytest.mark.parametrize(
    ("command", "status"),
    [("task ml_server:test", "passed"), ("task lint", "failed")],
)
def test_a_task_of_an_included_taskfile_is_followed(
    tmp_path: Path, command: str, status: str
) -> None:
    assert committed_status(tmp_path, _task_project(command), "CI002") == status


def _sampled_training(sample: str) -> Tree:
    """A training step that fits on a seeded sample of the rows a pipeline hands it."""
    return {
        "README.md": "# Rain forecast\n\nPredicts tomorrow's rain.\n",
        ".gitignore": "data/\n",
        "src/nodes.py": (
            "import numpy as np\nimport pandas as pd\nfrom sklearn.svm import SVR\n\n\n"
            "def train(X_train: pd.DataFrame, y_train: pd.Series) -> SVR:\n"
            f"    rows = np.random.RandomState(42).choice({sample}, size=100, replace=False)\n"
            "    return SVR().fit(X_train.loc[rows], y_train.loc[rows])\n"
        ),
    }


@pytest.mark.parametrize(
    ("sample", "status"),
    [("X_train.index", "failed"), ("[0.0, 0.5, 1.0]", "passed")],
)
def test_a_seeded_sample_of_the_rows_read_versions_no_data(
    tmp_path: Path, sample: str, status: str
) -> None:
    assert committed_status(tmp_path, _sampled_training(sample), "DATA001") == status


def _api_image(installs: str) -> Tree:
    """Training with the project's requirements, and an API image that installs `installs`."""
    return {
        "requirements.txt": "scikit-learn==1.5.2\npandas==2.2.3\njupyterlab==4.2.5\n",
        "requirements-api.txt": "fastapi==0.115.0\nuvicorn==0.30.6\n",
        "src/train.py": _TRAIN,
        "src/api.py": _SERVE,
        "Dockerfile.train": (
            "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
            'COPY src src\nCMD ["python", "src/train.py"]\n'
        ),
        "Dockerfile.api": (
            "FROM python:3.12-slim\nCOPY requirements.txt requirements-api.txt ./\n"
            f"RUN {installs}\nCOPY src src\nEXPOSE 8000\n"
            'CMD ["uvicorn", "src.api:app", "--host", "0.0.0.0"]\n'
        ),
    }


@pytest.mark.parametrize(
    ("installs", "status"),
    [
        ("pip install -r requirements.txt && pip install -r requirements-api.txt", "failed"),
        ("pip install -r requirements-api.txt", "passed"),
    ],
)
def test_a_serving_set_installed_beside_trainings_is_no_set_apart(
    tmp_path: Path, installs: str, status: str
) -> None:
    assert committed_status(tmp_path, _api_image(installs), "ENV004") == status


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("x" * 64, "passed"),
        ("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj", "failed"),
    ],
)
def test_a_private_key_whose_body_is_a_mask_is_no_key(
    tmp_path: Path, body: str, status: str
) -> None:
    readme = (
        "# Pipeline\n\nThe service account's `private_key` holds `\\n` escapes:\n\n"
        f"```\n-----BEGIN PRIVATE KEY-----\\n{body}\\n-----END PRIVATE KEY-----\\n\n```\n\n"
        f"Converted:\n\n```\n-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----\n```\n"
    )
    assert committed_status(tmp_path, {"README.md": readme}, "SEC001") == status


def _client_module(token_line: str) -> Tree:
    """A client library whose class documents its use, or whose module sets a token."""
    return {
        "client/__init__.py": "",
        "client/api.py": (
            "class TrackingClient:\n"
            '    """A client of the tracking server.\n\n'
            "    Examples\n    --------\n    .. code:: python\n\n"
            "        client = TrackingClient(\n"
            '            url="http://some.domain:5000",\n'
            '            token="68036ad49a92d53d02cc10ddf5ec2802",\n'
            "        )\n"
            '    """\n\n'
            "    def __init__(self, url: str, token: str) -> None:\n"
            "        self.url, self.token = url, token\n"
            f"{token_line}"
        ),
    }


@pytest.mark.parametrize(
    ("token_line", "status"),
    [
        ("", "passed"),
        (
            '\n\nclient = TrackingClient("http://x", token="9f2c4e7a1b8d3f6e0a5c7b9d2e4f6a8c")\n',
            "failed",
        ),
    ],
)
def test_a_token_in_a_docstrings_usage_example_is_documentation(
    tmp_path: Path, token_line: str, status: str
) -> None:
    assert committed_status(tmp_path, _client_module(token_line), "SEC001") == status


def _packaged_api_image(installs: str) -> Tree:
    """A package trained by `pip install .` and served by an image installing `installs`."""
    return {
        "pyproject.toml": (
            '[project]\nname = "fashion"\nversion = "0.1.0"\n'
            'dependencies = ["scikit-learn==1.5.2", "optuna==4.0.0", "fastapi==0.115.0"]\n'
        ),
        "requirements_predict.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\n",
        "fashion/__init__.py": "",
        "fashion/train.py": _TRAIN,
        "fashion/api.py": _SERVE,
        "dockerfiles/train.dockerfile": (
            "FROM python:3.12-slim\nCOPY pyproject.toml .\nCOPY fashion/ fashion/\n"
            'RUN pip install .\nCMD ["python", "-m", "fashion.train"]\n'
        ),
        "dockerfiles/predict.dockerfile": (
            "FROM python:3.12-slim\nCOPY requirements_predict.txt requirements.txt\n"
            "COPY pyproject.toml pyproject.toml\nCOPY fashion/ fashion/\n"
            f"RUN pip install -r requirements.txt\nRUN {installs}\nEXPOSE 80\n"
            'CMD ["uvicorn", "fashion.api:app", "--host", "0.0.0.0", "--port", "80"]\n'
        ),
    }


@pytest.mark.parametrize(
    ("installs", "status"),
    [("pip install . --no-deps --no-cache-dir", "passed"), ("pip install .", "failed")],
)
def test_a_package_installed_without_its_dependencies_brings_no_set(
    tmp_path: Path, installs: str, status: str
) -> None:
    assert committed_status(tmp_path, _packaged_api_image(installs), "ENV004") == status


def _kserve_module(code: str) -> Tree:
    return {
        "README.md": "# Plates\n\nDetects licence plates.\n",
        "train.py": _TRAIN,
        "serving/deploy.py": code,
    }


@pytest.mark.parametrize(
    ("code", "status"),
    [
        (
            "from kserve import KServeClient\n\nclient = KServeClient()\n"
            "service = client.get('plates', namespace='pipeline')\n",
            "not-applicable",
        ),
        (
            "import joblib\nfrom kserve import Model, ModelServer\n\n\nclass Plates(Model):\n"
            "    def load(self) -> None:\n        self.model = joblib.load('model.joblib')\n\n\n"
            "ModelServer().start([Plates('plates')])\n",
            "passed",
        ),
    ],
)
def test_a_kserve_client_serves_no_model(tmp_path: Path, code: str, status: str) -> None:
    assert committed_status(tmp_path, _kserve_module(code), "SERVE001") == status


@pytest.mark.parametrize(
    ("final_copy", "status"),
    [
        ("COPY --from=builder /app /app", "failed"),
        ("COPY --from=builder /app/.venv /app/.venv", "passed"),
    ],
)
def test_a_builders_whole_context_copied_on_reaches_the_image(
    tmp_path: Path, final_copy: str, status: str
) -> None:
    tree = {
        "pyproject.toml": '[project]\nname = "catdog"\nversion = "0.1.0"\n',
        "src/catdog/__init__.py": "",
        "src/catdog/train.py": _TRAIN,
        "data/train.csv": "x,y\n0,0\n1,1\n",
        "Dockerfile": (
            "FROM python:3.12-slim AS builder\nWORKDIR /app\nADD . /app\n"
            "RUN pip install --prefix /app/.venv .\n\nFROM python:3.12-slim\n"
            f"{final_copy}\nWORKDIR /app\nUSER nobody\n"
            'CMD ["python", "-m", "catdog.train"]\n'
        ),
    }
    assert committed_status(tmp_path, tree, "IMG005") == status


@pytest.mark.parametrize(
    ("entry", "status"),
    [
        (
            "def main() -> None:\n    test(load())\n\n\nif __name__ == '__main__':\n    main()\n",
            "failed",
        ),
        ("def test_load() -> None:\n    assert load()['seed'] == 1\n", "passed"),
    ],
)
def test_a_test_program_run_by_its_main_is_no_suite(
    tmp_path: Path, entry: str, status: str
) -> None:
    tree = {
        "train.py": _TRAIN,
        "test.py": (
            "import os\n\n\ndef load() -> dict:\n    return {'seed': 1}\n\n\n"
            "def test(config: dict) -> None:\n"
            "    if not os.path.exists('weights/model.ckpt'):\n"
            "        raise FileNotFoundError('weights/model.ckpt')\n"
            "    print('testing', config)\n\n\n" + entry
        ),
    }
    assert committed_status(tmp_path, tree, "TEST001") == status


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        (
            "Cette formation vise à vous fournir les connaissances nécessaires pour mettre en "
            "œuvre des pratiques MLOps.",
            "example",
        ),
        ("Ce projet prédit le code APE des entreprises et le sert via une API.", "application"),
    ],
)
def test_a_french_training_course_is_an_example(tmp_path: Path, opening: str, kind: str) -> None:
    tree = {
        "README.md": f"# MLOps avec MLflow\n\n{opening}\n\n## Chapitre 1\n\nMLflow.\n",
        "src/train.py": _TRAIN,
        "src/api.py": _SERVE,
    }
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("image", "status"),
    [("postgres:13", "failed"), ("postgres:9.6-alpine", "failed"), ("postgres:17", "passed")],
)
def test_the_postgres_image_of_an_ended_major_is_frozen(
    tmp_path: Path, image: str, status: str
) -> None:
    tree = {
        "train.py": _TRAIN,
        "db/Dockerfile": f"FROM {image}\nCOPY init.sql /docker-entrypoint-initdb.d/\n",
        "db/init.sql": "CREATE TABLE predictions (id serial);\n",
    }
    assert committed_status(tmp_path, tree, "IMG006") == status


@pytest.mark.parametrize(
    ("readme", "kind"),
    [
        (
            "# Licence plates\n\nA personal project: plates read end to end.\n\n## Training\n\n"
            "Run `python train.py`.\n\n## References\n\n"
            "- Swin-Transformer: https://arxiv.org/pdf/2103.14030.pdf\n",
            "application",
        ),
        (
            "# Licence plates\n\nCode of our paper https://arxiv.org/abs/2103.14030.\n\n"
            "## Training\n\nRun `python train.py`.\n",
            "example",
        ),
    ],
)
def test_an_arxiv_link_among_references_cites_a_model_not_a_paper(
    tmp_path: Path, readme: str, kind: str
) -> None:
    tree = {"README.md": readme, "train.py": _TRAIN, "evaluate.py": _TRAIN}
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("image", "status"),
    [("prefecthq/prefect:3-latest", "failed"), ("prefecthq/prefect:3.1.4-python3.12", "passed")],
)
def test_a_majors_latest_tag_moves(tmp_path: Path, image: str, status: str) -> None:
    tree = {"train.py": _TRAIN, "Dockerfile": f"FROM {image}\nCOPY train.py .\n"}
    assert committed_status(tmp_path, tree, "IMG004") == status


@pytest.mark.parametrize(
    ("image", "status"),
    [("pytorch/torchserve:latest", "failed"), ("python:3.12-slim", "passed")],
)
def test_an_image_no_longer_patched_is_frozen(tmp_path: Path, image: str, status: str) -> None:
    tree = {
        "train.py": _TRAIN,
        "serve/Dockerfile": f"FROM {image}\nCOPY model.mar /home/model-server/model-store/\n",
    }
    assert committed_status(tmp_path, tree, "IMG006") == status


@pytest.mark.parametrize(
    ("hook", "status"),
    [("TensorBoard_Hook", "passed"), ("WandbLoggerHook", "passed"), ("TextLoggerHook", "failed")],
)
def test_a_configs_logger_hook_tracks_the_runs(tmp_path: Path, hook: str, status: str) -> None:
    tree = {
        "train.py": _TRAIN,
        "config/train_cfg.py": (
            f"hooks = [\n    dict(type='IterTimerHook'),\n    dict(\n        type = \"{hook}\",\n"
            "        interval = ['iter', 100],\n    ),\n]\n"
        ),
    }
    assert committed_status(tmp_path, tree, "EXP001") == status


@pytest.mark.parametrize(
    ("conftest", "status"),
    [
        (
            "import pytest\nfrom fastapi.testclient import TestClient\n\n"
            "from app.main import app, get_session\n\n\n@pytest.fixture\ndef client():\n"
            "    app.dependency_overrides[get_session] = lambda: None\n"
            "    return TestClient(app)\n",
            "passed",
        ),
        (
            "import pytest\n\n\n@pytest.fixture(autouse=True)\ndef fake_model(monkeypatch):\n"
            "    monkeypatch.setattr('app.model.Model.predict', lambda self, t: ['Negative'])\n",
            "failed",
        ),
    ],
)
def test_a_list_of_known_answers_checks_the_model(
    tmp_path: Path, conftest: str, status: str
) -> None:
    tree = {
        "app/__init__.py": "",
        "app/model.py": (
            "from transformers import pipeline\n\n\nclass Model:\n"
            "    def __init__(self) -> None:\n"
            "        self.classify = pipeline('sentiment-analysis')\n\n"
            "    def predict(self, texts: list[str]) -> list[str]:\n"
            "        return [r['label'] for r in self.classify(texts)]\n"
        ),
        "app/main.py": (
            "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
            "def get_session():\n    return None\n"
        ),
        "tests/conftest.py": conftest,
        "tests/test_model.py": (
            "from app.model import Model\n\n\ndef test_correct_prediction() -> None:\n"
            "    texts = ['It is awful.', 'I love it.']\n"
            "    expected = ['NEGATIVE', 'POSITIVE']\n"
            "    assert Model().predict(texts) == expected\n"
        ),
    }
    assert committed_status(tmp_path, tree, "TEST002") == status


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        (
            "This repository contains a growing number of little ML projects. The goal is to "
            "recreate different types of neural architectures.",
            "monorepo",
        ),
        ("A collection of MLOps & AI Infrastructure projects including:", "monorepo"),
        ("This repository contains a number of models for house prices.", "application"),
    ],
)
def test_a_growing_number_of_projects_is_a_collection(
    tmp_path: Path, opening: str, kind: str
) -> None:
    assert committed_kind(tmp_path, _collection("House prices", opening)) == kind


@pytest.mark.parametrize(
    ("opening", "status"),
    [
        ("Anomaly detection on the ESA Anomaly Dataset: telemetry of three missions.", "passed"),
        ("Anomaly detection for spacecraft, served on Cloud Run.", "failed"),
    ],
)
def test_a_readme_opening_naming_the_data_completes_its_card(
    tmp_path: Path, opening: str, status: str
) -> None:
    readme = (
        f"# Spacecraft anomalies\n\n{opening}\n\n## Architecture Overview\n\n"
        "An LSTM per channel predicts the next values; large errors are anomalies.\n\n"
        "## Evaluation\n\nSegment F1 0.81 on the held-out channels.\n\n"
        "## Known Limitations\n\nSlow drifts and flat lines go unseen.\n"
    )
    tree = {"README.md": readme, "train.py": _TRAIN}
    assert committed_status(tmp_path, tree, "DOCS002") == status


@pytest.mark.parametrize(
    ("root_dependencies", "status"),
    [("[]", "not-applicable"), ('["pandas>=2"]', "failed")],
)
def test_a_monorepo_root_declaring_nothing_has_nothing_to_pin(
    tmp_path: Path, root_dependencies: str, status: str
) -> None:
    project = {
        "pyproject.toml": (
            '[project]\nname = "{name}"\nversion = "0.1.0"\ndependencies = ["xgboost>=2"]\n'
        ),
        "uv.lock": "version = 1\n",
        "src/train.py": _TRAIN,
    }
    tree = {
        "README.md": "# Pipelines\n\nA collection of forecasting projects, one per platform.\n",
        "pyproject.toml": (
            f'[project]\nname = "pipelines"\nversion = "0.1.0"\n'
            f"dependencies = {root_dependencies}\n"
        ),
        **{
            f"{name}/{rel}": content.replace("{name}", name)
            for name in ("aws-pipeline", "ibm-pipeline")
            for rel, content in project.items()
        },
    }
    assert committed_status(tmp_path, tree, "ENV002") == status


@pytest.mark.parametrize(
    ("notebook", "status"),
    [(False, "not-applicable"), (True, "failed")],
)
def test_an_empty_training_module_of_a_skeleton_trains_nothing(
    tmp_path: Path, notebook: bool, status: str
) -> None:
    tree = {
        "README.md": "# Spotify popularity\n\nA Dagster pipeline, work in progress.\n",
        "ml_pipeline/__init__.py": "",
        "ml_pipeline/assets/__init__.py": "",
        "ml_pipeline/assets/model_training.py": "",
        "ml_pipeline/assets/data_ingestion.py": "",
        "ml_pipeline/api.py": _SERVE,
    }
    if notebook:
        cell = '{"cell_type": "code", "source": ["import pandas as pd"], "metadata": {}}'
        tree["notebooks/explore.ipynb"] = (
            f'{{"cells": [{cell}], "metadata": {{}}, "nbformat": 4, "nbformat_minor": 5}}\n'
        )
    assert committed_status(tmp_path, tree, "EXP001") == status


@pytest.mark.parametrize(
    ("module", "status"),
    [("sagemaker.mlops.workflow.pipeline", "passed"), ("sagemaker.mlops.sessions", "failed")],
)
def test_a_sagemaker_sdk3_pipeline_is_a_pipeline(tmp_path: Path, module: str, status: str) -> None:
    tree = {
        "src/train.py": _TRAIN,
        "pipelines/pipeline.py": (
            f"from {module} import Pipeline\n\nfrom src import train\n\n"
            "pipeline = Pipeline(name='toxic', steps=[train])\n"
        ),
    }
    assert committed_status(tmp_path, tree, "DATA004") == status


@pytest.mark.parametrize(
    ("python", "status"),
    [
        ('  requirements_txt: "./requirements.txt"\n', "passed"),
        ("  lock_packages: true\n", "failed"),
    ],
)
def test_a_bento_built_from_its_requirements_file_has_its_own_set(
    tmp_path: Path, python: str, status: str
) -> None:
    tree = {
        "pyproject.toml": (
            '[project]\nname = "rent"\nversion = "0.1.0"\n'
            'dependencies = ["scikit-learn==1.5.2", "mlflow==2.17.0", "seaborn==0.13.2"]\n'
        ),
        "requirements.txt": "bentoml >= 1.0.0\nscikit-learn\n",
        "train.py": _TRAIN,
        "service.py": (
            "import bentoml\nimport joblib\n\nmodel = joblib.load('model.joblib')\n"
            "svc = bentoml.Service('rent')\n\n\n@svc.api(input=bentoml.io.JSON(), "
            "output=bentoml.io.JSON())\ndef predict(x: dict) -> dict:\n"
            "    return {'y': float(model.predict([[x['area']]])[0])}\n"
        ),
        "bentofile.yaml": (
            f'service: "service.py:svc"\ninclude:\n  - "service.py"\npython:\n{python}'
        ),
    }
    assert committed_status(tmp_path, tree, "ENV004") == status
