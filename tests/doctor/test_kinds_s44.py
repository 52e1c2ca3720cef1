"""Kinds read where the README says what the repository is for (session 44): a template
its README starts from with GitHub's "Use this template" button or names in its title
(an HTML heading above the sections included); a sample, a tutorial or a workshop the
README makes the subject of a showing verb or welcomes its reader to."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.cases import API, FIT
from tests.doctor.helpers import Tree, audit, git_commit


def _kind(root: Path, tree: Tree) -> tuple[str, str]:
    """The kind and its evidence for `tree`, committed."""
    build_file_tree(root, tree)
    git_commit(root)
    report = audit(root, "DATA004")
    return str(report.kind), report.kind_evidence


def _service(readme: str) -> Tree:
    """A model trained by one script and served by FastAPI in an image, under `readme`."""
    return {
        "README.md": readme,
        "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\n",
        "src/train.py": FIT,
        "app/main.py": API,
        "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nCMD ["uvicorn", "app.main:app"]\n',
    }


def test_a_readme_that_says_use_this_template_makes_a_template(tmp_path: Path) -> None:
    readme = (
        "# churn-service\n\nTrain and serve a churn model.\n\n## Getting started\n\n"
        'Click the green "Use this template" button, then rename the package.\n'
    )
    kind, evidence = _kind(tmp_path, _service(readme))
    assert kind == "template"
    assert evidence == "README.md says 'Use this template'"


def test_a_readme_that_uses_a_template_of_its_own_makes_no_template(tmp_path: Path) -> None:
    readme = (
        "# churn-service\n\nTrain and serve a churn model.\n\n## Reports\n\n"
        "Each report uses this HTML template: report.html.\n"
    )
    assert _kind(tmp_path, _service(readme))[0] == "application"


def test_an_html_title_naming_a_template_makes_one_above_its_sections(tmp_path: Path) -> None:
    readme = (
        '<h1 align="center">FastAPI ML Project Template</h1>\n\n'
        "## Table of contents\n\n- Training\n- Serving\n"
    )
    kind, evidence = _kind(tmp_path, _service(readme))
    assert kind == "template"
    assert evidence == "README.md says 'FastAPI ML Project Template'"


def test_an_html_title_naming_a_product_makes_no_template(tmp_path: Path) -> None:
    readme = (
        '<h1 align="center">Churn prediction service</h1>\n\n'
        "## Template\n\nThe email template the service sends.\n"
    )
    assert _kind(tmp_path, _service(readme))[0] == "application"


def test_a_title_naming_a_template_of_a_repository_that_shows_how_is_an_example(
    tmp_path: Path,
) -> None:
    readme = (
        "# fastapi-ml-template\n\nA repository demonstrating how to build a robust"
        " service for machine learning models.\n"
    )
    assert _kind(tmp_path, _service(readme))[0] == "example"


@pytest.mark.parametrize(
    "opening",
    [
        "The sample is implemented in two options: a pipeline and a state machine.",
        "This tutorial walks through training and serving a churn model.",
        "This workshop consists of two parts.",
    ],
    ids=["sample", "tutorial", "workshop"],
)
def test_a_sample_the_readme_makes_the_subject_of_showing_is_an_example(
    tmp_path: Path, opening: str
) -> None:
    kind, evidence = _kind(tmp_path, _service(f"# Churn detection\n\n{opening}\n"))
    assert kind == "example"
    assert evidence.startswith("README.md says")


def test_a_data_sample_the_readme_describes_makes_no_example(tmp_path: Path) -> None:
    readme = "# Churn detection\n\nThe sample contains 5000 labelled customers.\n"
    assert _kind(tmp_path, _service(readme))[0] == "application"


def test_a_readme_welcoming_its_reader_to_a_class_is_an_example(tmp_path: Path) -> None:
    readme = "# Introduction\n\nHello and welcome to this class on model deployment!\n"
    kind, evidence = _kind(tmp_path, _service(readme))
    assert kind == "example"
    assert evidence == "README.md says 'welcome to this class'"


def test_a_readme_welcoming_its_users_to_a_product_makes_no_example(tmp_path: Path) -> None:
    readme = "# Churn detection\n\nWelcome to the churn detection service of our CRM.\n"
    assert _kind(tmp_path, _service(readme))[0] == "application"
