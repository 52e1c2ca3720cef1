"""Round 21's false results: a code span over a line break, LitServe's own health
route, local-file URIs, lint runs that cannot fail, metrics pinned to a recorded score,
services that train on a route, images judged by the service beside them."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import audit, status_of


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
