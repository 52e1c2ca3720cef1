"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning (one rule per check)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mlops_scaffold import __version__
from mlops_scaffold.catalogue import practice
from mlops_scaffold.doctor.explain import check_page
from mlops_scaffold.doctor.report import Finding, Report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
DOCS_URL = "https://github.com/mlops-scaffold/mlops-scaffold/tree/main/docs/checks/{id}.md"


def _rule(check_id: str) -> dict[str, Any]:
    entry = practice(check_id)
    return {
        "id": entry.id,
        "name": "".join(word.capitalize() for word in entry.title.replace("`", "").split()),
        "shortDescription": {"text": entry.title},
        "fullDescription": {"text": entry.rationale},
        "helpUri": DOCS_URL.format(id=entry.id),
        "help": {"text": f"{entry.rationale} Fix: {entry.fix}.", "markdown": check_page(entry.id)},
        "defaultConfiguration": {"level": LEVELS[entry.severity.value]},
        "properties": {"tags": [entry.family.lower(), "mlops"]},
    }


def _location(finding: Finding, anchor: str) -> dict[str, Any]:
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": finding.path or anchor, "uriBaseId": "%SRCROOT%"}
    }
    if finding.line:
        physical["region"] = {"startLine": finding.line}
    return {"physicalLocation": physical}


def to_sarif(report: Report) -> dict[str, Any]:
    """The SARIF log as plain data; repository-wide findings point at `report.anchor`."""
    rule_ids = [result.id for result in report.results]
    index = {rule_id: number for number, rule_id in enumerate(rule_ids)}
    results = [
        {
            "ruleId": f.id,
            "ruleIndex": index[f.id],
            "level": LEVELS[f.severity.value],
            "message": {"text": f"{f.message}. Fix: {f.fix}."},
            "locations": [_location(f, report.anchor)],
        }
        for f in report.findings
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mlops doctor",
                        "version": __version__,
                        "informationUri": "https://github.com/mlops-scaffold/mlops-scaffold",
                        "rules": [_rule(rule_id) for rule_id in rule_ids],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": _file_uri(report.root)}},
                "results": results,
            }
        ],
    }


def _file_uri(root: str) -> str:
    return Path(root).as_uri() + "/"


def render(report: Report) -> str:
    """The SARIF text."""
    return json.dumps(to_sarif(report), indent=2) + "\n"
