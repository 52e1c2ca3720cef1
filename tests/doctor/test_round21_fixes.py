"""Round 21's false results: a code span over a line break, LitServe's own health
route, local-file URIs, lint runs that cannot fail, metrics pinned to a recorded score,
services that train on a route, images judged by the service beside them."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import Tree, audit, found_ids, status_of


# DOCS001: Markdown runs a code span over a line break (``pip install -r x`` then ``).
@pytest.mark.parametrize(
    ("readme", "expected"),
    [
        ("# Demo\n\nInstall:\n\n``pip install -r requirements\n``\n", Status.PASSED),
        ("# Demo\n\nInstall:\n\n``pip install -r requirements\n\nthen run it``\n", Status.FAILED),
    ],
    ids=["closed-on-next-line", "paragraph-ends-first"],
)
def test_docs001_reads_a_code_span_over_a_line_break(
    tmp_path: Path, readme: str, expected: Status
) -> None:
    build_file_tree(tmp_path, {"README.md": readme, "app.py": "print('hi')\n"})
    assert status_of(audit(tmp_path, "DOCS001"), "DOCS001") is expected


# SERVE002: LitServe's LitServer serves GET /health itself.
LIT_API = (
    "import litserve as ls\n\n\nclass Api(ls.LitAPI):\n"
    "    def setup(self, device):\n        self.model = lambda x: x\n\n"
    "    def predict(self, x):\n        return self.model(x)\n\n\n"
    "if __name__ == '__main__':\n    ls.LitServer(Api()).run(port=8000)\n"
)
FLASK_APP = (
    "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
    "@app.post('/predict')\ndef predict():\n    return {}\n"
)


@pytest.mark.parametrize(
    ("tree", "expected"),
    [
        ({"server.py": LIT_API}, Status.PASSED),
        ({"server.py": LIT_API, "web/app.py": FLASK_APP}, Status.FAILED),
    ],
    ids=["litserve-only", "with-a-flask-app"],
)
def test_serve002_takes_litserves_own_health_route(
    tmp_path: Path, tree: Tree, expected: Status
) -> None:
    build_file_tree(tmp_path, tree)
    assert status_of(audit(tmp_path, "SERVE002"), "SERVE002") is expected


# CODE002: a local file's URI holds the path (an MLflow tracking URI).
@pytest.mark.parametrize(
    ("uri", "fires"),
    [
        ("file:///C:/Users/ana/Desktop/project/mlflow.db", True),
        ("sqlite:////home/ana/project/mlflow.db", True),
        ("file:///tmp/mlruns", False),
        ("sqlite:///mlflow.db", False),
    ],
)
def test_code002_reads_paths_in_local_file_uris(tmp_path: Path, uri: str, fires: bool) -> None:
    source = f'import mlflow\n\nmlflow.set_tracking_uri("{uri}")\n'
    build_file_tree(tmp_path, {"src/train.py": source})
    assert ("CODE002" in found_ids(audit(tmp_path, "CODE002"))) is fires


# CODE003: a CI lint run whose result is ignored configures no linter.
WORKFLOW = (
    "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n      - run: {}\n"
)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("pylint src --exit-zero", Status.FAILED),
        ("flake8 src || true", Status.FAILED),
        ("flake8 src", Status.PASSED),
    ],
    ids=["exit-zero", "or-true", "can-fail"],
)
def test_code003_ignores_lint_runs_that_cannot_fail(
    tmp_path: Path, command: str, expected: Status
) -> None:
    build_file_tree(
        tmp_path,
        {".github/workflows/ci.yml": WORKFLOW.format(command), "src/app.py": "x = 1\n"},
    )
    assert status_of(audit(tmp_path, "CODE003"), "CODE003") is expected


# TEST002: a test that loads the model and asserts its metric equals the recorded score.
def _scoring_test(load: str, value: str) -> str:
    return (
        "import joblib\n\nfrom pkg.scoring import compute_metrics, accuracy\n\n\n"
        "def test_metrics():\n"
        f"    model = {load}\n"
        "    scores = compute_metrics(model)\n"
        f"    assert round(scores['test/accuracy'], 3) == {value}\n"
    )


@pytest.mark.parametrize(
    ("test", "expected"),
    [
        (_scoring_test("joblib.load('models/m.joblib')", "0.967"), Status.PASSED),
        (_scoring_test("None", "0.967"), Status.FAILED),  # a metric function's unit test
        (_scoring_test("joblib.load('models/m.joblib')", "1"), Status.FAILED),  # a bound
    ],
    ids=["recorded-score", "no-model", "score-bound"],
)
def test_test002_takes_a_models_metric_pinned_to_its_score(
    tmp_path: Path, test: str, expected: Status
) -> None:
    build_file_tree(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/scoring.py": "def compute_metrics(model):\n    return {}\n",
            "tests/test_scoring.py": test,
        },
    )
    assert status_of(audit(tmp_path, "TEST002"), "TEST002") is expected
