"""TorchServe: a handler module is the service TorchServe runs. It gets the server's /ping
and metrics API; its own loads are the service's (SERVE003)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import TRAINING
from tests.doctor.helpers import audit, status_of

HANDLER = (
    "import torch\nfrom ts.torch_handler.base_handler import BaseHandler\n\n\n"
    "class Handler(BaseHandler):\n"
    "    def initialize(self, context):\n"
    "        self.model = torch.load('model.pt')\n\n"
    "    def inference(self, data):\n"
    "        return self.model(data)\n"
)
# A client of a TorchServe server elsewhere: it sends requests and serves nothing.
CLIENT = (
    "import requests\n\nanswer = requests.post('http://localhost:8080/predictions/m', data=b'x')\n"
)


@pytest.mark.parametrize(
    ("module", "status"),
    [(HANDLER, Status.PASSED), (CLIENT, None)],
)
def test_a_torchserve_handler_is_a_service(
    tmp_path: Path, module: str, status: Status | None
) -> None:
    build_file_tree(tmp_path, {**TRAINING, "serve/handler.py": module})
    report = audit(tmp_path, "SERVE001", "SERVE002", "MON002")
    if status is None:
        assert status_of(report, "SERVE001") is not Status.PASSED
    else:
        assert [status_of(report, i) for i in ("SERVE001", "SERVE002", "MON002")] == [status] * 3


@pytest.mark.parametrize(
    ("load", "reported"),
    [
        ("torch.load('model.pt')", True),
        ("torch.load('model.pt', weights_only=True)", False),
    ],
)
def test_serve003_judges_the_handlers_loads(tmp_path: Path, load: str, reported: bool) -> None:
    handler = HANDLER.replace("torch.load('model.pt')", load)
    build_file_tree(tmp_path, {**TRAINING, "serve/handler.py": handler})
    findings = [f.path for f in audit(tmp_path, "SERVE003").findings]
    assert findings == (["serve/handler.py"] if reported else [])
