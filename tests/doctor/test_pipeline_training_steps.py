"""DATA004: an orchestrator's pipeline that declares a step named for training.

Out of sample (rounds 12 to 15), 7 of DATA004's 15 false positives were pipelines of an
orchestrator (ZenML, Rocketry, Airflow running containers, Dagster, SageMaker, ClearML)
whose training the doctor could not follow through imports: the step runs a container, a
remote job or a task by name. The labellers read the steps: a task, step or asset named
for training (`train_model`) is the pipeline training. A DAG that only moves data, that
splits it, or that fits a toy set its library ships is still reported."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.doctor.cases import PACKAGE, TRAINING
from tests.doctor.helpers import status_on

TREE = {**PACKAGE, **TRAINING}
DAG = (
    "from airflow import DAG\n"
    "from airflow.providers.docker.operators.docker import DockerOperator\n\n"
    'with DAG(dag_id="churn") as dag:\n'
    '    first = DockerOperator(task_id="{first}", command="{first_command}")\n'
    '    then = DockerOperator(task_id="{then}", command="{then_command}")\n'
    "    first >> then\n"
)


def dag(first: str, then: str, then_command: str = "python -m worker.run") -> str:
    return DAG.format(
        first=first, first_command="python -m worker.ingest", then=then, then_command=then_command
    )


def data004(root: Path, files: dict[str, str]) -> Status:
    return status_on(root, {**TREE, **files}, "DATA004")


def test_a_dag_whose_task_is_named_for_training_declares_the_pipeline(tmp_path: Path) -> None:
    assert data004(tmp_path, {"dags/churn.py": dag("ingest", "train_model")}) is Status.PASSED


def test_a_dag_whose_task_runs_a_training_command_declares_it(tmp_path: Path) -> None:
    pipeline = dag("ingest", "step_two", then_command="python -m worker.train_model")
    assert data004(tmp_path, {"dags/churn.py": pipeline}) is Status.PASSED


def test_a_dag_that_only_moves_data_is_reported(tmp_path: Path) -> None:
    assert data004(tmp_path, {"dags/churn.py": dag("extract", "load_to_postgres")}) is (
        Status.FAILED
    )


def test_a_dag_that_only_splits_the_data_is_reported(tmp_path: Path) -> None:
    pipeline = dag("extract", "train_test_split", then_command="python -m worker.split")
    assert data004(tmp_path, {"dags/churn.py": pipeline}) is Status.FAILED


def test_a_dag_that_trains_a_toy_set_is_reported(tmp_path: Path) -> None:
    toy = (
        "from airflow import DAG\nfrom airflow.operators.python import PythonOperator\n"
        "from sklearn.datasets import load_iris\nfrom sklearn.tree import DecisionTreeClassifier"
        "\n\n\ndef train_model():\n    x, y = load_iris(return_X_y=True)\n"
        "    DecisionTreeClassifier().fit(x, y)\n\n\n"
        'with DAG(dag_id="iris") as dag:\n'
        '    PythonOperator(task_id="train_model", python_callable=train_model)\n'
    )
    assert data004(tmp_path, {"dags/iris.py": toy}) is Status.FAILED


CLEARML = (
    "from clearml.automation import PipelineController\n\n"
    'pipe = PipelineController(name="forecast", project="energy", version="1")\n'
    'pipe.add_step(name="preprocess", base_task_name="preprocess")\n'
    'pipe.add_step(name="{step}", parents=["preprocess"], base_task_name="{step}")\n'
    "pipe.start()\n"
)


def test_a_clearml_pipeline_with_a_training_step_declares_it(tmp_path: Path) -> None:
    files = {"main.py": CLEARML.format(step="training_model")}
    assert data004(tmp_path, files) is Status.PASSED


def test_a_clearml_pipeline_without_one_is_reported(tmp_path: Path) -> None:
    files = {"main.py": CLEARML.format(step="publish_features")}
    assert data004(tmp_path, files) is Status.FAILED
