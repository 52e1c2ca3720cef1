"""Session 34 (speed): one reader of a Dockerfile's stages and the images they start from."""

from __future__ import annotations

from mlops_scaffold.repo.parsers import Dockerfile, parse_dockerfile


def _dockerfile(text: str) -> Dockerfile:
    return Dockerfile("Dockerfile", tuple(parse_dockerfile(text)))


def test_a_stage_built_from_an_earlier_stage_by_number_starts_from_its_image() -> None:
    dockerfile = _dockerfile(
        "FROM python:3.8-slim\nRUN pip install uv\nFROM 0 AS test\nRUN pytest\n"
        "FROM test\nCMD python app.py\n"
    )
    assert dockerfile.stage_chain(2) == [2, 1, 0]
    assert dockerfile.base_image(2) == "python:3.8-slim"


def test_a_number_that_names_no_earlier_stage_is_an_image() -> None:
    dockerfile = _dockerfile("FROM 3 AS first\nFROM ubuntu:22.04\nFROM 1\n")
    assert dockerfile.stage_chain(0) == [0]
    assert dockerfile.base_image(0) == "3"
    assert dockerfile.base_image(2) == "ubuntu:22.04"


def test_stage_names_and_build_arguments_resolve_to_the_external_image() -> None:
    dockerfile = _dockerfile(
        "ARG BASE=python:3.12-slim\nFROM ${BASE} AS Base\nFROM base AS app\nFROM node:20\n"
    )
    assert dockerfile.base_image(1) == "python:3.12-slim"
    assert dockerfile.base_image(2) == "node:20"
