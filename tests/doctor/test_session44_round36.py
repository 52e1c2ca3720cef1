"""Session 44's readings of round 36's false results: a monitoring platform the service
sends each prediction to (MON001, MON003)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import PACKAGE
from tests.doctor.helpers import committed_status

# -- MON001 / MON003: predictions sent to Superwise ------------------------------------

MONITORED_APP = (
    "import joblib\nimport pandas as pd\nfrom flask import Flask, jsonify, request\n"
    "from superwise import Superwise\n\napp = Flask(__name__)\n"
    "model = joblib.load('model.joblib')\nsw = Superwise(client_id='id', secret='secret')\n\n\n"
    "@app.route('/predict', methods=['POST'])\ndef predict():\n"
    "    frame = pd.DataFrame(request.json['instances'])\n"
    "    frame['prediction'] = model.predict(frame)\n"
    "{send}"
    "    return jsonify(frame['prediction'].tolist())\n"
)
SENT = "    sw.transaction.log_records(model_id=1, version_id=2, records=frame)\n"


@pytest.mark.parametrize("check", ["MON001", "MON003"])
@pytest.mark.parametrize(("send", "status"), [(SENT, "passed"), ("", "failed")])
def test_predictions_sent_to_a_monitoring_platform_are_recorded_and_watched(
    tmp_path: Path, check: str, send: str, status: str
) -> None:
    app = MONITORED_APP.format(send=send)
    if not send:  # without the platform, nothing of it is imported either
        app = app.replace("from superwise import Superwise\n", "").replace(
            "sw = Superwise(client_id='id', secret='secret')\n", ""
        )
    tree = {**PACKAGE, "src/demo/app.py": app}
    assert committed_status(tmp_path / "repo", tree, check) == status
