"""Session 50, from round 54 and K34.

Kinds: a setup.py naming its distribution `src` (cookiecutter-data-science's) installs a
project's own code, no library; a namespace package under src/ (`src/paige/ml_sdk/`) is a
package; "This package provides tools for" calls it a library whatever paper it asks to be
cited for; a package that generates project templates is a template; a README whose opening
lists three posts or more of a blog series is their code. ENV002, ENV003, ENV005 and REPO001
read a `conda list --export` saved as requirements.txt as conda's pins."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, committed_kind, committed_status, shown_findings

_TRAIN = (
    "import torch\n\nfrom {package}.model import Net\n\nmodel = Net()\n"
    "torch.save(model.state_dict(), 'models/net.pt')\n"
)
_MODEL = "import torch\n\n\nclass Net(torch.nn.Module):\n    pass\n"


@pytest.mark.parametrize(
    ("name", "package", "kind"),
    [("src", "src", "application"), ("mnist-tools", "mnist_tools", "library")],
    ids=["src-distribution", "named-distribution"],
)
def test_a_setup_py_naming_its_distribution_src_publishes_nothing(
    tmp_path: Path, name: str, package: str, kind: str
) -> None:
    tree: Tree = {
        "README.md": "MLOps\n======\n\nRepo for a course in Machine Learning Operations.\n",
        "setup.py": (
            "from setuptools import find_packages, setup\n\n"
            f"setup(name='{name}', packages=find_packages(), version='0.1.0')\n"
        ),
        "requirements.txt": "torch==2.4.1\n",
        f"{package}/__init__.py": "",
        f"{package}/models/__init__.py": "",
        f"{package}/models/model.py": _MODEL,
        f"{package}/models/train_model.py": _TRAIN.format(package=f"{package}.models"),
    }
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("This package provides tools for training models on tile embeddings.", "library"),
        ("This repository holds the experiments of our paper.", "example"),
    ],
    ids=["provides-tools", "paper-experiments"],
)
def test_a_namespace_sdk_asking_to_be_cited_is_a_library(
    tmp_path: Path, opening: str, kind: str
) -> None:
    tree: Tree = {
        "README.md": (
            f"# Paige ML SDK\n\n{opening}\n\nIf you use it in research, please cite the "
            "following paper: Vorontsov et al., Nat Med (2024).\n\n## Installation\n\n"
            "    pip install -e .\n"
        ),
        "pyproject.toml": (
            '[build-system]\nrequires = ["setuptools>=61"]\n'
            'build-backend = "setuptools.build_meta"\n\n'
            '[project]\nname = "paige-ml-sdk"\nversion = "0.1.0"\n'
            'keywords = ["pathology", "foundation models"]\n'
            'dependencies = ["torch>=2.0"]\n'
        ),
        "src/paige/ml_sdk/__init__.py": "",
        "src/paige/ml_sdk/model.py": _MODEL,
        "src/paige/ml_sdk/train.py": _TRAIN.format(package="paige.ml_sdk"),
    }
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("posts", "kind"),
    [(3, "example"), (1, "application")],
    ids=["series", "one-link"],
)
def test_a_readme_listing_a_series_of_posts_is_their_code(
    tmp_path: Path, posts: int, kind: str
) -> None:
    links = "".join(
        f"{n}. [Part {n}](https://medium.com/programming-soda/airflow-part-{n}-4f2a)\n"
        for n in range(1, posts + 1)
    )
    tree: Tree = {
        "README.md": f"# Airflow for data analytics pipeline\n\n## Research\n\n{links}",
        "requirements.txt": "apache-airflow==2.10.2\nscikit-learn==1.5.2\n",
        "dags/train.py": (
            "from sklearn.linear_model import LogisticRegression\n\n"
            "model = LogisticRegression().fit([[0], [1]], [0, 1])\n"
        ),
    }
    assert committed_kind(tmp_path, tree) == kind


_EXPORT = (
    "# This file may be used to create an environment using:\n"
    "# $ conda create --name <env> --file <this file>\n# platform: linux-64\n"
    "_libgcc_mutex=0.1=main\nnumpy=1.16.4=py36h7e9f1db_0\ntorch=1.2.0=py3.6_cuda10.0_0\n"
)


@pytest.mark.parametrize(
    ("check_id", "status"),
    [("ENV002", "passed"), ("ENV005", "failed"), ("REPO001", "passed")],
    ids=["pinned", "pins-to-move", "parses"],
)
def test_a_conda_export_saved_as_requirements_holds_conda_pins(
    tmp_path: Path, check_id: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": _EXPORT,
        "train.py": "import numpy as np\n\nprint(np.zeros(2))\n",
    }
    assert committed_status(tmp_path, tree, check_id) == status


def test_a_conda_export_is_not_judged_for_hashes(tmp_path: Path) -> None:
    tree: Tree = {
        "requirements.txt": _EXPORT,
        "train.py": "import numpy as np\n\nprint(np.zeros(2))\n",
    }
    assert shown_findings(tmp_path, tree, "ENV003") == []


@pytest.mark.parametrize(
    ("what", "kind"),
    [("project template generator", "template"), ("feature engineering toolkit", "library")],
    ids=["template-generator", "toolkit"],
)
def test_a_package_that_generates_project_templates_is_a_template(
    tmp_path: Path, what: str, kind: str
) -> None:
    tree: Tree = {
        "README.md": (
            f"# Data Science Tools\n\nA professional Data Science {what} that sets up a "
            "standardized structure.\n\n    pip install pyscaffoldext-ds-template\n"
        ),
        "pyproject.toml": (
            '[build-system]\nrequires = ["setuptools>=61"]\n'
            'build-backend = "setuptools.build_meta"\n\n'
            '[project]\nname = "pyscaffoldext-ds-template"\nversion = "0.1.0"\n'
            'dependencies = ["pyscaffold>=4.5"]\n'
        ),
        "src/pyscaffoldext/ds_template/__init__.py": "",
        "src/pyscaffoldext/ds_template/extension.py": (
            "def activate(actions):\n    return actions\n"
        ),
    }
    assert committed_kind(tmp_path, tree) == kind
