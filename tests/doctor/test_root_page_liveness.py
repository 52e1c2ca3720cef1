"""A root route that binds a literal and returns it (the `html = "<h3>... Home</h3>"`,
`return html.format(format)` of many course templates) answers a fixed message: the
service is up, as `return "API is running"` says (session 43). One that fills the
literal in from the request does work."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import audit

APP = (
    "from flask import Flask, request\nfrom joblib import load\n\napp = Flask(__name__)\n"
    "model = load('model.joblib')\n\n\n"
    "@app.route('/')\ndef home():\n{root}\n\n\n"
    "@app.route('/predict', methods=['POST'])\ndef predict():\n"
    "    return {{'prediction': model.predict(request.json['rows']).tolist()}}\n"
)
FIXED_PAGE = '    html = "<h3>Sklearn Prediction Home</h3>"\n    return html.format(format)'
FILLED_PAGE = '    html = "<h3>Hello {}</h3>"\n    return html.format(request.args["name"])'


def _health(tmp_path: Path, root: str) -> Status:
    tree = {
        "pyproject.toml": '[project]\nname = "housing"\nversion = "0.1"\n',
        "app.py": APP.format(root=root),
    }
    build_file_tree(tmp_path, tree)
    return next(r.status for r in audit(tmp_path, "SERVE002").results if r.id == "SERVE002")


def test_a_root_route_returning_a_literal_it_bound_says_the_service_is_up(
    tmp_path: Path,
) -> None:
    assert _health(tmp_path, FIXED_PAGE) is Status.PASSED


def test_a_root_route_filling_its_page_from_the_request_is_no_health_check(
    tmp_path: Path,
) -> None:
    assert _health(tmp_path, FILLED_PAGE) is Status.FAILED
