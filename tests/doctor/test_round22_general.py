"""Round 22's general false results: boxkite's prediction logging and drift monitoring
(MON001, MON003), prediction files named for the moment of the call (MON001), promptfoo
suites as an LLM application's quality tests (TEST002), and a service that imports only
a helper of a training module (IMG002)."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import audit, git_commit, status_of
from tests.doctor.test_kinds import MONOREPO

FLASK = "from flask import Flask, request\n\napp = Flask(__name__)\n"
BOXKITE_SERVICE = (
    "from boxkite.monitoring.service import ModelMonitoringService\n"
    + FLASK
    + "monitor = ModelMonitoringService()\n\n\n"
    "@app.route('/', methods=['POST'])\n"
    "def score():\n"
    "    prob = 0.5\n"
    "    monitor.log_prediction(request_body='{}', features=[1.0], output=prob)\n"
    "    return {'prob': prob}\n"
)
OWN_LOGGER = BOXKITE_SERVICE.replace(
    "from boxkite.monitoring.service import ModelMonitoringService\n",
    "from mylib.monitor import ModelMonitoringService\n",
)


def _status(tmp_path: Path, tree: dict[str, str], check_id: str) -> Status:
    build_file_tree(tmp_path, tree)
    return status_of(audit(tmp_path, check_id), check_id)


def test_mon001_passes_on_boxkite_s_prediction_logger(tmp_path: Path) -> None:
    assert _status(tmp_path, {"serve.py": BOXKITE_SERVICE}, "MON001") is Status.PASSED


def test_mon001_fires_on_an_own_prediction_logger_without_a_record(tmp_path: Path) -> None:
    assert _status(tmp_path, {"serve.py": OWN_LOGGER}, "MON001") is Status.FAILED


def test_mon003_passes_on_boxkite(tmp_path: Path) -> None:
    assert _status(tmp_path, {"serve.py": BOXKITE_SERVICE}, "MON003") is Status.PASSED


def test_mon003_fires_on_an_own_monitoring_service(tmp_path: Path) -> None:
    assert _status(tmp_path, {"serve.py": OWN_LOGGER}, "MON003") is Status.FAILED


BATCH = (
    "from datetime import datetime\n\nimport pandas as pd\n\n\n"
    "def run_batch(df: pd.DataFrame, model) -> pd.DataFrame:\n"
    "    df['final_predictions'] = model.predict(df)\n"
    "    {write}\n"
    "    df.to_csv(output_file, index=False)\n"
    "    return df\n"
)
API = (
    "from fastapi import FastAPI\n\nfrom batch import run_batch\n\napp = FastAPI()\n\n\n"
    "@app.post('/predict_batch')\ndef predict(rows: list[dict]) -> dict:\n"
    "    return {'n': len(run_batch(rows, None))}\n"
)


def test_mon001_passes_on_predictions_written_to_a_file_per_call(tmp_path: Path) -> None:
    stamped = "output_file = f\"data/predictions_{datetime.now().strftime('%Y%m%d_%H%M%S')}.csv\""
    tree = {"app.py": API, "batch.py": BATCH.replace("{write}", stamped)}
    assert _status(tmp_path, tree, "MON001") is Status.PASSED


def test_mon001_fires_on_predictions_overwriting_one_file(tmp_path: Path) -> None:
    tree = {"app.py": API, "batch.py": BATCH.replace("{write}", "output_file = 'preds.csv'")}
    assert _status(tmp_path, tree, "MON001") is Status.FAILED


TESTED = {
    "app.py": "def answer(q: str) -> str:\n    return q\n",
    "tests/test_app.py": "from app import answer\n\n\ndef test_answer():\n    assert answer('a')\n",
}
PROMPTFOO = (
    "prompts:\n  - 'What is {{topic}}?'\nproviders:\n  - file://provider.js\n"
    "tests:\n  - vars:\n      topic: autism\n{assert}"
)


def test_test002_passes_on_a_promptfoo_suite_that_asserts(tmp_path: Path) -> None:
    config = PROMPTFOO.replace(
        "{assert}", "    assert:\n      - type: icontains\n        value: a\n"
    )
    tree = {**TESTED, "tests/promptfoo/promptfooconfig.yaml": config}
    assert _status(tmp_path, tree, "TEST002") is Status.PASSED


def test_test002_fires_on_a_promptfoo_suite_that_only_records(tmp_path: Path) -> None:
    tree = {**TESTED, "promptfooconfig.yaml": PROMPTFOO.replace("{assert}", "")}
    assert _status(tmp_path, tree, "TEST002") is Status.FAILED


TRAIN = (
    "from sklearn.ensemble import IsolationForest\n\n\n"
    "def get_encoder(columns):\n    return {'cols': columns}\n\n\n"
    "def train(df):\n    return IsolationForest().fit(df)\n\n\n"
    "{tail}"
)
SERVICE = (
    "from fastapi import FastAPI\n\nfrom src.train_anomaly import get_encoder\n\n"
    "app = FastAPI()\n\n\n@app.post('/predict')\ndef predict(row: dict) -> dict:\n"
    "    return get_encoder(list(row))\n"
)
IMAGES = {
    "Dockerfile": "FROM python:3.12-slim\nCOPY . .\nEXPOSE 8000\n"
    'CMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n',
    "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\n",
}


def test_img002_passes_a_service_taking_a_helper_of_a_training_module(tmp_path: Path) -> None:
    tail = "if __name__ == '__main__':\n    train(None)\n"
    tree = {**IMAGES, "app.py": SERVICE, "src/train_anomaly.py": TRAIN.replace("{tail}", tail)}
    assert _status(tmp_path, tree, "IMG002") is not Status.FAILED


def test_img002_fires_when_importing_the_training_module_trains(tmp_path: Path) -> None:
    tail = "model = IsolationForest().fit([[0.0]])\n"
    tree = {**IMAGES, "app.py": SERVICE, "src/train_anomaly.py": TRAIN.replace("{tail}", tail)}
    assert _status(tmp_path, tree, "IMG002") is Status.FAILED


def _workflow(step: str) -> str:
    return (
        "on: pull_request\njobs:\n  smoke:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: docker compose up -d\n"
        "      - name: Check the endpoint\n        run: |\n"
        '          echo "Copying test video..."\n' + step
    )


SMOKE = (
    "          response=$(curl -s \\\n            -F file=@v.mp4 \\\n"
    "            http://localhost:8000/process-video)\n"
    '          if echo "$response" | jq -e \'has("label")\'; then\n'
    "            exit 0\n          else\n            exit 1\n          fi\n"
)
SERVICE_ONLY = {"app.py": "from fastapi import FastAPI\n\napp = FastAPI()\n"}


def test_ci002_leaves_a_ci_step_that_checks_the_service_s_answer(tmp_path: Path) -> None:
    tree = {**SERVICE_ONLY, ".github/workflows/pr.yml": _workflow(SMOKE)}
    assert _status(tmp_path, tree, "CI002") is Status.NOT_APPLICABLE


def test_ci002_fires_on_a_test_step_whose_request_cannot_fail(tmp_path: Path) -> None:
    step = "          curl -s http://localhost:8000/process-video\n"
    tree = {**SERVICE_ONLY, ".github/workflows/pr.yml": _workflow(step)}
    assert _status(tmp_path, tree, "CI002") is Status.FAILED


def test_img002_fires_when_the_helper_taken_calls_the_module_s_training(tmp_path: Path) -> None:
    trains = TRAIN.replace("{tail}", "").replace(
        "return {'cols': columns}", "return train(columns)"
    )
    tree = {**IMAGES, "app.py": SERVICE, "src/train_anomaly.py": trains}
    assert _status(tmp_path, tree, "IMG002") is Status.FAILED


def test_env002_leaves_a_monorepo_root_whose_projects_declare_their_own(
    tmp_path: Path,
) -> None:
    tree = {
        **MONOREPO,
        "scoring/pyproject.toml": "[project]\nname = 'scoring'\ndependencies = ['fastapi==0.1']\n",
        "training/pyproject.toml": "[project]\nname = 'training'\ndependencies = ['numpy==2.1']\n",
    }
    build_file_tree(tmp_path, tree)
    git_commit(tmp_path)
    report = audit(tmp_path)
    assert report.projects == ("scoring", "training")
    root = [r.status for r in report.results if r.id == "ENV002" and not r.project]
    assert root == [Status.NOT_APPLICABLE]
