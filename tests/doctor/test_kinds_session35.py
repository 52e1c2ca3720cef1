"""Kinds by the written labelling rules, said in general terms (session 35): a library
ships a package, and what it ships for its users stays a library's. The services and
pipelines in its examples folder show its users how to use it; the serving modules of a
package its README installs by name from an index are its API; and the development
image of such a package runs nothing of its own. The same files in a package nobody
installs by name, or outside an examples folder, still make an application."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import API, FIT
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
