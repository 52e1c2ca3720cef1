"""Session 34's data and test fixes. Nothing trains where the only training code sits in
functions nothing calls, or fits a model only to write a fixture for the tests (DATA001,
DATA004, EXP001 do not apply). A module of scripts named test_* that print and return
their outcome with no assertion is no test suite (TEST001), nor is a `test` function a
program's decorator makes its entry point; a test folder's module named for testing in
another way (`persistence-test.py`, `testsuite.py`) that imports pytest or unittest is."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import PACKAGE, TEST, TRAINING
from tests.doctor.helpers import committed_status

# -- Nothing trains: training code no program runs -----------------------------------------

SERVICE_CLASS = (
    "from sklearn.linear_model import LogisticRegression\n\n\n"
    "class Predictor:\n"
    "    def __init__(self):\n        self.model = None\n\n"
    "    def predict(self, rows):\n        return self.model.predict(rows)\n\n"
    "    def refit(self, x, y):\n"
    "        self.model = LogisticRegression().fit(x, y)\n"
)
HANDLER = (
    "from demo.predictor import Predictor\n\nPREDICTOR = Predictor()\n\n\n"
    "def handler(event, context):\n    return PREDICTOR.predict(event['rows'])\n"
)


@pytest.mark.parametrize("check_id", ["DATA001", "DATA004", "EXP001"])
def test_a_fit_in_a_method_nothing_calls_trains_nothing(tmp_path: Path, check_id: str) -> None:
    tree = {**PACKAGE, "src/demo/predictor.py": SERVICE_CLASS, "src/demo/handler.py": HANDLER}
    assert committed_status(tmp_path, tree, check_id) == "not-applicable"


@pytest.mark.parametrize("check_id", ["DATA001", "DATA004", "EXP001"])
def test_a_fit_in_a_method_a_script_calls_trains(tmp_path: Path, check_id: str) -> None:
    script = (
        "import pandas as pd\n\nfrom demo.predictor import Predictor\n\n"
        "frame = pd.read_csv('data/rows.csv')\n"
        "Predictor().refit(frame[['a']], frame['y'])\n"
    )
    tree = {
        **PACKAGE,
        "src/demo/predictor.py": SERVICE_CLASS,
        "src/demo/handler.py": HANDLER,
        "scripts/refresh.py": script,
    }
    assert committed_status(tmp_path, tree, check_id) == "failed"


def test_a_fit_a_readme_alone_names_trains_nothing(tmp_path: Path) -> None:
    tree = {
        **PACKAGE,
        "src/demo/predictor.py": SERVICE_CLASS,
        "README.md": "Call `Predictor().refit(x, y)` to retrain.\n",
    }
    assert committed_status(tmp_path, tree, "DATA001") == "not-applicable"


FIXTURE_BUILDER = (
    "from pathlib import Path\n\nimport joblib\nimport pandas as pd\n"
    "from sklearn.linear_model import LogisticRegression\n\n"
    "ROOT = Path(__file__).resolve().parents[1]\n"
    "OUT = ROOT / {folder!r} / 'fixtures' / 'scorer.joblib'\n\n\n"
    "def main():\n    frame = pd.read_csv(ROOT / {folder!r} / 'fixtures' / 'rows.csv')\n"
    "    model = LogisticRegression().fit(frame[['a']], [0, 1, 0])\n"
    "    joblib.dump(model, OUT)\n\n\n"
    "if __name__ == '__main__':\n    main()\n"
)


def test_a_script_fitting_a_fixture_for_the_tests_trains_nothing(tmp_path: Path) -> None:
    tree = {**PACKAGE, "scripts/make_scorer.py": FIXTURE_BUILDER.format(folder="tests")}
    assert committed_status(tmp_path, tree, "EXP001") == "not-applicable"


def test_a_script_fitting_a_model_of_its_own_trains(tmp_path: Path) -> None:
    tree = {**PACKAGE, "scripts/make_scorer.py": FIXTURE_BUILDER.format(folder="models")}
    assert committed_status(tmp_path, tree, "EXP001") == "failed"


# -- TEST001: scripts named for tests ------------------------------------------------------

REPORTING_SCRIPT = (
    "from demo.model import score\n\n\n"
    "def test_scores():\n    try:\n        value = score([1, 2])\n"
    "        print('score', value)\n        return {outcome}\n"
    "    except Exception as error:\n        print('failed', error)\n        return False\n"
)


def test_a_test_that_returns_its_outcome_and_asserts_nothing_is_no_suite(
    tmp_path: Path,
) -> None:
    tree = {**PACKAGE, "test_scoring.py": REPORTING_SCRIPT.format(outcome="True")}
    assert committed_status(tmp_path, tree, "TEST001") == "failed"


def test_a_test_that_returns_and_asserts_is_a_suite(tmp_path: Path) -> None:
    script = REPORTING_SCRIPT.format(outcome="True") + "\n\ndef test_sum():\n    assert 1 + 1\n"
    assert committed_status(tmp_path, {**PACKAGE, "test_scoring.py": script}, "TEST001") == (
        "passed"
    )


def test_a_smoke_test_that_only_calls_is_a_suite(tmp_path: Path) -> None:
    smoke = "from demo.model import score\n\n\ndef test_scores():\n    score([1, 2])\n"
    tree = {**PACKAGE, "tests/test_scoring.py": smoke}
    assert committed_status(tmp_path, tree, "TEST001") == "passed"


def test_a_script_with_a_main_block_and_no_assertion_is_no_suite(tmp_path: Path) -> None:
    script = (
        "import requests\n\n\ndef test_endpoint():\n"
        "    print(requests.post('http://localhost:8000/predict', json={}).json())\n\n\n"
        "def main():\n    test_endpoint()\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    tree = {**PACKAGE, "test_endpoint.py": script}
    assert committed_status(tmp_path, tree, "TEST001") == "failed"


EVALUATION_ENTRY = (
    "import hydra\n\n\n@hydra.main('config', 'test.yaml')\n"
    "def test(config):\n    print(config.checkpoint)\n"
)


def test_a_test_function_a_cli_decorator_makes_a_command_is_no_test(tmp_path: Path) -> None:
    tree = {**PACKAGE, "test.py": EVALUATION_ENTRY}
    assert committed_status(tmp_path, tree, "TEST001") == "failed"


def test_a_test_function_a_pytest_decorator_marks_is_a_test(tmp_path: Path) -> None:
    marked = "import pytest\n\n\n@pytest.mark.slow\ndef test(tmp_path):\n    assert tmp_path\n"
    tree = {**PACKAGE, "test.py": marked}
    assert committed_status(tmp_path, tree, "TEST001") == "passed"


# (A test asserting only `200 == 200` tests nothing: session 34's graph fix reads it as a
# placeholder, so this one checks a value it computes.)
FLASK_TEST = "import {runner}\n\n\ndef test_health():\n    assert len('ok') == 2\n"


@pytest.mark.parametrize("name", ["service/test/service-test.py", "tests/testsuite.py"])
def test_a_test_folder_module_for_a_runner_is_a_suite(tmp_path: Path, name: str) -> None:
    tree = {**PACKAGE, name: FLASK_TEST.format(runner="pytest")}
    assert committed_status(tmp_path, tree, "TEST001") == "passed"


def test_a_test_folder_helper_importing_no_runner_is_no_suite(tmp_path: Path) -> None:
    tree = {**PACKAGE, "service/test/service-test.py": FLASK_TEST.format(runner="json")}
    assert committed_status(tmp_path, tree, "TEST001") == "failed"


def test_the_shared_suite_still_counts(tmp_path: Path) -> None:
    assert committed_status(tmp_path, {**PACKAGE, **TEST}, "TEST001") == "passed"


# -- TEST002: an error's floor, a known answer, a champion's decision kept ------------------

ERROR_TEST = (
    "from demo.model import evaluate\n\n\n"
    "def test_the_model_is_good_enough():\n    rmse = evaluate()\n    assert rmse < {bound}\n"
)


def test_an_error_below_one_is_a_floor_on_quality(tmp_path: Path) -> None:
    tree = {**PACKAGE, "tests/test_quality.py": ERROR_TEST.format(bound="1.0")}
    assert committed_status(tmp_path, tree, "TEST002") == "passed"


def test_an_accuracy_below_one_is_only_its_range(tmp_path: Path) -> None:
    test = ERROR_TEST.replace("rmse", "accuracy").format(bound="1.0")
    tree = {**PACKAGE, "tests/test_quality.py": test}
    assert committed_status(tmp_path, tree, "TEST002") == "failed"


KNOWN_ANSWER_TEST = (
    "import joblib\n\n\ndef test_the_model_knows_a_sample():\n"
    "    model = {loader}('models/model.pkl')\n"
    "    prediction = model.predict([[0.2, 1.4, 3.1]])[0]\n    assert prediction == 1\n"
)


def test_a_loaded_model_s_known_answer_tests_its_quality(tmp_path: Path) -> None:
    test = KNOWN_ANSWER_TEST.format(loader="joblib.load")
    assert committed_status(tmp_path, {**PACKAGE, "tests/test_model.py": test}, "TEST002") == (
        "passed"
    )


def test_a_stub_s_answer_tests_no_trained_model(tmp_path: Path) -> None:
    test = KNOWN_ANSWER_TEST.format(loader="make_stub").replace("import joblib\n", "")
    test = "from tests.stubs import make_stub\n" + test
    assert committed_status(tmp_path, {**PACKAGE, "tests/test_model.py": test}, "TEST002") == (
        "failed"
    )


COMPARISON = (
    "def compare_models(prod_run, best_run):\n"
    '    """Whether the best run beats the production model."""\n'
    "    prod_model_metrics = prod_run.metrics['f1']\n"
    "    best_model_metrics = best_run.metrics['f1']\n"
    "    is_register = best_model_metrics > {other}\n    return is_register\n"
)


def test_a_champion_decision_kept_in_a_name_gates_the_model(tmp_path: Path) -> None:
    code = COMPARISON.format(other="prod_model_metrics")
    tree = {**PACKAGE, **TEST, "pipeline/training_pipeline.py": code}
    assert committed_status(tmp_path, tree, "TEST002") == "passed"


def test_a_comparison_with_no_production_model_gates_nothing(tmp_path: Path) -> None:
    code = COMPARISON.format(other="0.5").replace("prod_", "old_")
    tree = {**PACKAGE, **TEST, "pipeline/training_pipeline.py": code}
    assert committed_status(tmp_path, tree, "TEST002") == "failed"


# -- DATA004: a CircleCI workflow that chains its training job ----------------------------

CIRCLECI = (
    "version: 2.1\njobs:\n  build:\n    docker:\n      - image: cimg/python:3.12\n"
    "    steps:\n      - checkout\n      - run: make image\n"
    "  {job}:\n    docker:\n      - image: cimg/python:3.12\n"
    "    steps:\n      - checkout\n      - run:\n          command: docker run org/model-job\n"
    "workflows:\n  release:\n    jobs:\n      - build\n      - {job}:\n"
    "          requires:\n            - build\n"
)


def test_a_circleci_workflow_chaining_a_training_job_is_a_pipeline(tmp_path: Path) -> None:
    tree = {**PACKAGE, **TRAINING, ".circleci/config.yml": CIRCLECI.format(job="train")}
    assert committed_status(tmp_path, tree, "DATA004") == "passed"


def test_a_circleci_workflow_chaining_no_training_is_none(tmp_path: Path) -> None:
    tree = {**PACKAGE, **TRAINING, ".circleci/config.yml": CIRCLECI.format(job="publish")}
    assert committed_status(tmp_path, tree, "DATA004") == "failed"
