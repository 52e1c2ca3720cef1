"""Kinds by the written labelling rules, said in general terms (session 35): a library
ships a package, and what it ships for its users stays a library's. The services and
pipelines in its examples folder show its users how to use it; the serving modules of a
package its README installs by name from an index are its API; and the development
image of such a package runs nothing of its own. The same files in a package nobody
installs by name, or outside an examples folder, still make an application. A README
that opens by presenting the repository as a course or a guide, or says it shows how
something can be done, presents an example; a template phrase in a list of the
repository's parts says nothing of the repository."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import API, FIT, model_service
from tests.doctor.helpers import Tree, committed_kind

SETUP = 'from setuptools import setup\n\nsetup(name="winekit", packages=["winekit"])\n'
MLPROJECT = "name: wine\nentry_points:\n  main:\n    command: python train.py\n"
DEV_IMAGE = "FROM python:3.12-slim\nCOPY . /src\nRUN pip install -e /src\n"


def _package(readme: str, extra: Tree) -> Tree:
    """A package `winekit` with setup.py, its README, and the files of `extra`."""
    return {
        "README.md": readme,
        "setup.py": SETUP,
        "winekit/__init__.py": "",
        "winekit/core.py": "def score(x):\n    return x\n",
        **extra,
    }


SERVED_EXAMPLE = {"examples/wine/service.py": API, "examples/wine/train.py": FIT}


def test_a_service_in_the_examples_folder_leaves_a_library(tmp_path: Path) -> None:
    tree = _package("# winekit\nScoring helpers.\n", SERVED_EXAMPLE)
    assert committed_kind(tmp_path, tree) == "library"


def test_the_same_service_at_the_root_is_an_application(tmp_path: Path) -> None:
    tree = _package("# winekit\nScoring helpers.\n", {"service.py": API, "train.py": FIT})
    assert committed_kind(tmp_path, tree) == "application"


def test_a_pipeline_in_the_examples_folder_leaves_a_library(tmp_path: Path) -> None:
    extra = {"examples/hyperopt/MLproject": MLPROJECT, "examples/hyperopt/train.py": FIT}
    assert committed_kind(tmp_path, _package("# winekit\nA plugin.\n", extra)) == "library"


def test_a_pipeline_beside_the_package_is_its_own(tmp_path: Path) -> None:
    extra = {"flows/MLproject": MLPROJECT, "flows/train.py": FIT}
    assert committed_kind(tmp_path, _package("# winekit\nA plugin.\n", extra)) == "application"


INSTALLED = "# winekit\nServe models in a line.\n\n```\npip install winekit\n```\n"
CLONED = "# winekit\nServe models in a line.\n\n```\npip install -r requirements.txt\n```\n"
SERVING_MODULE = {"winekit/server.py": API, "Dockerfile": DEV_IMAGE}


def test_a_package_installed_by_name_that_serves_is_a_library(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _package(INSTALLED, SERVING_MODULE)) == "library"


def test_a_cloned_package_that_serves_is_an_application(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _package(CLONED, SERVING_MODULE)) == "application"


def test_a_readme_opening_as_a_course_is_an_example(tmp_path: Path) -> None:
    readme = "# Wine MLOps\n**A complete, practical course to ship a wine scorer.**\n"
    assert committed_kind(tmp_path, model_service(readme, image=False)) == "example"


def test_a_project_built_for_a_course_stays_an_application(tmp_path: Path) -> None:
    readme = "# Wine MLOps\nA wine scorer built for the MLOps course of our school.\n"
    assert committed_kind(tmp_path, model_service(readme, image=False)) == "application"


def test_showing_how_something_can_be_done_is_an_example(tmp_path: Path) -> None:
    readme = "# Wine MLOps\nThis repository shows how a scorer can be served behind an API.\n"
    assert committed_kind(tmp_path, model_service(readme, image=False)) == "example"


def test_showing_a_result_is_no_example(tmp_path: Path) -> None:
    readme = "# Wine MLOps\nThis repository shows how well wines score, served behind an API.\n"
    assert committed_kind(tmp_path, model_service(readme, image=False)) == "application"


def test_a_template_phrase_in_a_list_of_parts_makes_no_template(tmp_path: Path) -> None:
    readme = (
        "# Wine MLOps\nA wine scorer.\n\n* `seed`: the notebook used as a starting point for it\n"
    )
    assert committed_kind(tmp_path, model_service(readme, image=False)) == "application"


def test_a_template_phrase_in_prose_makes_a_template(tmp_path: Path) -> None:
    readme = "# Wine MLOps\nA wine scorer, and a starting point for your own scorers.\n"
    assert committed_kind(tmp_path, model_service(readme, image=False)) == "template"
