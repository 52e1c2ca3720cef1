"""What an audit returns: findings, the outcome of every check, and a score (all data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from mlops_scaffold.catalogue import Severity

REPORT_SCHEMA_VERSION = 1  # bump when a field of the JSON report changes meaning or goes away


class Status(str, Enum):
    """How one check ended."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_APPLICABLE = "not-applicable"


@dataclass(frozen=True)
class Finding:
    """One place where a practice is missing, with the command or action that fixes it."""

    id: str
    family: str
    severity: Severity
    title: str
    message: str
    path: str | None
    line: int | None
    fix: str
    project: str = ""
    """The nested project's folder in a monorepo ("" for the repository itself)."""


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one selected check; `reason` says why it did not apply, or the
    evidence it passed on (`ci.yml:22 → Makefile:4 → pytest`)."""

    id: str
    status: Status
    reason: str = ""
    project: str = ""


@dataclass(frozen=True)
class Report:
    """The audit of one repository."""

    root: str
    results: tuple[CheckResult, ...]
    findings: tuple[Finding, ...]
    fail_on: Severity = Severity.INFO
    file_count: int = 0
    used_git: bool = False
    # Code scanning needs a file for every result: repository-wide findings point here.
    anchor: str = "README.md"
    kind: str = "application"
    kind_evidence: str = ""
    # Whether --kind or [tool.mlops.doctor] kind set the kind (True) or the doctor detected it.
    kind_set: bool = False
    projects: tuple[str, ...] = ()
    failing: tuple[Finding, ...] = field(init=False)

    def __post_init__(self) -> None:
        failing = tuple(f for f in self.findings if f.severity.rank >= self.fail_on.rank)
        object.__setattr__(self, "failing", failing)

    @property
    def score(self) -> int:
        """Percentage of applicable checks that passed (100 when none applied)."""
        applicable = [r for r in self.results if r.status is not Status.NOT_APPLICABLE]
        if not applicable:
            return 100
        passed = sum(r.status is Status.PASSED for r in applicable)
        return round(100 * passed / len(applicable))

    @property
    def exit_code(self) -> int:
        """0 when nothing at or above `fail_on` was found, else 1."""
        return 1 if self.failing else 0
