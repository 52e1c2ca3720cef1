"""Pipelines the doctor did not see train (rounds 13 and 14), and registries as trackers.

DATA004: Azure Pipelines stages, a CI job that trains and then evaluates or publishes the
model, workflows chained by schedule and `workflow_run`, an orchestrator's own training
step type (SageMaker `TrainingStep`, Vertex `CustomTrainingJobOp`), training inside an
orchestrator's module beside a stray training script, Rocketry, and dvc stages that run a
script the repository lacks. EXP001: a model registry entry recorded with its metrics."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.doctor.cases import PACKAGE, TRAINING
from tests.doctor.helpers import status_on

PREPARE = {"src/demo/prepare.py": "def main():\n    return 1\n"}
TREE = {**PACKAGE, **TRAINING, **PREPARE}


def pipeline_status(root: Path, files: dict[str, str]) -> Status:
    return status_on(root, {**TREE, **files}, "DATA004")


# -- Azure Pipelines ----------------------------------------------------------------------

AZURE_JOB = (
    "      - job: {name}\n{depends}        steps:\n"
    "          - task: Bash@3\n            inputs:\n              targetType: inline\n"
    "              script: |\n                {script}\n"
)


def azure(*stages: list[tuple[str, str, str]]) -> str:
    text = "trigger:\n  - main\nstages:\n"
    for number, jobs in enumerate(stages):
        text += f"  - stage: Stage{number}\n    jobs:\n"
        for name, depends, script in jobs:
            needs = f"        dependsOn: {depends}\n" if depends else ""
            text += AZURE_JOB.format(name=name, depends=needs, script=script)
    return text


def test_azure_stages_one_of_which_trains_declare_the_pipeline(tmp_path: Path) -> None:
    pipeline = azure(
        [("Test", "", "pytest -q"), ("Build", "Test", "python src/demo/train.py")],
        [("Image", "", "docker build -t demo .")],
    )
    assert pipeline_status(tmp_path, {"azure-pipelines.yml": pipeline}) is Status.PASSED


def test_one_azure_job_that_trains_declares_no_pipeline(tmp_path: Path) -> None:
    pipeline = azure([("Build", "", "python src/demo/train.py")])
    assert pipeline_status(tmp_path, {"azure-pipelines.yml": pipeline}) is Status.FAILED


# -- a CI job's steps after the training --------------------------------------------------

STEPS = (
    "on: push\njobs:\n  model:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n"
    "      - name: Train\n        run: |\n          set -e\n          python src/demo/train.py\n"
    "      - name: Next\n        run: |\n          set -e\n          {after}\n"
)


def test_a_step_that_evaluates_after_the_training_declares_the_pipeline(tmp_path: Path) -> None:
    files = {
        "src/demo/evaluate.py": "def main():\n    return 0\n",
        ".github/workflows/model.yml": STEPS.format(after="python src/demo/evaluate.py"),
    }
    assert pipeline_status(tmp_path, files) is Status.PASSED


def test_a_step_that_only_lists_files_after_the_training_declares_none(tmp_path: Path) -> None:
    files = {".github/workflows/model.yml": STEPS.format(after="ls models")}
    assert pipeline_status(tmp_path, files) is Status.FAILED


def test_a_step_that_uploads_the_model_to_a_registry_declares_the_pipeline(
    tmp_path: Path,
) -> None:
    upload = "gcloud ai models upload --region=eu --artifact-uri=gs://b/m"
    files = {".github/workflows/model.yml": STEPS.format(after=upload)}
    assert pipeline_status(tmp_path, files) is Status.PASSED


def test_a_step_that_copies_files_to_a_bucket_declares_no_pipeline(tmp_path: Path) -> None:
    files = {".github/workflows/model.yml": STEPS.format(after="gsutil cp model.pkl gs://b/")}
    assert pipeline_status(tmp_path, files) is Status.FAILED


# -- workflows chained by schedule and workflow_run ---------------------------------------

SCRIPTS = (
    '[project]\nname = "demo"\nversion = "0.1.0"\n\n[project.scripts]\n'
    'features = "demo.prepare:main"\ntrain = "demo.train:main"\n'
)
WORKFLOW = (
    "name: {name}\non:\n{on}\njobs:\n  pipeline:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n      - run: uv sync\n      - run: uv run {script}\n"
)
SCHEDULE = "  schedule:\n    - cron: '0 2 * * 0'"
AFTER_FEATURES = "  workflow_run:\n    workflows: [features]\n    types: [completed]"


def test_scheduled_and_chained_workflows_one_of_which_trains_declare_the_pipeline(
    tmp_path: Path,
) -> None:
    files = {
        "pyproject.toml": SCRIPTS,
        ".github/workflows/features.yml": WORKFLOW.format(
            name="features", on=SCHEDULE, script="features"
        ),
        ".github/workflows/training.yml": WORKFLOW.format(
            name="training", on=AFTER_FEATURES, script="train"
        ),
    }
    assert pipeline_status(tmp_path, files) is Status.PASSED


def test_a_scheduled_training_beside_a_workflow_run_by_pushes_declares_none(
    tmp_path: Path,
) -> None:
    files = {
        "pyproject.toml": SCRIPTS,
        ".github/workflows/features.yml": WORKFLOW.format(
            name="features", on="  push:", script="features"
        ),
        ".github/workflows/training.yml": WORKFLOW.format(
            name="training", on=SCHEDULE, script="train"
        ),
    }
    assert pipeline_status(tmp_path, files) is Status.FAILED


# -- an orchestrator's own training step --------------------------------------------------

SAGEMAKER = (
    "from sagemaker.workflow.pipeline import Pipeline\n"
    "from sagemaker.workflow.steps import ProcessingStep, TrainingStep\n\n\n"
    "def build(processor, estimator):\n"
    "    steps = [ProcessingStep(name='features', processor=processor)]\n"
    "{extra}"
    "    return Pipeline(name='demo', steps=steps)\n"
)


def test_a_sagemaker_pipeline_with_a_training_step_declares_the_pipeline(
    tmp_path: Path,
) -> None:
    extra = "    steps.append(TrainingStep(name='fit', estimator=estimator))\n"
    files = {"pipelines/pipeline.py": SAGEMAKER.format(extra=extra)}
    assert pipeline_status(tmp_path, files) is Status.PASSED


def test_a_sagemaker_pipeline_that_only_processes_data_is_reported(tmp_path: Path) -> None:
    files = {"pipelines/pipeline.py": SAGEMAKER.format(extra="")}
    assert pipeline_status(tmp_path, files) is Status.FAILED


VERTEX = (
    "from kfp import dsl\n{imports}\n\n@dsl.pipeline(name='demo')\n"
    "def pipeline(project: str):\n    features = load_features(project=project)\n{extra}"
)
LOADER = "from demo_components import load_features"


def test_a_vertex_pipeline_with_a_custom_training_job_declares_the_pipeline(
    tmp_path: Path,
) -> None:
    vertex = "google_cloud_pipeline_components.v1.custom_job"
    imports = f"{LOADER}\nfrom {vertex} import CustomTrainingJobOp"
    extra = "    CustomTrainingJobOp(project=project, display_name='fit').after(features)\n"
    files = {"pipelines/vertex.py": VERTEX.format(imports=imports, extra=extra)}
    assert pipeline_status(tmp_path, files) is Status.PASSED


def test_a_vertex_pipeline_that_only_loads_features_is_reported(tmp_path: Path) -> None:
    files = {"pipelines/vertex.py": VERTEX.format(imports=LOADER, extra="")}
    assert pipeline_status(tmp_path, files) is Status.FAILED


# -- training inside an orchestrator's module ---------------------------------------------

STRAY = {"scripts/local_trainer.py": "def main(model, x, y):\n    model.fit(x, y)\n"}
DAGSTER = (
    "import pandas as pd\nfrom dagster import asset\n\n\n@asset\ndef prices():\n"
    "    return pd.read_csv('prices.csv')\n\n\n@asset(deps=[prices])\ndef model(prices):\n"
    "    regressor = make_regressor()\n    regressor.fit(prices[['x']], prices['y'])\n"
    "    return regressor\n"
)
AIRFLOW_IRIS = (
    "from airflow import DAG\nfrom sklearn.datasets import load_iris\n\n\n"
    "def fit_demo():\n    x, y = load_iris(return_X_y=True)\n    make_model().fit(x, y)\n"
)


def test_a_dagster_asset_that_trains_beside_a_stray_trainer_runs_the_training(
    tmp_path: Path,
) -> None:
    files = {**STRAY, "assets/pipeline.py": DAGSTER}
    assert pipeline_status(tmp_path, files) is Status.PASSED


def test_a_dag_that_trains_a_toy_data_set_while_the_model_trains_elsewhere_is_reported(
    tmp_path: Path,
) -> None:
    files = {**STRAY, "dags/iris_dag.py": AIRFLOW_IRIS}
    assert pipeline_status(tmp_path, files) is Status.FAILED


ROCKETRY = (
    "import subprocess\n\nfrom rocketry import Rocketry\n\napp = Rocketry()\n\n\n"
    "@app.task('every 1 week')\ndef weekly():\n"
    "    subprocess.run(['python', 'src/demo/{script}'], check=True)\n"
)


def test_a_rocketry_task_that_runs_the_training_declares_the_pipeline(tmp_path: Path) -> None:
    files = {"scheduling.py": ROCKETRY.format(script="train.py")}
    assert pipeline_status(tmp_path, files) is Status.PASSED


def test_a_rocketry_task_that_only_prepares_data_is_reported(tmp_path: Path) -> None:
    files = {"scheduling.py": ROCKETRY.format(script="prepare.py")}
    assert pipeline_status(tmp_path, files) is Status.FAILED


# -- EXP001: a model registry entry recorded with its metrics ------------------------------

HOPSWORKS = (
    "import hopsworks\n\n\ndef register(registry, accuracy, folder):\n"
    "    entry = registry.python.create_model(\n        name='demo',\n"
    "        description='demo model',\n{metrics}    )\n    entry.save(folder)\n"
)


def tracking_status(root: Path, files: dict[str, str]) -> Status:
    return status_on(root, {**PACKAGE, **TRAINING, **files}, "EXP001")


def test_a_hopsworks_model_saved_with_its_metrics_is_tracked(tmp_path: Path) -> None:
    metrics = "        metrics={'accuracy': accuracy},\n"
    files = {"src/demo/registry.py": HOPSWORKS.format(metrics=metrics)}
    assert tracking_status(tmp_path, files) is Status.PASSED


def test_a_hopsworks_model_saved_without_metrics_is_not_tracked(tmp_path: Path) -> None:
    files = {"src/demo/registry.py": HOPSWORKS.format(metrics="")}
    assert tracking_status(tmp_path, files) is Status.FAILED


SAGEMAKER_REGISTER = (
    "from sagemaker.model import Model\n{imports}\n\n"
    "def register(model: Model, report_uri):\n{body}"
    "    return model.register(model_package_group_name='demo'{argument})\n"
)


def test_a_sagemaker_model_package_with_model_metrics_is_tracked(tmp_path: Path) -> None:
    code = SAGEMAKER_REGISTER.format(
        imports="from sagemaker.model_metrics import MetricsSource, ModelMetrics\n",
        body=(
            "    metrics = ModelMetrics(model_statistics=MetricsSource(\n"
            "        s3_uri=report_uri, content_type='application/json'))\n"
        ),
        argument=", model_metrics=metrics",
    )
    assert tracking_status(tmp_path, {"src/demo/register.py": code}) is Status.PASSED


def test_a_sagemaker_model_package_without_metrics_is_not_tracked(tmp_path: Path) -> None:
    code = SAGEMAKER_REGISTER.format(imports="", body="", argument="")
    assert tracking_status(tmp_path, {"src/demo/register.py": code}) is Status.FAILED


# -- dvc.yaml stages that run scripts the repository lacks --------------------------------

DVC_STAGES = (
    "stages:\n  prepare:\n    cmd: python {prepare}\n    outs:\n      - data/clean\n"
    "  train:\n    cmd: python src/demo/train.py\n    deps:\n      - data/clean\n"
)


def test_dvc_stages_that_run_a_missing_script_declare_no_pipeline(tmp_path: Path) -> None:
    files = {"dvc.yaml": DVC_STAGES.format(prepare="src/process.py")}
    assert pipeline_status(tmp_path, files) is Status.FAILED


def test_dvc_stages_whose_scripts_exist_declare_the_pipeline(tmp_path: Path) -> None:
    files = {"dvc.yaml": DVC_STAGES.format(prepare="src/demo/prepare.py")}
    assert pipeline_status(tmp_path, files) is Status.PASSED
