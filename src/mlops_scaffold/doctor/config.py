"""`[tool.mlops.doctor]` in the audited repository's pyproject.toml, merged with CLI flags.

```toml
[tool.mlops.doctor]
select = ["ENV", "CI001"]   # ids or families; default: every check
ignore = ["NB", "DOCS003"]  # ids or families to leave out
fail-on = "warning"         # error | warning | info (default: info, any finding fails)
```
On the command line `--select` replaces the configured selection, `--ignore` adds to
the configured ignores, and `--fail-on` replaces the configured threshold, as in ruff.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mlops_scaffold.catalogue import FAMILIES, PRACTICES, Severity
from mlops_scaffold.errors import UsageError


@dataclass(frozen=True)
class DoctorConfig:
    """Which checks run and which severity fails the run."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.INFO

    def selects(self, practice_id: str) -> bool:
        """Whether the check with this id is part of the audit."""
        family = practice_id.rstrip("0123456789")
        chosen = not self.select or practice_id in self.select or family in self.select
        return chosen and practice_id not in self.ignore and family not in self.ignore


def codes(values: Iterable[str], where: str) -> tuple[str, ...]:
    """Upper-cased ids or families (commas split values); UsageError for an unknown one."""
    known = {p.id for p in PRACTICES} | set(FAMILIES)
    parsed = tuple(
        part.strip().upper() for value in values for part in str(value).split(",") if part.strip()
    )
    unknown = [code for code in parsed if code not in known]
    if unknown:
        raise UsageError(
            f"unknown check or family {', '.join(unknown)} in {where}",
            hint=f"families: {', '.join(FAMILIES)}; `mlops doctor --explain ID` describes a check",
        )
    return parsed


def severity(value: Any, where: str) -> Severity:
    """A Severity from its name; UsageError if it is not error, warning or info."""
    try:
        return Severity(str(value).lower())
    except ValueError:
        raise UsageError(f"{where} must be error, warning or info, not {value!r}") from None


def from_pyproject(pyproject: dict[str, Any]) -> DoctorConfig:
    """The `[tool.mlops.doctor]` table of a parsed pyproject.toml (defaults when absent)."""
    where = "pyproject.toml (tool.mlops.doctor)"
    table = pyproject.get("tool", {}).get("mlops", {}).get("doctor", {})
    if not isinstance(table, dict):
        raise UsageError(f"{where} must be a table")
    unknown = set(table) - {"select", "ignore", "fail-on"}
    if unknown:
        raise UsageError(f"unknown key {', '.join(sorted(unknown))} in {where}")
    for key in ("select", "ignore"):
        if not isinstance(table.get(key, []), list):
            raise UsageError(f"{key} in {where} must be a list of ids or families")
    return DoctorConfig(
        select=codes(table.get("select", []), where),
        ignore=codes(table.get("ignore", []), where),
        fail_on=severity(table.get("fail-on", "info"), f"fail-on in {where}"),
    )


def merge(
    config: DoctorConfig,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    fail_on: str | None = None,
) -> DoctorConfig:
    """The configuration with command-line flags applied on top."""
    return DoctorConfig(
        select=codes(select, "--select") if select else config.select,
        ignore=config.ignore + codes(ignore or [], "--ignore"),
        fail_on=severity(fail_on, "--fail-on") if fail_on else config.fail_on,
    )
