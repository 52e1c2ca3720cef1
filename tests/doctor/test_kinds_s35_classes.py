"""Kinds by what a README says the repository is (session 35, kind35): the classes of
example the rules read as applications on the blind rounds (a repository that provides
an example of something, starters made to help their reader understand, a book's or a
conference workshop's companion code, a demo named in a section heading, a vendor's
sample cloned from its samples organisation, research code named for its ablations), a
showcase of its author's projects kept apart, and a learner's homework folder kept a
monorepo of assignments. Each rule has a tree it fires on and a near one it leaves."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import FIT, model_service
from tests.doctor.helpers import Tree, committed_kind
from tests.doctor.test_kinds_generalised_s34 import _three_products


def _service_kind(tmp_path: Path, readme: str) -> str:
    """The kind of a small model service (training code and an API) under `readme`."""
    return committed_kind(tmp_path, model_service(readme, image=False))


def test_a_repository_providing_an_example_of_a_pipeline_is_an_example(tmp_path: Path) -> None:
    readme = "# Wine MLOps\n\nThis repository provides a structured example of a wine pipeline.\n"
    assert _service_kind(tmp_path, readme) == "example"


def test_a_service_providing_predictions_stays_an_application(tmp_path: Path) -> None:
    readme = "# Wine MLOps\n\nThis repository provides a wine scorer; an example of a call:\n"
    assert _service_kind(tmp_path, readme) == "application"


def test_starters_made_to_help_you_understand_are_an_example(tmp_path: Path) -> None:
    readme = "# Wine starters\n\nThese starters are designed to help you understand the options.\n"
    assert _service_kind(tmp_path, readme) == "example"


def test_a_product_made_to_help_analysts_understand_stays_an_application(
    tmp_path: Path,
) -> None:
    readme = "# Wine scorer\n\nThis service is designed to help analysts understand quality.\n"
    assert _service_kind(tmp_path, readme) == "application"


def test_a_books_companion_repository_is_an_example(tmp_path: Path) -> None:
    readme = "# Wine Handbook\n\nOfficial repository of the Wine Engineer's Handbook by A. Bee.\n"
    assert _service_kind(tmp_path, readme) == "example"


def test_a_book_recommender_stays_an_application(tmp_path: Path) -> None:
    readme = "# Book recommender\n\nRecommends the book you will like next from your ratings.\n"
    assert _service_kind(tmp_path, readme) == "application"


def test_a_heading_naming_a_conference_and_year_is_an_example(tmp_path: Path) -> None:
    readme = "# Wine pipelines with Airflow\n\n### PyData Berlin // October 2019\n\nHands in.\n"
    assert _service_kind(tmp_path, readme) == "example"


def test_a_heading_naming_a_conference_room_stays_an_application(tmp_path: Path) -> None:
    readme = "# Occupancy\n\n### Conference room forecasts\n\nPredicts bookings.\n"
    assert _service_kind(tmp_path, readme) == "application"


def test_a_section_heading_naming_this_demo_is_an_example(tmp_path: Path) -> None:
    readme = "# Fraud scorer\n\nScores card payments.\n\n## How to run this demo\n\nmake up\n"
    assert _service_kind(tmp_path, readme) == "example"


def test_a_section_running_the_example_request_stays_an_application(tmp_path: Path) -> None:
    readme = "# Fraud scorer\n\nScores card payments.\n\n## How to run the example request\n"
    assert _service_kind(tmp_path, readme) == "application"


def test_a_repository_cloned_from_a_vendors_samples_is_an_example(tmp_path: Path) -> None:
    readme = (
        "# Churn\n\nScores churn.\n\n```\ngit clone https://github.com/aws-samples/churn.git\n```\n"
    )
    assert _service_kind(tmp_path, readme) == "example"


def test_a_repository_cloned_from_its_owner_stays_an_application(tmp_path: Path) -> None:
    readme = "# Churn\n\nScores churn.\n\n```\ngit clone https://github.com/acme/churn.git\n```\n"
    assert _service_kind(tmp_path, readme) == "application"


def _research(extra: Tree) -> Tree:
    """A training script, its requirements and a README that says nothing of research."""
    return {
        "README.md": "# Persona adapters\n\nTrain adapters with `python train.py`.\n",
        "requirements.txt": "torch==2.3.0\n",
        "train.py": FIT,
        **extra,
    }


def test_code_named_for_an_ablation_study_is_research(tmp_path: Path) -> None:
    tree = _research({"analysis/plot_ablations.py": "print('ablations')\n"})
    assert committed_kind(tmp_path, tree) == "example"


def test_an_ablation_table_among_outputs_leaves_an_application(tmp_path: Path) -> None:
    tree = _research({"outputs/model_ablation.csv": "model,mae\na,1\n"})
    assert committed_kind(tmp_path, tree) == "application"


def test_a_readme_showcasing_its_authors_projects_keeps_them_apart(tmp_path: Path) -> None:
    readme = "# ML Showcase\n\nThis repository showcases my machine learning projects.\n"
    assert committed_kind(tmp_path, _three_products(readme)) == "monorepo"


def test_a_readme_showcasing_one_platform_stays_one_product(tmp_path: Path) -> None:
    readme = "# ML Showcase\n\nThis repository showcases a wine-scoring platform.\n"
    assert committed_kind(tmp_path, _three_products(readme)) == "application"


def _topics(folder: str) -> Tree:
    """Notebooks in two topic folders under `folder`, a README naming a course."""
    return {
        "README.md": "# Machine learning course\n\nNotebooks of the course, topic by topic.\n",
        f"{folder}/Topic1/clustering.ipynb": "{}",
        f"{folder}/Topic2/trees.ipynb": "{}",
    }


def test_a_homework_folder_of_topics_is_a_learners_monorepo(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _topics("homework")) == "monorepo"


def test_a_lessons_folder_of_topics_stays_a_course(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _topics("lessons")) == "example"
