"""Run the selected checks over a repository and collect their findings."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.catalogue import PRACTICES, Practice
from mlops_scaffold.doctor.checks import REGISTRY, Check, Hit, NotApplicable, Passed
from mlops_scaffold.doctor.config import DoctorConfig, from_pyproject, merge
from mlops_scaffold.doctor.fixtures import AuditView
from mlops_scaffold.doctor.report import CheckResult, Finding, Report, Status
from mlops_scaffold.repo import printable


def find_findings(
    path: Path,
    config: DoctorConfig | None = None,
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    fail_on: str | None = None,
) -> Report:
    """Audit the repository at `path`.

    Without `config`, the repository's own `[tool.mlops.doctor]` is read; the keyword
    flags are applied on top, as on the command line. Raises RepoReadError when the
    path cannot be read and UsageError for an unknown id or severity.
    """
    view = AuditView.open(path)
    if config is None:
        config = from_pyproject(view.pyproject)
    config = merge(config, select, ignore, fail_on)
    selected = [p.id for p in PRACTICES if p.id in REGISTRY and config.selects(p.id)]
    outcomes = _run(view, _with_requirements(selected))
    results = tuple(outcomes[check_id][0] for check_id in selected)
    findings = tuple(finding for check_id in selected for finding in outcomes[check_id][1])
    return Report(
        root=printable(str(view.root)),
        results=results,
        findings=findings,
        fail_on=config.fail_on,
        file_count=len(view.files),
        used_git=view.is_git,
        anchor=next((f for f in ANCHORS if f in view.file_set), view.readme or "README.md"),
    )


# Files a repository-wide finding is attached to, in order of preference.
ANCHORS = ("pyproject.toml", "setup.py", "requirements.txt")


def _with_requirements(selected: list[str]) -> list[str]:
    """The selected ids plus everything they require, requirements first."""
    ordered: list[str] = []

    def visit(check_id: str) -> None:
        if check_id in ordered:
            return
        for required in sorted(REGISTRY[check_id].requires):
            visit(required)
        ordered.append(check_id)

    for check_id in selected:
        visit(check_id)
    return ordered


def _run(view: AuditView, ordered: list[str]) -> dict[str, tuple[CheckResult, list[Finding]]]:
    outcomes: dict[str, tuple[CheckResult, list[Finding]]] = {}
    for check_id in ordered:
        check = REGISTRY[check_id]
        unmet = sorted(r for r in check.requires if outcomes[r][0].status is not Status.PASSED)
        if unmet:
            outcomes[check_id] = (
                CheckResult(check_id, Status.NOT_APPLICABLE, f"requires {', '.join(unmet)}"),
                [],
            )
            continue
        outcomes[check_id] = _evaluate(view, check)
    return outcomes


def _evaluate(view: AuditView, check: type[Check]) -> tuple[CheckResult, list[Finding]]:
    practice = check.practice()
    outcome = check.check(**{name: getattr(view, name) for name in check.fixtures()})
    if isinstance(outcome, NotApplicable):
        return CheckResult(practice.id, Status.NOT_APPLICABLE, outcome.reason), []
    if isinstance(outcome, Passed):
        return CheckResult(practice.id, Status.PASSED, outcome.evidence), []
    if outcome is True or outcome == []:
        return CheckResult(practice.id, Status.PASSED), []
    hits = [Hit()] if outcome is False else list(outcome)
    return CheckResult(practice.id, Status.FAILED), [_finding(practice, hit) for hit in hits]


def _finding(practice: Practice, hit: Hit) -> Finding:
    message = practice.title + (f": {printable(hit.detail)}" if hit.detail else "")
    return Finding(
        id=practice.id,
        family=practice.family,
        severity=practice.severity,
        title=practice.title,
        message=message,
        path=printable(hit.path) if hit.path else None,
        line=hit.line,
        fix=practice.fix,
    )
