"""Practices a pipeline satisfies outside the test suite: a promotion gate that compares
the new model with the one in production is a model quality test (TEST002)."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import PACKAGE, TEST, TRAINING
from tests.doctor.helpers import audit, status_of

EVALUATE = (
    "def evaluate(run, registry):\n"
    "    production_rmse = registry.latest().metrics['rmse']\n"
    "    new_rmse = run.metrics['rmse']\n"
    "    if {condition}:\n"
    "        registry.register(run.model)\n"
)


def test_a_step_that_promotes_only_a_better_model_than_production_gates_it(
    tmp_path: Path,
) -> None:
    evaluate = EVALUATE.format(condition="new_rmse < production_rmse")
    build_file_tree(tmp_path, {**PACKAGE, **TRAINING, **TEST, "src/demo/evaluate.py": evaluate})
    report = audit(tmp_path, "TEST002")
    assert status_of(report, "TEST002") is Status.PASSED


LOOP = (
    "def fit(model, epochs):\n    best_rmse = 1e9\n    for epoch in range(epochs):\n"
    "        val_rmse = model.step()\n        if val_rmse < best_rmse:\n"
    "            best_rmse = val_rmse\n"
)


def test_a_training_loop_keeping_its_best_epoch_gates_nothing(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**PACKAGE, **TRAINING, **TEST, "src/demo/loop.py": LOOP})
    report = audit(tmp_path, "TEST002")
    assert status_of(report, "TEST002") is Status.FAILED
