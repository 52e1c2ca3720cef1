"""Session 38's label rules the doctor follows: an HTTP Cloud Function that relays
requests to a managed endpoint is a service of its own, and the platform's health route
(which probes the model's container) does not answer for it (SERVE002); the platform's
metrics still count every request it forwards (MON002). A conda environment file's pins,
its `pip:` section's too, are not judged for hashes, but a conda explicit spec, whose
format has a hash field, is (ENV003)."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import PACKAGE
from tests.doctor.helpers import committed_status
from tests.doctor.test_session34_serving import VERTEX_DEPLOY

GATEWAY = """import json

import functions_framework
from google.cloud.aiplatform_v1 import PredictionServiceClient


@functions_framework.http
def forecast(request):
    rows = request.get_json()["rows"]
    client = PredictionServiceClient()
    answer = client.predict(endpoint=ENDPOINT, instances=rows)
    return json.dumps({"forecast": list(answer.predictions)}), 200
"""
HEALTHY_GATEWAY = GATEWAY.replace(
    '    rows = request.get_json()["rows"]\n',
    '    if request.path == "/health":\n        return "ok", 200\n'
    '    rows = request.get_json()["rows"]\n',
)
TRIGGER = """import functions_framework


@functions_framework.http
def refresh(request):
    load_table(request.args["day"])
    return "done", 200
"""


def _status(root: Path, gateway: str, check_id: str) -> str:
    tree = {**PACKAGE, "src/demo/deploy.py": VERTEX_DEPLOY, "gateway/main.py": gateway}
    return committed_status(root, tree, check_id)


def test_a_cloud_function_relaying_to_an_endpoint_needs_its_own_health(tmp_path: Path) -> None:
    assert _status(tmp_path, GATEWAY, "SERVE002") == "failed"


def test_a_cloud_function_relay_that_answers_health_passes(tmp_path: Path) -> None:
    assert _status(tmp_path, HEALTHY_GATEWAY, "SERVE002") == "passed"


def test_a_cloud_function_that_predicts_nothing_leaves_the_platform_answer(
    tmp_path: Path,
) -> None:
    assert _status(tmp_path, TRIGGER, "SERVE002") == "passed"


def test_the_platforms_metrics_count_the_requests_a_relay_forwards(tmp_path: Path) -> None:
    assert _status(tmp_path, GATEWAY, "MON002") == "passed"


# -- conda files and hashes (ENV003) ---------------------------------------------------------

ENVIRONMENT = """name: demo
dependencies:
  - python=3.10
  - scikit-learn=1.3.0
  - pip:
      - fastapi==0.110.0
"""
EXPLICIT = """# platform: linux-64
@EXPLICIT
https://conda.anaconda.org/conda-forge/linux-64/numpy-1.26.4-py310h_0.conda{hash}
https://conda.anaconda.org/conda-forge/noarch/tqdm-4.66.1-pyhd8ed1ab_0.conda{hash}
"""


def test_a_conda_files_pip_pins_are_not_judged_for_hashes(tmp_path: Path) -> None:
    tree = {**PACKAGE, "environment.yml": ENVIRONMENT}
    assert committed_status(tmp_path, tree, "ENV003") != "failed"


def test_an_explicit_spec_without_hashes_is_reported(tmp_path: Path) -> None:
    tree = {**PACKAGE, "environment.yml": ENVIRONMENT, "spec.txt": EXPLICIT.format(hash="")}
    assert committed_status(tmp_path, tree, "ENV003") == "failed"


def test_an_explicit_spec_with_md5_hashes_passes(tmp_path: Path) -> None:
    spec = EXPLICIT.format(hash="#0123456789abcdef0123456789abcdef")
    tree = {**PACKAGE, "environment.yml": ENVIRONMENT, "spec.txt": spec}
    assert committed_status(tmp_path, tree, "ENV003") != "failed"
