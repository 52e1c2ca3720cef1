"""DATA004 reads a pipeline declared without a pipeline tool: CI steps that run a program
of the repository and then the training (GitHub steps, Jenkins stages, a job spec a
linked job submits), and a program that runs named stages from a registry."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.doctor.cases import PACKAGE, TRAINING
from tests.doctor.helpers import status_on

STEPS = (
    "on: workflow_dispatch\njobs:\n  train:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n      - run: pip install -r requirements.txt\n"
    "{steps}"
)
PREPARE = "src/demo/prepare.py"
TREE = {**PACKAGE, **TRAINING, PREPARE: "def main():\n    return 1\n"}


def pipeline_status(root: Path, files: dict[str, str]) -> Status:
    return status_on(root, {**TREE, **files}, "DATA004")


def test_workflow_steps_that_prepare_the_data_then_train_declare_the_pipeline(
    tmp_path: Path,
) -> None:
    steps = (
        "      - name: Prepare data\n        run: python src/demo/prepare.py\n"
        "      - name: Train\n        run: python src/demo/train.py\n"
    )
    workflow = {".github/workflows/train.yml": STEPS.format(steps=steps)}
    assert pipeline_status(tmp_path, workflow) is Status.PASSED


def test_one_step_running_the_programs_in_a_row_declares_no_pipeline(tmp_path: Path) -> None:
    steps = (
        "      - run: |\n          python src/demo/prepare.py\n          python src/demo/train.py\n"
    )
    workflow = {".github/workflows/train.yml": STEPS.format(steps=steps)}
    assert pipeline_status(tmp_path, workflow) is Status.FAILED


def test_a_workflow_that_only_installs_then_trains_declares_no_pipeline(tmp_path: Path) -> None:
    steps = "      - run: pip install -e .\n      - run: python src/demo/train.py\n"
    workflow = {".github/workflows/train.yml": STEPS.format(steps=steps)}
    assert pipeline_status(tmp_path, workflow) is Status.FAILED


JENKINSFILE = (
    "pipeline {{\n  agent any\n  stages {{\n"
    "    stage('First') {{\n      steps {{\n        sh 'python main.py {first}'\n      }}\n    }}\n"
    "    stage('Second') {{\n      steps {{\n        sh 'python main.py {second}'\n      }}\n"
    "    }}\n  }}\n}}\n"
)
MAIN = {"main.py": "import sys\n\nfrom demo.train import main\n"}


def test_jenkins_stages_that_prepare_then_train_declare_the_pipeline(tmp_path: Path) -> None:
    stages = JENKINSFILE.format(first="--prepare", second="--train")
    assert pipeline_status(tmp_path, {**MAIN, "Jenkinsfile": stages}) is Status.PASSED


def test_jenkins_stages_that_never_train_declare_no_pipeline(tmp_path: Path) -> None:
    stages = JENKINSFILE.format(first="--prepare", second="--report")
    assert pipeline_status(tmp_path, {**MAIN, "Jenkinsfile": stages}) is Status.FAILED


LINKED = (
    "on: workflow_dispatch\njobs:\n  train:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - run: az ml job create --file jobs/train.yml\n"
    "  register:\n    needs: [train]\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - run: az ml model create --name demo\n"
)
JOB_SPEC = "command: >-\n  python {script} --data ${{{{inputs.data}}}}\ncode: .\n"


def test_a_linked_job_that_submits_a_training_job_spec_declares_the_pipeline(
    tmp_path: Path,
) -> None:
    files = {
        ".github/workflows/model.yml": LINKED,
        "jobs/train.yml": JOB_SPEC.format(script="train.py"),
    }
    assert pipeline_status(tmp_path, files) is Status.PASSED


def test_a_linked_job_whose_spec_only_scores_declares_no_pipeline(tmp_path: Path) -> None:
    files = {
        ".github/workflows/model.yml": LINKED,
        "jobs/train.yml": JOB_SPEC.format(script="score.py"),
    }
    assert pipeline_status(tmp_path, files) is Status.FAILED


RUNNER = (
    "import sys\n\nfrom demo import prepare, train\n\n"
    "STAGES = {{\n    'prepare': prepare.main,\n    '{second}': train.main,\n}}\n\n\n"
    "def run(names):\n    for name in names:\n        {call}\n\n\n"
    "if __name__ == '__main__':\n    run(sys.argv[1:])\n"
)


def test_a_runner_of_named_stages_one_of_which_trains_declares_the_pipeline(
    tmp_path: Path,
) -> None:
    runner = RUNNER.format(second="train", call="STAGES[name]()")
    assert pipeline_status(tmp_path, {"run_stages.py": runner}) is Status.PASSED


def test_a_table_of_stages_nothing_runs_by_name_declares_no_pipeline(tmp_path: Path) -> None:
    runner = RUNNER.format(second="train", call="print(STAGES)")
    assert pipeline_status(tmp_path, {"run_stages.py": runner}) is Status.FAILED


def test_a_runner_of_stages_none_of_which_trains_declares_no_pipeline(tmp_path: Path) -> None:
    runner = RUNNER.format(second="report", call="STAGES[name]()").replace(
        "train.main", "prepare.report"
    )
    assert pipeline_status(tmp_path, {"run_stages.py": runner}) is Status.FAILED


def test_steps_that_prepare_the_training_split_declare_no_pipeline(tmp_path: Path) -> None:
    steps = (
        "      - run: python src/demo/prepare.py\n"
        "      - run: python src/demo/prepare.py --split train\n"
    )
    workflow = {".github/workflows/train.yml": STEPS.format(steps=steps)}
    assert pipeline_status(tmp_path, workflow) is Status.FAILED


ARGO = (
    "apiVersion: argoproj.io/v1alpha1\nkind: {kind}\nmetadata:\n  generateName: demo-\n"
    "spec:\n  entrypoint: main\n  templates:\n  - name: main\n    steps:\n"
    "      - - name: {first}\n          template: run\n      - - name: publish\n"
    "          template: run\n  - name: run\n    container:\n      image: demo:1\n"
)


def test_an_argo_workflow_with_a_training_step_declares_the_pipeline(tmp_path: Path) -> None:
    workflow = {"argo/workflow.yaml": ARGO.format(kind="WorkflowTemplate", first="train-model")}
    assert pipeline_status(tmp_path, workflow) is Status.PASSED


def test_an_argo_workflow_that_only_builds_declares_no_pipeline(tmp_path: Path) -> None:
    workflow = {"argo/workflow.yaml": ARGO.format(kind="Workflow", first="build-image")}
    assert pipeline_status(tmp_path, workflow) is Status.FAILED
