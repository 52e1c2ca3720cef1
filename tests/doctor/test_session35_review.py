"""Session 35's review: the new rules narrowed where they read ordinary text as their
case. SEC001's credential URLs with a documented placeholder for a token; README words
that made a product an example (a pitch "designed to help you understand", "the book is"
of a book recommender, a generic event word beside a year, a later clone of a vendor's
sample), a platform's gallery of projects read as the author's own, a course's homework
statements read as a learner's answers, and a dev container of another folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, committed_kind, committed_status
from tests.doctor.test_kinds_generalised_s34 import _three_products
from tests.doctor.test_kinds_s35_classes import _service_kind
from tests.doctor.test_session35_serving import _reported

# -- URLs whose credential is a placeholder (SEC001) --------------------------------------

# Made-up credentials, assembled so no literal here looks like one.
SLACK = "https://hooks.slack" + ".com/services/T{team}/B{bot}/{token}"
DISCORD = "https://discord" + ".com/api/webhooks/{hook}/{token}"
RENDER = "https://api.render" + ".com/deploy/srv-{service}?key={key}"


@pytest.mark.parametrize(
    ("content", "reported"),
    [
        (SLACK.format(team="0" * 8, bot="0" * 8, token="X" * 24), False),
        (SLACK.format(team="K7Q2M9XJ", bot="R4T8WZ1P", token="pL3xQ9vT2mK8nB4rW6yZ1cD5"), True),
        (DISCORD.format(hook="0" * 18, token="X" * 68), False),
        (DISCORD.format(hook="1" * 18, token="your_webhook_token" * 4), False),
        (RENDER.format(service="xxxxxxxx", key="YOUR_KEY"), False),
        (RENDER.format(service="abc123def456", key="RENDER_DEPLOY_KEY"), False),
        (RENDER.format(service="abc123def456", key="Xy9-kL2mNq"), True),
    ],
    ids=[
        "slack-docs-example",
        "slack-token",
        "discord-masked",
        "discord-your-token",
        "render-your-key",
        "render-named-key",
        "render-key",
    ],
)
def test_a_url_whose_credential_is_a_placeholder_is_no_secret(
    tmp_path: Path, content: str, reported: bool
) -> None:
    tree = {"monitoring/alertmanager.yml": f"receivers:\n  - url: '{content}'\n"}
    assert _reported(tmp_path, tree, "SEC001") is reported


# -- README words that make an example (kinds) --------------------------------------------


def test_a_tool_designed_to_help_you_understand_predictions_stays_an_application(
    tmp_path: Path,
) -> None:
    readme = "# Wine lens\n\nDesigned to help you understand your model's predictions.\n"
    assert _service_kind(tmp_path, readme) == "application"


def test_starters_designed_to_help_you_learn_how_are_an_example(tmp_path: Path) -> None:
    readme = "# Wine starters\n\nDesigned to help you learn how to ship a wine scorer.\n"
    assert _service_kind(tmp_path, readme) == "example"


def test_a_book_recommender_saying_the_book_is_ranked_stays_an_application(
    tmp_path: Path,
) -> None:
    readme = "# Shelf\n\nFrom your ratings, the book is ranked by how likely you are to read it.\n"
    assert _service_kind(tmp_path, readme) == "application"


def test_a_readme_saying_this_book_is_an_example(tmp_path: Path) -> None:
    readme = "# Shelf\n\nThis book is a guide to recommenders; its chapters build one.\n"
    assert _service_kind(tmp_path, readme) == "example"


def test_a_heading_naming_a_conference_room_and_a_year_stays_an_application(
    tmp_path: Path,
) -> None:
    readme = "# Occupancy\n\n### Conference room forecasts for 2024\n\nPredicts bookings.\n"
    assert _service_kind(tmp_path, readme) == "application"


def test_a_heading_naming_a_summit_workshop_and_its_year_is_an_example(tmp_path: Path) -> None:
    readme = "# Occupancy\n\n### MLOps Summit 2023 workshop\n\nPredicts bookings.\n"
    assert _service_kind(tmp_path, readme) == "example"


def test_a_vendor_sample_cloned_after_the_repository_leaves_an_application(
    tmp_path: Path,
) -> None:
    readme = (
        "# Churn\n\nScores churn.\n\n```\ngit clone https://github.com/acme/churn.git\n"
        "git clone https://github.com/aws-samples/sagemaker-helpers.git\n```\n"
    )
    assert _service_kind(tmp_path, readme) == "application"


def test_a_title_case_heading_naming_this_demo_is_an_example(tmp_path: Path) -> None:
    readme = "# Fraud scorer\n\nScores card payments.\n\n## How To Run This Demo\n\nmake up\n"
    assert _service_kind(tmp_path, readme) == "example"


def _course(homework: Tree) -> Tree:
    """A course's lessons, and `homework`."""
    return {
        "README.md": "# Machine learning course\n\nNotebooks of the course, topic by topic.\n",
        "01-intro/clustering.ipynb": "{}",
        "02-trees/trees.ipynb": "{}",
        **homework,
    }


def test_a_courses_homework_statements_leave_a_course(tmp_path: Path) -> None:
    statements = {"homework/week1/README.md": "# Task\n", "homework/week2/README.md": "# Task\n"}
    assert committed_kind(tmp_path, _course(statements)) == "example"


def test_a_learners_homework_answers_make_a_monorepo(tmp_path: Path) -> None:
    answers = {"homework/week1/answer.ipynb": "{}", "homework/week2/answer.ipynb": "{}"}
    assert committed_kind(tmp_path, _course(answers)) == "monorepo"


# -- a dev container of the README's folder or the root only (DOCS001) --------------------

DEV_README = "# Penguins\n\nOpen it in a Development Container.\n"
DEV_CONFIG = '{"build": {"dockerfile": "Dockerfile"}}\n'
PACKAGE = {"src/spotter/__init__.py": "", "src/spotter/train.py": "print('fit')\n"}


def test_a_dev_container_of_another_folder_sets_nothing_up(tmp_path: Path) -> None:
    tree = {
        "README.md": DEV_README,
        "examples/demo/.devcontainer/devcontainer.json": DEV_CONFIG,
        **PACKAGE,
    }
    assert committed_status(tmp_path, tree, "DOCS001") == "failed"


def test_a_named_dev_container_configuration_at_the_root_sets_up(tmp_path: Path) -> None:
    tree = {"README.md": DEV_README, ".devcontainer/gpu/devcontainer.json": DEV_CONFIG, **PACKAGE}
    assert committed_status(tmp_path, tree, "DOCS001") == "passed"


def test_a_readme_showcasing_projects_built_on_a_platform_is_no_portfolio(
    tmp_path: Path,
) -> None:
    readme = "# ML Showcase\n\nThis platform showcases ML projects built with our SDK.\n"
    assert committed_kind(tmp_path, _three_products(readme)) != "monorepo"


def test_a_product_providing_a_demo_for_customers_stays_an_application(
    tmp_path: Path,
) -> None:
    readme = "# Wine scorer\n\nThis project provides a live demo for customers to try.\n"
    assert _service_kind(tmp_path, readme) == "application"


def test_a_project_providing_a_demo_of_a_technique_is_an_example(tmp_path: Path) -> None:
    readme = "# Wine scorer\n\nThis project provides a small demo of drift monitoring.\n"
    assert _service_kind(tmp_path, readme) == "example"
