"""Round 21's false results: a code span over a line break, LitServe's own health
route, local-file URIs, lint runs that cannot fail, metrics pinned to a recorded score,
services that train on a route, images judged by the service beside them."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import Tree, audit, status_of


# DOCS001: Markdown runs a code span over a line break (``pip install -r x`` then ``).
@pytest.mark.parametrize(
    ("readme", "expected"),
    [
        ("# Demo\n\nInstall:\n\n``pip install -r requirements\n``\n", Status.PASSED),
        ("# Demo\n\nInstall:\n\n``pip install -r requirements\n\nthen run it``\n", Status.FAILED),
    ],
    ids=["closed-on-next-line", "paragraph-ends-first"],
)
def test_docs001_reads_a_code_span_over_a_line_break(
    tmp_path: Path, readme: str, expected: Status
) -> None:
    build_file_tree(tmp_path, {"README.md": readme, "app.py": "print('hi')\n"})
    assert status_of(audit(tmp_path, "DOCS001"), "DOCS001") is expected


# SERVE002: LitServe's LitServer serves GET /health itself.
LIT_API = (
    "import litserve as ls\n\n\nclass Api(ls.LitAPI):\n"
    "    def setup(self, device):\n        self.model = lambda x: x\n\n"
    "    def predict(self, x):\n        return self.model(x)\n\n\n"
    "if __name__ == '__main__':\n    ls.LitServer(Api()).run(port=8000)\n"
)
FLASK_APP = (
    "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
    "@app.post('/predict')\ndef predict():\n    return {}\n"
)


@pytest.mark.parametrize(
    ("tree", "expected"),
    [
        ({"server.py": LIT_API}, Status.PASSED),
        ({"server.py": LIT_API, "web/app.py": FLASK_APP}, Status.FAILED),
    ],
    ids=["litserve-only", "with-a-flask-app"],
)
def test_serve002_takes_litserves_own_health_route(
    tmp_path: Path, tree: Tree, expected: Status
) -> None:
    build_file_tree(tmp_path, tree)
    assert status_of(audit(tmp_path, "SERVE002"), "SERVE002") is expected
