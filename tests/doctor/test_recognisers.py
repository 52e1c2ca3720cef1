"""Every tool of the recogniser tables satisfies its check; a mere mention does not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlops_scaffold.doctor.recognisers import PIPELINES, SERVICES, TRACKERS, matches_as_code
from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import PACKAGE, TRAINING
from tests.doctor.helpers import audit, found_ids, git_commit, status_of, status_on

TRAIN = "src/demo/train.py"

# One real use of each tracker, as its users write it.
TRACKED = {
    "MLflow": "import mlflow\nmlflow.log_metric('rmse', 1.0)\n",
    "Metaflow runs": (
        "from metaflow import FlowSpec, step\n\n\nclass TrainFlow(FlowSpec):\n"
        "    @step\n    def start(self):\n        self.auc = 0.9\n"
    ),
    "Weights & Biases": "import wandb\nwandb.init(project='demo')\n",
    "TensorBoard": "from torch.utils.tensorboard import SummaryWriter\nw = SummaryWriter()\n",
    "Keras TensorBoard callback": (
        "from tensorflow import keras\n\nboard = keras.callbacks.TensorBoard(log_dir='logs')\n"
    ),
    "TensorFlow summaries": "import tensorflow as tf\nw = tf.summary.create_file_writer('logs')\n",
    "Lightning loggers": "from lightning.pytorch.loggers import CSVLogger\n",
    "Neptune": "import neptune\nrun = neptune.init_run()\n",
    "Comet": "from comet_ml import Experiment\n",
    "Aim": "from aim import Run\n",
    "ClearML": "from clearml import Task\n",
    "DVCLive": "from dvclive import Live\n",
    "Azure ML run.log": "from azureml.core import Run\nrun = Run.get_context()\nrun.log('a', 1)\n",
    "Sacred": "from sacred import Experiment\n",
    "Hopsworks model registry metrics": (
        "import hopsworks\nregistry = hopsworks.login().get_model_registry()\n"
        "registry.python.create_model(name='demo', metrics={'accuracy': 0.9})\n"
    ),
    "Kubeflow Pipelines metrics": (
        "from kfp.dsl import component, Output, Metrics\n\n\n@component\n"
        "def evaluate(metrics: Output[Metrics]):\n    metrics.log_metric('auc', 0.9)\n"
    ),
    "Vertex AI Experiments": (
        "from google.cloud import aiplatform\n\naiplatform.init(experiment='churn')\n"
        "aiplatform.start_run('run-1')\naiplatform.log_metrics({'auc': 0.9})\n"
    ),
    "SageMaker Experiments": (
        "from sagemaker.experiments.run import Run\n\n"
        "with Run(experiment_name='churn') as run:\n    run.log_metric(name='auc', value=0.9)\n"
    ),
    "SageMaker model registry metrics": (
        "from sagemaker.model_metrics import MetricsSource, ModelMetrics\n"
        "metrics = ModelMetrics(model_statistics=MetricsSource(s3_uri='s3://b/e.json',"
        " content_type='application/json'))\n"
    ),
    "SwanLab": "import swanlab\n\nswanlab.init(project='churn')\nswanlab.log({'auc': 0.9})\n",
    "Polyaxon tracking": (
        "from polyaxon import tracking\n\ntracking.init()\ntracking.log_metrics(auc=0.9)\n"
    ),
    "Determined": (
        "import determined as det\n\nwith det.core.init() as core_context:\n"
        "    core_context.train.report_training_metrics(steps_completed=1, metrics={'l': 0.1})\n"
    ),
    "Transformers Trainer report_to": (
        "from transformers import Trainer, TrainingArguments\n\n"
        "args = TrainingArguments(output_dir='out', report_to=['mlflow'])\n"
    ),
    "ZenML run metadata": (
        "from zenml import log_metadata, step\n\n\n@step\ndef evaluate(mae: float) -> None:\n"
        "    log_metadata(metadata={'mae': mae})\n"
    ),
    "Ray Tune trials": (
        "from ray import tune\n\n"
        "analysis = tune.run(fit_trial, config={'alpha': tune.uniform(0.1, 1.0)})\n"
    ),
}
PIPELINED = {
    "MLproject": {
        "MLproject": "name: demo\nentry_points:\n  main:\n    command: python train.py\n"
    },
    "Snakemake": {"workflow/Snakefile": "rule train:\n    shell: 'python train.py'\n"},
    "Kedro": {"src/demo/pipeline_registry.py": "def register_pipelines():\n    return {}\n"},
    "Airflow DAG": {"dags/train.py": "from airflow import DAG\n"},
    "Prefect": {"flows.py": "from prefect import flow\n\n@flow\ndef train():\n    pass\n"},
    "Dagster": {"assets.py": "from dagster import asset\n"},
    "ZenML": {"pipelines/train.py": "from zenml import pipeline, step\n"},
    "Metaflow": {
        "flow.py": "from metaflow import FlowSpec, step\nclass Train(FlowSpec):\n    pass\n"
    },
    "Kubeflow Pipelines": {"pipeline.py": "from kfp import dsl\n"},
    "Azure ML pipeline": {
        "build.py": "from azureml.pipeline.steps import PythonScriptStep\n"
        "step = PythonScriptStep(name='train', script_name='t.py')\n"
    },
    "Azure ML pipeline (v2)": {"build.py": "from azure.ai.ml.dsl import pipeline\n"},
    "Flyte": {"wf.py": "from flytekit import task, workflow\n"},
    "SageMaker Pipelines": {"pipeline.py": "from sagemaker.workflow.pipeline import Pipeline\n"},
    "Rocketry": {"scheduling.py": "from rocketry import Rocketry\n"},
    "Luigi": {"tasks.py": "import luigi\n\n\nclass Train(luigi.Task):\n    pass\n"},
    "Hamilton": {"run.py": "from hamilton import driver\n"},
    "Argo Workflows": {
        "argo/train.yml": "apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\n"
        "spec:\n  workflowSpec:\n    entrypoint: train\n"
    },
    "Databricks job (bundle)": {
        "resources/churn.job.yml": "resources:\n  jobs:\n    churn:\n      tasks:\n"
        "        - task_key: features\n          notebook_task:\n"
        "            notebook_path: ../src/features.ipynb\n"
        "        - task_key: train_model\n          depends_on:\n"
        "            - task_key: features\n          notebook_task:\n"
        "            notebook_path: ../src/train.ipynb\n"
    },
    "ClearML pipeline": {
        "main.py": "from clearml.automation import PipelineController\n"
        "pipe = PipelineController(name='forecast', project='p', version='1')\n"
    },
    "Mage": {
        "data_loaders/load_sales.py": "if 'data_loader' not in globals():\n"
        "    from mage_ai.data_preparation.decorators import data_loader\n\n\n"
        "@data_loader\ndef load_sales(*args, **kwargs):\n    pass\n"
    },
    "TFX": {
        "pipeline.py": "from tfx.components import Trainer\n\n"
        "trainer = Trainer(module_file='model.py')\n"
    },
    "Azure ML pipeline (YAML)": {
        "azureml/pipeline.yml": "$schema: https://azuremlschemas.azureedge.net/latest/"
        "pipelineJob.schema.json\ntype: pipeline\njobs:\n  prep:\n    type: command\n"
        "    command: python prep.py\n  train_model:\n    type: command\n"
        "    command: python train.py\n"
    },
}
SERVED = {
    "AWS Lambda handler": "def lambda_handler(event, context):\n    return {'statusCode': 200}\n",
    "Azure ML scoring script": "def init():\n    pass\n\n\ndef run(raw_data):\n    return []\n",
    "Azure Functions HTTP trigger": (
        "import azure.functions as func\nimport joblib\n\nMODEL = joblib.load('model.joblib')\n\n\n"
        "def main(req: func.HttpRequest) -> func.HttpResponse:\n"
        "    return func.HttpResponse(str(MODEL.predict([req.get_json()])))\n"
    ),
    "Ray Serve": "from ray import serve\n\n@serve.deployment\nclass Model:\n    pass\n",
    "BentoML": "import bentoml\n",
    "Triton Inference Server": (
        'FROM nvcr.io/nvidia/tritonserver:24.01-py3\nENTRYPOINT ["tritonserver"]\n'
    ),
    "SageMaker endpoint": "deploy:\n\taws sagemaker create-endpoint --endpoint-name e\n",
    "BentoML model export": "import bentoml\n\nbentoml.onnx.save_model('detector', model)\n",
    "SageMaker inference script": (
        "import joblib\n\n\ndef model_fn(model_dir):\n    return joblib.load(model_dir)\n"
    ),
    "SageMaker endpoint (notebook)": (
        "import sagemaker\n\npredictor = estimator.deploy(initial_instance_count=1)\n"
    ),
    "SageMaker endpoint (MLflow)": (
        "from mlflow.deployments import get_deploy_client\n\n"
        "client = get_deploy_client('sagemaker:/eu-west-1')\n"
        "client.create_deployment('churn', 'models:/churn/1')\n"
    ),
    "Azure ML web service (MLflow)": (
        "import mlflow.azureml\n\n"
        "service = mlflow.azureml.deploy(model_uri='runs:/abc/model', workspace=ws,\n"
        "                                deployment_config=aci_config, service_name='iris')\n"
    ),
    "SageMaker endpoint (infrastructure as code)": (
        "Resources:\n  Endpoint:\n    Type: AWS::SageMaker::Endpoint\n    Properties:\n"
        "      EndpointConfigName: !Ref EndpointConfig\n"
    ),
    "SageMaker endpoint (CDK)": (
        "from aws_cdk import aws_sagemaker as sagemaker\n\n"
        "sagemaker.CfnEndpoint(stack, 'Endpoint', endpoint_config_name='serving')\n"
    ),
    "Azure ML online deployment": (
        "$schema: https://azuremlschemas.azureedge.net/latest/"
        "managedOnlineDeployment.schema.json\nname: blue\nendpoint_name: churn\n"
    ),
    "MLflow scoring server (documented)": (
        "# Churn\n\n```bash\nmlflow models serve -m models:/churn/1 -p 5001\n```\n"
    ),
    "BentoML 0.x service bundle": (
        "from bentoml import BentoService\n\n\nclass Classifier(BentoService):\n    pass\n"
    ),
    "TorchServe handler": (
        "from ts.torch_handler.base_handler import BaseHandler\n\n\n"
        "class Handler(BaseHandler):\n    pass\n"
    ),
    "KServe": "from kserve import Model, ModelServer\n",
    "MLServer": "from mlserver import MLModel\n",
    "MLflow scoring server image": "import mlflow\n\nmlflow.models.build_docker(name='m')\n",
    "Streamlit": "import joblib\nimport streamlit as st\n\nmodel = joblib.load('m.joblib')\n",
    "Gradio": "import gradio as gr\n\ndemo = gr.Interface(fn=lambda x: model.predict([x]))\n",
    "LitServe server": (
        "import litserve as ls\n\n\nclass Api(ls.LitAPI):\n    pass\n\n\n"
        "server = ls.LitServer(Api())\n"
    ),
    "Cog predictor": (
        "from cog import BasePredictor, Input\n\n\nclass Predictor(BasePredictor):\n"
        "    def predict(self, text: str = Input()) -> str:\n        return text\n"
    ),
    "Modal web endpoint": "import modal\n\n@modal.web_endpoint()\ndef predict():\n    pass\n",
    "MLflow scoring server image (CLI)": "deploy:\n\tmlflow models build-docker -m m -n clf\n",
    "MLflow scoring server (CLI)": "#!/bin/sh\nmlflow models serve -m models:/clf/1\n",
    "MLflow scoring server (CLI, caller's environment)": (
        "#!/bin/sh\nmlflow models serve -m models:/clf/1 --env-manager local\n"
    ),
    "Ludwig serve (CLI)": "import os\n\nos.system('ludwig serve -m model')\n",
    "Vertex AI endpoint": (
        "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: gcloud ai endpoints deploy-model $ENDPOINT --model=$MODEL\n"
    ),
    "Vertex AI endpoint (SDK)": (
        "from google.cloud import aiplatform\n\n"
        "model = aiplatform.Model.upload(display_name='churn', artifact_uri=URI)\n"
        "model.deploy(endpoint=endpoint, machine_type='n1-standard-2')\n"
    ),
    "Databricks Model Serving endpoint": (
        "from databricks.sdk import WorkspaceClient\n"
        "from databricks.sdk.service.serving import EndpointCoreConfigInput\n\n"
        "WorkspaceClient().serving_endpoints.create(\n"
        "    name='churn', config=EndpointCoreConfigInput(served_entities=entities)\n)\n"
    ),
    "ZenML MLflow model deployer": (
        "from zenml.integrations.mlflow.steps import mlflow_model_deployer_step\n\n"
        "mlflow_model_deployer_step(model=model)\n"
    ),
    "ZenML Seldon or KServe model deployer": (
        "from zenml.integrations.seldon.steps import seldon_model_deployer_step\n\n"
        "deployer = seldon_model_deployer_step(params=parameters)\n"
    ),
    "Seldon Core deployment": (
        "apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\n"
        "metadata:\n  name: churn\nspec:\n  predictors:\n    - graph:\n"
        "        name: classifier\n        implementation: SKLEARN_SERVER\n"
        "        modelUri: gs://models/churn\n      name: default\n"
    ),
    "KServe InferenceService": (
        "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n"
        "metadata:\n  name: churn\nspec:\n  predictor:\n    containers:\n"
        "      - image: ghcr.io/acme/churn-api:1.0\n"
    ),
    "KServe InferenceService (KServe's runtime)": (
        "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n"
        "metadata:\n  name: churn\nspec:\n  predictor:\n    sklearn:\n"
        "      storageUri: gs://models/churn\n"
    ),
    "TensorFlow Serving": "FROM tensorflow/serving:2.14.0\nCOPY models/churn /models/churn\n",
    "vLLM server": "#!/bin/sh\nvllm serve mistralai/Mistral-7B-Instruct-v0.2 --port 8000\n",
}
# Where a case is written when it is no Python module.
SERVED_IN = {
    "MLflow scoring server image (CLI)": "Makefile",
    "MLflow scoring server (CLI)": "serve.sh",
    "MLflow scoring server (CLI, caller's environment)": "serve.sh",
    "SageMaker endpoint": "Makefile",
    "SageMaker endpoint (infrastructure as code)": "deploy/endpoint.yml",
    "SageMaker endpoint (CDK)": "infra/serving_stack.py",
    "Azure ML online deployment": "cloud/deployment.yml",
    "MLflow scoring server (documented)": "README.md",
    "Triton Inference Server": "triton/Dockerfile",
    "Vertex AI endpoint": ".github/workflows/deploy.yml",
    "Seldon Core deployment": "k8s/seldon.yaml",
    "KServe InferenceService": "k8s/inference-service.yaml",
    "KServe InferenceService (KServe's runtime)": "k8s/inference-service.yaml",
    "TensorFlow Serving": "serving/Dockerfile",
    "vLLM server": "scripts/serve.sh",
}


# Trackers declared outside the code: the files that declare them, beside training code.
TRACKED_ELSEWHERE = {
    "OpenMMLab logger hooks": {
        "configs/schedule.py": (
            "log_config = dict(interval=50, hooks=[dict(type='TensorboardLoggerHook')])\n"
        ),
    },
    "kedro-mlflow": {
        "conf/base/catalog.yml": (
            "metrics:\n  type: kedro_mlflow.io.metrics.MlflowMetricsHistoryDataset\n"
        ),
    },
}


def test_every_recogniser_has_a_case() -> None:
    assert set(TRACKED) | set(TRACKED_ELSEWHERE) == {r.name for r in TRACKERS}
    assert set(PIPELINED) == {r.name for r in PIPELINES}
    assert set(SERVED) == {r.name for r in SERVICES}


@pytest.mark.parametrize("name", sorted(TRACKED))
def test_each_tracker_counts_as_tracking(tmp_path: Path, name: str) -> None:
    build_file_tree(tmp_path, {**PACKAGE, TRAIN: TRACKED[name]})
    git_commit(tmp_path)
    assert status_of(audit(tmp_path, "EXP001"), "EXP001") is Status.PASSED


@pytest.mark.parametrize("name", sorted(TRACKED_ELSEWHERE))
def test_each_tracker_declared_outside_the_code_counts(tmp_path: Path, name: str) -> None:
    fit = "def main(model, x, y):\n    model.fit(x, y)\n"
    build_file_tree(tmp_path, {**PACKAGE, TRAIN: fit, **TRACKED_ELSEWHERE[name]})
    git_commit(tmp_path)
    assert status_of(audit(tmp_path, "EXP001"), "EXP001") is Status.PASSED


def test_a_tracker_in_a_comment_or_a_test_is_not_tracking(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path,
        {
            **PACKAGE,
            TRAIN: (
                "def main(model, x, y):\n    # TODO: import mlflow and log the run\n"
                "    model.fit(x, y)\n\n\n'''wandb.init() later'''\n"
            ),
            "tests/test_train.py": "import mlflow\n",
        },
    )
    assert found_ids(audit(tmp_path, "EXP001")) == {"EXP001"}


def test_a_tracker_in_a_notebook_counts(tmp_path: Path) -> None:
    cells = [{"cell_type": "code", "source": ["import wandb\n", "wandb.init()\n"]}]
    notebook = json.dumps({"cells": cells, "nbformat": 4, "nbformat_minor": 5}, indent=1)
    build_file_tree(tmp_path, {**PACKAGE, "explore.ipynb": notebook})
    assert audit(tmp_path, "EXP001").findings == ()


# An orchestrator's pipeline counts when it runs the training code (test_ninth_round_b).
RUNS_TRAINING = "from demo.train import main\n"


@pytest.mark.parametrize("name", sorted(PIPELINED))
def test_each_pipeline_framework_declares_a_pipeline(tmp_path: Path, name: str) -> None:
    pipeline = {
        rel: RUNS_TRAINING + body if rel.endswith(".py") else body
        for rel, body in PIPELINED[name].items()
    }
    build_file_tree(tmp_path, {**PACKAGE, **TRAINING, **pipeline})
    git_commit(tmp_path)
    assert status_of(audit(tmp_path, "DATA004"), "DATA004") is Status.PASSED


def test_a_pipeline_named_in_prose_is_no_pipeline(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**TRAINING, "README.md": "We will use Airflow and Prefect.\n"})
    assert found_ids(audit(tmp_path, "DATA004")) == {"DATA004"}


@pytest.mark.parametrize("name", sorted(SERVED))
def test_each_serving_platform_is_a_service(tmp_path: Path, name: str) -> None:
    build_file_tree(tmp_path, {**PACKAGE, SERVED_IN.get(name, "src/demo/score.py"): SERVED[name]})
    git_commit(tmp_path)
    report = audit(tmp_path, "SERVE001", "SERVE002", "MON002")
    assert status_of(report, "SERVE001") is Status.PASSED
    gives = next(r.gives for r in SERVICES if r.name == name)
    assert {"SERVE002", "MON002"} & found_ids(report) == {"SERVE002", "MON002"} - gives


def test_a_zenml_deployer_step_defined_is_no_deployment(tmp_path: Path) -> None:
    step = "from zenml import step\n\n\n@step\ndef seldon_model_deployer_step(model):\n    pass\n"
    build_file_tree(tmp_path, {**PACKAGE, "src/demo/steps.py": step})
    assert status_of(audit(tmp_path, "SERVE001"), "SERVE001") is not Status.PASSED


def test_a_handler_that_is_not_lambdas_is_no_service(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**PACKAGE, "src/demo/log.py": "def handler(record):\n    pass\n"})
    assert status_of(audit(tmp_path, "SERVE001"), "SERVE001") is not Status.PASSED


def test_azure_pipelines_in_a_pipelines_folder_is_ci(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {".pipelines/ci.yml": "steps:\n  - script: pytest\n"})
    assert audit(tmp_path, "CI001").findings == ()


def test_a_pipelines_folder_elsewhere_is_not_ci(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"src/pipelines/train.yml": "steps: []\n"})
    assert found_ids(audit(tmp_path, "CI001")) == {"CI001"}


def test_git_lfs_versions_data(tmp_path: Path) -> None:
    lfs = "*.parquet filter=lfs diff=lfs merge=lfs -text\n"
    pointer = "version https://git-lfs.github.com/spec/v1\n"
    build_file_tree(tmp_path, {**TRAINING, ".gitattributes": lfs, "data/features.parquet": pointer})
    assert status_of(audit(tmp_path, "DATA001"), "DATA001") is Status.PASSED


WANDB_ARTIFACT = (
    "import wandb\n\nrun = wandb.init()\nartifact = wandb.Artifact(\n"
    '    "features.parquet", type="{kind}"\n)\nrun.log_artifact(artifact)\n'
)


def test_a_wandb_dataset_artifact_versions_data(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path, {**TRAINING, "src/demo/features.py": WANDB_ARTIFACT.format(kind="dataset")}
    )
    git_commit(tmp_path)
    assert status_of(audit(tmp_path, "DATA001"), "DATA001") is Status.PASSED


def test_a_wandb_model_artifact_is_no_data_versioning(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path, {**TRAINING, "src/demo/features.py": WANDB_ARTIFACT.format(kind="model")}
    )
    git_commit(tmp_path)
    assert found_ids(audit(tmp_path, "DATA001")) == {"DATA001"}


def test_gitattributes_without_lfs_is_no_versioning(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**TRAINING, ".gitattributes": "*.sh text eol=lf\n"})
    assert found_ids(audit(tmp_path, "DATA001")) == {"DATA001"}


CONDA = """name: demo
dependencies:
  - python=3.11
  - pip
  - numpy=1.26.4
  - scikit-learn
  - conda-forge::pandas>=2
  - pip:
    - azureml-sdk==1.27.*
    - requests==2.32.3
"""


@pytest.mark.parametrize("name", ["environment.yml", "conda.yaml", "ml/conda_dependencies.yml"])
def test_a_conda_file_declares_dependencies(tmp_path: Path, name: str) -> None:
    build_file_tree(tmp_path, {name: CONDA})
    assert audit(tmp_path, "ENV001").findings == ()


def test_unpinned_conda_and_pip_lines_are_reported_where_they_are(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"environment.yml": CONDA})
    findings = audit(tmp_path, "ENV002").findings
    # one finding for the file, at its first unpinned line, counting all three
    assert [(f.path, f.line) for f in findings] == [("environment.yml", 6)]
    assert "3 requirements are not pinned" in findings[0].message


def test_a_fully_pinned_conda_file_passes(tmp_path: Path) -> None:
    pinned = "dependencies:\n  - python=3.11\n  - numpy=1.26.4=py311h64a7726_0\n"
    build_file_tree(tmp_path, {"environment.yml": pinned})
    assert status_of(audit(tmp_path, "ENV002"), "ENV002") is Status.PASSED


def test_a_conda_minor_version_is_a_range_not_a_pin(tmp_path: Path) -> None:
    ranged = "dependencies:\n  - numpy=1.26\n  - pandas=2.1\n"
    build_file_tree(tmp_path, {"environment.yml": ranged})
    report = audit(tmp_path, "ENV002", "ENV005")
    assert [f.id for f in report.findings] == ["ENV002"]  # nothing pinned for a bot to move
    assert "`numpy==1.26.*`" in report.findings[0].message


def test_a_conda_export_pins_its_two_part_versions(tmp_path: Path) -> None:
    export = "dependencies:\n  - blas=1.0\n  - cryptography=2.8\nprefix: /opt/conda/envs/x\n"
    build_file_tree(tmp_path, {"environment.yml": export})
    assert [f.id for f in audit(tmp_path, "ENV002", "ENV005").findings] == ["ENV005"]


def test_an_export_without_builds_or_prefix_pins_its_two_part_versions(tmp_path: Path) -> None:
    # `conda env export --no-builds`, prefix cut: `_libgcc_mutex` is no one's choice
    export = "dependencies:\n  - _libgcc_mutex=0.1\n  - blas=1.0\n  - cryptography=2.8\n"
    build_file_tree(tmp_path, {"environment.yml": export})
    assert [f.id for f in audit(tmp_path, "ENV002", "ENV005").findings] == ["ENV005"]


def test_a_two_part_version_with_a_build_string_is_a_pin(tmp_path: Path) -> None:
    # `conda env export` without its prefix line: conda matches `1.1` exactly with a build
    built = "dependencies:\n  - blas=1.1=openblas\n  - icu=67.1=he1b5a44_0\n"
    build_file_tree(tmp_path, {"environment.yml": built})
    assert [f.id for f in audit(tmp_path, "ENV002", "ENV005").findings] == ["ENV005"]


def test_mlprojects_python_env_is_a_declaration(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path,
        {
            "MLproject": "name: demo\npython_env: python_env.yaml\n",
            "python_env.yaml": "python: '3.11'\ndependencies:\n  - mlflow>=2\n",
        },
    )
    report = audit(tmp_path, "ENV001", "ENV002")
    assert [(f.id, f.path, f.line) for f in report.findings] == [("ENV002", "python_env.yaml", 3)]


def test_a_yaml_file_named_env_without_dependencies_is_no_declaration(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"deploy/env.yml": "replicas: 2\n", "train.py": "import numpy\n"})
    assert found_ids(audit(tmp_path, "ENV001")) == {"ENV001"}


def test_a_vcs_requirement_on_a_branch_is_not_pinned(tmp_path: Path) -> None:
    lines = "a @ git+https://github.com/o/a.git@master\nb @ git+https://github.com/o/b.git@" + (
        "0123456789abcdef0123456789abcdef01234567\n"
    )
    build_file_tree(tmp_path, {"requirements.txt": lines})
    assert [f.line for f in audit(tmp_path, "ENV002").findings] == [1]


def test_an_empty_folder_scores_only_what_applies(tmp_path: Path) -> None:
    report = audit(tmp_path)
    for check_id in ("CI004", "CI005", "NB001", "SEC001", "DATA003", "ENV005", "REPO001"):
        assert status_of(report, check_id) is Status.NOT_APPLICABLE, check_id
    assert report.score == 0


def test_a_repository_without_ci_does_not_pass_the_workflow_checks(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"README.md": "# demo\n"})
    report = audit(tmp_path, "CI004", "CI005")
    assert {r.status for r in report.results} == {Status.NOT_APPLICABLE}


def test_a_project_that_is_not_deployed_is_not_asked_for_a_service(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**PACKAGE, TRAIN: TRACKED["MLflow"]})
    report = audit(tmp_path, "SERVE001", "IMG001")
    assert {r.status for r in report.results} == {Status.NOT_APPLICABLE}


@pytest.mark.parametrize(
    ("evidence", "content"),
    [
        ("Dockerfile", "FROM python:3.12-slim\nEXPOSE 8000\n"),
        ("Dockerfile", 'FROM python:3.12-slim\nCMD ["python", "/app/server.py"]\n'),
        ("docker-compose.yml", "services:\n  api:\n    build: .\n"),
        ("k8s/deployment.yaml", ""),
        ("requirements-serve.txt", "fastapi\n"),
    ],
)
def test_a_sign_of_deployment_asks_for_a_service(
    tmp_path: Path, evidence: str, content: str
) -> None:
    build_file_tree(tmp_path, {**PACKAGE, evidence: content})
    assert "SERVE001" in found_ids(audit(tmp_path, "SERVE001"))


def test_an_image_that_runs_a_script_from_its_app_folder_serves_nothing(tmp_path: Path) -> None:
    dockerfile = 'FROM python:3.12-slim\nWORKDIR /app\nCMD ["/bin/bash", "/app/entrypoint.sh"]\n'
    build_file_tree(tmp_path, {**PACKAGE, **TRAINING, "Dockerfile": dockerfile})
    assert status_of(audit(tmp_path, "SERVE001"), "SERVE001") is Status.NOT_APPLICABLE


def test_data_committed_with_the_code_is_versioned_by_git(tmp_path: Path) -> None:
    config = {"params.yaml": "data: data/iris.csv\n", "data/iris.csv": "a,b\n1,2\n"}
    build_file_tree(tmp_path, {**PACKAGE, **TRAINING, **config})
    assert status_of(audit(tmp_path, "DATA001"), "DATA001") is Status.PASSED


@pytest.mark.parametrize("name", ["Jenkinsfile", "beetles/Jenkinsfile", "ci/Jenkinsfile-mlflow"])
def test_a_jenkinsfile_anywhere_is_ci(tmp_path: Path, name: str) -> None:
    build_file_tree(tmp_path, {name: "pipeline { agent any }\n"})
    assert audit(tmp_path, "CI001").findings == ()


@pytest.mark.parametrize(
    "command",
    [
        "docker-compose up airflow-init",
        "copier copy gh:me/template my-project",
        "cookiecutter gh:me/template",
        "kedro new --starter=spaceflights",
    ],
)
def test_docs001_passes_on_each_setup_command(tmp_path: Path, command: str) -> None:
    compose = {"docker-compose.yaml": "services: {}\n"} if "compose" in command else {}
    build_file_tree(tmp_path, {"README.md": f"# Demo\n\n    {command}\n", **compose})
    assert status_of(audit(tmp_path, "DOCS001"), "DOCS001") is Status.PASSED


def test_docs001_fires_on_a_tool_named_without_a_command(tmp_path: Path) -> None:
    readme = "# Demo\n\nBuilt with copier, cookiecutter, kedro and docker-compose.\n"
    build_file_tree(tmp_path, {"README.md": readme})
    assert "DOCS001" in found_ids(audit(tmp_path, "DOCS001"))


GUIDE_README = "# Demo\n\nFollow the [getting started](docs/getting_started.md) guide.\n"


def test_docs001_passes_on_a_readme_that_links_its_setup_guide(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"README.md": GUIDE_README, "docs/getting_started.md": "# Steps\n"})
    assert status_of(audit(tmp_path, "DOCS001"), "DOCS001") is Status.PASSED


def test_docs001_fires_on_a_link_to_a_guide_that_is_not_there(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"README.md": GUIDE_README, "docs/usage.md": "# Usage\n"})
    assert "DOCS001" in found_ids(audit(tmp_path, "DOCS001"))


HOSTED_README = (
    "# Demo\n\n1. See the [install guide](https://demo.readthedocs.io/en/latest/install/).\n"
)


def test_docs001_passes_on_a_link_to_the_hosted_build_of_its_guide(tmp_path: Path) -> None:
    page = "# Install\n\n```bash\npip install demo\n```\n"
    tree = {"README.md": HOSTED_README, "demo/__init__.py": "", "docs/pages/install.md": page}
    build_file_tree(tmp_path, tree)
    assert status_of(audit(tmp_path, "DOCS001"), "DOCS001") is Status.PASSED


@pytest.mark.parametrize(
    "pages",
    [{"docs/install.md": "# Install\n\nAsk the team.\n"}, {"docs/usage.md": "pip install demo\n"}],
    ids=["page-without-command", "no-such-page"],
)
def test_docs001_fires_on_a_hosted_link_without_a_setup_page(
    tmp_path: Path, pages: dict[str, str]
) -> None:
    build_file_tree(tmp_path, {"README.md": HOSTED_README, "demo/__init__.py": "", **pages})
    assert "DOCS001" in found_ids(audit(tmp_path, "DOCS001"))


FEATURE = "Feature: training\n  Scenario: a model is trained\n    When I run the pipeline\n"


@pytest.mark.parametrize(
    ("path", "passes"), [("features/train.feature", True), ("specs/train.feature", False)]
)
def test_test001_accepts_a_behave_suite_under_features(
    tmp_path: Path, path: str, passes: bool
) -> None:
    status = status_on(tmp_path, {path: FEATURE, "src/demo/__init__.py": ""}, "TEST001")
    assert status is (Status.PASSED if passes else Status.FAILED)


@pytest.mark.parametrize(
    ("body", "passes"),
    [
        (
            "def test_invariance(predictor):\n    assert predictor('a b') == predictor('a  b')\n",
            True,
        ),
        ("def test_predictor_loads(predictor):\n    assert predictor is not None\n", False),
    ],
)
def test_test002_accepts_behavioural_tests_of_the_model(
    tmp_path: Path, body: str, passes: bool
) -> None:
    status = status_on(tmp_path, {"tests/model/test_behaviour.py": body}, "TEST002")
    assert status is (Status.PASSED if passes else Status.FAILED)


KEDRO_PROJECT = "[project]\nname = 'demo'\n\n[tool.kedro]\npackage_name = 'demo'\n"


def test_a_kedro_project_runs_its_pipelines_with_one_command(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**PACKAGE, "pyproject.toml": KEDRO_PROJECT})
    result = audit(tmp_path, "DOCS003").results[-1]
    assert result.status is Status.PASSED
    assert result.reason == "pyproject.toml:4 run → kedro run"


def test_a_pyproject_without_kedro_is_no_entry_point(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**PACKAGE, "pyproject.toml": "[project]\nname = 'demo'\n"})
    assert found_ids(audit(tmp_path, "DOCS003")) == {"DOCS003"}


def service_with_route(route: str) -> dict[str, str]:
    return {
        **PACKAGE,
        "src/demo/app.py": (
            "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
            f'@app.get("{route}")\ndef state() -> dict:\n    return {{}}\n'
        ),
    }


def test_a_status_route_is_a_health_check(tmp_path: Path) -> None:
    build_file_tree(tmp_path, service_with_route("/status"))
    assert audit(tmp_path, "SERVE002").findings == ()


@pytest.mark.parametrize(
    "route", ["/healthcheck", "/health_check", "/health-check", "/_health", "/healthz"]
)
def test_health_in_its_spellings_is_a_health_check(tmp_path: Path, route: str) -> None:
    build_file_tree(tmp_path, service_with_route(route))
    assert audit(tmp_path, "SERVE002").findings == ()


@pytest.mark.parametrize("route", ["/healthcare", "/predict"])
def test_a_route_only_starting_like_health_is_no_health_check(tmp_path: Path, route: str) -> None:
    build_file_tree(tmp_path, service_with_route(route))
    assert found_ids(audit(tmp_path, "SERVE002")) == {"SERVE002"}


def test_a_jobs_status_route_is_no_health_check(tmp_path: Path) -> None:
    build_file_tree(tmp_path, service_with_route("/status/{job_id}"))
    assert found_ids(audit(tmp_path, "SERVE002")) == {"SERVE002"}


CONNEXION_APP = {
    **PACKAGE,
    "src/demo/app.py": "import connexion\nfrom flask import Flask\n\napp = Flask(__name__)\n",
}


def openapi(operation: str) -> str:
    return (
        f"openapi: 3.0.0\npaths:\n  /:\n    get:\n      operationId: demo.controller.{operation}\n"
    )


def test_an_openapi_health_operation_is_a_health_route(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**CONNEXION_APP, "src/demo/spec/api.yaml": openapi("health")})
    assert audit(tmp_path, "SERVE002").findings == ()


def test_an_openapi_spec_without_one_is_no_health_route(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**CONNEXION_APP, "src/demo/spec/api.yaml": openapi("predict")})
    assert found_ids(audit(tmp_path, "SERVE002")) == {"SERVE002"}


QUALITY_TEST = "from demo.predict import predict\n\n\ndef test_quality():\n    assert {}\n"


@pytest.mark.parametrize(
    "check", ["predict(X).mean() > benchmark", "differential(predict(X), previous(X))"]
)
def test_a_benchmark_or_differential_test_is_a_model_quality_test(
    tmp_path: Path, check: str
) -> None:
    tree = {**PACKAGE, **TRAINING, "tests/test_model.py": QUALITY_TEST.format(check)}
    build_file_tree(tmp_path, tree)
    assert audit(tmp_path, "TEST002").findings == ()


def test_a_test_that_only_calls_the_model_is_no_quality_test(tmp_path: Path) -> None:
    tree = {**PACKAGE, **TRAINING, "tests/test_model.py": QUALITY_TEST.format("predict(X)")}
    build_file_tree(tmp_path, tree)
    assert found_ids(audit(tmp_path, "TEST002")) == {"TEST002"}


MAKE_UP = "up:\n\tdocker build -t demo . && docker run demo\n\nclean:\n\trm -rf build\n"


def test_a_readme_running_a_make_target_that_builds_sets_up(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"README.md": "# Demo\n\n    make up\n", "Makefile": MAKE_UP})
    reason = audit(tmp_path, "DOCS001").results[-1].reason
    assert reason == "README.md runs make up, which sets up (Makefile)"


def test_a_readme_running_a_make_target_that_only_cleans_does_not(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"README.md": "# Demo\n\n    make clean\n", "Makefile": MAKE_UP})
    assert found_ids(audit(tmp_path, "DOCS001")) == {"DOCS001"}


NOTEBOOK = json.dumps(
    {"cells": [{"cell_type": "code", "source": ["model.fit(X, y)\n"]}], "nbformat": 4},
)
STREAMLIT_PAGE = "import streamlit as st\nimport torch\n\nst.title('Classify')\n"


def test_a_streamlit_app_that_loads_a_model_is_a_judged_service(tmp_path: Path) -> None:
    page = STREAMLIT_PAGE + "model = torch.load('model.pth')\n"
    build_file_tree(tmp_path, {"train.ipynb": NOTEBOOK, "app/Home.py": page})
    report = audit(tmp_path)
    assert status_of(report, "SERVE002") is Status.PASSED
    assert {"SERVE003", "MON002"} <= found_ids(report)
    assert report.kind == "example"  # a demo page does not make a product


def test_a_streamlit_dashboard_that_loads_no_model_is_no_service(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"train.ipynb": NOTEBOOK, "app/Home.py": STREAMLIT_PAGE})
    assert not {"SERVE002", "SERVE003", "MON001", "MON002"} & found_ids(audit(tmp_path))


@pytest.mark.parametrize(
    "call",
    [
        "clf.predict(x)",
        "clf.predict_proba (x)",
        "load_model('m.keras')",
        "torch.load('m.pth')",
        "joblib.load('m.joblib')",
        "pickle.load(handle)",
        "AutoModel.from_pretrained('bert')",
        "pipeline('sentiment-analysis')",
    ],
)
def test_a_streamlit_app_is_a_service_whichever_way_it_uses_a_model(
    tmp_path: Path, call: str
) -> None:
    """Every way of using a model makes the page a service: the literals the pattern
    needs (a page holding none is not searched) hold each of them."""
    page = STREAMLIT_PAGE + f"model = {call}\n"
    build_file_tree(tmp_path, {"train.ipynb": NOTEBOOK, "app/Home.py": page})
    assert status_of(audit(tmp_path), "SERVE002") is Status.PASSED


def test_a_streamlit_page_naming_a_model_call_in_prose_only_is_no_service(
    tmp_path: Path,
) -> None:
    page = STREAMLIT_PAGE + "st.write('we predict nothing; see load_model docs')\n"
    build_file_tree(tmp_path, {"train.ipynb": NOTEBOOK, "app/Home.py": page})
    assert not {"SERVE002", "SERVE003"} & found_ids(audit(tmp_path))


@pytest.mark.parametrize("decorator", ["@modal.fastapi_endpoint()", "@app.asgi_app()"])
def test_each_modal_endpoint_decorator_is_a_service(tmp_path: Path, decorator: str) -> None:
    code = f"import modal\n\napp = modal.App()\n\n\n{decorator}\ndef predict():\n    pass\n"
    build_file_tree(tmp_path, {**PACKAGE, "src/demo/score.py": code})
    git_commit(tmp_path)
    assert status_of(audit(tmp_path, "SERVE001"), "SERVE001") is Status.PASSED


def test_an_in_imports_pattern_ends_its_code_so_needs_holds_for_it():
    """A helper module is searched for `in_imports` only when it holds one of `needs`:
    true of every match when `code` ends with the pattern (a match of `code` holds one)."""
    with_helpers = [r for r in (*SERVICES, *TRACKERS, *PIPELINES) if r.in_imports]
    assert with_helpers
    for recogniser in with_helpers:
        assert recogniser.needs and recogniser.code.endswith(recogniser.in_imports)


# Each alternative added for issue 13 needs its tool, not a word it shares with others.
NOT_THE_TOOL = [
    ("EXP001", "import matplotlib\n\n\ndef TensorBoard(x):\n    return x\n\n\nTensorBoard(1)\n"),
    # Vertex AI's and SageMaker's SDKs used for something else than their experiments
    (
        "EXP001",
        "from google.cloud import aiplatform\n\naiplatform.init(project='p')\n"
        "from sagemaker.estimator import Estimator\n",
    ),
    ("DATA004", "# luigi and hamilton pipelines come later\nimport hamiltonian\n"),
    ("SERVE001", "from cog import Input\n\n\nclass Predictor:\n    pass\n"),
]


@pytest.mark.parametrize(("check", "code"), NOT_THE_TOOL)
def test_a_new_alternative_needs_its_own_tool(tmp_path: Path, check: str, code: str) -> None:
    build_file_tree(tmp_path, {**PACKAGE, **TRAINING, "src/demo/extra.py": code})
    git_commit(tmp_path)
    assert status_of(audit(tmp_path, check), check) is not Status.PASSED


def test_git_annex_versions_data(tmp_path: Path) -> None:
    annex = "* annex.backend=MD5E\n*.csv annex.largefiles=(largerthan=1mb)\n"
    build_file_tree(tmp_path, {**TRAINING, ".gitattributes": annex})
    assert status_of(audit(tmp_path, "DATA001"), "DATA001") is Status.PASSED


def test_git_annex_keeping_nothing_is_named_only_in_prose(tmp_path: Path) -> None:
    readme = "We might use git-annex (annex.largefiles) one day.\n"
    build_file_tree(tmp_path, {**TRAINING, "README.md": readme, ".gitattributes": "*.sh text\n"})
    assert found_ids(audit(tmp_path, "DATA001")) == {"DATA001"}


def test_a_litserve_api_no_litserver_runs_has_no_health_route(tmp_path: Path) -> None:
    api = "import litserve as ls\n\n\nclass Api(ls.LitAPI):\n    def predict(self, x):\n"
    api += "        return x\n"
    build_file_tree(tmp_path, {**PACKAGE, "src/demo/api.py": api})
    git_commit(tmp_path)
    assert "SERVE002" in found_ids(audit(tmp_path, "SERVE001", "SERVE002"))


def test_a_databricks_job_of_one_task_is_no_pipeline(tmp_path: Path) -> None:
    job = (
        "resources:\n  jobs:\n    churn:\n      tasks:\n        - task_key: train_model\n"
        "          notebook_task:\n            notebook_path: ../src/train.ipynb\n"
    )
    build_file_tree(tmp_path, {**PACKAGE, **TRAINING, "resources/churn.job.yml": job})
    git_commit(tmp_path)
    assert status_of(audit(tmp_path, "DATA004"), "DATA004") is Status.FAILED


@pytest.mark.parametrize(
    ("monitoring", "expected"),
    [
        (
            "from databricks.sdk.service.catalog import MonitorInferenceLog\n\n"
            "log = MonitorInferenceLog(problem_type='classification', prediction_col='p')\n",
            Status.PASSED,
        ),
        ("from databricks.sdk import WorkspaceClient\n\nw = WorkspaceClient()\n", Status.FAILED),
    ],
    ids=["lakehouse-inference-profile", "sdk-only"],
)
def test_a_lakehouse_monitoring_inference_profile_monitors_drift(
    tmp_path: Path, monitoring: str, expected: Status
) -> None:
    service = "from fastapi import FastAPI\n\napp = FastAPI()\n"
    tree = {**PACKAGE, "src/demo/app.py": service, "src/demo/monitoring.py": monitoring}
    build_file_tree(tmp_path, tree)
    git_commit(tmp_path)
    assert status_of(audit(tmp_path, "MON003"), "MON003") is expected


FRONT_END_PAGES = [
    "import streamlit as st\nmodel = joblib.load('m.pkl')\nst.write(model.predict(x))\n",
    "import streamlit as st\nst.title('Sales')\n",  # a dashboard: no model
    "model.predict(x)\nimport streamlit as st\n",  # the call before the import
    "import os, streamlit\n# y = model.predict(x)\n",  # the call in a comment after it
    "from streamlit import title\nimport streamlit.pipeline (x)\n",
    "import streamlit, pipeline\n(x)\nimport gradio as gr\nout = pipeline('x')\n",
    '"import gradio as gr\\n",\n"demo = gr.Interface(clf.predict_proba (x))"',
]


@pytest.mark.parametrize("name", ["Streamlit", "Gradio"])
def test_a_page_importing_then_calling_is_searched_as_its_pattern_matches(name: str) -> None:
    recogniser = next(r for r in SERVICES if r.name == name)
    code = recogniser.code_pattern
    assert code is not None
    found = [recogniser.shows(code, page) for page in FRONT_END_PAGES]
    assert found == [matches_as_code(code, page) for page in FRONT_END_PAGES]
    assert any(found) and not all(found)
