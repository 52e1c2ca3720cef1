"""Kinds as a labeller reads them (session 31): a package published with flit's legacy
`[tool.flit.metadata]` is a library; a published package a Databricks asset bundle runs as
jobs is an application's code; notebooks beside the image that serves their model are no
collection of notebooks; a README calling the repository itself an example makes one
example of a workspace's projects; a title naming research projects is research code,
whatever pipeline it declares; a package the README calls a framework for something is a
library, whatever papers it cites."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_file_tree
from tests.doctor.cases import API, FIT, notebook
from tests.doctor.helpers import Tree, audit, committed_kind

FLIT_BUILD = (
    '[build-system]\nrequires = ["flit_core >=2,<4"]\nbuild-backend = "flit_core.buildapi"\n'
)


def _flit_package(metadata: str) -> Tree:
    """A package that fits transforms, built by flit from `metadata`'s table."""
    return {
        "README.md": "# Transforms\n\nGaussian transforms.\n\n`pip install transforms`\n",
        "pyproject.toml": FLIT_BUILD + metadata,
        "requirements.txt": "numpy==1.20\nscipy\n",
        "src/transforms/__init__.py": "",
        "src/transforms/fit.py": FIT,
    }


def test_a_package_in_flits_legacy_metadata_is_a_library(tmp_path: Path) -> None:
    metadata = (
        '\n[tool.flit.metadata]\nmodule = "transforms"\nauthor = "A. Author"\n'
        'home-page = "https://github.com/someone/transforms"\n'
        'classifiers = ["License :: OSI Approved :: MIT License"]\nrequires = ["numpy"]\n'
    )
    build_file_tree(tmp_path, _flit_package(metadata))
    report = audit(tmp_path, "ENV002")
    assert report.kind == "library"
    assert "tool.flit.metadata" in report.kind_evidence


def test_a_flit_build_without_its_metadata_publishes_nothing(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _flit_package(""))
    assert audit(tmp_path, "ENV002").kind == "application"


def _bundled_package(include: bool) -> Tree:
    """A published package (classifiers, URLs) and a Databricks asset bundle that builds
    it; with `include`, the bundle's resource files declare the jobs that run it."""
    tree: Tree = {
        "README.md": "# Hotel bookings\n\nCancellations predicted on Databricks.\n",
        "pyproject.toml": (
            '[project]\nname = "hotel"\nversion = "0.1.0"\n'
            'classifiers = ["Programming Language :: Python :: 3"]\n'
            '[project.urls]\nhomepage = "https://github.com/someone/hotel"\n'
            '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n'
        ),
        "src/hotel/__init__.py": "",
        "src/hotel/model.py": FIT,
        "databricks.yml": (
            "bundle:\n  name: hotel\n"
            + ("include:\n  - resources/*.yml\n" if include else "")
            + "artifacts:\n  default:\n    type: whl\n    build: uv build\n"
        ),
    }
    if include:
        tree["resources/training.yml"] = (
            "resources:\n  jobs:\n    training:\n      name: train\n      tasks:\n"
            "        - task_key: train\n          python_wheel_task:\n"
            "            package_name: hotel\n            entry_point: train\n"
        )
    return tree


def test_a_package_a_bundle_runs_as_jobs_is_an_application(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _bundled_package(include=True))
    assert audit(tmp_path, "DATA004").kind == "application"


def test_a_published_package_a_bundle_runs_no_job_of_is_a_library(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _bundled_package(include=False))
    assert audit(tmp_path, "DATA004").kind == "library"


STREAMLIT_APP = (
    "import joblib\nimport streamlit as st\n\nmodel = joblib.load('model.pkl')\n"
    "st.write(model.predict([[st.number_input('tenure')]]))\n"
)
STREAMLIT_IMAGE = 'FROM python:3.10-slim\nCOPY . .\nCMD ["streamlit", "run", "churn.py"]\n'


def _notebooks_and(extra: Tree) -> Tree:
    """Two notebooks that train a churn model, a title-only README and `extra`."""
    return {
        "README.md": "# Customer-Churn-Prediction",
        "requirements.txt": "scikit-learn\nstreamlit\n",
        "explore.ipynb": notebook("model.fit(x, y)"),
        "forest.ipynb": notebook("forest.fit(x, y)"),
        **extra,
    }


def test_notebooks_beside_the_image_serving_their_model_are_an_application(
    tmp_path: Path,
) -> None:
    tree = _notebooks_and({"churn.py": STREAMLIT_APP, "Dockerfile": STREAMLIT_IMAGE})
    assert committed_kind(tmp_path, tree) == "application"


def test_notebooks_beside_a_page_no_image_serves_are_an_example(tmp_path: Path) -> None:
    tree = _notebooks_and({"churn.py": STREAMLIT_APP})
    assert committed_kind(tmp_path, tree) == "example"


def _workspace(readme: str) -> Tree:
    """A uv workspace of two packages and a FastAPI app at its root."""
    tree: Tree = {
        "README.md": readme,
        "pyproject.toml": (
            '[project]\nname = "fraud"\nversion = "0.1.0"\n'
            '[tool.uv.workspace]\nmembers = ["packages/*"]\n'
        ),
        "app/__init__.py": "",
        "app/main.py": API,
    }
    for package in ("fraud-ml", "data-connector"):
        module = package.replace("-", "_")
        tree[f"packages/{package}/README.md"] = f"# {package}\n"
        tree[f"packages/{package}/pyproject.toml"] = (
            f'[project]\nname = "{package}"\nversion = "0.1.0"\n'
        )
        tree[f"packages/{package}/src/{module}/__init__.py"] = ""
    tree["packages/fraud-ml/src/fraud_ml/model.py"] = FIT
    return tree


def test_a_readme_calling_a_workspace_an_example_makes_one_example(tmp_path: Path) -> None:
    readme = (
        "# Python mono-repository example\n\nThis is a simple example of a mono-repository"
        " for a typical data science project.\n"
    )
    build_file_tree(tmp_path, _workspace(readme))
    report = audit(tmp_path, "DATA004")
    assert (report.kind, report.projects) == ("example", ())


def test_a_workspace_its_readme_calls_no_example_is_a_monorepo(tmp_path: Path) -> None:
    readme = "# Fraud detection\n\nA mono-repository for our fraud detection models.\n"
    build_file_tree(tmp_path, _workspace(readme))
    assert audit(tmp_path, "DATA004").kind == "monorepo"


def _dvc_project(title: str) -> Tree:
    """A DVC pipeline that trains a model, under a README with this title."""
    return {
        "README.md": f"# {title}\n\nWith our co-authors.\n\nRun `dvc repro`.\n",
        "requirements.txt": "lightgbm\n",
        "dvc.yaml": "stages:\n  train:\n    cmd: python train.py\n    outs:\n    - model.joblib\n",
        "train.py": FIT,
    }


def test_a_readme_titled_research_projects_is_research_code(tmp_path: Path) -> None:
    tree = _dvc_project("Public repository for football data based research projects")
    build_file_tree(tmp_path, tree)
    report = audit(tmp_path, "DATA004")
    assert report.kind == "example"
    assert "research" in report.kind_evidence


def test_a_pipeline_under_a_title_naming_no_research_is_an_application(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _dvc_project("Football pass success model"))
    assert audit(tmp_path, "DATA004").kind == "application"


def _framework(opening: str) -> Tree:
    """A setup.py package whose README cites papers on arXiv and links its install guide."""
    return {
        "readme.md": (
            f"# Equilibrium learning\n\n{opening}\n\n## Algorithms\n\n"
            "* Neural self-play from [(Heinrich, 2016)](https://arxiv.org/abs/1603.01121).\n\n"
            "## Where to start\n\nSee the [installation guide](docs/installation).\n"
        ),
        "setup.py": (
            "from setuptools import setup\n\nsetup(name='bnelearn', version='1.0.0',"
            " url='https://github.com/someone/bnelearn', packages=['bnelearn'])\n"
        ),
        "bnelearn/__init__.py": "",
        "bnelearn/learner.py": FIT,
    }


def test_a_package_its_readme_calls_a_framework_for_is_a_library(tmp_path: Path) -> None:
    opening = "bnelearn is a framework for equilibrium learning in sealed-bid auctions."
    build_file_tree(tmp_path, _framework(opening))
    assert audit(tmp_path, "DATA004").kind == "library"


def test_a_package_citing_papers_and_named_no_framework_is_research_code(
    tmp_path: Path,
) -> None:
    build_file_tree(tmp_path, _framework("Equilibrium learning in sealed-bid auctions."))
    assert audit(tmp_path, "DATA004").kind == "example"
