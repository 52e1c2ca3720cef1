"""Session 33's end-of-life fixes (ENV006, IMG006): a distribution's own Python installed
on an ended release, serverless runtimes, the one Python a README's requirements ask for,
releases named without a dot (`ubuntu20_runtime`), quoted FROM lines and Azure ML v1 run
configurations."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import PACKAGE, TRAINING
from tests.doctor.helpers import Tree, committed_status, shown_findings

APP = {**PACKAGE, **TRAINING, "pyproject.toml": '[project]\nname = "demo"\n'}


def shown(root: Path, tree: Tree, check_id: str) -> list[str]:
    return shown_findings(root, tree, check_id)


# -- the distribution's own Python (ENV006) -------------------------------------------------


def apt_image(base: str, extra: str = "") -> Tree:
    dockerfile = f"FROM {base}\nRUN apt-get update && apt-get install -y python3-pip libgl1\n"
    return {**APP, "Dockerfile": dockerfile + extra}


@pytest.mark.parametrize(
    "base", ["ubuntu:20.04", "nvidia/cuda:11.8.0-runtime-ubuntu20.04", "openvino/ubuntu20_runtime"]
)
def test_python3_installed_on_an_ended_release_is_its_python(tmp_path: Path, base: str) -> None:
    assert shown(tmp_path, apt_image(base), "ENV006") == [
        "Dockerfile:2: installs python3 on Ubuntu 20.04, its Python 3.8, which the "
        "distribution stopped fixing on 2025-05-31"
    ]


def test_python3_of_a_supported_release_is_fixed_by_the_distribution(tmp_path: Path) -> None:
    # Ubuntu 22.04's Python 3.10 is past python.org's end of life, not Ubuntu's.
    assert shown(tmp_path, apt_image("ubuntu:22.04"), "ENV006") == []


@pytest.mark.parametrize(
    ("base", "extra"),
    [
        ("ubuntu:20.04", "RUN conda create -n app python=3.12 -y\n"),
        ("ubuntu:20.04", "RUN add-apt-repository ppa:deadsnakes/ppa\n"),
        ("python:3.12-slim-bullseye", ""),
        # (4.10.3 ships Python 3.9, itself past its end of life: session 34 reads it.)
        ("continuumio/miniconda3:23.10.0-1", ""),
    ],
)
def test_python3_beside_another_python_is_not_the_one_run(
    tmp_path: Path, base: str, extra: str
) -> None:
    assert shown(tmp_path, apt_image(base, extra), "ENV006") == []


# -- serverless runtimes (ENV006) -----------------------------------------------------------

RUNTIMES = {
    "template.yaml": "Resources:\n  Fn:\n    Properties:\n      Runtime: python3.8\n",
    "serverless.yml": "provider:\n  name: aws\n  runtime: python3.8\n",
    "infra/lambda.tf": 'resource "aws_lambda_function" "f" {\n  runtime = "python3.8"\n}\n',
    "deploy.py": 'client.create_function(\n    FunctionName="f",\n    Runtime="python3.8",\n)\n',
    "cdk/stack.py": "fn = _lambda.Function(\n    runtime=_lambda.Runtime.PYTHON_3_8,\n)\n",
    "deploy.sh": "set -e\ngcloud functions deploy f --runtime python38 --trigger-http\n",
}


@pytest.mark.parametrize("path", sorted(RUNTIMES))
def test_a_serverless_function_on_an_ended_python_is_reported(tmp_path: Path, path: str) -> None:
    found = shown(tmp_path, {**APP, path: RUNTIMES[path]}, "ENV006")
    assert len(found) == 1
    assert found[0].startswith(f"{path}:")
    assert "a serverless function runs on" in found[0]
    assert found[0].endswith("(Python 3.8: end of life 2024-10-07)")


@pytest.mark.parametrize("path", sorted(RUNTIMES))
def test_a_serverless_function_on_a_supported_python_passes(tmp_path: Path, path: str) -> None:
    content = RUNTIMES[path].replace("python3.8", "python3.12").replace("PYTHON_3_8", "PYTHON_3_12")
    content = content.replace("python38", "python312")
    assert shown(tmp_path, {**APP, path: content}, "ENV006") == []


@pytest.mark.parametrize("path", ["template.yaml", "deploy.py", "deploy.sh"])
def test_a_committed_serverless_runtime_is_found_by_git(tmp_path: Path, path: str) -> None:
    # In a clone each pattern is searched by the `git grep` of its files only.
    tree = {**APP, path: RUNTIMES.get(path, RUNTIMES["template.yaml"])}
    assert committed_status(tmp_path, tree, "ENV006") == "failed"


def test_a_committed_supported_serverless_runtime_passes(tmp_path: Path) -> None:
    tree = {**APP, "template.yaml": RUNTIMES["template.yaml"].replace("3.8", "3.13")}
    assert committed_status(tmp_path, tree, "ENV006") == "passed"


def test_a_commented_out_runtime_declares_nothing(tmp_path: Path) -> None:
    tree = {**APP, "infra/lambda.tf": '# runtime = "python3.8"\n'}
    assert shown(tmp_path, tree, "ENV006") == []


# -- the one Python a README's requirements ask for (ENV006) --------------------------------


@pytest.mark.parametrize(
    ("item", "python"),
    [("* python==3.6", "3.6"), ("- **Python 3.10** - runtime", "3.10"), ("1. Python 3.9", "3.9")],
)
def test_a_readme_asking_for_an_ended_python_is_reported(
    tmp_path: Path, item: str, python: str
) -> None:
    tree = {**APP, "README.md": f"# Demo\n\n## Requirements\n{item}\n* numpy\n"}
    assert [line.split(" (")[0] for line in shown(tmp_path, tree, "ENV006")] == [
        f"README.md:4: lists Python {python} as a requirement"
    ]


@pytest.mark.parametrize(
    "item",
    [
        "- Python 3.9+",
        "- Python 3.8 or higher",
        "- Python >= 3.9",
        "- Python 3.10-3.11",
        "- Python 3.12",
        "Tested with Python 3.8.",
    ],
)
def test_a_readme_floor_or_a_supported_python_passes(tmp_path: Path, item: str) -> None:
    tree = {**APP, "README.md": f"# Demo\n\n## Requirements\n{item}\n"}
    assert shown(tmp_path, tree, "ENV006") == []


@pytest.mark.parametrize("heading", ["## Tech stack", "### Technologies used", "## Built with"])
def test_a_python_in_a_readme_tech_stack_declares_none(tmp_path: Path, heading: str) -> None:
    tree = {**APP, "README.md": f"# Demo\n\n{heading}\n* **Python 3.9**\n* scikit-learn\n"}
    assert shown(tmp_path, tree, "ENV006") == []


def test_a_python_under_a_stack_requirements_heading_is_asked_for(tmp_path: Path) -> None:
    tree = {**APP, "README.md": "# Demo\n\n## Stack requirements\n* Python 3.9\n"}
    assert [line.split(" (")[0] for line in shown(tmp_path, tree, "ENV006")] == [
        "README.md:4: lists Python 3.9 as a requirement"
    ]


# -- releases named without a dot, quoted FROM lines (IMG006) -------------------------------


@pytest.mark.parametrize(
    ("image", "release"),
    [
        ("openvino/ubuntu20_runtime:latest", "Ubuntu 20.04"),
        ("example.com/team/runtime:cuda11-ubuntu1804", "Ubuntu 18.04"),
        ("example.com/team/runtime:1.2-debian10", "Debian 10"),
        ("example.com/team/runtime:1.2-ubuntu_bionic", "Ubuntu 18.04"),
    ],
)
def test_a_release_named_without_a_dot_is_read(tmp_path: Path, image: str, release: str) -> None:
    tree = {**APP, "Dockerfile": f"FROM {image}\nUSER app\n"}
    assert [line.split(": ")[1] for line in shown(tmp_path, tree, "IMG006")] == [f"FROM {image}"]
    assert release in shown(tmp_path, tree, "IMG006")[0]


@pytest.mark.parametrize(
    "image", ["openvino/ubuntu24_runtime:latest", "example.com/team/runtime:cuda12-ubuntu2404"]
)
def test_a_supported_release_named_without_a_dot_passes(tmp_path: Path, image: str) -> None:
    tree = {**APP, "Dockerfile": f"FROM {image}\nUSER app\n"}
    assert shown(tmp_path, tree, "IMG006") == []


def quoted(tag: str) -> Tree:
    dockerfile = f'ARG IMAGE=python\nARG TAG={tag}\nFROM "${{IMAGE}}:${{TAG}}"\nUSER app\n'
    return {**APP, "Dockerfile": dockerfile}


def test_a_quoted_from_is_read_as_docker_reads_it(tmp_path: Path) -> None:
    assert shown(tmp_path, quoted("3.10-slim"), "IMG006") == [
        "Dockerfile:3: FROM python:3.10-slim: the images of Python 3.10 stopped being "
        "rebuilt at its end of life on 2026-10-31"
    ]


def test_a_quoted_from_of_a_supported_python_passes(tmp_path: Path) -> None:
    assert shown(tmp_path, quoted("3.13-slim"), "IMG006") == []


# -- Azure ML v1 run and inference configurations (IMG006) ----------------------------------

RUNCONFIG = (
    "script: train.py\ntarget: cpu-cluster\nenvironment:\n  python:\n"
    "    condaDependenciesFile: config/conda.yml\n  docker:\n    enabled: true\n"
    "    baseImage: mcr.microsoft.com/azureml/base:intelmpi2018.3-{release}\n"
)
INFERENCE_CONFIG = (
    "entryScript: score.py\nruntime: python\n"
    "baseImage: mcr.microsoft.com/azureml/openmpi4.1.0-{release}\n"
)


@pytest.mark.parametrize(
    ("path", "content", "line"),
    [
        ("config/train.runconfig", RUNCONFIG, 8),
        ("config/inference-config.yml", INFERENCE_CONFIG, 3),
    ],
)
def test_an_azure_ml_v1_base_image_on_an_ended_release_is_reported(
    tmp_path: Path, path: str, content: str, line: int
) -> None:
    tree = {**APP, path: content.format(release="ubuntu16.04")}
    found = shown(tmp_path, tree, "IMG006")
    assert len(found) == 1
    assert found[0].startswith(f"{path}:{line}: image mcr.microsoft.com/azureml/")
    assert found[0].endswith("Ubuntu 16.04 ended its security support on 2021-04-30")


@pytest.mark.parametrize(
    ("path", "content"),
    [("config/train.runconfig", RUNCONFIG), ("config/inference-config.yml", INFERENCE_CONFIG)],
)
def test_an_azure_ml_v1_base_image_on_a_supported_release_passes(
    tmp_path: Path, path: str, content: str
) -> None:
    tree = {**APP, path: content.format(release="ubuntu22.04")}
    assert shown(tmp_path, tree, "IMG006") == []
