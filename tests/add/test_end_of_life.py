"""`mlops add` into a repo that allows a Python past its end of life says so, and keeps it."""

from __future__ import annotations

from pathlib import Path

from tests.add.trees import build_tree
from tests.conftest import invoke


def test_a_repo_on_an_end_of_life_python_is_told_and_keeps_its_choice(tmp_path: Path) -> None:
    pyproject = '[project]\nname = "demo"\nrequires-python = ">=3.9"\n'
    repo = build_tree(tmp_path, {"pyproject.toml": pyproject, "src/demo/__init__.py": ""})
    code, output = invoke("add", "makefile", "--path", str(repo))
    assert code == 0
    assert (
        "note: this repo allows Python 3.9, past its end of life (2025-10-31: no security "
        "fixes); its requires-python is kept, the added files target 3.11"
    ) in output
    assert (repo / "pyproject.toml").read_text() == pyproject


def test_a_repo_on_a_supported_python_gets_no_such_note(tmp_path: Path) -> None:
    pyproject = '[project]\nname = "demo"\nrequires-python = ">=3.12"\n'
    repo = build_tree(tmp_path, {"pyproject.toml": pyproject, "src/demo/__init__.py": ""})
    code, output = invoke("add", "makefile", "--dry-run", "--path", str(repo))
    assert code == 0
    assert "end of life" not in output
    assert "Would write" in output


def test_a_repo_whose_range_excludes_every_supported_python_is_told_what_breaks(
    tmp_path: Path,
) -> None:
    pyproject = (
        '[tool.poetry]\nname = "demo"\n[tool.poetry.dependencies]\npython = ">=3.10,<3.11"\n'
    )
    repo = build_tree(tmp_path, {"pyproject.toml": pyproject, "src/demo/__init__.py": ""})
    code, output = invoke("add", "makefile", "--dry-run", "--path", str(repo))
    assert code == 0
    assert (
        "the added files target 3.11, which it excludes: the images (and `pip install .` on 3.11) "
        "cannot install the package until requires-python allows 3.11"
    ) in " ".join(output.split())
