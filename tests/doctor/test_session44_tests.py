"""Session 44: a pipeline's metric gate read through the outcome it keeps (a failure
recorded, a decision named or returned, an `assert`), training that refuses to save a model
below a floor (TEST002), and unittest's `test*.py` modules beside the code (TEST001)."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.helpers import committed_status

TRAIN = (
    "import joblib\nfrom sklearn.linear_model import LogisticRegression\n\n\n"
    "def main():\n    model = LogisticRegression().fit([[0], [1]], [0, 1])\n"
    "    joblib.dump(model, 'model.pkl')\n"
)
TESTED = {
    "src/__init__.py": "",
    "src/train.py": TRAIN,
    "tests/test_train.py": (
        "from src import train\n\n\ndef test_main():\n    assert train.main() is None\n"
    ),
}
DVC = (
    "stages:\n  train:\n    cmd: python src/train.py\n"
    "  check:\n    cmd: python src/check_metrics.py\n    deps:\n      - metrics.json\n"
)
RECORDED = (
    "import json\nimport sys\n\nTHRESHOLDS = {'accuracy': 0.8, 'f1': 0.7}\n\n\n"
    "def main():\n    metrics = json.load(open('metrics.json'))\n    failures = []\n"
    "    for name, floor in THRESHOLDS.items():\n        if metrics[name] < floor:\n"
    "            failures.append(name)\n{stop}\n\nmain()\n"
)


def _gated(stop: str) -> dict[str, str]:
    check = RECORDED.replace("{stop}", stop)
    return {**TESTED, "dvc.yaml": DVC, "src/check_metrics.py": check}


def test_test002_passes_on_a_stage_that_exits_on_recorded_failures(tmp_path: Path) -> None:
    tree = _gated("    if failures:\n        sys.exit(1)")
    assert committed_status(tmp_path, tree, "TEST002") == "passed"


def test_test002_still_fires_when_the_stage_only_prints_its_failures(tmp_path: Path) -> None:
    tree = _gated("    print('below the floor:', failures)")
    assert committed_status(tmp_path, tree, "TEST002") == "failed"


def test_test002_passes_on_a_decision_kept_in_a_name_the_stage_exits_on(
    tmp_path: Path,
) -> None:
    check = (
        "import json\nimport sys\n\nparams = json.load(open('params.json'))\n"
        "metrics = json.load(open('metrics.json'))\n"
        "passed = metrics['f1'] >= params['evaluate']['min_f1']\nsys.exit(0 if passed else 1)\n"
    )
    tree = {**TESTED, "dvc.yaml": DVC, "src/check_metrics.py": check}
    assert committed_status(tmp_path, tree, "TEST002") == "passed"


ASSERTS = "import json\n\nmetrics = json.load(open('metrics.json'))\nassert metrics['auc'] > 0.7\n"


def test_test002_passes_on_an_assert_in_a_stage(tmp_path: Path) -> None:
    check = ASSERTS
    tree = {**TESTED, "dvc.yaml": DVC, "src/check_metrics.py": check}
    assert committed_status(tmp_path, tree, "TEST002") == "passed"


def test_test002_still_fires_on_an_assert_in_a_script_nothing_runs(tmp_path: Path) -> None:
    check = ASSERTS
    tree = {**TESTED, "src/check_metrics.py": check}
    assert committed_status(tmp_path, tree, "TEST002") == "failed"


TRAINER = (
    "import joblib\n\n\ndef train(report, models, path):\n"
    "    best_model_name = max(report, key=lambda k: report[k]['score'])\n"
    "    best_model_score = report[best_model_name]['score']\n{first}\n{second}\n"
)
REFUSES = "    if best_model_score < 0.6:\n        raise ValueError('no model is good enough')"
SAVES = "    joblib.dump(models[best_model_name], path)"


def test_test002_passes_on_training_that_refuses_to_save_a_poor_model(tmp_path: Path) -> None:
    trainer = TRAINER.format(first=REFUSES, second=SAVES)
    tree = {**TESTED, "src/components/model_trainer.py": trainer}
    assert committed_status(tmp_path, tree, "TEST002") == "passed"


def test_test002_still_fires_when_the_model_is_saved_before_the_check(tmp_path: Path) -> None:
    trainer = TRAINER.format(first=SAVES, second=REFUSES)
    tree = {**TESTED, "src/components/model_trainer.py": trainer}
    assert committed_status(tmp_path, tree, "TEST002") == "failed"


CODE = {
    "src/__init__.py": "",
    "src/etl.py": "def clean(rows):\n    return [r for r in rows if r]\n",
}
CASE = (
    "import unittest\n\nfrom src import etl\n\n\nclass CleanCase(unittest.TestCase):\n"
    "    def test_clean(self):\n        self.assertEqual(etl.clean([1, 0]), [1])\n"
)
HELPERS = (
    "from src import etl\n\n\ndef cleaned_twice(rows):\n    return etl.clean(etl.clean(rows))\n"
)


def test_test001_counts_a_test_case_in_a_module_unittest_discovers(tmp_path: Path) -> None:
    tree = {**CODE, "testModel.py": CASE}
    assert committed_status(tmp_path, tree, "TEST001") == "passed"


def test_test001_still_fires_on_such_a_module_without_a_test_case(tmp_path: Path) -> None:
    tree = {**CODE, "testing.py": HELPERS}
    assert committed_status(tmp_path, tree, "TEST001") == "failed"


SERVICE = {
    "src/__init__.py": "",
    "src/train.py": TRAIN,
    "app.py": (
        "import joblib\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
        "model = joblib.load('model.pkl')\n\n\n@app.post('/predict')\ndef predict(x: float):\n"
        "    return {'prediction': int(model.predict([[x]])[0])}\n"
    ),
}
KNOWN_ANSWER = (
    "from fastapi.testclient import TestClient\n{stand_in}\nfrom app import app\n\n"
    "client = TestClient(app)\n\n\ndef test_predict_known_sample():\n"
    "    reply = client.post('/predict', params={'x': 3.0})\n"
    "    assert reply.json()['prediction'] == 1\n"
)


def test_test002_passes_on_a_known_answer_of_the_served_model(tmp_path: Path) -> None:
    tests = KNOWN_ANSWER.replace("{stand_in}", "")
    tree = {**SERVICE, "tests/test_app.py": tests}
    assert committed_status(tmp_path, tree, "TEST002") == "passed"


def test_test002_still_fires_when_the_served_model_is_a_mock(tmp_path: Path) -> None:
    tests = KNOWN_ANSWER.replace("{stand_in}", "from unittest.mock import patch")
    tree = {**SERVICE, "tests/test_app.py": tests}
    assert committed_status(tmp_path, tree, "TEST002") == "failed"


def _helper_script(errexit: str) -> dict[str, str]:
    script = (
        f"#!/usr/bin/env bash\n{errexit}\nfunction fn_test() {{\n  pytest tests\n}}\n\n"
        'cmd=${1}\ncase ${cmd} in\n  test) fn_test;;\n  *) echo "usage: run test";;\nesac\nexit 0\n'
    )
    workflow = (
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - run: ./run test\n"
    )
    return {**TESTED, "run": script, ".github/workflows/ci.yml": workflow}


def test_ci002_fires_when_the_script_running_the_tests_ends_in_exit_0(tmp_path: Path) -> None:
    assert committed_status(tmp_path, _helper_script(""), "CI002") == "failed"


def test_ci002_passes_when_that_script_stops_on_a_failure(tmp_path: Path) -> None:
    assert committed_status(tmp_path, _helper_script("set -euo pipefail"), "CI002") == "passed"


IMPORT_CHECK = (
    "import src.etl as etl\n\n\ndef test_import():\n    assert etl is not None\n"
    "    assert callable(etl.clean)\n"
)
USE_CHECK = "import src.etl as etl\n\n\ndef test_clean():\n    assert etl.clean([1, 0]) == [1]\n"


def test_test001_fires_when_the_only_tests_check_that_modules_import(tmp_path: Path) -> None:
    tree = {**CODE, "tests/test_imports.py": IMPORT_CHECK}
    assert committed_status(tmp_path, tree, "TEST001") == "failed"


def test_test001_passes_when_a_test_uses_what_it_imports(tmp_path: Path) -> None:
    tree = {**CODE, "tests/test_imports.py": IMPORT_CHECK, "tests/test_etl.py": USE_CHECK}
    assert committed_status(tmp_path, tree, "TEST001") == "passed"


GRADIO_APP = (
    "import gradio as gr\nimport joblib\n\nmodel = joblib.load('model.pkl')\n\n\n"
    "def classify(text):\n    return str(model.predict([text])[0])\n\n\n"
    "app = gr.Interface(fn=classify, inputs='text', outputs='text')\n"
)
GRADIO_TEST = (
    "from apps.web import app\n\n\ndef test_app_answers():\n    answer = app('{said}')\n"
    "    assert isinstance(answer, str)\n"
)


def test_test003_passes_on_a_test_calling_the_gradio_interface(tmp_path: Path) -> None:
    tree = {
        **TESTED,
        "apps/__init__.py": "",
        "apps/web.py": GRADIO_APP,
        "tests/test_web.py": GRADIO_TEST.replace("{said}", "hello"),
    }
    assert committed_status(tmp_path, tree, "TEST003") == "passed"


def test_test003_still_fires_when_the_test_only_imports_the_interface(tmp_path: Path) -> None:
    test = "from apps.web import app\n\n\ndef test_app_is_built():\n    assert app.title is None\n"
    tree = {**TESTED, "apps/__init__.py": "", "apps/web.py": GRADIO_APP, "tests/test_web.py": test}
    assert committed_status(tmp_path, tree, "TEST003") == "failed"


def test_test001_counts_test_cases_matching_the_pattern_ci_discovers(tmp_path: Path) -> None:
    workflow = (
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: python -m unittest discover -s src -p '*_tests.py'\n"
    )
    tree = {**CODE, "src/etl_tests.py": CASE, ".github/workflows/ci.yml": workflow}
    assert committed_status(tmp_path, tree, "TEST001") == "passed"


def test_test001_still_fires_on_such_test_cases_nothing_discovers(tmp_path: Path) -> None:
    tree = {**CODE, "src/etl_tests.py": CASE}
    assert committed_status(tmp_path, tree, "TEST001") == "failed"


BASELINE_LABEL = (
    "import json\n\n\ndef test_baseline_names_its_model():\n"
    "    baseline = json.load(open('baseline.json'))\n"
    "    assert baseline['model_version'] == 'clf:v3'\n"
)
BASELINE_BEATEN = (
    "import json\n\n\ndef test_model_beats_the_baseline():\n"
    "    baseline = json.load(open('baseline.json'))\n"
    "    metrics = json.load(open('metrics.json'))\n"
    "    assert metrics['f1'] > baseline['f1']\n"
)


def test_test002_fires_when_a_baseline_is_only_checked_for_its_label(tmp_path: Path) -> None:
    tree = {**TESTED, "tests/test_baseline.py": BASELINE_LABEL}
    assert committed_status(tmp_path, tree, "TEST002") == "failed"


def test_test002_passes_when_the_model_is_compared_with_the_baseline(tmp_path: Path) -> None:
    tree = {**TESTED, "tests/test_baseline.py": BASELINE_BEATEN}
    assert committed_status(tmp_path, tree, "TEST002") == "passed"
