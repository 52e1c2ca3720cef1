"""Data validation libraries users really use (issue 13): Pointblank's validation plans
and Patito's polars row models validate a data set (DATA005)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import PACKAGE, TEST, TRAINING
from tests.doctor.helpers import audit, status_of

VALIDATES = {
    "pointblank": (
        "import pointblank as pb\nimport polars as pl\n\n\ndef check(path):\n"
        "    frame = pl.read_csv(path)\n"
        "    return pb.Validate(data=frame).col_vals_not_null(columns='price').interrogate()\n"
    ),
    "patito": (
        "import patito as pt\n\n\nclass House(pt.Model):\n"
        "    price: float = pt.Field(gt=0)\n    rooms: int\n"
    ),
}
# The same libraries only imported for a type annotation: no data is validated.
ANNOTATES = {
    "pointblank": "from pointblank import Validate\n\n\ndef show(v: Validate) -> None:\n    ...\n",
    "patito": "from patito import DataFrame\n\n\ndef rows(frame: DataFrame) -> None:\n    ...\n",
}


@pytest.mark.parametrize("library", sorted(VALIDATES))
def test_data005_passes_on_the_library(tmp_path: Path, library: str) -> None:
    build_file_tree(
        tmp_path, {**PACKAGE, **TRAINING, **TEST, "src/demo/checks.py": VALIDATES[library]}
    )
    assert status_of(audit(tmp_path, "DATA005"), "DATA005") is Status.PASSED


@pytest.mark.parametrize("library", sorted(ANNOTATES))
def test_data005_fires_when_the_library_only_annotates(tmp_path: Path, library: str) -> None:
    build_file_tree(
        tmp_path, {**PACKAGE, **TRAINING, **TEST, "src/demo/checks.py": ANNOTATES[library]}
    )
    assert status_of(audit(tmp_path, "DATA005"), "DATA005") is Status.FAILED
