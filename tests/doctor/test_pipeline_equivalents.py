"""Practices a pipeline satisfies outside the test suite: a promotion gate that compares
the new model with the one in production is a model quality test (TEST002), a smoke
test CI runs against the deployed service is a contract test (TEST003)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import PACKAGE, SERVICE, TEST, TRAINING
from tests.doctor.helpers import audit, status_of

EVALUATE = (
    "def evaluate(run, registry):\n"
    "    production_rmse = registry.latest().metrics['rmse']\n"
    "    new_rmse = run.metrics['rmse']\n"
    "    if {condition}:\n"
    "        registry.register(run.model)\n"
)


def model_gate_status(root: Path, modules: dict[str, str]) -> Status:
    """TEST002's status on a trained, tested package with these modules added."""
    build_file_tree(root, {**PACKAGE, **TRAINING, **TEST, **modules})
    return status_of(audit(root, "TEST002"), "TEST002")


def test_a_step_that_promotes_only_a_better_model_than_production_gates_it(
    tmp_path: Path,
) -> None:
    evaluate = EVALUATE.format(condition="new_rmse < production_rmse")
    assert model_gate_status(tmp_path, {"src/demo/evaluate.py": evaluate}) is Status.PASSED


LOOP = (
    "def fit(model, epochs):\n    best_rmse = 1e9\n    for epoch in range(epochs):\n"
    "        val_rmse = model.step()\n        if val_rmse < best_rmse:\n"
    "            best_rmse = val_rmse\n"
)


def test_a_training_loop_keeping_its_best_epoch_gates_nothing(tmp_path: Path) -> None:
    assert model_gate_status(tmp_path, {"src/demo/loop.py": LOOP}) is Status.FAILED


SMOKE = (
    "import sys\n\nimport requests\n\n\ndef main(url):\n"
    "    answer = requests.post(url, json={'rows': [[1, 2]]}).json()\n"
    "{check}\n\n\nif __name__ == '__main__':\n    main(sys.argv[1])\n"
)
DEPLOY = (
    "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - run: ./deploy.sh\n      - run: python -m ops.smoke_test_service $URL/score\n"
)
ASSERTS = "    assert len(answer['predictions']) == 1"


def smoke_test_status(root: Path, check: str, workflow: str) -> Status:
    """TEST003's status on a tested service with a smoke script ending in `check`."""
    tree = {
        **SERVICE,
        **TEST,
        "ops/smoke_test_service.py": SMOKE.replace("{check}", check),
        ".github/workflows/deploy.yml": workflow,
    }
    build_file_tree(root, tree)
    return status_of(audit(root, "TEST003"), "TEST003")


def test_a_smoke_test_ci_runs_on_the_deployed_service_is_a_contract_test(
    tmp_path: Path,
) -> None:
    assert smoke_test_status(tmp_path, ASSERTS, DEPLOY) is Status.PASSED


@pytest.mark.parametrize(
    ("check", "workflow"),
    [
        ("    print(answer)", DEPLOY),
        (ASSERTS, DEPLOY.replace("ops.smoke_test_service", "ops.other")),
    ],
    ids=["checks-nothing", "not-run-by-ci"],
)
def test_a_smoke_script_that_checks_nothing_or_never_runs_is_no_contract_test(
    tmp_path: Path, check: str, workflow: str
) -> None:
    assert smoke_test_status(tmp_path, check, workflow) is Status.FAILED


DECIDE = (
    "from airflow import DAG\n\nMIN_ACCURACY = 0.75\n\n\ndef decide(metrics):\n"
    "    accuracy = metrics['accuracy']\n    if {condition}:\n        {then}\n"
    "    return 'skip'\n"
)


def test_a_task_that_registers_only_above_a_floor_gates_the_model(tmp_path: Path) -> None:
    decide = DECIDE.format(condition="accuracy >= MIN_ACCURACY", then="return 'register_model'")
    assert model_gate_status(tmp_path, {"dags/decide.py": decide}) is Status.PASSED


STOP = (
    "import sys\n\n\ndef check(metrics):\n    if metrics['f1'] < 0.8:\n"
    "        sys.exit('the model is too weak')\n"
)
MAKEFILE = "gate:\n\tpython src/demo/gate.py\n"


def test_a_step_that_stops_the_run_below_a_floor_gates_the_model(tmp_path: Path) -> None:
    files = {"src/demo/gate.py": STOP, "Makefile": MAKEFILE}
    assert model_gate_status(tmp_path, files) is Status.PASSED


def test_a_floor_in_a_module_nothing_runs_gates_nothing(tmp_path: Path) -> None:
    assert model_gate_status(tmp_path, {"src/demo/gate.py": STOP}) is Status.FAILED


def test_a_metric_over_a_floor_that_only_logs_gates_nothing(tmp_path: Path) -> None:
    decide = DECIDE.format(condition="accuracy >= MIN_ACCURACY", then="print('good')")
    assert model_gate_status(tmp_path, {"dags/decide.py": decide}) is Status.FAILED


def test_checking_a_threshold_setting_gates_nothing(tmp_path: Path) -> None:
    check = (
        "def load(f1_threshold, registry):\n    if f1_threshold > 1:\n"
        "        raise ValueError('register a threshold below 1')\n"
    )
    assert model_gate_status(tmp_path, {"src/demo/config.py": check}) is Status.FAILED


SUITE = (
    "import giskard\n\n\ndef run(model, dataset, floor):\n"
    "    suite = giskard.Suite(name='quality')\n"
    "    suite.add_test(giskard.testing.{test}(model=model, dataset=dataset, {keyword}=floor))\n"
    "    return suite.run()\n"
)


def test_a_metric_test_of_a_model_testing_library_with_a_threshold_tests_quality(
    tmp_path: Path,
) -> None:
    suite = SUITE.format(test="test_f1", keyword="threshold")
    assert model_gate_status(tmp_path, {"src/demo/validate.py": suite}) is Status.PASSED


def test_a_library_test_without_a_metric_threshold_tests_no_quality(tmp_path: Path) -> None:
    suite = SUITE.format(test="test_drift_psi", keyword="threshold")
    assert model_gate_status(tmp_path, {"src/demo/validate.py": suite}) is Status.FAILED


def test_mlflow_evaluation_against_validation_thresholds_tests_quality(tmp_path: Path) -> None:
    evaluate = (
        "import mlflow\n\n\ndef check(model_uri, data, thresholds):\n"
        "    return mlflow.evaluate(model_uri, data, targets='y', model_type='classifier',\n"
        "                           validation_thresholds=thresholds)\n"
    )
    assert model_gate_status(tmp_path, {"src/demo/check.py": evaluate}) is Status.PASSED


LABELLED = (
    "import pytest\n\nfrom demo.client import Client\n\n\n"
    "@pytest.fixture(params=['normal_1.png', 'pneumonia_1.png'])\n"
    "def xray(request):\n"
    "    return request.param, 'NORMAL' if 'normal' in request.param else 'PNEUMONIA'\n\n\n"
    "async def test_the_service_labels_each_sample(xray):\n"
    "    image, label = xray\n    answer = await Client().classify(image)\n"
    "    assert {compared}\n"
)


def test_a_prediction_checked_against_its_samples_label_tests_the_model(
    tmp_path: Path,
) -> None:
    test = LABELLED.format(compared="answer['class_name'] == label")
    assert model_gate_status(tmp_path, {"tests/test_e2e.py": test}) is Status.PASSED


def test_a_prediction_checked_for_its_shape_tests_no_quality(tmp_path: Path) -> None:
    test = LABELLED.format(compared="'class_name' in answer and label")
    assert model_gate_status(tmp_path, {"tests/test_e2e.py": test}) is Status.FAILED


def test_a_label_compared_with_no_prediction_tests_no_quality(tmp_path: Path) -> None:
    test = LABELLED.format(compared="image.upper() == label")
    assert model_gate_status(tmp_path, {"tests/test_e2e.py": test}) is Status.FAILED


def test_a_label_read_back_from_a_manifest_tests_no_quality(tmp_path: Path) -> None:
    test = (
        "from demo.manifest import load_prediction_manifest\n\n\n"
        "def test_the_manifest_names_its_target(tmp_path):\n"
        "    expected_label = 'y_stockout'\n"
        "    metadata = load_prediction_manifest(tmp_path)\n"
        "    assert metadata['label'] == expected_label\n"
    )
    assert model_gate_status(tmp_path, {"tests/test_manifest.py": test}) is Status.FAILED
