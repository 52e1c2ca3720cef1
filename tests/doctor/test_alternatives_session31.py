"""Alternatives users really use, added before a corpus brought them (session 31): each
tool passes its check where it is really used and stays silent where it is only named,
a placeholder or something else (fires/silent pairs). The recognisers' own cases are in
test_recognisers.py; these are the ones a mere mention could be mistaken for."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import PACKAGE, TEST, TRAINING
from tests.doctor.helpers import Tree, committed_status

TRAIN = "src/demo/train.py"
FLASK = {**PACKAGE, "src/demo/app.py": "from flask import Flask\n\napp = Flask(__name__)\n"}


def _passes(root: Path, tree: Tree, check_id: str) -> bool:
    return committed_status(root, tree, check_id) == "passed"


# -- trackers (EXP001) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("report_to", "tracked"),
    [("'wandb'", True), ("['tensorboard', 'mlflow']", True), ("'none'", False), ("[]", False)],
)
def test_a_trainer_reports_to_a_tracker_only_when_it_names_one(
    tmp_path: Path, report_to: str, tracked: bool
) -> None:
    code = (
        "from transformers import Trainer, TrainingArguments\n\n"
        f"args = TrainingArguments(output_dir='out', report_to={report_to})\n"
        "Trainer(model=model, args=args).train()\n"
    )
    assert _passes(tmp_path, {**PACKAGE, TRAIN: code}, "EXP001") is tracked


def test_swanlab_named_in_a_comment_tracks_nothing(tmp_path: Path) -> None:
    code = "# TODO: import swanlab and log the run\n" + TRAINING[TRAIN]
    assert not _passes(tmp_path, {**PACKAGE, TRAIN: code}, "EXP001")


# -- pipelines (DATA004) ------------------------------------------------------------------

AZURE_JOB = (
    "$schema: https://azuremlschemas.azureedge.net/latest/{schema}.schema.json\n"
    "type: {kind}\njobs:\n  train_model:\n    type: command\n    command: python train.py\n"
)


@pytest.mark.parametrize(
    ("schema", "kind", "declared"),
    [("pipelineJob", "pipeline", True), ("commandJob", "command", False)],
)
def test_an_azure_ml_pipeline_job_declares_the_pipeline_a_command_job_does_not(
    tmp_path: Path, schema: str, kind: str, declared: bool
) -> None:
    job = AZURE_JOB.format(schema=schema, kind=kind)
    if not declared:
        job = job.replace("jobs:\n  train_model:\n    type: command\n    ", "")
    tree = {**PACKAGE, **TRAINING, "azureml/job.yml": job}
    assert _passes(tmp_path, tree, "DATA004") is declared


def test_mage_named_in_the_readme_is_no_pipeline(tmp_path: Path) -> None:
    tree = {**PACKAGE, **TRAINING, "README.md": "Orchestrate with mage_ai later.\n"}
    assert not _passes(tmp_path, tree, "DATA004")


# -- services (SERVE001) ------------------------------------------------------------------

SELDON = "apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nmetadata:\n  name: m\n"


@pytest.mark.parametrize(
    ("rel", "content", "serves"),
    [
        ("k8s/seldon.yaml", SELDON, True),
        ("docs/seldon.md", "```yaml\n" + SELDON + "```\n", False),
        ("serving/Dockerfile", "FROM tensorflow/serving:2.14.0\n", True),
        ("serving/Dockerfile", "FROM tensorflow/serving:2.14.0-devel\nRUN make\n", False),
        ("scripts/serve.sh", "#!/bin/sh\nvllm serve facebook/opt-125m\n", True),
        ("scripts/setup.sh", "#!/bin/sh\npip install vllm\n", False),
    ],
)
def test_a_model_server_serves_where_it_is_started_not_where_it_is_named(
    tmp_path: Path, rel: str, content: str, serves: bool
) -> None:
    tree = {**PACKAGE, **TRAINING, rel: content}
    assert _passes(tmp_path, tree, "SERVE001") is serves


def test_a_kserve_manifest_of_another_api_is_no_inference_service(tmp_path: Path) -> None:
    manifest = "apiVersion: example.com/v1\nkind: InferenceService\nmetadata:\n  name: m\n"
    assert not _passes(tmp_path, {**PACKAGE, **TRAINING, "k8s/isvc.yaml": manifest}, "SERVE001")


# -- drift monitoring (MON003) ------------------------------------------------------------

DRIFT = {
    "popmon": "import popmon\n\nreport = df.pm_stability_report(time_axis='date')\n",
    "arize": "from arize.pandas.logger import Client\n\nclient = Client(space_id='s')\n",
    "SageMaker Model Monitor": (
        "from sagemaker.model_monitor import DefaultModelMonitor\n\n"
        "monitor = DefaultModelMonitor(role=role, instance_count=1)\n"
    ),
    "Vertex AI model monitoring": (
        "from google.cloud import aiplatform\n\n"
        "job = aiplatform.ModelDeploymentMonitoringJob.create(endpoint=endpoint)\n"
    ),
}
# The same tools used for something that compares nothing with a baseline.
NO_DRIFT = {
    "SageMaker data capture": (
        "from sagemaker.model_monitor import DataCaptureConfig\n\n"
        "capture = DataCaptureConfig(enable_capture=True)\n"
    ),
    "a monitoring job listed": (
        "from google.cloud import aiplatform\n\n"
        "jobs = aiplatform.ModelDeploymentMonitoringJob.list()\n"
    ),
}


@pytest.mark.parametrize("name", sorted(DRIFT))
def test_mon003_passes_on_the_drift_monitor(tmp_path: Path, name: str) -> None:
    tree = {**FLASK, "src/demo/monitor.py": DRIFT[name]}
    assert _passes(tmp_path, tree, "MON003")


@pytest.mark.parametrize("name", sorted(NO_DRIFT))
def test_mon003_fires_on_what_monitors_no_drift(tmp_path: Path, name: str) -> None:
    tree = {**FLASK, "src/demo/monitor.py": NO_DRIFT[name]}
    assert committed_status(tmp_path, tree, "MON003") == "failed"


# -- data validation (DATA005) ------------------------------------------------------------

DEEQU = (
    "from pydeequ.checks import Check, CheckLevel\n"
    "from pydeequ.verification import VerificationSuite\n\n\ndef validate(spark, frame):\n"
    "    check = Check(spark, CheckLevel.Error, 'rows').isComplete('id').isUnique('id')\n"
    "    return VerificationSuite(spark).onData(frame).addCheck(check).run()\n"
)


@pytest.mark.parametrize(
    ("code", "validated"),
    [
        (DEEQU, True),
        ("from pydeequ.checks import Check\n\n\ndef f(c: Check) -> None: ...\n", False),
    ],
)
def test_data005_passes_on_pydeequ_checks_not_on_an_annotation(
    tmp_path: Path, code: str, validated: bool
) -> None:
    tree = {**PACKAGE, **TRAINING, **TEST, "src/demo/quality.py": code}
    assert _passes(tmp_path, tree, "DATA005") is validated


# -- CI systems (CI001, CI002) ------------------------------------------------------------

APPVEYOR = (
    "image: Ubuntu2204\ninstall:\n  - pip install -r requirements.txt\ntest_script:\n  - pytest\n"
)
SEMAPHORE = (
    "version: v1.0\nname: ci\nagent:\n  machine:\n    type: e1-standard-2\nblocks:\n"
    "  - name: tests\n    task:\n      jobs:\n        - name: pytest\n          commands:\n"
    "            - checkout\n            - pytest\n"
)


@pytest.mark.parametrize(
    ("rel", "content"), [("appveyor.yml", APPVEYOR), (".semaphore/semaphore.yml", SEMAPHORE)]
)
def test_appveyor_and_semaphore_are_ci_that_runs_the_tests(
    tmp_path: Path, rel: str, content: str
) -> None:
    tree = {**PACKAGE, **TEST, rel: content}
    assert _passes(tmp_path, tree, "CI001")
    assert _passes(tmp_path / "again", tree, "CI002")


def test_an_appveyor_file_in_a_folder_is_no_ci(tmp_path: Path) -> None:
    assert not _passes(tmp_path, {**PACKAGE, **TEST, "ci/appveyor.yml": APPVEYOR}, "CI001")


# -- linters (CI003) ----------------------------------------------------------------------

WORKFLOW = (
    "on: push\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n      - run: {command}\n"
)


@pytest.mark.parametrize(
    ("command", "lints"),
    [
        ("basedpyright src", True),
        ("pytype src/", True),
        ("pip install basedpyright pytype", False),
    ],
)
def test_ci003_counts_a_type_checker_run_not_its_install(
    tmp_path: Path, command: str, lints: bool
) -> None:
    tree = {**PACKAGE, ".github/workflows/ci.yml": WORKFLOW.format(command=command)}
    assert _passes(tmp_path, tree, "CI003") is lints


# -- lock files (ENV002) ------------------------------------------------------------------

PYPROJECT = '[project]\nname = "demo"\nversion = "0.1"\ndependencies = ["numpy>=1.26"]\n'
PYLOCK = (
    'lock-version = "1.0"\ncreated-by = "uv"\n\n[[packages]]\nname = "numpy"\nversion = "2.1.0"\n'
)


@pytest.mark.parametrize(
    ("rel", "locked"),
    [("pylock.toml", True), ("pylock.gpu.toml", True), ("pylock-notes.toml", False)],
)
def test_env002_takes_a_pep_751_lock(tmp_path: Path, rel: str, locked: bool) -> None:
    tree = {**PACKAGE, "pyproject.toml": PYPROJECT, rel: PYLOCK}
    assert _passes(tmp_path, tree, "ENV002") is locked


# -- secrets (SEC001) ---------------------------------------------------------------------

# Random-looking tokens of each format, made up for these tests.
TOKENS = {
    "Anthropic": "sk-ant-api03-" + "Qx7vL2mN9pR4tW8yB3cF6hJ1kZ5s" * 3 + "Qx7vL2mN9AA",
    "GitLab": "glpat-Ab3dE5fG7hJ9kL1mN3pQ",
    "Databricks": "dapi" + "0a1b2c3d4e5f6a7b" * 2,
    "PyPI": "pypi-AgEIcHlwaS5vcmc" + "CJGY2ZjRlZDE4LTQ5NzktNDQ0Yi1hOTdjLWQ3OGE0YjQ1YTI0NQ" * 2,
}
PLACEHOLDERS = {
    "Anthropic": "sk-ant-api03-...",
    "GitLab": "glpat-xxxxxxxxxxxxxxxxxxxx",
    "Databricks": "dapi<your-token>",
    "PyPI": "pypi-AgEIcHlwaS5vcmc",
}


@pytest.mark.parametrize("name", sorted(TOKENS))
def test_sec001_reports_the_token(tmp_path: Path, name: str) -> None:
    tree = {**PACKAGE, "src/demo/settings.py": f'CLIENT_ARGS = {{"auth": "{TOKENS[name]}"}}\n'}
    assert committed_status(tmp_path, tree, "SEC001") == "failed"


@pytest.mark.parametrize("name", sorted(PLACEHOLDERS))
def test_sec001_leaves_the_placeholder(tmp_path: Path, name: str) -> None:
    text = f"Set the token (`{PLACEHOLDERS[name]}`) in your environment.\n"
    assert committed_status(tmp_path, {**PACKAGE, "README.md": text}, "SEC001") == "passed"
