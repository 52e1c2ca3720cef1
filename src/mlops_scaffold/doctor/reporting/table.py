"""`--format table` (the default): findings grouped by family, with a score."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from mlops_scaffold.catalogue import FAMILIES
from mlops_scaffold.doctor.report import Report, Status

STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _score_style(score: int) -> str:
    return "green" if score >= 90 else "yellow" if score >= 60 else "red"


def _article(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def render(report: Report) -> RenderableType:
    """A Rich group: a header, one table per family with findings, and a summary."""
    source = "git's file list" if report.used_git else "a directory walk"
    header = Text.assemble(
        ("mlops doctor ", "bold"),
        (report.root, "bold"),
        f"  {report.file_count} files from {source}\n",
        ("kind ", "bold"),
        (report.kind, "bold cyan"),
        (f"  ({report.kind_evidence})" if report.kind_evidence else "", "dim"),
        f"  {len(report.projects)} nested projects audited apart" if report.projects else "",
    )
    if not report.kind_set:
        # The kind decides which checks apply: say how to correct a wrong guess.
        header.append(
            f"\n  not {_article(report.kind)}? rerun with --kind KIND (application, library,"
            " template, example or monorepo), or set kind under [tool.mlops.doctor] in"
            " pyproject.toml",
            style="dim",
        )
    parts: list[RenderableType] = [header]
    for family, heading in FAMILIES.items():
        findings = [f for f in report.findings if f.family == family]
        if not findings:
            continue
        table = Table(title=heading, title_justify="left", title_style="bold", expand=False)
        for column in ("", "check", "finding", "where", "fix"):
            table.add_column(column, overflow="fold")
        for f in findings:
            where = f"{f.path}:{f.line}" if f.line else (f.path or "")
            severity = Text(f.severity.value, style=STYLES[f.severity.value])
            table.add_row(severity, f.id, Text(f.message), Text(where), Text(f.fix, style="dim"))
        parts.append(table)
    counts = {s: 0 for s in Status}
    for result in report.results:
        counts[result.status] += 1
    summary = Text.assemble(
        ("score ", "bold"),
        (f"{report.score}/100", f"bold {_score_style(report.score)}"),
        f"  {counts[Status.PASSED]} passed, {counts[Status.FAILED]} failed, "
        f"{counts[Status.NOT_APPLICABLE]} not applicable",
    )
    if not report.findings:
        summary.append("  no findings", style="green")
    else:
        summary.append("  `mlops doctor --explain ID` tells why a check matters", style="dim")
    parts.append(summary)
    return Group(*parts)
