"""Session 38: the search of every file prints only the lines a secret's format can match on
(SEC001), not every line of base64 holding a four-letter marker such as `AKIA` by chance;
the findings are those of the plain walk, which reads every file in Python."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mlops_scaffold.doctor.checks.environment import COMPILE_HINT, LOCK_INSTALL_HINTS
from mlops_scaffold.doctor.checks.secrets import MARKERS, SECRET_FORMATS, SECRET_SHAPES
from mlops_scaffold.doctor.fixtures import AuditView
from mlops_scaffold.repo.required_text import line_superset
from mlops_scaffold.repo.view import _by_first_word
from tests.doctor.helpers import Tree, audit
from tests.doctor.test_git_listing import build_both

# One line each format matches (made-up values of the documented shapes).
SAMPLES = [
    "AKIAQ3RZ7WXKP2MN4B5V",
    "-----BEGIN RSA PRIVATE KEY-----",
    "ghp_" + "Zq8Lm3Xv7Tb2Nw5Rk9Hc4Jd6Fg1Ps0Ya8Uea",
    "github_pat_" + "c" * 60,
    "xoxb-1234567890abc",
    "AIza" + "A" * 35,
    "sk-proj-" + "a" * 20 + "T3BlbkFJ" + "b" * 20,
    "hf_" + "a" * 34,
    "sk_live_" + "a1" * 12,
    "sk-ant-api03-" + "a" * 93 + "AA",
    "glpat-" + "ab1" * 7,
    "dapi" + "a1" * 16,
    "pypi-AgEIcHlwaS5vcmc" + "a" * 50,
    "https://discord.com/api/webhooks/" + "1" * 18 + "/" + "aZ9" * 21,
    "https://hooks.slack.com/services/T1234567/B1234567/" + "aZ9" * 8,
    "https://api.render.com/deploy/srv-abc12?key=Zk3mQ9xw",
    'wandb.login(key="' + "a1" * 20 + '")',
    '{"username": "ana", "key": "' + "0f" * 16 + '"}',
]
# A notebook image's base64 holding markers by chance: `AKIA`, `dapi`, `AIza`, `ASIA`.
BASE64_IMAGE = "iVBORw0KGgoAAAANSUhEUgAKIAxyzdapiQ" + "AIza" + "x/+" * 40 + "ASIAb9"


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_line_a_secret_format_matches_matches_a_shape(sample: str) -> None:
    line = f"value = {sample} # end".encode()
    assert any(pattern.search(line) for _, _, pattern in SECRET_FORMATS)
    assert any(re.search(shape.encode(), line) for shape in SECRET_SHAPES)


def test_a_line_of_base64_holding_markers_matches_no_shape() -> None:
    line = BASE64_IMAGE.encode()
    assert any(marker in line for marker in MARKERS)
    assert not any(re.search(shape.encode(), line) for shape in SECRET_SHAPES)


@pytest.mark.parametrize(
    ("pattern", "superset"),
    [
        (r"\bAKIA[0-9A-Z]{16}\b", "AKIA[0-9A-Z]{16}"),
        (r"\bglpat-(?![\w-]*?([\w-])\1{7})[\w-]{20,}", r"glpat-[\w-]{20,}"),
        (r"\bsk-[\w-]{9}AA(?![\w-])", r"sk-[\w-]{9}AA"),
        (r"\bhooks/(?P<credential>\w{20,})", r"hooks/(?:\w{20,})"),
        (r"[\b]x\\b", r"[\b]x\\b"),  # a backspace in a class, an escaped backslash
    ],
)
def test_a_line_superset_drops_word_boundaries_and_look_arounds(
    pattern: str, superset: str
) -> None:
    assert line_superset(pattern) == superset


@pytest.mark.parametrize("pattern", [r'"[^"\\]+"', r"(\w)\1", "(unclosed"])
def test_no_line_superset_when_git_could_match_fewer_lines(pattern: str) -> None:
    assert line_superset(pattern) is None


def _notebook(output: str, source: str = "print(1)") -> str:
    cell = {
        "cell_type": "code",
        "execution_count": 1,
        "metadata": {},
        "source": [source],
        "outputs": [{"output_type": "display_data", "data": {"image/png": output}}],
    }
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]}
    return json.dumps(notebook, indent=1)  # one line each value, as Jupyter writes


def _found(root: Path) -> list[tuple[str | None, str]]:
    return sorted((f.path, f.message) for f in audit(root, "SEC001").findings)


def test_a_real_key_beside_base64_images_is_found_and_its_line_printed(tmp_path: Path) -> None:
    key = "AKIAQ3RZ7WXKP2MN4B5V"
    tree: Tree = {
        "notebooks/plot.ipynb": _notebook(BASE64_IMAGE, f"aws_key_id = '{key}'"),
        "settings.txt": f"key: {key}\n",
    }
    with_git, plain = build_both(tmp_path, tree)
    lines = AuditView.open(with_git).lines_containing(MARKERS)
    assert sorted(lines) == ["notebooks/plot.ipynb", "settings.txt"]
    assert all(BASE64_IMAGE.encode() not in line for _, line in lines["notebooks/plot.ipynb"])
    assert _found(with_git) == _found(plain)
    assert [path for path, _ in _found(with_git)] == ["notebooks/plot.ipynb", "settings.txt"]


def test_base64_images_holding_markers_print_no_line_and_report_nothing(tmp_path: Path) -> None:
    tree: Tree = {"notebooks/plot.ipynb": _notebook(BASE64_IMAGE), "README.md": "# demo\n"}
    with_git, plain = build_both(tmp_path, tree)
    assert AuditView.open(with_git).lines_containing(MARKERS) == {}
    assert "notebooks/plot.ipynb" in AuditView.open(plain).lines_containing(MARKERS)
    assert _found(with_git) == _found(plain) == []


COMMANDS = ["pdm install", "pdm sync", "pip compile", "pip-compile", "docker run", "uv run", "AKIA"]


def test_literals_sharing_a_first_word_are_one_pattern_matching_each_of_them() -> None:
    patterns = _by_first_word(COMMANDS)
    assert len(patterns) == 5  # pdm, pip, docker, uv, AKIA
    for literal in COMMANDS:
        line = f"run: {literal} --flag"
        assert any(re.search(pattern, line) for pattern in patterns)
    assert not any(re.search(pattern, "pdm export; pip install; docker") for pattern in patterns)


def test_command_literals_searched_with_the_shapes_find_what_the_walk_finds(
    tmp_path: Path,
) -> None:
    tree: Tree = {
        "Makefile": "lock:\n\tpip-compile requirements.in\n",
        "scripts/run.sh": "uv run train.py\ndocker run app\n",
        "notes.md": "pdm export and poetry nothing\n",
    }
    with_git, plain = build_both(tmp_path, tree)
    for group in (LOCK_INSTALL_HINTS, COMPILE_HINT):
        assert AuditView.open(with_git).files_containing(group) == AuditView.open(
            plain
        ).files_containing(group)
