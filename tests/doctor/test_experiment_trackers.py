"""EXP001: a tracker counts where the project trains, not in an app that only reads the
model registry or logs what users ask; a Metaflow flow keeps its runs."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import TRAINING
from tests.doctor.helpers import Tree, committed_status

PAGE = (
    "import mlflow\nimport streamlit as st\n\n"
    'model = mlflow.pyfunc.load_model("models:/skin/Production")\n'
    'st.write(model.predict(st.file_uploader("image")))\n'
)


def _exp001(root: Path, tree: Tree) -> str:
    return committed_status(root, {**TRAINING, "README.md": "# Skin\n", **tree}, "EXP001")


def test_a_tracker_only_an_app_reads_tracks_no_experiment(tmp_path: Path) -> None:
    assert _exp001(tmp_path, {"app/page.py": PAGE}) == "failed"


def test_a_tracker_the_training_code_logs_to_tracks_experiments(tmp_path: Path) -> None:
    train = (
        "import mlflow\n\n\ndef main(model, x, y):\n"
        "    model.fit(x, y)\n    mlflow.log_metric('acc', 1.0)\n"
    )
    assert _exp001(tmp_path, {"app/page.py": PAGE, "src/demo/train.py": train}) == "passed"


def test_an_app_that_trains_and_tracks_tracks_experiments(tmp_path: Path) -> None:
    page = (
        PAGE
        + "\nif st.button('retrain'):\n    model.fit(x, y)\n    mlflow.log_metric('acc', 1.0)\n"
    )
    assert _exp001(tmp_path, {"app/page.py": page}) == "passed"


def test_a_metaflow_flow_keeps_its_runs(tmp_path: Path) -> None:
    flow = (
        "from metaflow import FlowSpec, Parameter, step\n\n\nclass TrainFlow(FlowSpec):\n"
        "    alpha = Parameter('alpha', default=0.1)\n\n    @step\n    def start(self):\n"
        "        self.model = fit(self.alpha)\n        self.next(self.end)\n"
    )
    assert _exp001(tmp_path, {"flows/train_flow.py": flow}) == "passed"


def test_reading_a_metaflow_run_back_tracks_nothing(tmp_path: Path) -> None:
    client = "from metaflow import Flow\n\nrun = Flow('TrainFlow').latest_run\n"
    assert _exp001(tmp_path, {"scripts/report.py": client}) == "failed"


def test_a_metaflow_flow_that_trains_nothing_tracks_no_experiment(tmp_path: Path) -> None:
    flow = (
        "from metaflow import FlowSpec, step\n\n\nclass ReportFlow(FlowSpec):\n"
        "    @step\n    def start(self):\n"
        "        self.rows = count()\n        self.next(self.end)\n"
    )
    assert _exp001(tmp_path, {"flows/report_flow.py": flow}) == "failed"
