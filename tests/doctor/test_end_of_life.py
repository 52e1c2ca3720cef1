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
        "Dockerfile": "FROM python:3.14-slim-trixie\n",
        "environment.yml": "dependencies:\n  - python=3.12\n",
        ".github/workflows/ci.yml": WORKFLOW + "          python-version: '3.11'\n",
    }
    assert shown(tree, tmp_path) == []


def test_a_supported_conda_floor_passes(tmp_path: Path) -> None:
    tree = {**TRAINING, "environment.yml": "dependencies:\n  - python >= 3.12\n  - pip\n"}
    assert shown(tree, tmp_path) == []
