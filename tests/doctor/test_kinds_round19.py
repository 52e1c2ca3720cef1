"""Kinds read from what round 19 misread: a title's words may follow emoji; "Example RAG
Application" is an example; a Hugging Face Space's front matter is no text, nor its
title; "this project demonstrates how to" and the code of a blog post say what the
repository is wherever in the README's opening they stand; a project made to showcase
its author's skills is an application, one made to teach is an example."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.helpers import Tree, committed_kind
from tests.doctor.test_kinds_round18 import PRODUCT

SPACE_CARD = "---\ntitle: Sentiment analysis\nemoji: 🤖\nsdk: docker\npinned: false\n---\n"


def _kind(tmp_path: Path, readme: str, tree: Tree = PRODUCT) -> str:
    return committed_kind(tmp_path, {**tree, "README.md": readme})


def test_a_template_title_after_emoji_makes_a_template(tmp_path: Path) -> None:
    readme = "# 🧬 ML Project Template\n\nA standardized project structure.\n"
    assert _kind(tmp_path, readme) == "template"


def test_a_product_title_after_emoji_stays_a_product(tmp_path: Path) -> None:
    readme = "# 🧬 Gene expression scores\n\nA service that scores samples.\n"
    assert _kind(tmp_path, readme) == "application"


def test_an_example_application_title_after_emoji_is_an_example(tmp_path: Path) -> None:
    readme = "# ⚡🤖 Example RAG Application\n\nThis repository exposes a RAG pipeline.\n"
    assert _kind(tmp_path, readme) == "example"


def test_an_application_title_with_an_example_request_is_no_example(tmp_path: Path) -> None:
    readme = "# 🤖 RAG Application\n\nAnswers questions.\n\n## Example request\n\ncurl ...\n"
    assert _kind(tmp_path, readme) == "application"


def test_a_space_that_demonstrates_how_to_deploy_is_an_example(tmp_path: Path) -> None:
    readme = SPACE_CARD + (
        "## Try the App\n\nCheck out the live app on Hugging Face Spaces.\n\n"
        "## Project Overview\n\nThis project demonstrates how to deploy a Gradio application"
        " with Docker.\n"
    )
    assert _kind(tmp_path, readme) == "example"


def test_a_space_that_serves_a_model_is_an_application(tmp_path: Path) -> None:
    readme = SPACE_CARD + (
        "## Try the App\n\nCheck out the live app on Hugging Face Spaces.\n\n"
        "## Project Overview\n\nThis project serves a sentiment model with Docker.\n"
    )
    assert _kind(tmp_path, readme) == "application"


def test_a_space_titled_demo_in_its_front_matter_stays_a_product(tmp_path: Path) -> None:
    # Hugging Face calls every Space a demo: the card's title says nothing of the kind.
    readme = "---\ntitle: Philosophers Demo\nsdk: gradio\n---\nA chat with philosophers.\n"
    assert _kind(tmp_path, readme) == "application"


def test_code_used_in_a_blog_post_is_an_example(tmp_path: Path) -> None:
    readme = (
        "# Logging for ML models\n\nLogging for models.\n\nThis code is used in this"
        " [blog post](https://example.org/logging.html).\n"
    )
    assert _kind(tmp_path, readme) == "example"


def test_code_for_a_linked_blog_post_is_an_example(tmp_path: Path) -> None:
    readme = "This repository contains code for [this blog post](https://example.org/v.html)\n"
    assert _kind(tmp_path, readme) == "example"


def test_a_blog_post_said_far_below_the_opening_makes_no_example(tmp_path: Path) -> None:
    readme = (
        "# Logging for ML models\n\nLogging for models.\n\n## Install\n\n"
        + "Run the install script, then the service.\n" * 20
        + "\nThis code is used in this [blog post](https://example.org/logging.html).\n"
    )
    assert _kind(tmp_path, readme) == "application"


def test_a_post_written_about_a_service_makes_no_example(tmp_path: Path) -> None:
    readme = (
        "# Post ranker\n\nRanks posts.\n\nWe wrote about this service in a"
        " [blog post](https://example.org/ranker.html).\n"
    )
    assert _kind(tmp_path, readme) == "application"


def test_a_project_made_to_teach_a_tool_is_an_example(tmp_path: Path) -> None:
    readme = "# Serving\n\nA service built to demonstrate how to use BentoML.\n"
    assert _kind(tmp_path, readme) == "example"


def test_a_project_made_to_learn_is_an_application(tmp_path: Path) -> None:
    readme = "# Churn\n\nA churn service I built to learn MLOps end to end.\n"
    assert _kind(tmp_path, readme) == "application"
