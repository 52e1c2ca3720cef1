"""Files that hold nothing are no evidence: an empty workflow, Dockerfile or test module
passes no check, while the files whose presence is the point (`__init__.py`) still count."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from mlops_scaffold.repo import Repo
from mlops_scaffold.repo.hollow import COMMENTS_ONLY, EMPTY, NO_CODE, hollow
from tests.conftest import build_file_tree
from tests.doctor.helpers import audit, status_of, status_on

WORKFLOW = (
    "name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
    "    steps:\n      - run: pytest\n"
)
IMAGE = 'FROM python:3.12-slim\nUSER app\nCMD ["uvicorn", "demo.app:app"]\n'
SERVICE = {
    "src/demo/__init__.py": "",
    "src/demo/app.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
}


@pytest.mark.parametrize(
    ("rel", "content", "why"),
    [
        (".github/workflows/ci.yml", "", EMPTY),
        (".github/workflows/ci.yml", "\n  \n", EMPTY),
        (".github/workflows/ci.yml", "# on: push\n# jobs: {}\n---\n", COMMENTS_ONLY),
        ("Dockerfile.serve", "# FROM python:3.12\n", COMMENTS_ONLY),
        ("Makefile", "# train:\n#\tpython train.py\n", COMMENTS_ONLY),
        ("src/api/main.py", '"""The API, to be written."""\n', NO_CODE),
        ("docs/model_card.md", "\n\n", EMPTY),
    ],
)
def test_a_file_holding_nothing_is_hollow(rel: str, content: str, why: str) -> None:
    assert hollow(rel, len(content), lambda: content) == why


@pytest.mark.parametrize(
    ("rel", "content"),
    [
        ("src/demo/__init__.py", ""),
        ("py.typed", ""),
        ("data/.gitkeep", ""),
        (".dvc/config", ""),
        ("README.md", "# Demo\n"),
        ("src/api/main.py", "import os\n"),
        ("Dockerfile", "FROM python:3.12-slim\n"),
    ],
)
def test_a_file_holding_something_or_marking_a_folder_is_kept(rel: str, content: str) -> None:
    assert hollow(rel, len(content), lambda: content) is None


def test_the_view_leaves_hollow_files_out_and_says_what_they_hold(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path,
        {".github/workflows/ci.yml": "", "Dockerfile": "# later\n", "src/demo/__init__.py": ""},
    )
    repo = Repo.open(tmp_path)
    assert repo.files == ("src/demo/__init__.py",)
    assert repo.hollow_files == {".github/workflows/ci.yml": EMPTY, "Dockerfile": COMMENTS_ONLY}


def test_an_empty_workflow_is_no_ci(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {".github/workflows/ci.yml": ""})
    report = audit(tmp_path, "CI001")
    (finding,) = [f for f in report.findings if f.id == "CI001"]
    assert finding.path == ".github/workflows/ci.yml"
    assert "ci.yml is empty" in finding.message


def test_a_workflow_with_a_job_is_ci(tmp_path: Path) -> None:
    assert status_on(tmp_path, {".github/workflows/ci.yml": WORKFLOW}, "CI001") is Status.PASSED


def test_an_empty_dockerfile_beside_a_service_is_no_image(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**SERVICE, "Dockerfile": "", "README.md": "Deployed with Docker.\n"})
    report = audit(tmp_path, "IMG001")
    assert status_of(report, "IMG001") is Status.FAILED
    (finding,) = [f for f in report.findings if f.id == "IMG001"]
    assert "Dockerfile is empty" in finding.message


def test_a_dockerfile_with_instructions_beside_a_service_is_an_image(tmp_path: Path) -> None:
    tree = {**SERVICE, "Dockerfile": IMAGE, "README.md": "Deployed with Docker.\n"}
    assert status_on(tmp_path, tree, "IMG001") is Status.PASSED


def test_an_empty_dockerfile_says_the_model_is_meant_to_be_deployed(tmp_path: Path) -> None:
    # the empty serving module serves nothing, but the empty Dockerfile.serve plans an image
    tree = {"src/demo/__init__.py": "", "src/demo/serve.py": "", "Dockerfile.serve": ""}
    assert status_on(tmp_path, tree, "IMG001") is Status.FAILED


def test_an_empty_training_module_still_says_the_project_trains(tmp_path: Path) -> None:
    tree = {"src/demo/__init__.py": "", "src/demo/train_model.py": "", "notebooks/a.py": "x = 1\n"}
    assert status_on(tmp_path, tree, "EXP001") is Status.FAILED


def test_an_empty_json_file_is_still_reported_as_no_json(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"config/settings.json": ""})
    report = audit(tmp_path, "REPO001")
    assert [f.path for f in report.findings if f.id == "REPO001"] == ["config/settings.json"]


@pytest.mark.parametrize(
    "body",
    ["    assert True\n", "    assert 1 + 1 == 2\n", "    pass\n", '    """Later."""\n    ...\n'],
)
def test_tests_that_assert_only_constants_are_no_test_suite(tmp_path: Path, body: str) -> None:
    tree = {"src/demo/__init__.py": "", "tests/test_demo.py": f"def test_demo():\n{body}"}
    assert status_on(tmp_path, tree, "TEST001") is Status.FAILED


def test_a_test_that_calls_the_code_is_a_test_suite(tmp_path: Path) -> None:
    tree = {
        "src/demo/__init__.py": "def double(x):\n    return 2 * x\n",
        "tests/test_demo.py": "from demo import double\n\n\ndef test_double():\n"
        "    assert double(2) == 4\n",
    }
    assert status_on(tmp_path, tree, "TEST001") is Status.PASSED
