"""Session 40: execution counts of 0 record no run (a Databricks export), so they show
no order (NB001)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.doctor.helpers import committed_status

TRAINING = {"src/train.py": "from sklearn.linear_model import LinearRegression\n"}


def _notebook(counts: list[int | None]) -> str:
    cells = [
        {
            "cell_type": "code",
            "execution_count": count,
            "metadata": {},
            "outputs": [],
            "source": [f"x{number} = {number}\n"],
        }
        for number, count in enumerate(counts)
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_nb001_is_silent_on_an_export_whose_counts_are_all_zero(tmp_path: Path) -> None:
    tree = {**TRAINING, "notebooks/embeddings.ipynb": _notebook([0, 0, 0, 0])}
    assert committed_status(tmp_path, tree, "NB001") == "passed"


def test_nb001_still_fires_on_counts_out_of_order(tmp_path: Path) -> None:
    tree = {**TRAINING, "notebooks/embeddings.ipynb": _notebook([1, 3, 2, 4])}
    assert committed_status(tmp_path, tree, "NB001") == "failed"
