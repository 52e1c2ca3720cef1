"""Session 34 (speed): one reader of a Dockerfile's stages and the images they start from;
a `git grep` group's patterns told apart on the lines holding their literal; the
tokenizer run for CODE002 only when a `#` precedes a path on its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlops_scaffold.repo.parsers import Dockerfile, parse_dockerfile
from mlops_scaffold.repo.required_text import matches_anywhere
from mlops_scaffold.repo.view import _lines_holding_match, _text_holding_match
from tests.doctor.cases import PACKAGE, TRAINING
from tests.doctor.helpers import committed_status

APP = {**PACKAGE, **TRAINING, "pyproject.toml": '[project]\nname = "demo"\n'}


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


# -- telling a `git grep` group's patterns apart on the lines git would read ---------------

RUNTIME = re.compile(r"[Rr]untime[\"']?[ \t]*[:=][ \t]*[\"']?python3\.?\d+", re.MULTILINE)


def test_a_pattern_is_tried_on_the_lines_holding_its_literal() -> None:
    text = '{"rows": [1, 2]}\n' * 3 + '{"Runtime": "python3.8"}\n'
    assert _lines_holding_match(RUNTIME, text, "python3")
    assert _text_holding_match(RUNTIME, text, "python3")


def test_a_text_without_the_literal_or_with_it_apart_from_a_match_holds_none() -> None:
    apart = '{"runtime": "see below"}\n{"kernel": "python3"}\n'
    assert not _lines_holding_match(RUNTIME, apart, "python3")
    assert not _text_holding_match(RUNTIME, '{"runtime": 3}\n', "python3")


# -- a quoted path after a `#` that starts no comment (CODE002) ----------------------------


def test_a_path_after_a_hash_inside_a_string_is_code(tmp_path: Path) -> None:
    tree = {**APP, "src/demo/paths.py": 'TAG = "#1"; DATA = "/home/alice/data.csv"\n'}
    assert committed_status(tmp_path, tree, "CODE002") == "failed"


def test_a_path_in_a_comment_is_not_code(tmp_path: Path) -> None:
    tree = {**APP, "src/demo/paths.py": 'DATA = "data.csv"  # was "/home/alice/data.csv"\n'}
    assert committed_status(tmp_path, tree, "CODE002") == "passed"


# -- case-blind literals found in a text beyond ASCII ---------------------------------------

LOADS = re.compile(r"(?i)\b(?:insert_many|log_dict)\b")


@pytest.mark.parametrize(
    "text", ["# Résumé 🚀\ncollection.INSERT_MANY(rows)\n", "🚀 db.\u0131nsert_many(rows)\n"]
)
def test_a_case_blind_pattern_is_found_in_a_text_beyond_ascii(text: str) -> None:
    assert matches_anywhere(LOADS, text) == (LOADS.search(text) is not None) is True


@pytest.mark.parametrize("text", ["# Résumé 🚀\ninsert_manyfold()\n", "İ 🚀 log_dicts\n"])
def test_a_case_blind_pattern_absent_beyond_ascii_is_not_found(text: str) -> None:
    assert matches_anywhere(LOADS, text) == (LOADS.search(text) is not None) is False
