"""The monorepo decision by the written rules (session 39, monorepo39): lesson folders
whose namesakes the README links in another repository's course hold a learner's answers
(a monorepo); a collection of projects a course teaches with is its lessons (an
example); and one CI workflow that builds every project's image builds one product (an
application). Each rule has a tree it fires on and a near one it leaves."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import API, FIT
from tests.doctor.helpers import Tree, committed_kind

# -- a learner's answers to a course held elsewhere -----------------------------------------

LESSONS = ("01-intro", "02-tracking", "03-deployment")


def _course_answers(linked_elsewhere: bool) -> Tree:
    """Three lesson folders, each with its own requirements and code; the README links
    each lesson's assignment in the course's own repository, or its own folders."""
    base = (
        "https://github.com/teachers/ml-course/blob/main/cohorts/2024" if linked_elsewhere else "."
    )
    links = "\n".join(f"- [{lesson}]({base}/{lesson}/homework.md)" for lesson in LESSONS)
    tree: Tree = {"README.md": f"# ml-course\n\nModules of the course:\n\n{links}\n"}
    for lesson in LESSONS:
        tree[f"{lesson}/requirements.txt"] = "scikit-learn==1.5.0\n"
        tree[f"{lesson}/train.py"] = FIT
        tree[f"{lesson}/homework.md"] = f"# {lesson}\n\nTrain a model on the taxi data.\n"
    return tree


def test_lessons_linked_in_another_repository_are_a_learners_answers(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _course_answers(linked_elsewhere=True)) == "monorepo"


def test_lessons_linked_in_place_are_a_course(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _course_answers(linked_elsewhere=False)) == "example"


# -- a collection of projects a course teaches with ------------------------------------------


def _collection(audience: str) -> Tree:
    """A README that says the repository holds a collection of projects, for an audience;
    each project a folder with its README and a starter notebook."""
    notebook = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n'
    tree: Tree = {
        "README.md": (
            "# Industry projects\n\n"
            f"A collection of real-world machine learning projects {audience}.\n"
        )
    }
    for name in ("01_churn", "02_house-prices", "03_fraud"):
        tree[f"projects/{name}/README.md"] = f"# {name}\n"
        tree[f"projects/{name}/starter.ipynb"] = notebook
    return tree


def test_a_collection_for_a_bootcamp_is_its_lessons(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _collection("for bootcamp participants")) == "example"


def test_a_collection_for_no_course_is_a_monorepo(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _collection("across industries")) == "monorepo"


# -- one workflow that builds every function's image ---------------------------------------

WORKFLOW = (
    "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n      - run: |\n{builds}"
)


def _functions(one_workflow: bool) -> Tree:
    """Two functions serving routes, each a folder with its requirements, tests and code,
    whose images Dockerfiles under images/ build from the root; one workflow builds both
    images, or each function's own workflow builds its image."""
    tree: Tree = {"README.md": "# Link scoring\n\nScores links and serves predictions.\n"}
    builds = []
    for name in ("crawl", "predict"):
        tree[f"app/{name}/requirements.txt"] = "scikit-learn==1.5.0\n"
        tree[f"app/{name}/handler.py"] = API
        tree[f"app/{name}/test/test_handler.py"] = (
            "def test_nothing():\n    assert sum([1, 1]) == 2\n"
        )
        tree[f"images/{name}.dockerfile"] = (
            f'FROM python:3.12-slim\nCOPY /app/{name}/ /var/task/\nCMD ["handler.main"]\n'
        )
        build = f"          docker build -t {name} -f images/{name}.dockerfile .\n"
        builds.append(build)
        if not one_workflow:
            tree[f".github/workflows/{name}.yml"] = WORKFLOW.format(builds=build)
    if one_workflow:
        tree[".github/workflows/deploy.yml"] = WORKFLOW.format(builds="".join(builds))
    return tree


def test_one_workflow_building_every_image_builds_one_product(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _functions(one_workflow=True)) == "application"


def test_a_workflow_per_function_leaves_them_projects(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _functions(one_workflow=False)) == "monorepo"


# -- a collection of projects beside a root package -----------------------------------------

ROOT_SETUP = (
    "from setuptools import find_packages, setup\n\n"
    'setup(name="portfolio", version="0.1.0", packages=find_packages(include=["shared"]))\n'
)


def _portfolio(says_collection: bool) -> Tree:
    """Two project folders with their own requirements and README, one serving a model,
    beside a root setup.py and a shared utilities package; the README says it holds a
    collection of projects, or only names a subject."""
    opening = (
        "A comprehensive collection of machine learning and data engineering projects."
        if says_collection
        else "Machine learning and data engineering with shared utilities."
    )
    tree: Tree = {
        "README.md": f"# AI Engineering\n\n{opening}\n",
        "setup.py": ROOT_SETUP,
        "shared/__init__.py": "",
        "shared/seeds.py": "def seed(value: int) -> int:\n    return value\n",
    }
    for name, code in (("clustering", FIT), ("serving", API)):
        tree[f"{name}/README.md"] = f"# {name}\n"
        tree[f"{name}/requirements.txt"] = "scikit-learn==1.5.0\n"
        tree[f"{name}/main.py"] = code
    return tree


def test_a_collection_beside_a_root_package_stays_a_monorepo(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _portfolio(says_collection=True)) == "monorepo"


def test_projects_beside_a_root_package_without_the_word_are_not(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _portfolio(says_collection=False)) != "monorepo"


# -- a learner's numbered assignments ---------------------------------------------------------


def _mini_projects(learners_words: bool) -> Tree:
    """Three numbered assignment folders of notebooks, each with its README; the README
    says they are its author's solutions, or only names the course."""
    notebook = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n'
    opening = (
        "This repository contains my solutions to the mini-projects of the course."
        if learners_words
        else "Mini-projects of the machine learning course."
    )
    tree: Tree = {"README.md": f"# Machine learning course\n\n{opening}\n"}
    for folder in ("mini-project-1", "mini_project2", "mini_project3"):
        tree[f"{folder}/README.md"] = f"# {folder}\n"
        tree[f"{folder}/Q1/answers.ipynb"] = notebook
    return tree


def test_a_learners_numbered_assignments_are_a_monorepo(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _mini_projects(learners_words=True)) == "monorepo"


def test_numbered_assignments_without_the_learners_word_are_not(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _mini_projects(learners_words=False)) != "monorepo"
