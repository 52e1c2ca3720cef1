"""Round 17's serving results. SERVE003: MLflow loads of models the repository's own code
pickles when it logs them, Ultralytics' checkpoint loads, BentoML export steps that are no
service. MON001: predictions written through another module's helper (an InfluxDB point),
a generative service's question-and-answer rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Report, Status
from tests.conftest import build_file_tree
from tests.doctor.cases import API, SERVICE_WITH_MODEL, TRAINING
from tests.doctor.helpers import audit, status_of

PYFUNC_LOAD = "import mlflow\n\nmodel = mlflow.pyfunc.load_model('models:/churn/Production')\n"
SKLEARN_LOAD = "import mlflow.sklearn\n\nmodel = mlflow.sklearn.load_model('models/churn')\n"
TRAIN = "import mlflow\n\n\ndef train(model):\n    {log}\n"
WRAPPER = (
    "import mlflow\n\n\nclass Wrapper(mlflow.pyfunc.PythonModel):\n"
    "    def predict(self, context, x):\n        return x\n\n\n"
)


def _serve003(root: Path, tree: dict[str, str]) -> list[str]:
    build_file_tree(root, {**SERVICE_WITH_MODEL, **tree})
    return [f"{f.path}:{f.line}" for f in audit(root, "SERVE003").findings]


@pytest.mark.parametrize(
    ("load", "log", "reported"),
    [
        (PYFUNC_LOAD, "mlflow.sklearn.log_model(model, 'model')", True),
        (SKLEARN_LOAD, "mlflow.sklearn.save_model(model, 'models/churn')", True),
        (PYFUNC_LOAD, "mlflow.pytorch.log_model(model, 'model')", True),
        (PYFUNC_LOAD, "mlflow.pyfunc.log_model('model', python_model=Wrapper())", True),
        # formats of their own, and a model from code (a `.py` file, no pickle)
        (PYFUNC_LOAD, "mlflow.xgboost.log_model(model, 'model')", False),
        (PYFUNC_LOAD, "mlflow.onnx.log_model(model, 'model')", False),
        (PYFUNC_LOAD, "mlflow.pyfunc.log_model('model', python_model='src/wrap.py')", False),
        # the sklearn flavour stores a pickle whoever logged the model
        (SKLEARN_LOAD, "mlflow.pytorch.log_model(model, 'model')", True),
        (SKLEARN_LOAD, "mlflow.sklearn.log_model(model, 'm', serialization_format='skops')", False),
    ],
)
def test_serve003_reports_an_mlflow_load_of_a_model_the_code_pickles(
    tmp_path: Path, load: str, log: str, reported: bool
) -> None:
    tree = {"src/demo/model.py": load, "src/demo/train.py": WRAPPER + TRAIN.format(log=log)}
    assert bool(_serve003(tmp_path, tree)) is reported


def test_serve003_follows_python_model_passed_in_a_mapping(tmp_path: Path) -> None:
    log = "kwargs = {'python_model': Wrapper()}\n    mlflow.pyfunc.save_model('m', **kwargs)"
    tree = {"src/demo/model.py": PYFUNC_LOAD, "src/demo/train.py": WRAPPER + TRAIN.format(log=log)}
    assert _serve003(tmp_path, tree) == ["src/demo/model.py:3"]


def test_serve003_leaves_a_pickling_log_made_only_by_a_test(tmp_path: Path) -> None:
    log = "mlflow.sklearn.log_model(model, 'model')"
    tree = {"src/demo/model.py": PYFUNC_LOAD, "tests/test_train.py": TRAIN.format(log=log)}
    assert _serve003(tmp_path, tree) == []


@pytest.mark.parametrize(
    ("argument", "reported"),
    [("'runs/best.pt'", True), ("f'{ROOT}/weights.pth'", True), ("'yolov8n.onnx'", False)],
)
def test_serve003_reports_an_ultralytics_checkpoint_load(
    tmp_path: Path, argument: str, reported: bool
) -> None:
    model = f"from ultralytics import YOLO\n\nROOT = 'models'\nmodel = YOLO({argument})\n"
    assert bool(_serve003(tmp_path, {"src/demo/model.py": model})) is reported


BENTO_SERVICE = (
    "import bentoml\n\nrunner = bentoml.onnx.get('detector:latest').to_runner()\n"
    "svc = bentoml.Service('detector', runners=[runner])\n"
)
# An export step: loads the checkpoint, saves the model into BentoML's store.
BENTO_EXPORT = (
    "import bentoml\nimport lightning as L\n\n\nclass Net(L.LightningModule):\n    pass\n\n\n"
    "def export():\n    model = Net.load_from_checkpoint('models/last.ckpt')\n"
    "    bentoml.pytorch.save_model('detector', model)\n"
)


@pytest.mark.parametrize(
    ("export", "reported"),
    [
        (BENTO_EXPORT, []),
        # the same load in the module that declares the service is the service's
        (BENTO_EXPORT + BENTO_SERVICE.partition("\n\n")[2], ["src/export.py:10"]),
    ],
)
def test_serve003_leaves_an_export_step_that_saves_into_bentoml(
    tmp_path: Path, export: str, reported: list[str]
) -> None:
    build_file_tree(tmp_path, {"src/service.py": BENTO_SERVICE, "src/export.py": export})
    assert [f"{f.path}:{f.line}" for f in audit(tmp_path, "SERVE003").findings] == reported


BENTO_GET = (
    "import bentoml\n\nrunner = bentoml.models.get('clf:latest').to_runner()\n"
    "svc = bentoml.Service('clf', runners=[runner])\n"
)
BENTO_IMPORT = (
    "import bentoml\n\n\ndef save(model):\n    bentoml.{flavour}.save_model('clf', model)\n"
)


@pytest.mark.parametrize(
    ("flavour", "reported"),
    [
        ("picklable_model", ["src/service.py:3"]),
        # scikit-learn's flavour joblib-dumps the estimator
        ("sklearn", ["src/service.py:3"]),
        # flavours with a format of their own
        ("onnx", []),
        ("transformers", []),
    ],
)
def test_serve003_reports_a_bentoml_get_of_a_model_saved_as_a_pickle(
    tmp_path: Path, flavour: str, reported: list[str]
) -> None:
    tree = {
        "src/service.py": BENTO_GET,
        "src/import_model.py": BENTO_IMPORT.format(flavour=flavour),
    }
    build_file_tree(tmp_path, tree)
    assert [f"{f.path}:{f.line}" for f in audit(tmp_path, "SERVE003").findings] == reported


# MON001: a prediction written as an InfluxDB point through a helper of another module.
INFLUX_HELPER = (
    "from influxdb_client import InfluxDBClient, Point\n\n"
    "write_api = InfluxDBClient(url='http://influx:8086').write_api()\n\n\n"
    "def write_record(record):\n    write_api.write(bucket='runs', record=record)\n"
)
LOG_RUN = (
    "from demo.influx import write_record\nfrom influxdb_client import Point\n\n\n"
    "def log_run(prediction):\n"
    "    write_record(Point('inference').field('prediction', prediction))\n"
)


def _mon001(root: Path, tree: dict[str, str]) -> Status:
    build_file_tree(root, {**SERVICE_WITH_MODEL, "src/demo/model.py": "model = None\n", **tree})
    return status_of(audit(root, "MON001"), "MON001")


@pytest.mark.parametrize(
    ("helper", "status"),
    [
        (INFLUX_HELPER, Status.PASSED),
        # a helper of that name that only prints the point stores nothing
        ("def write_record(record):\n    print(record)\n", Status.FAILED),
    ],
)
def test_mon001_follows_a_point_written_by_another_modules_helper(
    tmp_path: Path, helper: str, status: Status
) -> None:
    tree = {"src/demo/influx.py": helper, "src/demo/log_run.py": LOG_RUN}
    assert _mon001(tmp_path, tree) is status


HISTORY = (
    "from demo.db import get_session\nfrom demo.tables import ChatHistory\n\n\n"
    "def append_history(question, answer):\n    with get_session() as session:\n"
    "        rec = ChatHistory({fields})\n        session.add(rec)\n        session.commit()\n"
)


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ("question=question, answer=answer", Status.PASSED),
        # a row of the question alone keeps no answer of the model
        ("question=question", Status.FAILED),
    ],
)
def test_mon001_counts_a_question_and_answer_row(
    tmp_path: Path, fields: str, status: Status
) -> None:
    tree = {"src/demo/history.py": HISTORY.format(fields=fields)}
    assert _mon001(tmp_path, tree) is status


# DATA001: a named version of a dataset fetched from Picsellia's managed store.
PICSELLIA = (
    "from picsellia import Client\n\n\ndef download(token, dataset_id, name):\n"
    "    dataset = Client(api_token=token).get_dataset_by_id(dataset_id)\n"
    "    {fetch}\n    return version.download('data/')\n"
)


@pytest.mark.parametrize(
    ("fetch", "status"),
    [
        ("version = dataset.get_version(name)", Status.PASSED),
        ("version = dataset.get_last_version()", Status.PASSED),
        # the client alone, listing what the store holds, fetches no version
        ("version = dataset.list_assets()", Status.FAILED),
    ],
)
def test_data001_counts_a_picsellia_dataset_version(
    tmp_path: Path, fetch: str, status: Status
) -> None:
    tree = {**TRAINING, "src/demo/download.py": PICSELLIA.format(fetch=fetch)}
    build_file_tree(tmp_path, tree)
    assert status_of(audit(tmp_path, "DATA001"), "DATA001") is status


# A SageMaker built-in algorithm trained and deployed by GitLab CI with the aws CLI.
GITLAB_SAGEMAKER = (
    "stages: [prepare, train, deploy]\n"
    "prepare:\n  stage: prepare\n  script:\n    - python scripts/prepare.py\n"
    "train:\n  stage: train\n  script:\n    - {train}\n"
    "deploy:\n  stage: deploy\n  script:\n    - {deploy}\n"
)
TRAIN_JOB = "aws sagemaker create-training-job --training-job-name $JOB --role-arn $ROLE"
ENDPOINT = "aws sagemaker create-endpoint --endpoint-name $NAME --endpoint-config-name $CONFIG"
SAGEMAKER_TREE = {
    "requirements.txt": "boto3\nsagemaker\n",
    "scripts/prepare.py": "import pandas as pd\n\npd.read_csv('s3://b/raw.csv').to_csv('x')\n",
}


def _sagemaker(root: Path, train: str, deploy: str) -> Report:
    ci = GITLAB_SAGEMAKER.format(train=train, deploy=deploy)
    build_file_tree(root, {**SAGEMAKER_TREE, ".gitlab-ci.yml": ci})
    return audit(root, "EXP001", "DATA004", "SERVE001", "SERVE002", "MON002", "MON003")


def test_a_managed_training_job_started_by_ci_is_training(tmp_path: Path) -> None:
    report = _sagemaker(tmp_path, TRAIN_JOB, "echo done")
    assert status_of(report, "EXP001") is Status.FAILED
    assert status_of(report, "DATA004") is Status.PASSED  # prepare, then the training job


def test_a_ci_job_that_lists_training_jobs_trains_nothing(tmp_path: Path) -> None:
    report = _sagemaker(tmp_path, "aws sagemaker list-training-jobs", "echo done")
    assert status_of(report, "EXP001") is Status.NOT_APPLICABLE


def test_a_sagemaker_endpoint_deployed_by_ci_is_a_service(tmp_path: Path) -> None:
    report = _sagemaker(tmp_path, TRAIN_JOB, ENDPOINT)
    assert status_of(report, "SERVE001") is Status.PASSED
    assert status_of(report, "SERVE002") is Status.PASSED  # the container answers /ping
    assert status_of(report, "MON002") is Status.PASSED  # CloudWatch's endpoint metrics
    assert status_of(report, "MON003") is Status.FAILED


@pytest.mark.parametrize(
    "deploy", ["aws sagemaker create-endpoint-config --endpoint-config-name c", "echo done"]
)
def test_an_endpoint_config_alone_serves_nothing(tmp_path: Path, deploy: str) -> None:
    report = _sagemaker(tmp_path, TRAIN_JOB, deploy)
    assert status_of(report, "SERVE001") is Status.NOT_APPLICABLE


SDK_DEPLOY = (
    "from sagemaker.model import Model\n\n"
    "model = Model(model_data=URI, role=ROLE, image_uri=IMAGE)\n"
    "model.deploy({arguments})\n"
)


@pytest.mark.parametrize(
    ("arguments", "status"),
    [
        ("initial_instance_count=1, instance_type='ml.m5.large'", Status.PASSED),
        ("target='staging'", Status.NOT_APPLICABLE),  # some other tool's deploy
    ],
)
def test_a_sagemaker_sdk_deploy_is_a_service(
    tmp_path: Path, arguments: str, status: Status
) -> None:
    tree = {**TRAINING, "scripts/deploy.py": SDK_DEPLOY.format(arguments=arguments)}
    build_file_tree(tmp_path, tree)
    assert status_of(audit(tmp_path, "SERVE001"), "SERVE001") is status


# ENV004: a platform answers for the services in its own folders only.
@pytest.mark.parametrize(
    ("api", "status"),
    [
        ({}, Status.PASSED),
        # a FastAPI front in its own folder, sharing the training set: judged on its own
        ({"services/api/app.py": API}, Status.FAILED),
    ],
)
def test_env004_sagemaker_answers_only_for_its_own_folders(
    tmp_path: Path, api: dict[str, str], status: Status
) -> None:
    tree = {
        **TRAINING,
        "requirements.txt": "scikit-learn\nsagemaker\nfastapi\n",
        "ci/deploy.yml": f"deploy:\n  script:\n    - {ENDPOINT}\n",
        **api,
    }
    build_file_tree(tmp_path, tree)
    assert status_of(audit(tmp_path, "ENV004"), "ENV004") is status


# Triton serves the models of its repository: the image that runs it is the service.
@pytest.mark.parametrize(
    ("image", "status"),
    [
        (
            'FROM nvcr.io/nvidia/tritonserver:24.01-py3\nENTRYPOINT ["tritonserver"]\n',
            Status.PASSED,
        ),
        (
            "docker run -p 8000:8000 -v $PWD/models:/models"
            " nvcr.io/nvidia/tritonserver:24.01-py3 tritonserver --model-repository=/models\n",
            Status.PASSED,
        ),
        # Triton's client SDK image sends requests; it serves nothing
        ("FROM nvcr.io/nvidia/tritonserver:24.01-py3-sdk\nCMD python client.py\n", None),
    ],
)
def test_a_triton_server_is_a_service(tmp_path: Path, image: str, status: Status | None) -> None:
    name = "triton/Dockerfile" if image.startswith("FROM") else "triton/serve.sh"
    build_file_tree(
        tmp_path, {**TRAINING, "triton/model_repository/m/config.pbtxt": "", name: image}
    )
    report = audit(tmp_path, "SERVE001", "SERVE002", "MON002")
    if status is None:
        assert status_of(report, "SERVE001") is not Status.PASSED
    else:
        assert [status_of(report, i) for i in ("SERVE001", "SERVE002", "MON002")] == [status] * 3


# DATA001: a model fitted on values the code spells out; git versions them.
WORDS = (
    "from sklearn.ensemble import RandomForestClassifier\n\n\ndef train_model({parameters}):\n"
    "    words = {words}\n    labels = [1 if len(w) >= 5 else 0 for w in words]\n"
    "    X = [[len(w)] for w in words]\n"
    "    return RandomForestClassifier().fit(X, labels)\n"
)


@pytest.mark.parametrize(
    ("parameters", "words", "status"),
    [
        ("", '["apple", "car", "laptop"]', Status.PASSED),
        # the words come from the caller, or from a file: data the code does not hold
        ("words_in", "list(words_in)", Status.FAILED),
        ("", "open('data/words.txt').read().split()", Status.FAILED),
    ],
)
def test_data001_passes_data_written_in_the_code(
    tmp_path: Path, parameters: str, words: str, status: Status
) -> None:
    model = WORDS.format(parameters=parameters, words=words)
    build_file_tree(tmp_path, {**SERVICE_WITH_MODEL, "src/demo/model.py": model})
    assert status_of(audit(tmp_path, "DATA001"), "DATA001") is status
