"""Kinds by the written labelling rules, said in general terms (session 34): a README
whose opening line says "Template for ..." presents a template; a README that says the
repository goes with tutorials or articles, or speaks of itself as a session of a course,
presents an example; and a repository of nested projects whose README says it shows how
to use something is one example, not a monorepo; a folder that only lists what an image
installs, with no code, is part of the folder above it; notebooks numbered as a
pipeline's steps beside the page serving their model are an application."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import API, FIT, SERVICE_IMAGE, model_service, notebook
from tests.doctor.helpers import Tree, committed_kind


def test_an_opening_line_saying_template_for_is_a_template(tmp_path: Path) -> None:
    readme = "# Seed_API\nTemplate for a model service with a REST interface\n\nClone it.\n"
    assert committed_kind(tmp_path, model_service(readme)) == "template"


def test_a_template_named_in_a_later_sentence_stays_an_application(tmp_path: Path) -> None:
    readme = "# Seed_API\nA wine scorer. Its page uses the template for the form.\n"
    assert committed_kind(tmp_path, model_service(readme)) == "application"


def test_a_readme_speaking_of_its_session_is_an_example(tmp_path: Path) -> None:
    readme = "# Serving a classifier with an API\n\nIn this session we cover schemas and images.\n"
    assert committed_kind(tmp_path, model_service(readme)) == "example"


def test_a_session_of_the_model_is_no_lesson(tmp_path: Path) -> None:
    readme = "# Wine scorer\n\nScores wines; each user session keeps its own scores.\n"
    assert committed_kind(tmp_path, model_service(readme)) == "application"


def _nested(readme: str) -> Tree:
    """A training project and a scoring server in folders of their own, each with its
    requirements and a README, and a script at the root that submits them."""
    return {
        "README.md": readme,
        "requirements.txt": "azureml-core\n",
        "submit.py": "print('submit')\n",
        "model/README.md": "# Model\n",
        "model/requirements.txt": "scikit-learn\n",
        "model/train.py": FIT,
        "server/README.md": "# Server\n",
        "server/requirements.txt": "fastapi\nrequests\n",
        "server/main.py": API,
        "server/other.py": FIT,
    }


def test_nested_projects_shown_how_to_use_a_platform_are_an_example(tmp_path: Path) -> None:
    readme = "# Cloud ML in R\n\nThis repository demonstrates how to train and host a model.\n"
    assert committed_kind(tmp_path, _nested(readme)) == "example"


def test_nested_projects_supporting_tutorials_are_an_example(tmp_path: Path) -> None:
    readme = "# Kit pipelines\n\nA repository that supports tutorials on building pipelines.\n"
    assert committed_kind(tmp_path, _nested(readme)) == "example"


def test_nested_projects_of_a_product_stay_a_monorepo(tmp_path: Path) -> None:
    readme = "# Wine scorer\n\nTrains a wine model and scores wines for the shop.\n"
    assert committed_kind(tmp_path, _nested(readme)) == "monorepo"


def _parts(extra: Tree) -> Tree:
    """A product's backend: a job trigger and an image that trains, documented as parts
    of one system, with a component image whose folder only lists what it installs."""
    return {
        "README.md": "# Portrait tuner\n\nTunes a picture model on uploads and deploys it.\n",
        "backend/trigger/README.md": "# Trigger\n",
        "backend/trigger/requirements.txt": "google-cloud-pubsub\n",
        "backend/trigger/main.py": "print('start the run')\n",
        "backend/trainer/README.md": "# Trainer\n",
        "backend/trainer/Dockerfile": SERVICE_IMAGE,
        "backend/trainer/train.py": FIT,
        **extra,
    }


def test_an_image_folder_without_code_is_part_of_the_folder_above(tmp_path: Path) -> None:
    component = {
        "backend/component/README.md": "# Component image\n",
        "backend/component/requirements.txt": "kfp\n",
        "backend/component/Dockerfile": SERVICE_IMAGE,
    }
    assert committed_kind(tmp_path, _parts(component)) == "application"


def test_a_folder_with_code_and_requirements_stays_a_project(tmp_path: Path) -> None:
    component = {
        "backend/component/README.md": "# Component\n",
        "backend/component/requirements.txt": "kfp\n",
        "backend/component/score.py": FIT,
    }
    assert committed_kind(tmp_path, _parts(component)) == "monorepo"


PAGE = (
    "import joblib\nimport streamlit as st\n\nmodel = joblib.load('artifacts/model.pkl')\n"
    "st.write(model.predict([[st.number_input('week')]]))\n"
)


def _forecast(names: tuple[str, ...]) -> Tree:
    """Notebooks that train a demand model, and a page (no image) that serves it."""
    tree: Tree = {
        "README.md": "# Store demand forecast\n\nWeekly demand forecasts for stores.\n",
        "requirements.txt": "scikit-learn\nstreamlit\n",
        "app/page.py": PAGE,
    }
    for name in names:
        tree[f"steps/{name}.ipynb"] = notebook("model.fit(x, y)")
    return tree


def test_numbered_step_notebooks_beside_a_page_are_an_application(tmp_path: Path) -> None:
    tree = _forecast(("1_baseline", "2_features", "3_boosting"))
    assert committed_kind(tmp_path, tree) == "application"


def test_unnumbered_notebooks_beside_a_page_stay_an_example(tmp_path: Path) -> None:
    tree = _forecast(("baseline", "features", "boosting"))
    assert committed_kind(tmp_path, tree) == "example"
