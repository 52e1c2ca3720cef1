"""Nineteenth corpus round: a lower-case jenkinsfile, VCS requirements without a commit,
vendor images whose tag names an ended release, services that train, loads per request."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import audit, found_ids, status_of

JENKINS = (
    "pipeline {\n  agent any\n  stages {\n    stage('lint') {\n"
    "      steps {\n        sh '%s'\n      }\n    }\n  }\n}\n"
)


# CI001/CI003: a job names its script path, so a lower-case `jenkinsfile` is a pipeline.
def test_ci_reads_a_lower_case_jenkinsfile(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"infra/jenkinsfile": JENKINS % "ruff check ."})
    report = audit(tmp_path, "CI001", "CI003")
    assert report.findings == ()
    assert status_of(report, "CI001") is Status.PASSED
    assert status_of(report, "CI003") is Status.PASSED


def test_ci003_fires_on_a_lower_case_jenkinsfile_that_lints_nothing(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"infra/jenkinsfile": JENKINS % "kubectl apply -f k8s/"})
    report = audit(tmp_path, "CI001", "CI003")
    assert found_ids(report) == {"CI003"}
