"""Kinds read where the README says who the repository is for (session 44, kind45): a
vendor's showcase ("FOR DEMONSTRATION PURPOSE ONLY", a "solution accelerator"), a title
written as a slug, a reader told what they are going to learn, a repository named in code
as a tutorial, a challenge entry and a reference implementation are examples; a learner's
journey, portfolio of assignments or work completed as part of a course is the learner's
monorepo. Each reading has a tree it fires on and a near one it leaves."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import FIT, model_service
from tests.doctor.helpers import Tree, committed_kind

EXAMPLES = {
    "a disclaimer": "# Churn stack\n\n🚧 THIS IS FOR DEMONSTRATION PURPOSE ONLY 🚧\n",
    "a solution accelerator": (
        "# Churn at the edge\n\nScores churn on site.\n\n## Overview\n\n"
        "In this solution accelerator, we show how to push a model to devices.\n"
    ),
    "a slug title": "# churn_scoring_demo\n\nScores churn behind an API.\n",
    "a reader's learning": (
        "# Welcome !\n\nThis is MLflow training. You are going to learn how to package models.\n"
    ),
    "a tutorial named in code": (
        "# Classical MLOps\n\nTutorial site: <https://example.org/mlops/>\n\n"
        "`churnkit` is a compact MLOps tutorial for a churn predictor.\n"
    ),
    "a challenge": "# churn\n\nA simple pipeline, built during the ZenML Challenge in 2022.\n",
    "a reference implementation": (
        "# Churn system\n\nServes churn scores.\n\n## What this project is\n\n"
        "This project is a **practical MLOps reference implementation**.\n"
    ),
}
APPLICATIONS = {
    "a demonstration page": (
        "# Churn stack\n\nThe page is for demonstration of the scores to customers.\n"
    ),
    "an accelerator": "# Churn at the edge\n\nA GPU accelerator for churn scoring.\n",
    "a slug title": "# churn_scoring_service\n\nScores churn behind an API.\n",
    "a reader's needs": "# Churn\n\nScores churn. You are going to need a GPU.\n",
    "a service named in code": (
        "# Churn\n\nSite: <https://example.org/churn/>\n\n`churnkit` is a compact churn service.\n"
    ),
    "a task": "# churn\n\nThe challenge is to predict churn a month ahead.\n",
    "a reference architecture": (
        "# Churn system\n\nServes churn scores, following the reference architecture of the team.\n"
    ),
}


@pytest.mark.parametrize("readme", EXAMPLES.values(), ids=EXAMPLES)
def test_a_service_its_readme_shows_is_an_example(tmp_path: Path, readme: str) -> None:
    assert committed_kind(tmp_path, model_service(readme)) == "example"


@pytest.mark.parametrize("readme", APPLICATIONS.values(), ids=APPLICATIONS)
def test_a_service_its_readme_describes_stays_an_application(tmp_path: Path, readme: str) -> None:
    assert committed_kind(tmp_path, model_service(readme)) == "application"


def _labs(readme: str) -> Tree:
    """Two numbered lab folders, each with its own code and requirements."""
    return {
        "README.md": readme,
        "lab-1/train.py": FIT,
        "lab-1/requirements.txt": "scikit-learn\n",
        "lab-2/train.py": FIT,
        "lab-2/requirements.txt": "mlflow\n",
    }


LEARNERS = {
    "a learning journey": (
        "# MLOps Learning Journey\n\nAll code from my intensive MLOps learning journey.\n"
    ),
    "a portfolio of assignments": (
        "# MLOps labs\n\nA portfolio of laboratory assignments for the MLOps course.\n"
    ),
    "work completed for a course": (
        "# MLOps labs\n\nExercises completed as part of an MLOps course.\n"
    ),
}


@pytest.mark.parametrize("readme", LEARNERS.values(), ids=LEARNERS)
def test_a_learners_own_labs_are_a_monorepo(tmp_path: Path, readme: str) -> None:
    assert committed_kind(tmp_path, _labs(readme)) == "monorepo"


def test_a_courses_labs_to_be_completed_stay_an_example(tmp_path: Path) -> None:
    readme = "# MLOps labs\n\nThe course's labs, to be completed as part of the MLOps course.\n"
    assert committed_kind(tmp_path, _labs(readme)) == "example"
