"""Work the doctor skips because its answer cannot change a verdict: a README's markup
past its opening words, and modules that name no prediction for MON001."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.checks.monitoring import (
    NAMES_A_PREDICTION,
    PREDICTION_LOGGER,
    PREDICTION_NAME,
    PREDICTION_ROUTE,
)
from mlops_scaffold.doctor.kinds import README_MARKUP, _unmarked_start
from tests.conftest import build_file_tree
from tests.doctor.helpers import audit

BADGE = "[![CI](https://example.com/ci.svg)](https://example.com/ci)"


@pytest.mark.parametrize(
    "readme",
    [
        "# Title\n\nPlain words only.\n",
        f"{BADGE}\n# Title\n\n" + "word " * 200,
        "# Title\n\n" + "x" * 590 + BADGE + "\n\nA course of lessons.\n",  # across the cut
        "<p align='center'><img src='logo.png'></p>\n" * 30 + "# Title\n",
        "a < b and " * 100 + "<br>",  # an opening bracket that is no tag
        BADGE * 40,
        "",
    ],
)
def test_a_readme_opening_is_the_start_of_the_readme_without_markup(readme: str) -> None:
    assert _unmarked_start(readme, 600) == README_MARKUP.sub("", readme)[:600]


@pytest.mark.parametrize(
    "name", ["prediction", "y_pred", "preds", "pred_result", "/predict", "log_predictions"]
)
def test_every_name_of_a_prediction_holds_the_text_mon001_looks_for(name: str) -> None:
    named = PREDICTION_NAME.search(name) or PREDICTION_ROUTE.match(name)
    assert named or PREDICTION_LOGGER.search(name)
    assert NAMES_A_PREDICTION.search(name)


SERVICE = (
    "from flask import Flask, request\n\nfrom store import save\n\napp = Flask(__name__)\n\n\n"
    "@app.post('/predict')\ndef predict():\n    result = MODEL.predict(request.json['rows'])\n"
    "    save(result)\n    return {'result': result.tolist()}\n"
)
STORE = (
    "import sqlite3\n\n\ndef save({name}):\n    with sqlite3.connect('scores.db') as db:\n"
    "        db.execute('INSERT INTO scores VALUES (?)', ({name},))\n"
)


def _mon001(root: Path, stored: str) -> bool:
    """Whether MON001 reports a Flask service whose store module writes `stored`."""
    build_file_tree(root, {"app.py": SERVICE, "store.py": STORE.format(name=stored)})
    return "MON001" in {f.id for f in audit(root, "SERVE001", "MON001").findings}


def test_mon001_a_record_written_by_a_module_that_names_a_prediction_passes(
    tmp_path: Path,
) -> None:
    assert not _mon001(tmp_path, "prediction")


def test_mon001_a_record_written_by_a_module_that_names_no_prediction_is_not_one(
    tmp_path: Path,
) -> None:
    assert _mon001(tmp_path, "score")
