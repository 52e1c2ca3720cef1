"""`--format markdown`: a summary to paste into a pull-request comment."""

from __future__ import annotations

from mlops_scaffold.catalogue import FAMILIES
from mlops_scaffold.doctor.report import Report

SEVERITY_MARK = {"error": "🔴 error", "warning": "🟠 warning", "info": "🔵 info"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(report: Report) -> str:
    """The Markdown text: score, then one table per family with findings."""
    lines = [f"## mlops doctor: score {report.score}/100", ""]
    kind = f"Project kind: **{report.kind}**" + (
        f" ({report.kind_evidence})" if report.kind_evidence else ""
    )
    lines += [_cell(kind), ""]
    if not report.findings:
        lines.append("No findings: every selected practice is in place. ✅")
        return "\n".join(lines) + "\n"
    counts = {s: sum(f.severity.value == s for f in report.findings) for s in SEVERITY_MARK}
    lines.append(", ".join(f"{n} {s}" + ("s" if n != 1 else "") for s, n in counts.items() if n))
    for family, heading in FAMILIES.items():
        findings = [f for f in report.findings if f.family == family]
        if not findings:
            continue
        lines += [
            "",
            f"### {heading}",
            "",
            "| | check | finding | where | fix |",
            "|---|---|---|---|---|",
        ]
        for f in findings:
            where = f"`{f.path}:{f.line}`" if f.line else (f"`{f.path}`" if f.path else "")
            lines.append(
                f"| {SEVERITY_MARK[f.severity.value]} | {f.id} | {_cell(f.message)} | "
                f"{_cell(where)} | {_cell(f.fix)} |"
            )
    return "\n".join(lines) + "\n"
