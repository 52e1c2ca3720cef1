"""The exploration notebook every project ships: imports the package, committed without outputs."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.generated.conftest import answers_of


def code_cells(project: Path) -> list[dict[str, Any]]:
    notebook = json.loads((project / "notebooks" / "exploration.ipynb").read_text("utf-8"))
    assert notebook["nbformat"] == 4
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def test_notebook_imports_the_package_instead_of_copying_its_code(project: Path) -> None:
    package = answers_of(project)["package_name"]
    sources = ["".join(cell["source"]) for cell in code_cells(project)]
    assert re.search(rf"^from {package}\.data import ", sources[0], re.MULTILINE)
    assert not any(re.search(r"^\s*def ", source, re.MULTILINE) for source in sources)


def test_notebook_is_committed_stripped(project: Path) -> None:
    cells = code_cells(project)
    assert cells
    assert all(cell["outputs"] == [] and cell["execution_count"] is None for cell in cells)


def test_a_test_runs_every_notebook(project: Path) -> None:
    test = (project / "tests" / "notebooks" / "test_notebooks.py").read_text("utf-8")
    assert '"notebooks").glob("*.ipynb")' in test
    assert "NotebookClient(" in test
