"""Nineteenth corpus round: a lower-case jenkinsfile, VCS requirements without a commit,
vendor images whose tag names an ended release, services that train, loads per request."""

from __future__ import annotations

from pathlib import Path

import pytest

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


# ENV002: a VCS requirement with no commit or tag installs whatever the branch holds.
@pytest.mark.parametrize(
    "line",
    [
        "-e git+https://github.com/acme/model#egg=model",
        "git+http://github.com/acme/pyopengl.git",
        "git+https://github.com/acme/model.git@main#egg=model",
    ],
    ids=["editable-egg", "bare-url", "at-main"],
)
def test_env002_fires_on_a_vcs_requirement_at_a_branch_head(tmp_path: Path, line: str) -> None:
    build_file_tree(tmp_path, {"requirements.txt": f"numpy==2.0.0\n{line}\n"})
    [finding] = audit(tmp_path, "ENV002").findings
    assert (finding.path, finding.line) == ("requirements.txt", 2)
    assert line.split()[-1] in finding.message


@pytest.mark.parametrize(
    "line",
    [
        "-e git+https://github.com/acme/model@4f3c2a1b9e#egg=model",
        "git+https://github.com/acme/model.git@v1.2.0",
        "-e .",
    ],
    ids=["commit", "tag", "local"],
)
def test_env002_passes_a_vcs_requirement_at_a_commit_or_tag(tmp_path: Path, line: str) -> None:
    build_file_tree(tmp_path, {"requirements.txt": f"numpy==2.0.0\n{line}\n"})
    report = audit(tmp_path, "ENV002")
    assert report.findings == ()
    assert status_of(report, "ENV002") is Status.PASSED
