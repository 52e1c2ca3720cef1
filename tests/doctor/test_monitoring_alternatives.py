"""Monitoring alternatives users really use (issue 13): prometheus-flask-exporter's
metrics for a Flask service (MON002), Frouros' drift detectors (MON003)."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import audit, status_of

FLASK = "from flask import Flask\n\napp = Flask(__name__)\n"
EXPORTER = (
    "from prometheus_flask_exporter import PrometheusMetrics\n\nmetrics = PrometheusMetrics(app)\n"
)


def test_mon002_passes_on_prometheus_flask_exporter(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"app.py": FLASK + EXPORTER})
    assert status_of(audit(tmp_path, "MON002"), "MON002") is Status.PASSED


def test_mon002_fires_on_a_flask_service_that_only_names_prometheus(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"app.py": FLASK + "# TODO: prometheus metrics\n"})
    assert status_of(audit(tmp_path, "MON002"), "MON002") is Status.FAILED


def test_mon003_passes_on_a_frouros_drift_detector(tmp_path: Path) -> None:
    drift = "from frouros.detectors.data_drift import KSTest\n\ndetector = KSTest()\n"
    build_file_tree(tmp_path, {"app.py": FLASK, "monitor.py": drift})
    assert status_of(audit(tmp_path, "MON003"), "MON003") is Status.PASSED


def test_mon003_fires_without_a_drift_library(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"app.py": FLASK, "monitor.py": "import frouros_notes\n"})
    assert status_of(audit(tmp_path, "MON003"), "MON003") is Status.FAILED
