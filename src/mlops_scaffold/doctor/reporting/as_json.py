"""`--format json`: the report as versioned JSON (schema: doctor-report.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from mlops_scaffold import __version__
from mlops_scaffold.catalogue import Severity, practice
from mlops_scaffold.doctor.report import REPORT_SCHEMA_VERSION, Report


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain data, in the shape the JSON schema documents."""
    return {
        "schema_version": REPORT_SCHEMA_VERSION,
        "tool": {"name": "mlops-scaffold", "version": __version__},
        "root": report.root,
        "kind": report.kind,
        "kind_evidence": report.kind_evidence,
        "kind_set": report.kind_set,
        "projects": list(report.projects),
        "score": report.score,
        "fail_on": report.fail_on.value,
        "failed": bool(report.failing),
        "summary": {s.value: sum(f.severity is s for f in report.findings) for s in Severity},
        "findings": [
            {
                "id": f.id,
                "family": f.family,
                "severity": f.severity.value,
                "title": f.title,
                "message": f.message,
                "path": f.path,
                "line": f.line,
                "fix": f.fix,
                "project": f.project or None,
            }
            for f in report.findings
        ],
        "checks": [
            {
                "id": r.id,
                "title": practice(r.id).title,
                "severity": practice(r.id).severity.value,
                "status": r.status.value,
                "reason": r.reason or None,
                "project": r.project or None,
            }
            for r in report.results
        ],
    }


def render(report: Report) -> str:
    """The JSON text."""
    return json.dumps(to_dict(report), indent=2) + "\n"
