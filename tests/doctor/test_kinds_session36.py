"""Kinds by what a README says the repository is and what its tree deploys (session 36,
kind36): the classes of wrong kinds round 27 and batch K7 showed before anyone tuned on
them. A package whose repository deploys its own service (a Lambda image, a compose
service) is an application however it is published; an image in the documentation, an
MLproject that runs usage examples and a README offering reusable components leave a
library; a README that aims to show or will demonstrate how to do something, or a
"Tuto" title, makes an example; a learner's own course repository ("Personal repository
for", "projects I've built", "my ... portfolio", "learned throughout the course") stays a
monorepo of its modules. Each rule has a tree it fires on and a near one it leaves."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import FIT, model_service
from tests.doctor.helpers import Tree, committed_kind

# -- a package whose repository deploys its service, or only shows users one ----------------

POETRY_PACKAGE = (
    '[tool.poetry]\nname = "scorer"\nversion = "0.1.0"\ndescription = "inference api"\n'
    'packages = [{include = "scorer"}]\n\n[tool.poetry.dependencies]\npython = "^3.11"\n'
)
# The handler's own code reads as no web service: only the image says it serves.
HANDLER = "def handler(rows, context):\n    return [len(row) for row in rows]\n"


def _lambda_package(command: str) -> Tree:
    """A Poetry package with a Lambda handler, built into an image that runs `command`."""
    return {
        "README.md": "# scorer\n\nScores flight delays.\n",
        "pyproject.toml": POETRY_PACKAGE,
        "scorer/__init__.py": "",
        "scorer/handler.py": HANDLER,
        "Dockerfile": (
            f"FROM public.ecr.aws/lambda/python:3.11\nCOPY scorer ./scorer\nCMD [{command}]\n"
        ),
    }


def test_a_package_its_lambda_image_serves_is_an_application(tmp_path: Path) -> None:
    tree = _lambda_package('"scorer.handler.handler"')
    assert committed_kind(tmp_path, tree) == "application"


def test_a_published_package_with_a_job_image_stays_a_library(tmp_path: Path) -> None:
    tree = _lambda_package('"python", "-m", "scorer"')
    tree["Dockerfile"] = (
        'FROM python:3.11-slim\nCOPY scorer ./scorer\nCMD ["python", "-m", "scorer"]\n'
    )
    assert committed_kind(tmp_path, tree) == "library"


PROJECT_PACKAGE = (
    '[project]\nname = "kit"\nversion = "0.1.0"\n'
    '[project.urls]\nHomepage = "https://example.org/kit"\n'
    '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
)
JOB_IMAGE = 'FROM python:3.11-slim\nCOPY . .\nCMD ["python", "-m", "kit"]\n'


def _kit(extra: Tree) -> Tree:
    return {
        "README.md": "# kit\n\nHelpers for feature tables.\n",
        "pyproject.toml": PROJECT_PACKAGE,
        "src/kit/__init__.py": "",
        "src/kit/tables.py": "def join(a, b):\n    return a\n",
        **extra,
    }


def test_an_image_in_the_documentations_examples_leaves_a_library(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _kit({"docs/examples/Containerfile": JOB_IMAGE})) == "library"


def test_an_image_at_the_root_of_an_unpublished_package_is_an_application(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _kit({"Dockerfile": JOB_IMAGE})) == "application"


def _mlproject(command: str) -> Tree:
    return _kit(
        {
            "examples/train_mnist.py": FIT,
            "train.py": FIT,
            "MLproject": f'name: kit\nentry_points:\n  main:\n    command: "{command}"\n',
        }
    )


def test_an_mlproject_running_usage_examples_leaves_a_library(tmp_path: Path) -> None:
    tree = _mlproject("python examples/train_mnist.py --epochs 2")
    assert committed_kind(tmp_path, tree) == "library"


def test_an_mlproject_running_the_repositorys_training_is_an_application(
    tmp_path: Path,
) -> None:
    assert committed_kind(tmp_path, _mlproject("python train.py --epochs 2")) == "application"


FLOW = "from prefect import flow\n\n\n@flow\ndef build():\n    return 1\n"


def _flows(description: str) -> Tree:
    """A setup.py package that publishes nothing and whose code runs as a Prefect flow."""
    return {
        "README.md": "# flows\n\nFlows for feature tables.\n",
        "setup.py": (
            "from setuptools import setup\n\n"
            f'setup(name="flows", description="{description}", packages=["flows"])\n'
        ),
        "flows/__init__.py": "",
        "flows/build.py": FLOW,
    }


def test_a_package_of_reusable_components_is_a_library(tmp_path: Path) -> None:
    tree = _flows("A collection of reusable components and pipelines")
    assert committed_kind(tmp_path, tree) == "library"


def test_a_package_that_runs_its_own_flows_is_an_application(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _flows("Feature tables for the churn model")) == "application"


# -- what a README says the repository shows -------------------------------------------------


def _service_kind(tmp_path: Path, readme: str) -> str:
    return committed_kind(tmp_path, model_service(readme, image=False))


def test_a_project_that_aims_to_show_how_is_an_example(tmp_path: Path) -> None:
    readme = "# Taxi MLOps\n\nThis project aims to show how to run MLOps at zero cost.\n"
    assert _service_kind(tmp_path, readme) == "example"


def test_a_project_that_will_demonstrate_how_is_an_example(tmp_path: Path) -> None:
    readme = "# Taxi lineage\n\nThis project will demonstrate how to capture lineage.\n"
    assert _service_kind(tmp_path, readme) == "example"


def test_a_project_that_aims_to_predict_stays_an_application(tmp_path: Path) -> None:
    readme = "# Taxi demand\n\nThis project aims to predict how many rides each zone gets.\n"
    assert _service_kind(tmp_path, readme) == "application"


def test_a_tuto_title_is_an_example(tmp_path: Path) -> None:
    assert _service_kind(tmp_path, "# Tuto MLflow\n") == "example"


def test_a_tutor_title_stays_an_application(tmp_path: Path) -> None:
    assert (
        _service_kind(tmp_path, "# Tutor matching\n\nMatches students to tutors.\n")
        == "application"
    )


# -- a learner's own course repository ------------------------------------------------------


def _modules(readme: str, requirements: bool = True) -> Tree:
    """Two numbered module folders with code (and, with `requirements`, their own)."""
    tree: Tree = {
        "README.md": readme,
        "01-intro/train.py": FIT,
        "01-intro/duration.ipynb": "{}",
        "02-tracking/train.py": FIT,
        "02-tracking/hpo.ipynb": "{}",
    }
    if requirements:
        tree["01-intro/requirements.txt"] = "scikit-learn\n"
        tree["02-tracking/requirements.txt"] = "mlflow\n"
    return tree


COURSE = "# MLOps course\n\nThe course material, module by module.\n"


def test_a_personal_repository_for_a_course_is_a_monorepo(tmp_path: Path) -> None:
    readme = "# MLE track\n\nPersonal repository for the Data Science Lab, MLE track.\n"
    assert committed_kind(tmp_path, _modules(readme)) == "monorepo"


def test_a_courses_module_folders_stay_an_example(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _modules(COURSE)) == "example"


def test_projects_i_have_built_are_a_monorepo(tmp_path: Path) -> None:
    readme = "# ML portfolio\n\nA collection of ML projects I've built over time.\n"
    assert committed_kind(tmp_path, _modules(readme)) == "monorepo"


def test_my_portfolio_of_numbered_projects_is_a_monorepo(tmp_path: Path) -> None:
    readme = "# Experiments\n\nWelcome to my experiment portfolio! Thirteen small apps.\n"
    assert committed_kind(tmp_path, _modules(readme)) == "monorepo"


def test_modules_learned_along_a_course_are_a_learners_monorepo(tmp_path: Path) -> None:
    readme = (
        "# MLOps Zoomcamp\n\nWelcome. This project applies the practices learned throughout"
        " the MLOps Zoomcamp course.\n"
    )
    assert committed_kind(tmp_path, _modules(readme, requirements=False)) == "monorepo"


def test_a_courses_bare_module_folders_stay_an_example(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _modules(COURSE, requirements=False)) == "example"


# -- review: prose that describes an application's own code offers nothing ----------------


def test_flows_built_from_reusable_components_stay_an_application(tmp_path: Path) -> None:
    tree = _flows("Churn feature flows built from reusable components and modular steps")
    assert committed_kind(tmp_path, tree) == "application"


def test_a_hub_for_reusable_pipelines_is_a_library(tmp_path: Path) -> None:
    tree = _flows("A hub for reusable pipelines and steps")
    assert committed_kind(tmp_path, tree) == "library"


def test_what_was_learned_in_the_course_of_a_project_is_no_course(tmp_path: Path) -> None:
    readme = (
        "# Trip duration\n\nTwo stages of one project. Notes on what we learned during the"
        " course of the work are in docs.\n"
    )
    assert committed_kind(tmp_path, _modules(readme, requirements=False)) != "monorepo"
