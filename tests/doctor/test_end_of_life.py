"""ENV006: a Python past its end of life, wherever the repository names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.cases import PACKAGE, TRAINING
from tests.doctor.helpers import Tree, audit

APP = {**PACKAGE, **TRAINING, "pyproject.toml": '[project]\nname = "demo"\n'}
WORKFLOW = "jobs:\n  test:\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n"

OLD: dict[str, tuple[Tree, str]] = {
    "requires-python": (
        {**APP, "pyproject.toml": '[project]\nname = "demo"\nrequires-python = ">=3.9"\n'},
        "pyproject.toml: Python past its end of life: "
        "requires-python allows 3.9 (Python 3.9: end of life 2025-10-31)",
    ),
    "poetry-caret": (
        {**APP, "pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.8"\n'},
        "pyproject.toml: Python past its end of life: "
        "requires-python allows 3.8 (Python 3.8: end of life 2024-10-07)",
    ),
    "python-version-file": (
        {**APP, ".python-version": "3.9.18\n"},
        ".python-version:1: Python past its end of life: "
        "pins 3.9 (Python 3.9: end of life 2025-10-31)",
    ),
    "base-image": (
        {**APP, "Dockerfile": "FROM python:3.8-slim AS base\nCOPY . .\n"},
        "Dockerfile:1: Python past its end of life: "
        "runs on python:3.8-slim (Python 3.8: end of life 2024-10-07)",
    ),
    "tool-versions": (
        {**APP, ".tool-versions": "nodejs 20.11.0\npython 3.8.18\n"},
        ".tool-versions:2: Python past its end of life: "
        "pins python 3.8 (Python 3.8: end of life 2024-10-07)",
    ),
    "system-package": (
        {
            **APP,
            "Dockerfile": "FROM ubuntu:20.04\n"
            "RUN apt-get update && apt-get install -y python3.8 python3.8-venv curl\n",
        },
        "Dockerfile:2: Python past its end of life: "
        "installs python3.8 (Python 3.8: end of life 2024-10-07)",
    ),
    "conda": (
        {**APP, "environment.yml": "dependencies:\n  - python=3.7.*\n  - numpy=1.21.0\n"},
        "environment.yml:2: Python past its end of life: "
        "sets up Python 3.7 (Python 3.7: end of life 2023-06-27)",
    ),
    "conda-floor-without-pyproject": (
        {**TRAINING, "environment.yml": "dependencies:\n  - python >= 3.8\n  - pip\n"},
        "environment.yml:2: Python past its end of life: "
        "sets up Python 3.8 (Python 3.8: end of life 2024-10-07)",
    ),
    "ci-matrix": (
        {
            **APP,
            ".github/workflows/ci.yml": WORKFLOW + '          python-version: ["3.9", "3.12"]\n',
        },
        ".github/workflows/ci.yml:6: Python past its end of life: "
        "sets up Python 3.9 (Python 3.9: end of life 2025-10-31)",
    ),
    "conda-create-script": (
        {**APP, "setup.sh": "#!/bin/bash\n\nconda create -n serving python=3.8 -y\n"},
        "setup.sh:3: Python past its end of life: "
        "creates an environment on Python 3.8 (Python 3.8: end of life 2024-10-07)",
    ),
    "uv-venv-readme": (
        {**APP, "README.md": "# Demo\n\n```bash\nuv venv --python 3.9\nuv sync\n```\n"},
        "README.md:4: Python past its end of life: "
        "creates an environment on Python 3.9 (Python 3.9: end of life 2025-10-31)",
    ),
    "pyenv-install-script": (
        {**APP, "scripts/env.sh": "set -e\npyenv install -s 3.7.17\n"},
        "scripts/env.sh:2: Python past its end of life: "
        "creates an environment on Python 3.7 (Python 3.7: end of life 2023-06-27)",
    ),
    "conda-create-in-image": (
        {**APP, "Dockerfile": "FROM continuumio/miniconda3\nRUN conda create -n app python=3.8\n"},
        "Dockerfile:2: Python past its end of life: "
        "creates an environment on Python 3.8 (Python 3.8: end of life 2024-10-07)",
    ),
}


def shown(tree: Tree, root: Path) -> list[str]:
    build_file_tree(root, tree)
    return [
        ":".join(str(part) for part in (f.path, f.line) if part is not None) + f": {f.message}"
        for f in audit(root, "ENV006").findings
    ]


@pytest.mark.parametrize("source", sorted(OLD))
def test_an_end_of_life_python_is_reported_where_it_is_named(tmp_path: Path, source: str) -> None:
    tree, line = OLD[source]
    assert shown(tree, tmp_path) == [line]


def test_supported_pythons_everywhere_pass(tmp_path: Path) -> None:
    tree = {
        **APP,
        "pyproject.toml": '[project]\nname = "demo"\nrequires-python = ">=3.11"\n',
        ".python-version": "3.13\n",
        "Dockerfile": "FROM python:3.14-slim-trixie\n"
        "RUN apt-get install -y python3-pip python3.12-venv && pip install python-dotenv\n",
        ".tool-versions": "python 3.12.4\n",
        "environment.yml": "dependencies:\n  - python=3.12\n",
        ".github/workflows/ci.yml": WORKFLOW + "          python-version: '3.11'\n",
    }
    assert shown(tree, tmp_path) == []


def test_environments_created_on_supported_pythons_pass(tmp_path: Path) -> None:
    """A script or README that creates an environment on a supported Python, a commented
    out command, an environment made from a file, and prose naming an old Python."""
    tree = {
        **APP,
        "setup.sh": "# conda create -n old python=3.7\nconda create -n app python=3.12 -y\n"
        "conda env create -f environment.yml\nuv venv --python 3.13\n",
        "README.md": "Tested on python 3.8 too.\n\n```\npyenv install 3.12.4\n"
        "python3.12 -m venv .venv\n```\n",
    }
    assert shown(tree, tmp_path) == []


def test_a_supported_conda_floor_passes(tmp_path: Path) -> None:
    tree = {**TRAINING, "environment.yml": "dependencies:\n  - python >= 3.12\n  - pip\n"}
    assert shown(tree, tmp_path) == []


# IMG006: the distribution an image is built on, named by the image or by its tag.
OLD_IMAGES = {
    "ubuntu:18.04": "Ubuntu 18.04 ended its security support on 2023-05-31",
    "debian:buster-slim": "Debian 10 ended its security support on 2024-06-30",
    "alpine:3.18.4": "Alpine 3.18 ended its security support on 2025-05-09",
    "python:3.12-slim-buster": "Debian 10 ended its security support on 2024-06-30",
    "nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu20.04": (
        "Ubuntu 20.04 ended its security support on 2025-05-31"
    ),
    "python:3.12-alpine3.19": "Alpine 3.19 ended its security support on 2025-11-01",
    "nvcr.io/nvidia/pytorch:22.11-py3": "Ubuntu 20.04 ended its security support on 2025-05-31",
    "nvcr.io/nvidia/tritonserver:22.11-py3": (
        "Ubuntu 20.04 ended its security support on 2025-05-31"
    ),
    "nvidia/cuda:10.2-runtime": "Ubuntu 18.04 ended its security support on 2023-05-31",
    "nvcr.io/nvidia/tensorflow:21.08-tf2-py3": (
        "Ubuntu 20.04 ended its security support on 2025-05-31"
    ),
    "nvidia/cuda:9.0-cudnn7-runtime": "Ubuntu 16.04 ended its security support on 2021-04-30",
    "nvidia/cuda:9.0-runtime-ubuntu14.04": "Ubuntu 14.04 ended its security support on 2019-04-30",
    "python:3.8.6-slim": "Debian 10 ended its security support on 2024-06-30",
    "python:3.9.4": "Debian 10 ended its security support on 2024-06-30",
    # an ended Python's official images are no longer rebuilt, whatever they were built on
    "python:3.7": "the images of Python 3.7 stopped being rebuilt at its end of life on 2023-06-27",
    "python:3.8-slim": (
        "the images of Python 3.8 stopped being rebuilt at its end of life on 2024-10-07"
    ),
    "python:3.9-slim-bookworm": (
        "the images of Python 3.9 stopped being rebuilt at its end of life on 2025-10-31"
    ),
    "docker.io/library/python:3.8.18-alpine": (
        "the images of Python 3.8 stopped being rebuilt at its end of life on 2024-10-07"
    ),
    # miniconda3's tags name the Miniconda version; the vendor's Dockerfile history the Debian
    "continuumio/miniconda3:4.7.12": "Debian 10 ended its security support on 2024-06-30",
    "continuumio/miniconda3:23.10.0-1": "Debian 11 ended its security support on 2026-08-31",
    # TensorFlow's tags name the TensorFlow release; its Docker Hub notes the Ubuntu
    "tensorflow/tensorflow:2.2.0": "Ubuntu 18.04 ended its security support on 2023-05-31",
    "tensorflow/tensorflow:1.13.1-gpu-py3": (
        "Ubuntu 16.04 ended its security support on 2021-04-30"
    ),
    "ucsdets/datahub-base-notebook:2022.3-stable": (
        "Ubuntu 20.04 ended its security support on 2025-05-31"
    ),
    # a repository its maintainers stopped publishing: every tag is frozen
    "jupyter/docker-stacks-foundation:python-3.12": (
        "its maintainers stopped publishing it on 2023-10-20"
        " (it is quay.io/jupyter/docker-stacks-foundation now)"
    ),
}
CURRENT_IMAGES = (
    "python:3.14-slim-trixie",
    "python:3.12-slim",
    "ubuntu:24.04",
    "ubuntu:noble",
    "nvcr.io/nvidia/pytorch:24.01-py3",
    "nvcr.io/nvidia/pytorch:20.06-py3",
    "nvcr.io/nvidia/tritonserver:24.05-py3",
    "example.com/nvidia/pytorch:22.11-py3",
    "nvidia/cuda:11.8.0-runtime",
    "python:3.12.1-slim",
    "python:3.11.2-alpine",
    "python:3.11.9-slim",
    "example.com/team/python:3.8-slim",
    "continuumio/miniconda3:24.4.0-0",
    "continuumio/miniconda3:latest",
    "tensorflow/tensorflow:latest-gpu",
    "ucsdets/datahub-base-notebook:2024.2-stable",
    "quay.io/jupyter/docker-stacks-foundation:python-3.12",
)


@pytest.mark.parametrize("image", sorted(OLD_IMAGES))
def test_a_base_image_on_an_ended_release_is_reported(tmp_path: Path, image: str) -> None:
    build_file_tree(tmp_path, {**APP, "Dockerfile": f"FROM {image} AS base\nUSER app\n"})
    assert [f"{f.path}:{f.line}: {f.message}" for f in audit(tmp_path, "IMG006").findings] == [
        f"Dockerfile:1: Base image past its end of life: FROM {image}: {OLD_IMAGES[image]}"
    ]


@pytest.mark.parametrize("image", CURRENT_IMAGES)
def test_a_base_image_on_a_supported_or_unnamed_release_passes(tmp_path: Path, image: str) -> None:
    build_file_tree(tmp_path, {**APP, "Dockerfile": f"FROM {image}\nUSER app\n"})
    assert audit(tmp_path, "IMG006").findings == ()


FLOORS = [">=3.9", ">= 3.10", " >=3.11 ", ">=2.7", ">=3.15", ">=4.0", ">=03.09", ">=3.9.1"]
RANGES = [">=3.11,<3.13", ">=3.8.1,<3.11", ">=3.10, <3.11", ">=3.10,<3.10", ">=3.9,<3.9.1"]
RANGES += [">=3.12,<3.11", ">=3.8,<4", ">=3.8,<4.0.0"]


@pytest.mark.parametrize("spec", FLOORS + RANGES)
def test_a_plain_python_range_is_read_as_packaging_reads_it(spec: str) -> None:
    """`>=3.X` and `>=3.X,<3.Y` skip packaging's specifiers (start-up time): the same
    answer as theirs, a minor counting when any of its releases is allowed (`>=3.9.1`
    allows Python 3.9)."""
    from packaging.specifiers import SpecifierSet

    from mlops_scaffold.repo.parsers import oldest_allowed

    known = ("3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14")
    allowed = SpecifierSet(spec.replace(" ", ""))
    expected = next(
        (v for v in known if allowed.contains(f"{v}.0") or allowed.contains(f"{v}.99")), None
    )
    assert oldest_allowed(spec, known) == expected
