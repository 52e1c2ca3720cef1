"""A setup.py's `install_requires` pins (`"sagemaker==2.218.0"`, written in the call or
bound to a name first) are pins like pyproject's: ENV003 wants a hash, ENV005 updates."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.repo.parsers import setup_py_requirements
from tests.doctor.helpers import committed_status

SETUP_BOUND = (
    "import setuptools\n\n"
    'required_packages = ["{requirement}"]\n'
    'extras = {{"test": ["pytest", "black"]}}\n'
    "setuptools.setup(\n"
    '    name="pipelines",\n'
    "    packages=setuptools.find_packages(),\n"
    "    install_requires=required_packages,\n"
    "    extras_require=extras,\n"
    ")\n"
)
PIPELINE_CODE = "import sagemaker\n\nprint(sagemaker.__version__)\n"


def _tree(requirement: str) -> dict[str, str]:
    return {
        "pipeline/setup.py": SETUP_BOUND.format(requirement=requirement),
        "pipeline/pipelines/run.py": PIPELINE_CODE,
    }


@pytest.mark.parametrize(
    ("requirement", "status"),
    [("sagemaker==2.218.0", "failed"), ("sagemaker>=2.218", "not-applicable")],
)
def test_a_setup_py_pin_needs_a_hash(tmp_path: Path, requirement: str, status: str) -> None:
    assert committed_status(tmp_path, _tree(requirement), "ENV003") == status


@pytest.mark.parametrize(
    ("requirement", "status"),
    [("sagemaker==2.218.0", "failed"), ("sagemaker>=2.218", "not-applicable")],
)
def test_a_setup_py_pin_needs_updates(tmp_path: Path, requirement: str, status: str) -> None:
    assert committed_status(tmp_path, _tree(requirement), "ENV005") == status


def test_install_requires_written_in_the_call_or_bound_first() -> None:
    inline = (
        "from setuptools import setup\n"
        'setup(\n    install_requires=[\n        "numpy==2.0.1",\n    ],\n)\n'
    )
    found = setup_py_requirements("setup.py", inline)
    assert [(r.name, r.line, r.pinned) for r in found] == [("numpy", 4, True)]
    computed = "from setuptools import setup\nsetup(install_requires=open('r.txt').readlines())\n"
    assert setup_py_requirements("setup.py", computed) == []
    assert setup_py_requirements("setup.py", "setup(\n") == []


def test_a_setup_py_beside_a_conda_environment_is_not_the_declaration(tmp_path: Path) -> None:
    # conda.yaml lists the same packages: the environment is installed from it, not setup.py.
    conda = "name: wine\nchannels:\n  - conda-forge\ndependencies:\n  - pip:\n    - sagemaker\n"
    tree = {**_tree("sagemaker==2.218.0"), "pipeline/conda.yaml": conda}
    assert committed_status(tmp_path, tree, "ENV003") != "failed"
    assert committed_status(tmp_path, tree, "ENV005") == "failed"
