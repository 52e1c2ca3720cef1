"""Session 50, from round 52 and K32.

Kinds: usage examples beside a repository's one library project are that library's. A
Streamlit page whose file name starts with a digit (`pages/1_eda.py`, not importable) that
another module names no longer crashes the audit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, committed_kind, committed_status

# -- Kinds: a library's usage examples are no project of their own -------------------------------

_EXAMPLE_TRAIN = (
    "import torch\n\nimport toolkit\n\nmodel = torch.nn.Linear(2, 1)\n"
    "torch.save(model.state_dict(), 'model.pt')\n"
)


@pytest.mark.parametrize(
    ("beside", "kind"),
    [("examples", "library"), ("fraud-service", "application")],
    ids=["usage-examples", "second-project"],
)
def test_usage_examples_beside_one_library_are_its_own(
    tmp_path: Path, beside: str, kind: str
) -> None:
    tree: Tree = {
        "README.md": "# Graph toolkit\n\nHelpers for graph ML jobs.\n\n    pip install ./src\n",
        "src/setup.py": (
            "from setuptools import find_packages, setup\n\n"
            "setup(name='graph-toolkit', version='0.1', packages=find_packages())\n"
        ),
        "src/toolkit/__init__.py": "def export(graph):\n    return graph\n",
    }
    for name in ("fraud", "movies"):
        folder = f"{beside}/{name}" if beside == "examples" else f"{beside}-{name}"
        tree[f"{folder}/train.py"] = _EXAMPLE_TRAIN
        tree[f"{folder}/requirements.txt"] = "torch==2.1.0\n"
    assert committed_kind(tmp_path, tree) == kind


# -- A page file no import can name ---------------------------------------------------------------


def test_a_streamlit_page_named_by_a_number_is_read_without_a_crash(tmp_path: Path) -> None:
    tree: Tree = {
        "requirements.txt": "streamlit==1.39.0\nscikit-learn==1.5.2\n",
        "app.py": (
            "import streamlit as st\n\nfrom helpers import header\n\nheader('X-ray classifier')\n"
            "st.page_link('pages/1_eda.py', label='1_eda')\n"
        ),
        "helpers.py": "import streamlit as st\n\n\ndef header(text):\n    st.title(text)\n",
        "pages/1_eda.py": (
            "import joblib\nimport streamlit as st\n\nmodel = joblib.load('model.joblib')\n"
            "st.write(model.predict([[st.number_input('age')]]))\n"
        ),
    }
    # The page serves the model: its unchecked load is reported, as any page's would be.
    assert committed_status(tmp_path, tree, "SERVE003") == "failed"
