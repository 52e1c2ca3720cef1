"""Kinds read from more of the README (session 41, kind41): a sentence far below the
opening that says the repository exists only to show something, or that its code is an
article's demonstration; an HTML title under a logo; a repository that "provides an
overview of" a tool; a README that calls the repository a project template "with" its
defaults or speaks of "this template"; and a README that names one product over the
folders that are its parts. Each rule has a tree it fires on and a near one it leaves."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import API, FIT, SERVICE, TRAINING
from tests.doctor.helpers import Tree, committed_kind

# A service and the code that trains its model: nothing in the files says what kind of
# repository it is, so the README decides.
SERVED: Tree = {**TRAINING, **SERVICE, "requirements.txt": "fastapi==0.115.0\n"}
# What a product's README says first: what it predicts, how it is built and run.
OPENING = (
    "# Mushroom classifier\n\n"
    "A model that classifies a mushroom as poisonous or edible, trained with logistic "
    "regression and gradient descent, exposed through a small REST API.\n\n"
    + "".join(
        f"## Part {n}\n\nThe {n}th part of the service reads its settings from the "
        "environment, validates each request and logs what it answered.\n\n"
        for n in range(1, 9)
    )
)


def _served(readme: str) -> Tree:
    return {**SERVED, "README.md": readme}


@pytest.mark.parametrize(
    "sentence",
    [
        "This project is purely to demonstrate how a model can be trained and served.",
        "My article on Medium with code in this repo demonstrates how to serve a model.",
    ],
)
def test_a_purpose_said_far_below_the_opening_makes_an_example(
    tmp_path: Path, sentence: str
) -> None:
    assert len(OPENING) > 1000  # well past what the opening rules read
    assert committed_kind(tmp_path, _served(f"{OPENING}## Notes\n\n{sentence}\n")) == "example"


def test_what_a_product_demonstrates_far_below_is_no_purpose(tmp_path: Path) -> None:
    sentence = "This project demonstrates how the model answers within 50 ms in production."
    readme = f"{OPENING}## Notes\n\n{sentence}\n"
    assert committed_kind(tmp_path, _served(readme)) == "application"


def _html_titled(title: str) -> Tree:
    readme = (
        '<div align="center">\n  <img alt="logo" src="assets/logo.svg">\n'
        f'<h1 align="center">{title}</h1>\n'
        '<p align="center">Fine-tuning and serving a vision-language model.</p>\n</div>\n'
    )
    return _served(readme)


def test_an_html_title_that_says_demo_makes_an_example(tmp_path: Path) -> None:
    tree = _html_titled("Radiology Reports: Vision-Language Fine-Tuning Demo")
    assert committed_kind(tmp_path, tree) == "example"


def test_an_html_title_that_names_a_product_leaves_an_application(tmp_path: Path) -> None:
    tree = _html_titled("Radiology Reports: Vision-Language Fine-Tuning")
    assert committed_kind(tmp_path, tree) == "application"


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("This repository provides an overview of the Kubeflow data platform.", "example"),
        ("This repository provides churn predictions to the billing team.", "application"),
    ],
)
def test_an_overview_of_a_tool_is_an_example(tmp_path: Path, said: str, kind: str) -> None:
    tree = {**TRAINING, "requirements.txt": "kfp==2.9.0\n", "README.md": f"# MLOps\n\n{said}\n"}
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("An ML project template with sensible defaults:\n\n- tests\n- CI", "template"),
        ("A RAG starter built with FastAPI. This template mirrors the design doc.", "template"),
        ("A service that answers with a prompt template with few-shot examples.", "application"),
    ],
)
def test_a_project_template_with_its_defaults_is_a_template(
    tmp_path: Path, said: str, kind: str
) -> None:
    assert committed_kind(tmp_path, _served(f"# ml-app\n\n{said}\n")) == kind


def _parts(first_paragraph: str) -> Tree:
    """An operator app, two model folders and a training flow, each with its own
    requirements and image, under a README that opens with `first_paragraph`."""
    tree: Tree = {"README.md": f"# Precision Lens\n\n{first_paragraph}\n"}
    for folder in ("apps/inspection", "models/anomaly", "models/classification"):
        tree[f"{folder}/requirements.txt"] = "fastapi==0.115.0\nscikit-learn==1.5.2\n"
        tree[f"{folder}/Dockerfile"] = 'FROM python:3.12-slim\nCMD ["python", "main.py"]\n'
        tree[f"{folder}/README.md"] = f"# {folder}\n"
    tree["apps/inspection/main.py"] = API
    tree["models/anomaly/main.py"] = FIT
    tree["models/classification/main.py"] = FIT
    return tree


def test_a_readme_that_names_one_product_over_its_parts_makes_an_application(
    tmp_path: Path,
) -> None:
    said = "Precision Lens is an end to end MLOps project for image anomaly detection."
    assert committed_kind(tmp_path / "a", _parts(said)) == "application"
    assert committed_kind(tmp_path / "b", _parts("Three anomaly detection studies.")) == (
        "monorepo"
    )


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("**A proof-of-concept MLOps workflow for credit default prediction.**", "example"),
        ("A repository demonstrating how to build a robust model service.", "example"),
        ("A model service. This example includes several best practices.", "example"),
        ("This project is designed to help you learn:\n\n- tracking\n- serving", "example"),
        ("A credit default model served to the loans team, proven in production.", "application"),
        ("This project is designed to help you understand its predictions.", "application"),
    ],
)
def test_an_opening_that_calls_the_repository_a_demonstration_makes_an_example(
    tmp_path: Path, said: str, kind: str
) -> None:
    assert committed_kind(tmp_path, _served(f"# credit-risk\n\n{said}\n")) == kind
