"""What rounds 9e and 9f's repositories write that the doctor misread: a quoted path in a
comment, a root pre-commit configuration that lints every project of a monorepo, a test
that asserts a result holds metric keys, and a secret set through `os.environ`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import TEST, TRAINING, notebook
from tests.doctor.helpers import Tree, audit, found_ids, status_of


# CODE002: a quoted path in a comment is no code; the same path in code is reported.
def test_a_quoted_home_path_in_a_comment_is_silent(tmp_path: Path) -> None:
    source = '# default values (e.g. "databricks", "/Users/.../projet7")\nroot = "data"\n'
    build_file_tree(tmp_path, {"src/monitor.py": source})
    assert "CODE002" not in found_ids(audit(tmp_path, "CODE002"))


def test_a_quoted_home_path_in_code_after_a_comment_is_reported(tmp_path: Path) -> None:
    source = '# where the data is ("#" in a string is no comment)\nroot = "/Users/ann/data"  # x\n'
    build_file_tree(tmp_path, {"src/monitor.py": source, "nb.ipynb": notebook('["x = 1"]')})
    findings = [f for f in audit(tmp_path, "CODE002").findings if f.id == "CODE002"]
    assert [(f.path, f.line) for f in findings] == [("src/monitor.py", 2)]


def test_a_quoted_home_path_in_a_notebook_comment_is_silent(tmp_path: Path) -> None:
    cell = json.dumps(['# e.g. "/home/jo/data"\n', 'path = "data"'])
    build_file_tree(tmp_path, {"src/app.py": "x = 1\n", "nb.ipynb": notebook(cell)})
    assert "CODE002" not in found_ids(audit(tmp_path, "CODE002"))


# CODE003: a root pre-commit configuration runs its hooks over every project.
PRE_COMMIT = (
    "{top}repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.6.0\n"
    "    hooks:\n      - id: ruff\n      - id: ruff-format\n"
)


def _projects(top: str = "") -> Tree:
    tree = {".pre-commit-config.yaml": PRE_COMMIT.format(top=top)}
    for name in ("demo", "utils"):
        tree[f"projects/{name}/pyproject.toml"] = f'[project]\nname = "{name}"\nversion = "1"\n'
        tree[f"projects/{name}/{name}/__init__.py"] = ""
    return tree


def test_a_root_pre_commit_config_lints_every_nested_project(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _projects())
    report = audit(tmp_path, "CODE003")
    assert report.projects == ("projects/demo", "projects/utils")
    assert "CODE003" not in found_ids(report)
    reasons = {r.reason for r in report.results if r.id == "CODE003" and r.project}
    assert reasons == {".pre-commit-config.yaml lints it"}


def test_a_root_pre_commit_config_limited_to_one_project_leaves_the_other(
    tmp_path: Path,
) -> None:
    build_file_tree(tmp_path, _projects("files: ^projects/demo/\n"))
    report = audit(tmp_path, "CODE003")
    # the hooks leave utils out; it passes only through its linted sibling (session 34)
    utils = next(r for r in report.results if r.id == "CODE003" and r.project == "projects/utils")
    assert utils.reason is not None and utils.reason.startswith("projects/demo has it")


def test_a_root_pre_commit_config_excluding_a_project_leaves_it(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _projects("exclude: ^projects/utils/\n"))
    report = audit(tmp_path, "CODE003")
    # the hooks leave utils out; it passes only through its linted sibling (session 34)
    utils = next(r for r in report.results if r.id == "CODE003" and r.project == "projects/utils")
    assert utils.reason is not None and utils.reason.startswith("projects/demo has it")


# TEST002: asserting that a result holds metric keys checks no quality.
KEY_TEST = (
    "from demo.metrics import evaluate_all\n\n\ndef test_evaluate_all():\n"
    "    res = evaluate_all([0, 1], [0.2, 0.9], threshold=0.5)\n"
    '    for k in ["auc", "ap", "brier", "threshold_opt"]:\n        assert k in res\n'
)


def test_asserting_metric_keys_is_no_model_quality_test(tmp_path: Path) -> None:
    tree = {**TRAINING, **TEST, "tests/test_metrics.py": KEY_TEST}
    build_file_tree(tmp_path, tree)
    assert status_of(audit(tmp_path, "TEST001", "TEST002"), "TEST002") is Status.FAILED


@pytest.mark.parametrize(
    "assertion",
    [
        "assert res['auc'] >= threshold",
        "assert accuracy_score(y, p) > MIN_ACCURACY",
        "assert res['auc'] > 0.7",
    ],
)
def test_a_metric_asserted_against_a_threshold_is_a_model_quality_test(
    tmp_path: Path, assertion: str
) -> None:
    test = KEY_TEST + f"    {assertion}\n"
    build_file_tree(tmp_path, {**TRAINING, **TEST, "tests/test_metrics.py": test})
    assert status_of(audit(tmp_path, "TEST001", "TEST002"), "TEST002") is Status.PASSED


# TEST002: a pipeline that deploys only a model whose score meets a deployment threshold.
def _gated(condition: str) -> Tree:
    source = (
        "def deploy(test_score, deployment_threshold, threshold, score):\n"
        f"    if {condition}:\n        raise ValueError('Model not deployed.')\n"
    )
    return {**TRAINING, **TEST, "src/demo/evaluate.py": source}


def test_a_score_below_a_deployment_threshold_gates_the_model(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _gated("test_score < deployment_threshold"))
    report = audit(tmp_path, "TEST001", "TEST002")
    assert status_of(report, "TEST002") is Status.PASSED


def test_a_score_below_a_threshold_named_for_nothing_is_no_gate(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _gated("score < threshold"))  # the file says "deploy" still
    assert status_of(audit(tmp_path, "TEST001", "TEST002"), "TEST002") is Status.FAILED


# SERVE001: a model served by MLflow's CLI from a Makefile or a script is a service.
@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("Makefile", 'deploy:\n\tmlflow models build-docker -m "runs:/$(RUN)/model" -n clf\n'),
        ("scripts/serve.sh", "#!/bin/sh\nmlflow models serve -m models:/clf/1 -p 5002\n"),
    ],
)
def test_a_model_served_by_mlflows_cli_is_a_service(
    tmp_path: Path, name: str, command: str
) -> None:
    build_file_tree(tmp_path, {**TRAINING, name: command})
    report = audit(tmp_path, "SERVE001", "SERVE002", "MON002")
    assert status_of(report, "SERVE001") is Status.PASSED
    assert status_of(report, "SERVE002") is Status.PASSED  # the scoring server's /ping
    assert status_of(report, "MON002") is Status.FAILED  # it exposes no metrics


def test_mlflows_cli_in_a_comment_or_the_readme_serves_nothing(tmp_path: Path) -> None:
    tree = {
        "Makefile": "# later: mlflow models serve -m models:/clf/1\ntrain:\n\tpython train.py\n",
        "README.md": "Serve it with `mlflow models serve -m models:/clf/1`.\n",
    }
    build_file_tree(tmp_path, {**TRAINING, **tree})
    assert status_of(audit(tmp_path, "SERVE001"), "SERVE001") is Status.NOT_APPLICABLE


# TEST001: a version placeholder written as a unittest is no test suite.
VERSION_UNITTEST = (
    "import unittest\nimport project\n\n\nclass TestProject(unittest.TestCase):\n"
    "    def test_project_version(self):\n"
    "        self.assertEqual(project.__version__, '0.0.1')\n"
)


def test_a_unittest_that_only_asserts_the_version_is_no_suite(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**TRAINING, "test/test_project.py": VERSION_UNITTEST})
    assert status_of(audit(tmp_path, "TEST001"), "TEST001") is Status.FAILED


def test_a_unittest_with_a_real_test_beside_the_version_is_a_suite(tmp_path: Path) -> None:
    real = "\n    def test_train(self):\n        self.assertTrue(project.train())\n"
    build_file_tree(tmp_path, {**TRAINING, "test/test_project.py": VERSION_UNITTEST + real})
    assert status_of(audit(tmp_path, "TEST001"), "TEST001") is Status.PASSED


# SEC001: a secret set in the environment from code is a committed secret.
TOKEN = "178f44bf9c2a7e0d5b3f1a6c8e9d0b2a4c6e8f01"


@pytest.mark.parametrize(
    "line",
    [
        f'os.environ["MLFLOW_TRACKING_PASSWORD"] = "{TOKEN}"',
        f"os.environ['DB_PASSWORD']='{TOKEN}'",
        f'os.environ.setdefault("HF_API_TOKEN", "{TOKEN}")',
    ],
)
def test_a_secret_set_through_os_environ_is_reported(tmp_path: Path, line: str) -> None:
    build_file_tree(tmp_path, {"src/track.py": f"import os\n{line}\n"})
    findings = audit(tmp_path, "SEC001").findings
    assert [(f.id, f.path, f.line) for f in findings] == [("SEC001", "src/track.py", 2)]


def test_a_secret_set_through_os_environ_in_a_notebook_is_reported(tmp_path: Path) -> None:
    cell = json.dumps(["import os\n", f'os.environ["MLFLOW_TRACKING_PASSWORD"]="{TOKEN}"'])
    build_file_tree(tmp_path, {"research/eval.ipynb": notebook(cell)})
    findings = audit(tmp_path, "SEC001").findings
    assert [
        (f.path, f.message.endswith(": cell 1: a secret-named variable holds a literal secret"))
        for f in findings
        if f.id == "SEC001"
    ] == [("research/eval.ipynb", True)]


@pytest.mark.parametrize(
    "line",
    [
        'os.environ["MLFLOW_TRACKING_PASSWORD"] = "<your-dagshub-token-here>"',
        'os.environ.setdefault("DB_PASSWORD", "changeme_before_deploying_it")',
        'os.environ["MLFLOW_TRACKING_PASSWORD"] = os.getenv("DAGSHUB_TOKEN", "")',
        'os.environ["API_TOKEN_FILE"] = "/run/secrets/api_token_for_service"',
    ],
)
def test_a_placeholder_set_through_os_environ_is_silent(tmp_path: Path, line: str) -> None:
    build_file_tree(tmp_path, {"src/track.py": f"import os\n{line}\n"})
    assert "SEC001" not in found_ids(audit(tmp_path, "SEC001"))
