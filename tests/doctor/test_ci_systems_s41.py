"""Session 41's CI systems: a CodeBuild buildspec the repository wires to a project, GoCD's
pipelines as code, Cloud Build configurations whose trigger the repository declares, and the
pipelines an AWS CDK app constructs, each read down to the commands its steps run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import committed_status

SUITE = {
    "requirements.txt": "scikit-learn==1.5.0\n",
    "src/model.py": "def predict(x):\n    return 2 * x\n",
    "tests/test_model.py": (
        "from src.model import predict\n\n\ndef test_doubles():\n    assert predict(2) == 4\n"
    ),
}

# -- CodeBuild: a buildspec the repository wires to a project is CI, wherever it is ---------

BUILDSPEC = (
    "version: 0.2\nphases:\n  install:\n    runtime-versions:\n      python: 3.12\n"
    "    commands:\n      - pip install -r requirements.txt\n"
    "  build:\n    commands:\n      - {command}\n"
)
CODEBUILD_PROJECT = {"infra/main.tf": 'resource "aws_codebuild_project" "ci" {\n}\n'}


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("codebuild-buildspec.yml", "passed"),
        ("pipeline/buildspec.yml", "passed"),
        ("tests/fixtures/buildspec.yml", "failed"),  # data a test reads
        (".ipynb_checkpoints/codebuild-buildspec-checkpoint.yml", "failed"),
    ],
)
def test_a_declared_buildspec_is_ci_unless_a_fixture_or_a_copy(
    tmp_path: Path, path: str, status: str
) -> None:
    tree = {**SUITE, **CODEBUILD_PROJECT, path: BUILDSPEC.format(command="python run_pipeline.py")}
    assert committed_status(tmp_path, tree, "CI001") == status


@pytest.mark.parametrize(("command", "status"), [("flake8 src", "passed"), ("echo ok", "failed")])
def test_a_declared_buildspec_is_read_for_a_linter(
    tmp_path: Path, command: str, status: str
) -> None:
    tree = {
        **SUITE,
        **CODEBUILD_PROJECT,
        "codebuild-buildspec.yml": BUILDSPEC.format(command=command),
    }
    assert committed_status(tmp_path, tree, "CI003") == status


# -- GoCD: `*.gocd.yaml`, its jobs' exec tasks ----------------------------------------------

GOCD = (
    "pipelines:\n  ci:\n    group: demo\n    materials:\n      repo:\n"
    "        git: https://example.com/demo.git\n    stages:\n      - commit:\n"
    "          jobs:\n            build_and_test:\n              tasks:\n"
    "              - exec:\n                  command: bash\n                  arguments:\n"
    "                  - -c\n                  - {command}\n"
)


@pytest.mark.parametrize(("command", "status"), [("pytest -q", "passed"), ("echo ok", "failed")])
def test_a_gocd_pipeline_is_ci_and_its_exec_tasks_run(
    tmp_path: Path, command: str, status: str
) -> None:
    tree = {**SUITE, "ci.gocd.yaml": GOCD.format(command=command)}
    assert committed_status(tmp_path, tree, "CI001") == "passed"
    assert committed_status(tmp_path, tree, "CI002") == status


def test_nosetests_runs_the_tests(tmp_path: Path) -> None:
    tree = {**SUITE, "ci.gocd.yaml": GOCD.format(command="nosetests tests")}
    assert committed_status(tmp_path, tree, "CI002") == "passed"


# -- Cloud Build: CI when the repository declares the trigger that starts it ----------------

CLOUD_BUILD = (
    "steps:\n  - name: python:3.12\n    entrypoint: pip\n"
    "    args: [install, -r, requirements.txt]\n"
    "  - name: python:3.12\n    entrypoint: python\n    args: [-m, {runner}, tests/test_model.py]\n"
)
TRIGGER_DOC = (
    "# CI/CD\n\nSet up a Cloud Build trigger for `cloudbuild/pr-checks.yaml` on every pull "
    "request to main.\n"
)
TRIGGER_SCRIPT = (
    "gcloud builds triggers create github --repo-name=demo --branch-pattern=main "
    "--build-config=cloudbuild/pr-checks.yaml\n"
)
TRIGGER_TERRAFORM = (
    'resource "google_cloudbuild_trigger" "pr" {\n  filename = "cloudbuild/pr-checks.yaml"\n}\n'
)


@pytest.mark.parametrize(
    ("declared", "status"),
    [
        ({"docs/Automation.md": TRIGGER_DOC}, "failed"),  # made by hand in the console
        ({"scripts/triggers.sh": TRIGGER_SCRIPT}, "passed"),
        # a guide's "Bonus: set up a trigger", the command in a README (round 47)
        ({"README.md": f"## Bonus: CI/CD\n\n```bash\n{TRIGGER_SCRIPT}```\n"}, "failed"),
        ({"infra/triggers.tf": TRIGGER_TERRAFORM}, "passed"),
        ({}, "failed"),  # submitted by hand: `gcloud builds submit`
    ],
)
def test_a_cloud_build_config_is_ci_where_a_trigger_starts_it(
    tmp_path: Path, declared: dict[str, str], status: str
) -> None:
    tree = {**SUITE, **declared, "cloudbuild/pr-checks.yaml": CLOUD_BUILD.format(runner="pytest")}
    assert committed_status(tmp_path, tree, "CI001") == status


@pytest.mark.parametrize(("runner", "status"), [("pytest", "passed"), ("compileall", "failed")])
def test_a_cloud_build_steps_entrypoint_and_args_run(
    tmp_path: Path, runner: str, status: str
) -> None:
    tree = {
        **SUITE,
        "scripts/triggers.sh": TRIGGER_SCRIPT,
        "cloudbuild/pr-checks.yaml": CLOUD_BUILD.format(runner=runner),
    }
    assert committed_status(tmp_path, tree, "CI002") == status


def test_a_cloud_build_builders_image_is_its_program(tmp_path: Path) -> None:
    config = "steps:\n  - name: gcr.io/cloud-builders/docker\n    args: [build, -t, app, .]\n"
    tree = {
        **SUITE,
        "scripts/triggers.sh": TRIGGER_SCRIPT,
        "cloudbuild/pr-checks.yaml": config,
        "Dockerfile": "FROM python:3.12-slim\nCOPY . .\nRUN ruff check .\n",
    }
    assert committed_status(tmp_path, tree, "CI003") == "passed"


# -- AWS CDK: the pipeline an app constructs, with the commands its steps list --------------

CDK_STACK = """import aws_cdk as cdk
from aws_cdk.pipelines import CodePipeline, CodePipelineSource, ShellStep
from constructs import Construct


class PipelineStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        synth = ShellStep(
            "Synth",
            input=CodePipelineSource.git_hub("acme/demo", "main"),
            commands=[
                "npm install -g aws-cdk",
                "pip install -r requirements.txt",  # the app's own
                "{command}",
                "cdk synth",
            ],
        )
        CodePipeline(self, "Pipeline", synth=synth)
"""


@pytest.mark.parametrize(
    ("command", "status"), [("ruff check src", "passed"), ("python -V", "failed")]
)
def test_a_cdk_pipeline_is_ci_and_its_steps_commands_run(
    tmp_path: Path, command: str, status: str
) -> None:
    tree = {**SUITE, "infra/pipeline_stack.py": CDK_STACK.replace("{command}", command)}
    assert committed_status(tmp_path, tree, "CI001") == "passed"
    assert committed_status(tmp_path, tree, "CI003") == status


def test_a_class_named_codepipeline_outside_the_cdk_is_no_ci(tmp_path: Path) -> None:
    code = "class CodePipeline:\n    pass\n\n\npipeline = CodePipeline()\n"
    tree = {**SUITE, "src/pipeline.py": code}
    assert committed_status(tmp_path, tree, "CI001") == "failed"


# -- TEST001: cdk init's example test checks nothing until uncommented ----------------------

CDK_INIT_TEST = """import aws_cdk as core
import aws_cdk.assertions as assertions

from demo.demo_stack import DemoStack


# example tests. To run these tests, uncomment this file along with the example
# resource in demo/demo_stack.py
def test_sqs_queue_created():
    app = core.App()
    stack = DemoStack(app, "demo")
    template = assertions.Template.from_stack(stack)

{check}    template.has_resource_properties("AWS::SQS::Queue", {{
{check}        "VisibilityTimeout": 300
{check}    }})
"""
CDK_APP = {
    "app.py": "import aws_cdk as cdk\n\nfrom demo.demo_stack import DemoStack\n",
    "demo/__init__.py": "",
    "demo/demo_stack.py": "import aws_cdk as cdk\n\n\nclass DemoStack(cdk.Stack):\n    pass\n",
}


@pytest.mark.parametrize(("check", "status"), [("#", "failed"), ("", "passed")])
def test_a_test_whose_only_check_is_commented_out_is_no_suite(
    tmp_path: Path, check: str, status: str
) -> None:
    test = CDK_INIT_TEST.format(check=check)
    tree = {**CDK_APP, "tests/unit/test_demo_stack.py": test}
    assert committed_status(tmp_path, tree, "TEST001") == status


def test_a_test_that_checks_beside_a_commented_check_is_a_suite(tmp_path: Path) -> None:
    test = (
        "from demo.demo_stack import DemoStack\n\n\ndef test_stack():\n"
        "    assert DemoStack(None, 'demo') is not None\n"
        "    # assert DemoStack.__name__ == 'Other'\n"
    )
    tree = {**CDK_APP, "tests/unit/test_demo_stack.py": test}
    assert committed_status(tmp_path, tree, "TEST001") == "passed"


# -- TEST001: Kedro 0.16's example test; a route's helper named for testing ---------------

OLD_KEDRO_TEST = '''"""
This module contains an example test.

To run the tests, run ``kedro test``.
"""
from pathlib import Path

import pytest

from demo.run import ProjectContext


@pytest.fixture
def project_context():
    return ProjectContext(str(Path.cwd()))


class TestProjectContext:
    def test_project_version(self, project_context):
        assert project_context.project_version == "0.16.3"
'''
KEDRO_PROJECT = {
    "src/demo/__init__.py": "",
    "src/demo/run.py": "class ProjectContext:\n    project_version = '0.16.3'\n",
}


def test_kedro_0_16s_example_test_is_no_suite(tmp_path: Path) -> None:
    tree = {**KEDRO_PROJECT, "src/tests/test_run.py": OLD_KEDRO_TEST}
    assert committed_status(tmp_path, tree, "TEST001") == "failed"


def test_a_real_test_beside_kedros_example_makes_a_suite(tmp_path: Path) -> None:
    real = "from demo.run import ProjectContext\n\n\ndef test_version():\n"
    real += "    assert ProjectContext.project_version.count('.') == 2\n"
    tree = {
        **KEDRO_PROJECT,
        "src/tests/test_run.py": OLD_KEDRO_TEST,
        "src/tests/test_context.py": real,
    }
    assert committed_status(tmp_path, tree, "TEST001") == "passed"


ROUTES = """from fastapi import APIRouter

from backend.model import train

router = APIRouter()


@router.get("/test")
async def root():
    return {{"result": test_train_models()}}


def test_train_models():
    {body}
"""
BACKEND = {"backend/__init__.py": "", "backend/model.py": "def train():\n    return 0.9\n"}


@pytest.mark.parametrize(
    ("body", "status"),
    [("return train()", "failed"), ("assert train() > 0.5", "passed")],
)
def test_a_routes_helper_named_for_testing_is_no_test(
    tmp_path: Path, body: str, status: str
) -> None:
    tree = {**BACKEND, "backend/routes_test.py": ROUTES.format(body=body)}
    assert committed_status(tmp_path, tree, "TEST001") == status


# -- CircleCI: a job below the folder its checkout step names ------------------------------

CIRCLECI = (
    "version: 2.1\njobs:\n  test:\n    docker:\n      - image: cimg/python:3.12\n"
    "    working_directory: ~/project/{folder}\n    steps:\n"
    "      - checkout:\n          path: ~/project\n      - run:\n          command: tox\n"
)
TOX = "[tox]\nenvlist = test\n\n[testenv:test]\ncommands = pytest tests\n"


@pytest.mark.parametrize(("tox_at", "status"), [("api/tox.ini", "passed"), ("tox.ini", "failed")])
def test_a_circleci_job_runs_in_its_folder_below_the_checkout(
    tmp_path: Path, tox_at: str, status: str
) -> None:
    tree = {
        ".circleci/config.yml": CIRCLECI.format(folder="api"),
        tox_at: TOX,
        "api/src/model.py": "def predict(x):\n    return 2 * x\n",
        "api/tests/test_model.py": "def test_doubles():\n    assert pow(2, 2) == 4\n",
    }
    assert committed_status(tmp_path, tree, "CI002") == status


# -- invoke: a tasks/ package of collections -------------------------------------------------

INVOKE_PACKAGE = (
    "from invoke import Collection\n\nfrom . import checks\n\nns = Collection()\n"
    "ns.add_collection(checks)\n"
)
INVOKE_CHECKS = '''from invoke.context import Context
from invoke.tasks import task


@task
def code(ctx: Context) -> None:
    ctx.run("{command}")


@task(pre=[code], default=True)
def all(_: Context) -> None:
    """Run all check tasks."""
'''
CHECK_WORKFLOW = (
    "on: push\npermissions: {}\njobs:\n  checks:\n    runs-on: ubuntu-latest\n"
    "    steps:\n      - run: poetry run invoke checks\n"
)


@pytest.mark.parametrize(("command", "status"), [("ruff check src", "passed"), ("ls", "failed")])
def test_invoke_runs_a_collections_default_task_from_a_tasks_package(
    tmp_path: Path, command: str, status: str
) -> None:
    tree = {
        **SUITE,
        ".github/workflows/check.yml": CHECK_WORKFLOW,
        "tasks/__init__.py": INVOKE_PACKAGE,
        "tasks/checks.py": INVOKE_CHECKS.format(command=command),
    }
    assert committed_status(tmp_path, tree, "CI003") == status


# -- go-task: a task named with a colon; Azure tasks' inline scripts and script files -------

TASKFILE = "version: '3'\ntasks:\n  api:unit:\n    dir: api\n    cmds:\n      - {command}\n"
TASK_WORKFLOW = (
    "on: push\npermissions: {}\njobs:\n  unit:\n    runs-on: ubuntu-latest\n"
    "    steps:\n      - run: task api:unit\n"
)


@pytest.mark.parametrize(("command", "status"), [("uv run pytest", "passed"), ("ls", "failed")])
def test_a_taskfile_task_named_with_a_colon_is_read(
    tmp_path: Path, command: str, status: str
) -> None:
    tree = {
        **SUITE,
        ".github/workflows/ci.yml": TASK_WORKFLOW,
        "Taskfile.yml": TASKFILE.format(command=command),
    }
    assert committed_status(tmp_path, tree, "CI002") == status


AZURE_TASKS = """trigger:
- main

pool:
  vmImage: ubuntu-latest

parameters:
- name: runChecks
  type: boolean
  default: false

steps:
- task: Bash@3
  inputs:
    filePath: ci/install.sh
- task: AzureCLI@2
  {condition}inputs:
    azureSubscription: aml
    scriptType: bash
    scriptLocation: inlineScript
    inlineScript: |
      {command}
"""


@pytest.mark.parametrize(
    ("command", "condition", "status"),
    [
        ("pytest tests", "", "passed"),
        ("echo done", "", "failed"),
        # a step only someone starting the pipeline by hand turns on
        ("pytest tests", "condition: eq('${{ parameters.runChecks }}', 'true')\n  ", "failed"),
    ],
)
def test_an_azure_tasks_inline_script_runs(
    tmp_path: Path, command: str, condition: str, status: str
) -> None:
    pipeline = AZURE_TASKS.format(command=command, condition=condition)
    tree = {**SUITE, "azure-pipelines.yml": pipeline, "ci/install.sh": "pip install pytest\n"}
    assert committed_status(tmp_path, tree, "CI002") == status


def test_an_azure_bash_task_runs_its_script_file(tmp_path: Path) -> None:
    pipeline = AZURE_TASKS.format(command="echo done", condition="")
    tree = {**SUITE, "azure-pipelines.yml": pipeline, "ci/install.sh": "ruff check src\n"}
    assert committed_status(tmp_path, tree, "CI003") == "passed"


# -- CI003: pre-commit lints only when its configuration has a linter's hook ---------------

HYGIENE_HOOKS = (
    "repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v5.0.0\n"
    "    hooks:\n      - id: trailing-whitespace\n      - id: end-of-file-fixer\n"
)
LINTER_HOOK = (
    "  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.8.0\n"
    "    hooks:\n      - id: ruff\n"
)
PRE_COMMIT_WORKFLOW = (
    "on: push\npermissions: {}\njobs:\n  lint:\n    runs-on: ubuntu-latest\n"
    "    steps:\n      - run: pre-commit run --all-files\n"
)


@pytest.mark.parametrize(("hooks", "status"), [(LINTER_HOOK, "passed"), ("", "failed")])
def test_pre_commit_lints_only_with_a_linters_hook(tmp_path: Path, hooks: str, status: str) -> None:
    tree = {
        **SUITE,
        ".github/workflows/lint.yml": PRE_COMMIT_WORKFLOW,
        ".pre-commit-config.yaml": HYGIENE_HOOKS + hooks,
    }
    assert committed_status(tmp_path, tree, "CI003") == status


# -- DOCS001: a requirements file named without its extension ------------------------------


@pytest.mark.parametrize(
    ("named", "status"), [("requirements", "passed"), ("requirements-dev.txt", "failed")]
)
def test_a_readme_installing_from_a_file_named_without_its_extension_sets_up(
    tmp_path: Path, named: str, status: str
) -> None:
    readme = f"# Demo\n\nInstall the dependencies:\n\n``pip install -r {named}\n``\n"
    tree = {**SUITE, "README.md": readme}
    assert committed_status(tmp_path, tree, "DOCS001") == status
