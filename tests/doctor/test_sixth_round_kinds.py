"""Kinds and serving evidence in the sixth corpus round: templates named by their README
title, a published Poetry package without `__init__.py` that keeps a development image, a
paper's package users clone rather than install, a package whose own command trains, and
a dependency set for batch prediction."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_file_tree
from tests.doctor.cases import PACKAGE, TRAINING
from tests.doctor.helpers import audit, found_ids


def test_a_readme_titled_as_a_template_makes_a_template(tmp_path: Path) -> None:
    code = {**TRAINING, "requirements.txt": "torch>=2\n"}
    for title in ("PyTorch Template Project", "AML Batch Scoring Deployment Template"):
        build_file_tree(tmp_path / title, {**code, "README.md": f"# {title}\n\nMade easy.\n"})
        report = audit(tmp_path / title)
        assert report.kind == "template"
        assert not found_ids(report) & {"ENV002", "DATA001", "EXP001"}
    build_file_tree(tmp_path / "app", {**code, "README.md": "# Filling templates of forms\n"})
    assert audit(tmp_path / "app").kind == "application"


POETRY_PUBLISHED = (
    '[tool.poetry]\nname = "tab_tools"\nversion = "1.0.0"\ndescription = "Tabular nets"\n'
    'authors = []\nhomepage = "https://example.org/tab"\n\n[tool.poetry.dependencies]\n'
    'python = ">=3.10"\n\n[build-system]\nrequires = ["poetry-core"]\n'
    'build-backend = "poetry.core.masonry.api"\n'
)
DEV_IMAGE = 'FROM python:3.12-slim\nRUN pip install poetry\nCMD ["bash", "-l"]\n'


def test_a_published_package_without_init_keeps_a_development_image(tmp_path: Path) -> None:
    tree = {
        "tab_tools/model.py": "def fit(x):\n    return x\n",
        "tests/test_model.py": (
            "from tab_tools.model import fit\n\n\ndef test_fit():\n    assert fit(1)\n"
        ),
        "Dockerfile": DEV_IMAGE,
    }
    build_file_tree(tmp_path / "published", {**tree, "pyproject.toml": POETRY_PUBLISHED})
    assert audit(tmp_path / "published").kind == "library"
    unpublished = POETRY_PUBLISHED.replace('homepage = "https://example.org/tab"\n', "")
    build_file_tree(tmp_path / "project", {**tree, "pyproject.toml": unpublished})
    assert audit(tmp_path / "project").kind == "application"


PAPER_README = (
    "# Learning features without labels\n\nOfficial PyTorch implementation of our paper "
    "(https://arxiv.org/abs/2304.07193).\n\n## Install\n\n```\n"
    "conda env create -f conda.yaml\npip install -r requirements.txt\n```\n"
)


def test_a_papers_package_its_readme_never_installs_by_name_is_research_code(
    tmp_path: Path,
) -> None:
    tree = {
        "dinotools/__init__.py": "",
        "dinotools/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
        "setup.py": "from setuptools import setup\n\nsetup(name='dinotools')\n",
        "requirements.txt": "torch==2.0.0\nomegaconf\n",
    }
    build_file_tree(tmp_path / "paper", {**tree, "README.md": PAPER_README})
    report = audit(tmp_path / "paper")
    assert report.kind == "example"
    assert "ENV002" in found_ids(report)  # its pins are judged, as research code's are
    published = PAPER_README.replace("pip install -r requirements.txt", "pip install dinotools")
    build_file_tree(tmp_path / "published", {**tree, "README.md": published})
    assert audit(tmp_path / "published").kind == "library"


HATCH_PACKAGE = (
    '[project]\nname = "drive"\nversion = "0.1.0"\n'
    'classifiers = ["Programming Language :: Python :: 3.12"]\ndependencies = ["torch>=2"]\n\n'
    '[project.scripts]\n{script} = "drive.cli:main"\n\n'
    '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
)


def test_a_package_whose_own_command_trains_is_an_application(tmp_path: Path) -> None:
    tree = {"src/drive/__init__.py": "", "src/drive/cli.py": "def main():\n    pass\n"}
    for script, kind in (("drive-train", "application"), ("drive-cli", "library")):
        pyproject = HATCH_PACKAGE.replace("{script}", script)
        build_file_tree(tmp_path / script, {**tree, "pyproject.toml": pyproject})
        assert audit(tmp_path / script).kind == kind


def test_a_dependency_set_for_prediction_alone_says_nothing_is_served(tmp_path: Path) -> None:
    pyproject = '[project]\nname = "drive"\nversion = "0.1.0"\ndependencies = ["torch>=2"]\n'
    for extra, served in (("predict", False), ("serve", True)):
        extras = f'\n[project.optional-dependencies]\n{extra} = ["onnxruntime>=1.20"]\n'
        tree = {**PACKAGE, **TRAINING, "pyproject.toml": pyproject + extras}
        build_file_tree(tmp_path / extra, tree)
        report = audit(tmp_path / extra, "SERVE001", "IMG001")
        assert ("SERVE001" in found_ids(report)) is served
        assert ("IMG001" in found_ids(report)) is served


def test_code_that_carries_its_papers_sources_is_research_code(tmp_path: Path) -> None:
    tree = {
        **PACKAGE,
        **TRAINING,
        "pyproject.toml": '[project]\nname = "demo"\nversion = "0.1.0"\n',
        "README.md": "# Demo\n\nModelling sequences of events.\n",
        "docs/whitepaper/paper.typ": "= Sequences of events\n",
    }
    build_file_tree(tmp_path / "paper", {**tree, "docs/whitepaper/refs.bib": "@article{a,}\n"})
    report = audit(tmp_path / "paper")
    assert report.kind == "example"
    assert not found_ids(report) & {"DATA001", "DOCS002"}
    build_file_tree(tmp_path / "notes", tree)  # a document without a bibliography: no paper
    assert audit(tmp_path / "notes").kind == "application"
