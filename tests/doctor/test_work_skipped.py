"""Work the doctor skips because its answer cannot change a verdict: a README's markup
past its opening words, and modules that name no prediction for MON001."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mlops_scaffold.doctor.checks.monitoring import (
    NAMES_A_PREDICTION,
    PREDICTION_LOGGER,
    PREDICTION_NAME,
    PREDICTION_ROUTE,
)
from mlops_scaffold.doctor.kinds import README_MARKUP, _unmarked_start
from mlops_scaffold.doctor.own_imports import OwnModules
from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import audit, status_on

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


def _mon001(root: Path, stored: str, route: str = "/predict", call: str = "predict") -> bool:
    """Whether MON001 reports a Flask service whose store module writes `stored`, called
    from the handler of `route`, what the model's `call` returned."""
    service = SERVICE.replace("/predict", route).replace("MODEL.predict", f"MODEL.{call}")
    build_file_tree(root, {"app.py": service, "store.py": STORE.format(name=stored)})
    return "MON001" in {f.id for f in audit(root, "SERVE001", "MON001").findings}


def test_mon001_a_record_written_by_a_module_that_names_a_prediction_passes(
    tmp_path: Path,
) -> None:
    assert not _mon001(tmp_path, "prediction")


def test_mon001_the_prediction_routes_record_written_by_an_imported_helper_passes(
    tmp_path: Path,
) -> None:
    # `save(result)` from `/predict`'s handler: the store's helper names no prediction,
    # the route that calls it does (round 17: a helper module's InfluxDB write)
    assert not _mon001(tmp_path, "score")


def test_mon001_a_record_written_by_a_module_that_names_no_prediction_is_not_one(
    tmp_path: Path,
) -> None:
    # what the model's `predict` returns is a prediction (session 40): `transform` names none
    assert _mon001(tmp_path, "score", route="/score", call="transform")


MODULES = (
    "app/__init__.py",
    "app/pages/__init__.py",
    "app/pages/home.py",
    "app/helpers.py",
    "app/model/__init__.py",
    "app/model/predict.py",
    "app.py",
    "shared/core.py",
    "tools/run.py",
    "pyproject.toml",
)


@pytest.mark.parametrize(
    "page",
    [
        "from .. import helpers\nfrom ..model import predict\n",
        "from . import *\nfrom ... import app\n",
        "import app.model.predict as p\nfrom app import helpers\n",
        "from shared.core import (\n    load,\n)\nimport app.helpers, shared.core\n",
        "def show():\n    from ..model.predict import run\n    return run()\n",
    ],
)
def test_the_modules_a_page_names_hold_every_module_it_imports(page: str) -> None:
    modules = OwnModules.of("", [m for m in MODULES if m.endswith(".py")], MODULES)
    imported = modules.imported_by("app/pages/home.py", ast.parse(page))
    assert imported
    assert imported <= modules.named_in("app/pages/home.py", page)


@pytest.mark.parametrize(
    ("page", "left_out"),
    [
        ("st.button('run')\n", "tools/run.py"),  # tools/ is neither above nor installed
        ("from tools import run\n", "shared/core.py"),  # core is not named
        ("x = core.load()\n", "shared/core.py"),  # core alone: Python looks in shared/ never
    ],
)
def test_the_modules_a_page_names_leave_out_those_python_cannot_reach(
    page: str, left_out: str
) -> None:
    modules = OwnModules.of("", [m for m in MODULES if m.endswith(".py")], MODULES)
    assert left_out not in modules.named_in("app/pages/home.py", page)
    assert "tools/run.py" in modules.named_in("app/pages/home.py", "from tools import run\n")


PAGE = "import streamlit as st\n\nfrom {module} import score\n\nst.write(score())\n"
MODEL_HELPER = "import joblib\n\n\ndef score():\n    return joblib.load('m.pkl').predict([[1]])\n"
PLAIN_HELPER = "def score():\n    return 1\n"


def _streamlit_service(root: Path, helpers: dict[str, str], module: str) -> bool:
    """Whether the doctor finds a prediction service in a Streamlit page importing `module`."""
    tree = {"app/page.py": PAGE.format(module=module), **helpers}
    return status_on(root, tree, "SERVE001") is Status.PASSED


def test_a_page_whose_imported_helper_loads_a_model_is_a_service(tmp_path: Path) -> None:
    helpers = {"app/scoring.py": MODEL_HELPER, "other/unused.py": PLAIN_HELPER}
    assert _streamlit_service(tmp_path, helpers, "scoring")


def test_a_page_is_no_service_when_only_a_module_it_does_not_name_loads_a_model(
    tmp_path: Path,
) -> None:
    helpers = {"app/scoring.py": PLAIN_HELPER, "app/unused.py": MODEL_HELPER}
    assert not _streamlit_service(tmp_path, helpers, "scoring")
