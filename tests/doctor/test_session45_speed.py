"""Session 45 (speed): the modules an orchestrator's string literals name are found in
time linear in the literal, as the pattern they replace found them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlops_scaffold.doctor.fixtures import AuditView, started_modules
from tests.conftest import build_file_tree
from tests.doctor.cases import TRAINING
from tests.doctor.helpers import git_commit

# The pattern `started_modules` stands for: quadratic in a long run of path characters.
STARTED_MODULE = re.compile(r"[\w./-]+\.py\b|\b\w+(?:\.\w+)+\b")
# A notebook's inline PNG as a string in code: one long run of path characters.
IMAGE = "iVBORw0KGgoAAAANSUhEUgAA" + "QUFB" * 2000


@pytest.mark.parametrize(
    "text",
    [
        "python scripts/train.py --epochs 3",
        "python -m src.models.train",
        "a.py.bak and pkg/run.py-old ./x.py",
        ".py alone, then b.pyc and c.py_d",
        "src.pipeline.steps.train:main",
        "x.py" + IMAGE,
        IMAGE + "/train.py",
        "é.py ñ.mod",
        "",
    ],
)
def test_the_modules_a_string_names_are_those_the_pattern_finds(text: str) -> None:
    assert started_modules(text) == STARTED_MODULE.findall(text)


# An Airflow DAG whose task runs a module it names (not one it imports), beside an image.
DAG = (
    "from datetime import datetime\n\nfrom airflow import DAG\n"
    "from airflow.operators.python import PythonOperator\n\n"
    f'LOGO = "{IMAGE}"\n\n'
    "with DAG('train', start_date=datetime(2024, 1, 1)) as dag:\n"
    "    PythonOperator(task_id='t', op_args=['{module}'], python_callable=run)\n"
)


@pytest.mark.parametrize(("module", "runs"), [("src.demo.train", True), ("src.demo.clean", False)])
def test_a_pipeline_beside_an_inline_image_runs_the_module_it_names(
    tmp_path: Path, module: str, runs: bool
) -> None:
    tree = {**TRAINING, "src/__init__.py": "", "dags/train_dag.py": DAG.format(module=module)}
    build_file_tree(tmp_path, tree)
    git_commit(tmp_path)
    assert ("src/demo/train.py" in AuditView.open(tmp_path).run_modules) is runs
