"""Session 42's ENV006 / IMG006 fixes: a runtime given indirectly. A vendor image whose
tag names an ended Python (`apache/airflow:2.8.1-python3.10`) is frozen; a version range
written as a python tag (`python:^3.10`) asks for its lowest Python; a Dockerfile a shell
script writes with a here-document is judged at the script's lines; the Python of a
SageMaker framework container (`py_version="py310"`); Triton's 23.01-23.04 months on
Ubuntu 20.04 and the Jetson containers of L4T R32 on Ubuntu 18.04."""

from __future__ import annotations

import json
from pathlib import Path

from tests.doctor.cases import PACKAGE, TRAINING
from tests.doctor.helpers import Tree, shown_findings

APP = {**PACKAGE, **TRAINING, "pyproject.toml": '[project]\nname = "demo"\n'}


def based_on(image: str) -> Tree:
    dockerfile = f"FROM {image}\nCOPY app/ /app/\nUSER app\n"
    return {**APP, "api/Dockerfile": dockerfile, "api/app/main.py": "import demo\n"}


def test_a_vendor_tag_naming_an_ended_python_is_frozen(tmp_path: Path) -> None:
    image = "apache/airflow:2.8.1-python3.10"
    assert shown_findings(tmp_path, based_on(image), "IMG006") == [
        f"api/Dockerfile:1: FROM {image}: the images of Python 3.10 stopped being rebuilt at "
        "its end of life on 2026-10-31"
    ]


def test_a_vendor_tag_naming_a_supported_python_passes(tmp_path: Path) -> None:
    assert shown_findings(tmp_path, based_on("apache/airflow:2.9.3-python3.12"), "IMG006") == []


def test_a_version_range_written_as_a_python_tag_asks_for_its_lowest_python(
    tmp_path: Path,
) -> None:
    assert shown_findings(tmp_path, based_on("python:^3.10"), "IMG006") == [
        "api/Dockerfile:1: FROM python:^3.10: the images of Python 3.10 stopped being rebuilt "
        "at its end of life on 2026-10-31"
    ]


def test_a_version_range_of_supported_pythons_passes(tmp_path: Path) -> None:
    assert shown_findings(tmp_path, based_on("python:^3.12"), "IMG006") == []


def build_script(base: str) -> Tree:
    script = (
        "#!/bin/bash\nset -e\ncd build\n"
        "cat << 'EOF' > Dockerfile\n"
        f"FROM {base}\n"
        "RUN apt-get update && apt-get install -y procps\n"
        "EOF\n"
        'docker build -t "$1" .\n'
    )
    return {**APP, "scripts/build-image.sh": script}


def test_a_dockerfile_a_script_writes_is_judged_at_the_scripts_lines(tmp_path: Path) -> None:
    assert shown_findings(tmp_path, build_script("debian:11-slim"), "IMG006") == [
        "scripts/build-image.sh:5: FROM debian:11-slim: Debian 11 ended its security support "
        "on 2026-08-31"
    ]


def test_a_dockerfile_a_script_writes_on_a_supported_release_passes(tmp_path: Path) -> None:
    assert shown_findings(tmp_path, build_script("debian:13-slim"), "IMG006") == []


def test_the_python_of_a_dockerfile_a_script_writes_is_read(tmp_path: Path) -> None:
    assert shown_findings(tmp_path, build_script("python:3.9-slim"), "ENV006") == [
        "scripts/build-image.sh:5: runs on python:3.9-slim (Python 3.9: end of life 2025-10-31)"
    ]


def sagemaker_job(py_version: str) -> Tree:
    job = (
        "from sagemaker.huggingface import HuggingFace\n\n"
        "estimator = HuggingFace(\n"
        '    entry_point="train.py",\n'
        '    transformers_version="4.36",\n'
        f'    py_version="{py_version}",\n'
        ")\n"
    )
    return {**APP, "pipelines/finetune.py": job}


def test_a_sagemaker_framework_container_runs_the_python_it_names(tmp_path: Path) -> None:
    assert shown_findings(tmp_path, sagemaker_job("py310"), "ENV006") == [
        "pipelines/finetune.py:6: a managed framework container runs Python 3.10 "
        "(Python 3.10: end of life 2026-10-31)"
    ]


def test_a_sagemaker_framework_container_on_a_supported_python_passes(tmp_path: Path) -> None:
    assert shown_findings(tmp_path, sagemaker_job("py312"), "ENV006") == []


def test_a_triton_month_before_ubuntu_22_04_is_on_ubuntu_20_04(tmp_path: Path) -> None:
    image = "nvcr.io/nvidia/tritonserver:23.04-py3"
    assert shown_findings(tmp_path, based_on(image), "IMG006") == [
        f"api/Dockerfile:1: FROM {image}: Ubuntu 20.04 ended its security support on 2025-05-31"
    ]


def test_a_triton_month_on_ubuntu_22_04_is_not_judged(tmp_path: Path) -> None:
    image = "nvcr.io/nvidia/tritonserver:23.05-py3"
    assert shown_findings(tmp_path, based_on(image), "IMG006") == []


def test_a_jetson_container_of_l4t_r32_is_on_ubuntu_18_04(tmp_path: Path) -> None:
    image = "dustynv/jetson-inference:r32.7.1"
    assert shown_findings(tmp_path, based_on(image), "IMG006") == [
        f"api/Dockerfile:1: FROM {image}: Ubuntu 18.04 ended its security support on 2023-05-31"
    ]


def test_a_jetson_container_of_a_later_l4t_is_not_judged(tmp_path: Path) -> None:
    image = "dustynv/jetson-inference:r35.3.1"
    assert shown_findings(tmp_path, based_on(image), "IMG006") == []


def notebook_writing(base: str) -> Tree:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Build the training image\n"]},
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": ["%%writefile Dockerfile\n", f"FROM {base}\n", "COPY train.py /app/\n"],
        },
    ]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return {**APP, "notebooks/build.ipynb": json.dumps(notebook, indent=1) + "\n"}


def test_a_dockerfile_a_notebook_cell_writes_is_judged(tmp_path: Path) -> None:
    assert shown_findings(tmp_path, notebook_writing("python:3.8-slim"), "IMG006") == [
        "notebooks/build.ipynb:17: FROM python:3.8-slim: the images of Python 3.8 stopped "
        "being rebuilt at its end of life on 2024-10-07"
    ]


def test_a_dockerfile_a_notebook_cell_writes_on_a_supported_base_passes(tmp_path: Path) -> None:
    assert shown_findings(tmp_path, notebook_writing("python:3.12-slim"), "IMG006") == []


def test_a_major_0_devcontainer_image_without_a_variant_is_on_debian_11(tmp_path: Path) -> None:
    image = "mcr.microsoft.com/vscode/devcontainers/python:0-3.11"
    assert shown_findings(tmp_path, based_on(image), "IMG006") == [
        f"api/Dockerfile:1: FROM {image}: Debian 11 ended its security support on 2026-08-31"
    ]


def test_a_major_1_devcontainer_image_without_a_variant_is_not_judged(tmp_path: Path) -> None:
    image = "mcr.microsoft.com/devcontainers/python:1-3.11"
    assert shown_findings(tmp_path, based_on(image), "IMG006") == []
