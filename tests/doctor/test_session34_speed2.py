"""Session 34 (second speed step): a secret format anchored at its marker tried only where
the marker starts; a README opening's language judged once and not letter by letter when
it is ASCII."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlops_scaffold.doctor.checks.secrets import SECRET_FORMATS, STARTS_AT_MARKER, _format_matches
from mlops_scaffold.doctor.kinds import _foreign
from tests.doctor.cases import PACKAGE, TRAINING
from tests.doctor.helpers import committed_status

APP = {**PACKAGE, **TRAINING, "pyproject.toml": '[project]\nname = "demo"\n'}
IMAGE_BYTES = "iVBORw0KGgoAAAANSUhEUgAAAAE" * 4000  # base64 of a picture, no marker in it

# -- secret formats tried at their markers (SEC001) ----------------------------------------


def _key(prefix: str, body: str) -> str:
    return prefix + body


def test_a_key_inside_a_long_line_of_base64_is_found_where_its_marker_starts(
    tmp_path: Path,
) -> None:
    key = _key("AKIA", "Q3RZ7WXKP2MN4B5V")
    cell = f'{{"cells": [{{"cell_type": "code", "source": ["s = \\"{IMAGE_BYTES} {key}\\""], '
    tree = {**APP, "notebooks/explore.ipynb": cell + '"outputs": [], "metadata": {}}]}\n'}
    assert committed_status(tmp_path, tree, "SEC001") == "failed"


def test_a_marker_inside_a_longer_word_of_base64_is_no_key(tmp_path: Path) -> None:
    inside = "xAKIAQ3RZ7WXKP2MN4B5V" + IMAGE_BYTES
    tree = {**APP, "data/picture.txt": f"{inside}\n"}
    assert committed_status(tmp_path, tree, "SEC001") == "passed"


@pytest.mark.parametrize(
    "line",
    [
        b"a AKIAQ3RZ7WXKP2MN4B5V b ASIAQ3RZ7WXKP2MN4B5VAKIAQ3RZ7WXKP2MN4B5V",
        b"xAKIAQ3RZ7WXKP2MN4B5V AKIAQ3RZ7WXKP2MN4B5",
        b"ghp_" + b"a1" * 18 + b" github_pat_" + b"B2_" * 21,
        b"xoxb-123-456 xoxp-" + b"9" * 12,
        b"hf_" + b"abcdefghij" * 4,
        b"dapi" + b"0a" * 16 + b"-2 dapi" + b"0a" * 16,
    ],
)
def test_matching_at_markers_finds_what_a_search_of_the_line_finds(line: bytes) -> None:
    for label, markers, pattern in SECRET_FORMATS:
        found = [m.span() for m in _format_matches(label, markers, pattern, line)]
        held = any(marker in line for marker in markers)
        assert found == ([m.span() for m in pattern.finditer(line)] if held else [])


def test_every_format_anchored_at_its_marker_starts_with_one() -> None:
    for label, markers, pattern in SECRET_FORMATS:
        if label in STARTS_AT_MARKER:
            text = re.sub(rb"^\\b(?:\(\?:)?", b"", pattern.pattern)
            assert any(text.startswith(marker[:2]) for marker in markers), label


# -- a README opening's language ----------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "foreign"),
    [
        ("# Churn model\nTrains a classifier.", False),
        ("# 🚀 Churn model\nTrains a classifier.", False),
        ("# 顧客離反モデル\n分類器を学習します。", True),
    ],
)
def test_an_opening_is_foreign_when_most_of_its_letters_are_beyond_ascii(
    opening: str, foreign: bool
) -> None:
    assert _foreign(opening) is foreign
