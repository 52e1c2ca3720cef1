"""What the ninth corpus round's repositories write that the doctor misread: a Jenkinsfile
(Groovy, not YAML), lint runs that cannot fail, a Snakefile as the one command and a
committed node_modules, a Fernet key and a Django secret key, and Databricks notebooks
saved as source files."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import TRAINING
from tests.doctor.helpers import Tree, audit, found_ids, status_of

# REPO001: a declarative Jenkinsfile whose `parameters` block reads as YAML mapping values.
JENKINSFILE = """pipeline {
    agent any
    parameters {
        string(name: 'RUN_STAGE', defaultValue: 'all', description: 'Stage: all, train')
    }
    stages {
        stage('Train Model') {
            steps { sh 'python train.py' }
        }
    }
}
"""


def test_a_groovy_jenkinsfile_is_no_invalid_yaml(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**TRAINING, "Jenkinsfile": JENKINSFILE})
    report = audit(tmp_path)  # every check: the pipelines reader parses CI files too
    assert "REPO001" not in found_ids(report)
    assert status_of(report, "CI001") is Status.PASSED


def test_a_ci_file_named_as_yaml_is_still_parsed(tmp_path: Path) -> None:
    broken = {".gitlab-ci.yml": "train:\n  script: python train.py: now\n"}
    build_file_tree(tmp_path, {**TRAINING, "Jenkinsfile": JENKINSFILE, **broken})
    findings = [f for f in audit(tmp_path).findings if f.id == "REPO001"]
    assert [f.path for f in findings] == [".gitlab-ci.yml"]


# CI003: a lint step whose run cannot fail the job.
def _lint_ci(command: str) -> Tree:
    return {".gitlab-ci.yml": f"lint:\n  script:\n    - {command}\n", "src/app.py": "x = 1\n"}


@pytest.mark.parametrize(
    ("command", "why"),
    [
        ("flake8 --exit-zero src", "--exit-zero"),
        ("ruff check --exit-zero .", "--exit-zero"),
        ("black .", "formats instead of checking: no --check"),
        ("python -m isort src", "formats instead of checking"),
        ("uv run ruff format .", "formats instead of checking: no --check or --diff"),
        ("ruff check . || true", "failure ignored"),
    ],
)
def test_ci003_fires_on_a_lint_run_that_cannot_fail(tmp_path: Path, command: str, why: str) -> None:
    build_file_tree(tmp_path, _lint_ci(command))
    findings = audit(tmp_path, "CI003").findings
    assert [f.id for f in findings] == ["CI003"]
    assert why in (findings[0].message or "")


@pytest.mark.parametrize(
    "command",
    [
        "flake8 src",
        "black --check .",
        "python -m isort --check-only src",
        "ruff format --check . && ruff check --fix .",
        "black . && flake8 src",
    ],
)
def test_ci003_passes_on_a_lint_run_that_can_fail(tmp_path: Path, command: str) -> None:
    build_file_tree(tmp_path, _lint_ci(command))
    assert status_of(audit(tmp_path, "CI003"), "CI003") is Status.PASSED


# DOCS003: a file one command runs whole, and a vendored tree's Makefile. The kind is set:
# a lone main.nf or Snakefile reads as a research workflow, to which DOCS003 does not apply.
APPLICATION = '[tool.mlops.doctor]\nkind = "application"\n'


@pytest.mark.parametrize(
    "tree",
    [
        {"workflows/Snakefile": 'include: "rules/train.smk"\n'},
        {"main.nf": "workflow {\n    TRAIN(params.data)\n}\n"},
        {"tasks.py": "from invoke import task\n\n\n@task\ndef test(c):\n    c.run('pytest')\n"},
        {"dodo.py": "def task_train():\n    return {'actions': ['python train.py']}\n"},
    ],
    ids=["snakemake", "nextflow", "invoke", "doit"],
)
def test_docs003_passes_on_a_file_one_command_runs(tmp_path: Path, tree: Tree) -> None:
    build_file_tree(tmp_path, {**tree, "pyproject.toml": APPLICATION})
    report = audit(tmp_path, "DOCS003")
    assert status_of(report, "DOCS003") is Status.PASSED
    # the file named; invoke's tasks are read since issue 13, so its reason names the task
    assert next(iter(tree)).rpartition("/")[2] in (report.results[0].reason or "")


@pytest.mark.parametrize(
    "tree",
    [
        {"app/node_modules/delayed-stream/Makefile": "test:\n\t@./test/run.js\n"},
        {".venv/lib/python3.12/site-packages/pkg/Makefile": "test:\n\tpytest\n"},
        {"app/node_modules/some-tool/Snakefile": "rule all:\n    input: 'x'\n"},
        {"tasks.py": "def test(c):\n    c.run('pytest')\n"},
        {"main.nf": "// notes for later\n"},
    ],
    ids=["node_modules-makefile", "virtualenv-makefile", "vendored-snakefile", "tasks", "nf"],
)
def test_docs003_fires_on_vendored_tasks_and_look_alike_files(tmp_path: Path, tree: Tree) -> None:
    build_file_tree(tmp_path, {**tree, "pyproject.toml": APPLICATION})
    assert [f.id for f in audit(tmp_path, "DOCS003").findings] == ["DOCS003"]


# SEC001: a Fernet key and a Django secret key, and what stays silent.
FERNET = "Zbsr_kT5eo9rxkKfFxcJ-nlz2JpqD0CJ27wRxpKZiYw="
DJANGO_KEY = "django-insecure-3j!jsm$s7$dg9q@8$v#)_gn%degqw^q5#8(@^)^fo4acy*0a_8"


@pytest.mark.parametrize(
    "tree",
    [
        {
            "docker-compose.yaml": f"services:\n  airflow:\n    environment:\n"
            f"      AIRFLOW__CORE__FERNET_KEY: {FERNET}\n"
        },
        {
            "docker-compose.yml": f"services:\n  web:\n    environment:\n"
            f"      - FERNET_KEY={FERNET}\n"
        },
        {"ml_api/settings.py": f'DEBUG = True\nSECRET_KEY = "{DJANGO_KEY}"\n'},
        {"app/config.py": f'signing_key = "{FERNET}"\n'},
    ],
    ids=["compose-mapping", "compose-list", "django", "signing-key"],
)
def test_sec001_fires_on_a_committed_fernet_or_django_key(tmp_path: Path, tree: Tree) -> None:
    build_file_tree(tmp_path, tree)
    findings = audit(tmp_path, "SEC001").findings
    assert [(f.id, f.path) for f in findings] == [("SEC001", next(iter(tree)))]


@pytest.mark.parametrize(
    "tree",
    [
        {"docker-compose.yaml": "x-env:\n  AIRFLOW__CORE__FERNET_KEY: ${FERNET_KEY}\n"},
        {"ml_api/settings.py": 'import os\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n'},
        {"ml_api/settings.py": 'SECRET_KEY = "django-insecure-change-me-in-production"\n'},
        {"ml_api/settings.py": 'SECRET_KEY = "your-secret-key-here-1234567890!@#"\n'},
        {"src/cache.py": 'cache_key = "features-2024-06-01-v3-train-split"\n'},
        {"src/store.py": 'sort_key = "Zbsr_kT5eo9rxkKfFxcJ-nlz2JpqD0CJ27wRxpKZiYw"\n'},
    ],
    ids=["compose-variable", "environ", "words", "placeholder", "slug", "sort-key"],
)
def test_sec001_is_silent_on_placeholders_and_environment_reads(tmp_path: Path, tree: Tree) -> None:
    build_file_tree(tmp_path, tree)
    assert "SEC001" not in found_ids(audit(tmp_path, "SEC001"))


# NB002: Databricks notebooks saved as source files.
DATABRICKS = """# Databricks notebook source
!pip install -U mlflow-skinny
dbutils.library.restartPython()

# COMMAND ----------

# MAGIC %md
# MAGIC Install with `%pip install onnx` if you need it:
# MAGIC %pip install onnx

# COMMAND ----------

# MAGIC %pip install -U databricks-sdk

# COMMAND ----------

import mlflow
"""
SCALA = "// Databricks notebook source\n// MAGIC %pip install xgboost\n"


def test_nb002_reads_the_install_lines_of_databricks_source_notebooks(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"notebooks/Common.py": DATABRICKS, "notebooks/Job.scala": SCALA})
    findings = audit(tmp_path, "NB002").findings
    assert [(f.path, f.line) for f in findings] == [
        ("notebooks/Common.py", 2),
        ("notebooks/Common.py", 13),
        ("notebooks/Job.scala", 2),
    ]
    assert (findings[1].message or "").endswith("cell 3: %pip install")


def test_nb002_leaves_plain_modules_and_databricks_notebooks_without_installs(
    tmp_path: Path,
) -> None:
    tree = {
        "src/setup_env.py": '"""Run `%pip install x` first."""\n# !pip install demo\n',
        "notebooks/Train.py": "# Databricks notebook source\nimport mlflow\n",
    }
    build_file_tree(tmp_path, tree)
    report = audit(tmp_path, "NB002")
    assert status_of(report, "NB002") is Status.PASSED
    build_file_tree(tmp_path / "plain", {"src/setup_env.py": tree["src/setup_env.py"]})
    assert status_of(audit(tmp_path / "plain", "NB002"), "NB002") is Status.NOT_APPLICABLE
