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
