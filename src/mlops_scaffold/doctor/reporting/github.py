"""`--format github`: workflow commands that annotate files in a GitHub Actions run."""

from __future__ import annotations

from mlops_scaffold.doctor.report import Finding, Report

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """One `::error file=...,line=...,title=...::message` line."""
    properties = []
    if finding.path:
        properties.append(f"file={_escape_property(finding.path)}")
    if finding.line:
        properties.append(f"line={finding.line}")
    properties.append(f"title={_escape_property(f'{finding.id} {finding.title}')}")
    message = _escape_data(f"{finding.message}. Fix: {finding.fix}.")
    return f"::{COMMANDS[finding.severity.value]} {','.join(properties)}::{message}"


def render(report: Report) -> str:
    """One annotation per finding, then a plain summary line."""
    lines = [annotation(f) for f in report.findings]
    lines.append(f"mlops doctor: {len(report.findings)} finding(s), score {report.score}/100")
    return "\n".join(lines) + "\n"
