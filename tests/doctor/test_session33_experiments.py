"""Session 33's fixes of EXP001: code is matched as code (a tracker in a line commented
out, in a script or a notebook's cell, is none); every module of `import a, b` is
imported; Ray Tune keeps its trials; a Hugging Face Trainer of transformers 4 reports to
the trackers installed; DVC metrics git is told to ignore and DVC does not cache keep
nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.doctor.cases import TRAINING
from tests.doctor.helpers import Tree, committed_status

APPLICATION = '[tool.mlops.doctor]\nkind = "application"\n'


def _exp001(root: Path, tree: Tree) -> str:
    base = {**TRAINING, "README.md": "# Demo\n", "pyproject.toml": APPLICATION}
    return committed_status(root, {**base, **tree}, "EXP001")


def _notebook(*lines: str) -> str:
    cell = {"cell_type": "code", "source": list(lines), "metadata": {}, "outputs": []}
    cell["execution_count"] = None
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


# -- code matched as code -----------------------------------------------------------------

KERAS_FIT = "import tensorflow as tf\n\nmodel = tf.keras.Sequential()\n"


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("#board = tf.keras.callbacks.TensorBoard(log_dir='logs')\n", "failed"),
        ("board = tf.keras.callbacks.TensorBoard(log_dir='logs')\n", "passed"),
    ],
)
def test_a_notebook_cell_line_commented_out_tracks_nothing(
    tmp_path: Path, line: str, status: str
) -> None:
    notebook = _notebook("import tensorflow as tf\n", line, "model.fit(x, y, epochs=3)\n")
    assert _exp001(tmp_path, {"notebooks/train.ipynb": notebook}) == status


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("# board = tf.keras.callbacks.TensorBoard(log_dir='logs')\n", "failed"),
        ("model.fit(x, y)  # tf.keras.callbacks.TensorBoard(log_dir='logs')\n", "failed"),
        ("board = tf.keras.callbacks.TensorBoard(log_dir='logs')\n", "passed"),
    ],
)
def test_a_script_line_commented_out_tracks_nothing(tmp_path: Path, line: str, status: str) -> None:
    assert _exp001(tmp_path, {"src/demo/board.py": KERAS_FIT + line}) == status


@pytest.mark.parametrize(
    ("imports", "status"),
    [("import os, json, mlflow\n", "passed"), ("import os, json\n", "failed")],
)
def test_every_module_of_an_import_list_is_imported(
    tmp_path: Path, imports: str, status: str
) -> None:
    train = imports + "\n\ndef main(model, x, y):\n    model.fit(x, y)\n"
    assert _exp001(tmp_path, {"src/demo/train.py": train}) == status


# -- Ray Tune -------------------------------------------------------------------------------

RAY = "import ray\nfrom ray import tune\n\nray.init()\n"


@pytest.mark.parametrize(
    ("call", "status"),
    [
        ("analysis = tune.run(fit_trial, config={'lr': tune.loguniform(1e-4, 1e-1)})\n", "passed"),
        ("tuner = tune.Tuner(fit_trial, param_space={'lr': 0.1})\n", "passed"),
        ("futures = [fit_remote.remote(lr) for lr in (0.1, 0.01)]\n", "failed"),
    ],
)
def test_ray_tune_keeps_each_trials_config_and_metrics(
    tmp_path: Path, call: str, status: str
) -> None:
    assert _exp001(tmp_path, {"src/demo/tune.py": RAY + call}) == status


# -- Hugging Face Trainer's default report_to -----------------------------------------------

TRAINER = (
    "from transformers import Trainer, TrainingArguments\n\n\n"
    "def build(model, data):\n"
    "    args = TrainingArguments(output_dir='out', num_train_epochs=3{extra})\n"
    "    return Trainer(model=model, args=args, train_dataset=data)\n"
)


def _project(*dependencies: str) -> str:
    listed = ", ".join(f'"{d}"' for d in dependencies)
    return f'[project]\nname = "demo"\ndependencies = [{listed}]\n\n' + APPLICATION


@pytest.mark.parametrize(
    ("dependencies", "extra", "status"),
    [
        (("transformers>=4.40,<5", "tensorboard"), "", "passed"),
        (("transformers==4.47.1", "wandb"), ", report_to='all'", "passed"),
        (("transformers>=4.40,<5", "tensorboard"), ", report_to='none'", "failed"),
        (("transformers>=4.40,<5",), "", "failed"),  # nothing to report to
        (("transformers>=4.40", "tensorboard"), "", "failed"),  # v5 reports to none
    ],
)
def test_a_trainer_left_to_its_default_reports_to_the_installed_tracker(
    tmp_path: Path, dependencies: tuple[str, ...], extra: str, status: str
) -> None:
    trainer = TRAINER.format(extra=extra)
    tree = {"pyproject.toml": _project(*dependencies), "src/demo/fit.py": trainer}
    assert _exp001(tmp_path, tree) == status


def test_a_notebook_trainer_left_to_its_default_reports_too(tmp_path: Path) -> None:
    cell = TRAINER.format(extra="").splitlines(keepends=True)
    tree = {
        "pyproject.toml": _project("transformers~=4.46", "mlflow"),
        "notebooks/finetune.ipynb": _notebook(*cell),
    }
    assert _exp001(tmp_path, tree) == "passed"


# -- DVC metrics that are kept ----------------------------------------------------------------

DVC_TRAIN = (
    "stages:\n  train:\n    cmd: python src/demo/train.py\n"
    "    deps: [src/demo/train.py]\n    metrics:\n      - {metrics}\n"
)


@pytest.mark.parametrize(
    ("metrics", "ignore", "status"),
    [
        ("metrics.json:\n          cache: false", "/metrics.json\n", "failed"),
        ("reports/metrics.json:\n          cache: false", "reports/\n", "failed"),
        ("metrics.json:\n          cache: false", "*.pkl\n", "passed"),  # git keeps it
        ("metrics.json", "/metrics.json\n", "passed"),  # DVC's cache keeps it
    ],
)
def test_dvc_metrics_count_where_git_or_dvc_keeps_them(
    tmp_path: Path, metrics: str, ignore: str, status: str
) -> None:
    tree = {"dvc.yaml": DVC_TRAIN.format(metrics=metrics), ".gitignore": ignore}
    assert _exp001(tmp_path, tree) == status
