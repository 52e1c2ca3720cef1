"""Notebook tests: each notebook in notebooks/ runs top to bottom in the project's environment.

A notebook that only works with cells run by hand in some order, or with a function that has since
moved, fails here instead of on a colleague's machine.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_runs_top_to_bottom(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    # Run where Jupyter runs it: in the notebook's own folder. A failing cell raises CellExecutionError.
    here = {"metadata": {"path": str(path.parent)}}
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources=here).execute()
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code_cells] == list(range(1, len(code_cells) + 1))
    assert not [output for cell in code_cells for output in cell.outputs if output.output_type == "error"]
