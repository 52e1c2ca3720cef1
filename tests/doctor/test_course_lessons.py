"""A course's lessons (kind8): a lesson that deploys its service (a Dockerfile or manifest in
its folder, a root image built from its folder) is judged on that service; one nothing
deploys is a teaching fragment; monitoring the course shows in another lesson counts."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_file_tree
from tests.doctor.helpers import audit

SERVICE = (
    "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/predict', methods=['POST'])\ndef predict() -> str:\n    return 'ok'\n"
)
DRIFT = "from evidently.report import Report\n\nreport = Report(metrics=[])\n"
CHECKS = ("SERVE001", "SERVE002", "MON001", "MON002", "MON003")


def _course(**extra: str) -> dict[str, str]:
    """A course in numbered lesson folders whose serving lesson has a Flask app with only
    a /predict route; `extra` files (path with `__` for `/`) are added."""
    tree = {
        "README.md": "# A course on MLOps\n",
        "01-intro/notes.md": "Why MLOps.\n",
        "02-train/requirements.txt": "scikit-learn==1.5.0\n",
        "02-train/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
        "03-serving/requirements.txt": "flask==3.0.0\n",
        "03-serving/app.py": SERVICE,
    }
    tree.update({path.replace("__", "/"): text for path, text in extra.items()})
    return tree


def _serving_findings(root: Path) -> set[str]:
    return {f.id for f in audit(root, *CHECKS).findings if f.project == "03-serving"}


def test_a_lesson_that_deploys_its_service_is_judged_on_it(tmp_path: Path) -> None:
    dockerfile = 'FROM python:3.12-slim\nCOPY . /app\nCMD ["flask", "run"]\n'
    build_file_tree(tmp_path, _course(**{"03-serving__Dockerfile": dockerfile}))
    assert _serving_findings(tmp_path) == {"SERVE002", "MON001", "MON002", "MON003"}


def test_a_lesson_service_nothing_deploys_is_a_teaching_fragment(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _course())
    report = audit(tmp_path, *CHECKS)
    assert not [f for f in report.findings if f.project == "03-serving"]
    health = next(r for r in report.results if r.id == "SERVE002" and r.project == "03-serving")
    assert "deploys no service" in (health.reason or "")


def test_a_root_image_built_from_a_lessons_folder_deploys_it(tmp_path: Path) -> None:
    dockerfile = 'FROM python:3.12-slim\nADD ./03-serving /opt/api\nCMD ["bash", "run.sh"]\n'
    build_file_tree(tmp_path, _course(Dockerfile=dockerfile))
    assert "SERVE002" in _serving_findings(tmp_path)


def test_a_root_image_built_from_another_folder_deploys_no_lesson(tmp_path: Path) -> None:
    dockerfile = "FROM python:3.12-slim\nCOPY 02-train/ /opt/train\n"
    build_file_tree(tmp_path, _course(Dockerfile=dockerfile))
    assert not _serving_findings(tmp_path)


def test_monitoring_another_lesson_shows_counts_for_a_deployed_lesson(tmp_path: Path) -> None:
    tree = _course(
        **{
            "03-serving__Procfile": "web: flask run\n",
            "05-monitoring__requirements.txt": "evidently==0.4.0\n",
            "05-monitoring__drift.py": DRIFT,
        }
    )
    build_file_tree(tmp_path, tree)
    report = audit(tmp_path, *CHECKS)
    assert {f.id for f in report.findings if f.project == "03-serving"} == {
        "SERVE002",
        "MON001",
        "MON002",
    }
    drift = next(r for r in report.results if r.id == "MON003" and r.project == "03-serving")
    assert (drift.reason or "").startswith("the course shows it elsewhere")
