"""`[tool.mlops.doctor]` in the audited repository's pyproject.toml, merged with CLI flags.

```toml
[tool.mlops.doctor]
select = ["ENV", "CI001"]   # ids or families; default: every check
ignore = ["NB", "DOCS003"]  # ids or families to leave out
fail-on = "warning"         # error | warning | info (default: info, any finding fails)
kind = "library"            # application | library | template | example | monorepo
per-path-ignores = {"examples/**" = ["SERVE003"], "notebooks/*.ipynb" = ["NB"]}
```
In a file, `# mlops: ignore[SERVE003] why` on the reported line or the line above it
leaves that finding out (several ids: `ignore[SERVE003, CODE002]`).

On the command line `--select` replaces the configured selection, `--ignore` adds to
the configured ignores, and `--fail-on` replaces the configured threshold, as in ruff;
`--kind` replaces the configured kind.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from mlops_scaffold.catalogue import FAMILIES, PRACTICES, Severity
from mlops_scaffold.doctor.kinds import Kind
from mlops_scaffold.errors import UsageError
from mlops_scaffold.repo.parsers import table


@dataclass(frozen=True)
class DoctorConfig:
    """Which checks run and which severity fails the run."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.INFO
    kind: Kind | None = None
    """The project kind when set (overrides the detection)."""
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(gitignore-style pattern, ids or families) pairs: findings there are left out."""
    problems: tuple[str, ...] = ()
    """What is wrong in the repository's own `[tool.mlops.doctor]` (reported as REPO001)."""

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


def project_kind(value: Any, where: str) -> Kind:
    """A Kind from its name; UsageError naming the five if it is none of them."""
    try:
        return Kind(str(value).lower())
    except ValueError:
        names = ", ".join(k.value for k in Kind)
        raise UsageError(f"{where} must be one of {names}, not {value!r}") from None


def from_pyproject(pyproject: dict[str, Any]) -> DoctorConfig:
    """The `[tool.mlops.doctor]` table of a parsed pyproject.toml (defaults when absent).

    A key that is wrong is left out and named in `problems` (reported as REPO001): the
    repository's own file is a finding of the audit, not a usage error of the command.
    """
    where = "pyproject.toml (tool.mlops.doctor)"
    settings = table(pyproject, "tool", "mlops", "doctor")
    problems = [f"unknown key `{key}` in {where}" for key in sorted(set(settings) - KEYS)]
    values: dict[str, Any] = {}
    for key in sorted(KEYS & set(settings)):
        try:
            values[key] = _read(key, settings[key], where)
        except UsageError as error:
            problems.append(str(error))
    return DoctorConfig(
        select=values.get("select", ()),
        ignore=values.get("ignore", ()),
        fail_on=values.get("fail-on", Severity.INFO),
        kind=values.get("kind"),
        per_path_ignores=values.get("per-path-ignores", ()),
        problems=tuple(problems),
    )


KEYS = frozenset({"select", "ignore", "fail-on", "kind", "per-path-ignores"})


def _read(key: str, value: Any, where: str) -> Any:
    """One setting of `[tool.mlops.doctor]`; UsageError naming the key when it is wrong."""
    if key == "fail-on":
        return severity(value, f"fail-on in {where}")
    if key == "per-path-ignores":
        if not isinstance(value, dict):
            raise UsageError(f"per-path-ignores in {where} must be a table of pattern = [ids]")
        return tuple(
            (str(p), _codes(f"per-path-ignores {p!r}", ids, where)) for p, ids in value.items()
        )
    if key == "kind":
        return project_kind(value, f"kind in {where}")
    return _codes(key, value, where)


def _codes(key: str, value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise UsageError(f"{key} in {where} must be a list of ids or families")
    return codes(value, f"{key} in {where}")


def merge(
    config: DoctorConfig,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    fail_on: str | None = None,
    kind: str | None = None,
) -> DoctorConfig:
    """The configuration with command-line flags applied on top."""
    return replace(
        config,
        select=codes(select, "--select") if select else config.select,
        ignore=config.ignore + codes(ignore or [], "--ignore"),
        fail_on=severity(fail_on, "--fail-on") if fail_on else config.fail_on,
        kind=project_kind(kind, "--kind") if kind else config.kind,
    )
