"""Session 43: a notebook is code whatever its outputs weigh, and its cells are judged
like a small one's (CODE002, NB001)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.doctor.helpers import committed_status

TRAINING = {"src/train.py": "from sklearn.linear_model import LinearRegression\n"}
# A plot's base64 PNG, as a run saves it: 2.5 MB, over the size of files searched as text.
PLOT = {"output_type": "display_data", "data": {"image/png": "iVBOR" + "A" * 2_500_000}}


PRINTED = {"output_type": "stream", "name": "stdout", "text": ["2\n"]}


def _notebook(sources: list[str], counts: list[int | None], plot: bool = False) -> str:
    cells = [
        {
            "cell_type": "code",
            "execution_count": count,
            "metadata": {},
            "outputs": [PLOT] if plot and number == 0 else [PRINTED] if count else [],
            "source": [source],
        }
        for number, (source, count) in enumerate(zip(sources, counts, strict=True))
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_code002_reads_the_cells_of_a_notebook_heavy_with_plots(tmp_path: Path) -> None:
    sources = ["import pandas as pd\n", "df = pd.read_csv('/home/alice/project/data.csv')\n"]
    tree = {**TRAINING, "notebooks/eda.ipynb": _notebook(sources, [1, 2], plot=True)}
    assert committed_status(tmp_path, tree, "CODE002") == "failed"


def test_code002_is_silent_on_a_heavy_notebook_with_relative_paths(tmp_path: Path) -> None:
    sources = ["import pandas as pd\n", "df = pd.read_csv('data/data.csv')\n"]
    tree = {**TRAINING, "notebooks/eda.ipynb": _notebook(sources, [1, 2], plot=True)}
    assert committed_status(tmp_path, tree, "CODE002") == "passed"


def test_nb001_reads_the_counts_of_a_notebook_heavy_with_plots(tmp_path: Path) -> None:
    sources = ["x = 1\n", "y = 2\n", "z = 3\n"]
    tree = {**TRAINING, "notebooks/eda.ipynb": _notebook(sources, [1, 5, 2], plot=True)}
    assert committed_status(tmp_path, tree, "NB001") == "failed"


def test_nb003_still_measures_a_heavy_notebooks_outputs(tmp_path: Path) -> None:
    sources = ["x = 1\n"]
    tree = {**TRAINING, "notebooks/eda.ipynb": _notebook(sources, [1], plot=True)}
    assert committed_status(tmp_path, tree, "NB003") == "failed"


# A cookiecutter template: the project it renders lives under its Jinja-named folder.
TEMPLATE = {
    "cookiecutter.json": '{"project_slug": "demo"}\n',
    "{{cookiecutter.project_slug}}/src/__init__.py": "",
    "{{cookiecutter.project_slug}}/src/train.py": "from sklearn.svm import SVC\n",
}


def test_nb001_reads_the_notebooks_a_template_copies_into_every_project(tmp_path: Path) -> None:
    notebook = _notebook(["import numpy as np\n", "np.arange(3)\n"], [2, 2])
    tree = {**TEMPLATE, "{{cookiecutter.project_slug}}/notebooks/eda.ipynb": notebook}
    assert committed_status(tmp_path, tree, "NB001") == "failed"


def test_nb001_is_silent_on_a_template_notebook_run_in_order(tmp_path: Path) -> None:
    notebook = _notebook(["import numpy as np\n", "np.arange(3)\n"], [1, 2])
    tree = {**TEMPLATE, "{{cookiecutter.project_slug}}/notebooks/eda.ipynb": notebook}
    assert committed_status(tmp_path, tree, "NB001") == "passed"


def test_nb002_reads_a_template_notebooks_install_cell(tmp_path: Path) -> None:
    notebook = _notebook(["!pip install poetry\n", "import demo\n"], [None, None])
    tree = {**TEMPLATE, "{{cookiecutter.project_slug}}/notebooks/demo.ipynb": notebook}
    assert committed_status(tmp_path, tree, "NB002") == "failed"


def test_code002_reads_the_code_a_template_renders(tmp_path: Path) -> None:
    conf = 'import sys\nsys.path.insert(0, r"C:\\Users\\alice\\GitHub\\boilerplate\\src")\n'
    tree = {**TEMPLATE, "{{cookiecutter.project_slug}}/docs/conf.py": conf}
    assert committed_status(tmp_path, tree, "CODE002") == "failed"


def test_code002_is_silent_on_a_template_whose_code_finds_its_paths(tmp_path: Path) -> None:
    conf = "import sys\nfrom pathlib import Path\nsys.path.insert(0, str(Path('..', 'src')))\n"
    tree = {**TEMPLATE, "{{cookiecutter.project_slug}}/docs/conf.py": conf}
    assert committed_status(tmp_path, tree, "CODE002") == "passed"


def test_nb001_fires_when_the_run_stopped_before_the_last_cells(tmp_path: Path) -> None:
    sources = ["x = 1\n", "y = x + 1\n", "print(y)\n"]
    tree = {**TRAINING, "notebooks/eda.ipynb": _notebook(sources, [1, 2, None])}
    assert committed_status(tmp_path, tree, "NB001") == "failed"


def test_nb001_fires_when_cells_above_the_first_run_never_ran(tmp_path: Path) -> None:
    sources = ["import pandas as pd\n", "df = pd.DataFrame()\n", "# a note\nprint(1)\n"]
    tree = {**TRAINING, "notebooks/eda.ipynb": _notebook(sources, [None, None, 1])}
    assert committed_status(tmp_path, tree, "NB001") == "failed"


def test_nb001_is_silent_when_every_code_cell_ran_in_order(tmp_path: Path) -> None:
    sources = ["x = 1\n", "y = x + 1\n", "print(y)\n", ""]
    tree = {**TRAINING, "notebooks/eda.ipynb": _notebook(sources, [1, 2, 3, None])}
    assert committed_status(tmp_path, tree, "NB001") == "passed"


def test_nb001_is_silent_on_placeholder_cells_left_below_the_run(tmp_path: Path) -> None:
    sources = ["x = 1\n", "print(x + 1)\n", "# WRITE YOUR CODE HERE\n"]
    tree = {**TRAINING, "notebooks/eda.ipynb": _notebook(sources, [1, 2, None])}
    assert committed_status(tmp_path, tree, "NB001") == "passed"


def test_nb001_is_silent_when_a_run_of_the_imports_shows_nothing(tmp_path: Path) -> None:
    sources = ["import os\n", "print(os.sep)\n"]
    notebook = json.loads(_notebook(sources, [1, None]))
    notebook["cells"][0]["outputs"] = []
    tree = {**TRAINING, "notebooks/deploy.ipynb": json.dumps(notebook)}
    assert committed_status(tmp_path, tree, "NB001") == "passed"
