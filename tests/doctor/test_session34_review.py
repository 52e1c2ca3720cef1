"""Session 34's review fixes: a CircleCI `workflows:` list is read without a crash
(DATA004); a tests folder's conftest.py is no test module (TEST001)."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import PACKAGE, TEST, TRAINING, model_service
from tests.doctor.helpers import committed_kind, committed_status

# -- DATA004: a CircleCI config whose `workflows:` is a list -------------------------------

CIRCLECI_LISTED_WORKFLOWS = (
    "version: 2.1\njobs:\n  train:\n    docker:\n      - image: cimg/python:3.12\n"
    "    steps:\n      - checkout\n      - run: python src/demo/train.py\n"
    "workflows:\n  - train\n"
)


def test_a_circleci_workflows_list_is_read_without_a_crash(tmp_path: Path) -> None:
    tree = {**PACKAGE, **TRAINING, ".circleci/config.yml": CIRCLECI_LISTED_WORKFLOWS}
    assert committed_status(tmp_path, tree, "DATA004") == "failed"


# -- TEST001: a conftest.py holds fixtures, not tests ---------------------------------------

CONFTEST = (
    "import pytest\n\nfrom demo import app\n\n\n"
    "@pytest.fixture\ndef test_client():\n    return app\n"
)


def test_a_conftest_with_a_test_named_fixture_is_no_suite(tmp_path: Path) -> None:
    tree = {**PACKAGE, "tests/conftest.py": CONFTEST}
    assert committed_status(tmp_path, tree, "TEST001") == "failed"


def test_a_conftest_beside_a_test_module_is_a_suite(tmp_path: Path) -> None:
    tree = {**PACKAGE, **TEST, "tests/conftest.py": CONFTEST}
    assert committed_status(tmp_path, tree, "TEST001") == "passed"


# -- kinds: "samples" of data are no sample code -------------------------------------------


def test_a_readme_that_holds_labelled_samples_presents_a_product(tmp_path: Path) -> None:
    readme = "# Churn scoring\n\nThis project contains 5000 labelled samples of churn data.\n"
    assert committed_kind(tmp_path, model_service(readme)) == "application"


def test_a_readme_that_holds_code_samples_presents_examples(tmp_path: Path) -> None:
    readme = "# Churn scoring\n\nThis project contains code samples for churn scoring.\n"
    assert committed_kind(tmp_path, model_service(readme)) == "example"
