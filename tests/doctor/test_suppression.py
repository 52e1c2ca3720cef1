"""Users leave findings out the way they do in ruff: inline comments and per-path ignores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree, run_mlops
from tests.doctor.cases import SERVICE_WITH_MODEL
from tests.doctor.helpers import audit, found_ids, status_of

LOAD = "import joblib\n\nmodel = joblib.load(path)\n"
HOME = 'PATH = "/home/alice/data.csv"\n'


@pytest.mark.parametrize(
    "source",
    [
        "import joblib\n\nmodel = joblib.load(path)  # mlops: ignore[SERVE003] signed\n",
        "import joblib\n\n# mlops: ignore[SERVE003] signed\nmodel = joblib.load(path)\n",
        "import joblib\n\nmodel = joblib.load(path)  # mlops: ignore[CODE002, SERVE]\n",
    ],
)
def test_an_inline_comment_leaves_the_finding_out(tmp_path: Path, source: str) -> None:
    build_file_tree(tmp_path, {**SERVICE_WITH_MODEL, "src/demo/model.py": source})
    report = audit(tmp_path, "SERVE003")
    assert report.findings == ()
    assert status_of(report, "SERVE003") is Status.PASSED


@pytest.mark.parametrize(
    "source",
    [
        LOAD,
        "# mlops: ignore[SERVE003]\n\nimport joblib\nmodel = joblib.load(path)\n",  # too far
        "import joblib\n\nmodel = joblib.load(path)  # mlops: ignore[CODE002]\n",  # other id
        "import joblib\n\nmodel = joblib.load(path)  # noqa: SERVE003\n",  # not our syntax
    ],
)
def test_a_comment_elsewhere_or_for_another_check_does_not(tmp_path: Path, source: str) -> None:
    build_file_tree(tmp_path, {**SERVICE_WITH_MODEL, "src/demo/model.py": source})
    assert found_ids(audit(tmp_path, "SERVE003")) == {"SERVE003"}


def test_only_the_commented_finding_is_left_out(tmp_path: Path) -> None:
    two = HOME + 'OTHER = "/home/bob/x.csv"  # mlops: ignore[CODE002] a documented example\n'
    build_file_tree(tmp_path, {"src/demo/paths.py": two})
    (finding,) = audit(tmp_path, "CODE002").findings
    assert finding.line == 1


CONFIG = '[project]\nname = "demo"\n\n[tool.mlops.doctor]\nper-path-ignores = {PATTERNS}\n'


@pytest.mark.parametrize(
    "patterns", ['{"examples/**" = ["CODE002"]}', '{"examples/" = ["CODE"]}', '{"*.py" = ["CODE"]}']
)
def test_per_path_ignores_leave_out_findings_under_a_pattern(tmp_path: Path, patterns: str) -> None:
    build_file_tree(
        tmp_path,
        {
            "pyproject.toml": CONFIG.replace("{PATTERNS}", patterns),
            "examples/demo/paths.py": HOME,
        },
    )
    assert audit(tmp_path, "CODE002").findings == ()


def test_per_path_ignores_keep_findings_elsewhere_and_of_other_checks(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path,
        {
            "pyproject.toml": CONFIG.replace("{PATTERNS}", '{"examples/**" = ["SERVE003"]}'),
            "examples/demo/paths.py": HOME,
            "src/demo/paths.py": HOME,
        },
    )
    paths = {f.path for f in audit(tmp_path, "CODE002").findings}
    assert paths == {"examples/demo/paths.py", "src/demo/paths.py"}


def test_a_malformed_per_path_ignores_is_a_finding(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"pyproject.toml": CONFIG.replace("{PATTERNS}", '["x"]')})
    (finding,) = audit(tmp_path, "REPO001").findings
    assert "per-path-ignores" in finding.message


def test_list_checks_prints_every_check_with_its_kinds() -> None:
    result = run_mlops("doctor", "--list-checks", "--format", "json")
    assert result.returncode == 0
    checks = {c["id"]: c for c in json.loads(result.stdout)}
    assert len(checks) > 40
    assert checks["SERVE001"] == {
        "id": "SERVE001",
        "family": "SERVE",
        "severity": "warning",
        "applies_to": ["application"],
        "message": "No prediction service",
    }
    table = run_mlops("doctor", "--list-checks").stdout
    assert "SERVE001" in table and "No prediction service" in table


def test_list_checks_in_another_format_is_a_usage_error() -> None:
    result = run_mlops("doctor", "--list-checks", "--format", "sarif")
    assert (result.returncode, "Traceback" in result.stderr) == (2, False)
