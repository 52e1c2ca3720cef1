"""`mlops doctor`: the Typer command (flags, help, `--fix`); the work is `doctor_report`'s."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from mlops_scaffold.cli import doctor_report as report
from mlops_scaffold.cli.doctor_report import FORMAT_NAMES, exit_code
from mlops_scaffold.cli.typer_app import EdgeCommand, app
from mlops_scaffold.errors import UsageError


def _kind_names(incomplete: str) -> list[str]:
    """The kinds `--kind` takes, for shell completion (the kinds' module loads only then)."""
    from mlops_scaffold.doctor.kinds import Kind

    return [kind.value for kind in Kind if kind.value.startswith(incomplete)]


@app.command(cls=EdgeCommand)
def doctor(
    path: Path = typer.Argument(
        Path("."), metavar="PATH", help="Repository to audit.", show_default=True
    ),
    output_format: str = typer.Option(
        "table",
        "--format",
        "-f",
        metavar="|".join(FORMAT_NAMES),
        help="Output format.",
        autocompletion=lambda incomplete: [f for f in FORMAT_NAMES if f.startswith(incomplete)],
    ),
    select: list[str] = typer.Option(
        [],
        "--select",
        metavar="ID|FAMILY",
        help="Run only these checks (repeat or comma-separate).",
    ),
    ignore: list[str] = typer.Option(
        [],
        "--ignore",
        metavar="ID|FAMILY",
        help="Skip these checks (added to the configured ones).",
    ),
    fail_on: str | None = typer.Option(
        None,
        "--fail-on",
        metavar="error|warning|info",
        help="Exit 1 on findings of this severity or worse. "
        "[dim]\\[default: fail-on of \\[tool.mlops.doctor], else info: any finding][/]",
    ),
    kind: str | None = typer.Option(
        None,
        "--kind",
        metavar="KIND",
        help="Audit as this kind of project: application, library, template, example or "
        "monorepo (overrides the detected kind and kind of \\[tool.mlops.doctor]).",
        autocompletion=_kind_names,
    ),
    explain: str | None = typer.Option(
        None, "--explain", metavar="ID", help="Print why a check matters and how it is detected."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", dir_okay=False, help="Write the report to this file instead."
    ),
    list_checks: bool = typer.Option(
        False,
        "--list-checks",
        help="List every check (id, family, severity, kinds it applies to) and exit.",
    ),
    fix: bool = typer.Option(
        False,
        "--fix",
        help="Add the components that fix the findings: plan and diffs first; applied after a "
        "confirmation (interactive) or with --yes, else a dry run.",
    ),
    yes: bool = typer.Option(False, "--yes", "-y", help="With --fix: apply without asking."),
    dry_run: bool = typer.Option(
        False, "--dry-run", "-n", help="With --fix: print the plan and diffs; write nothing."
    ),
    no_cache: bool = typer.Option(
        False,
        "--no-cache",
        envvar="MLOPS_NO_CACHE",
        help="Audit even when the cached report of an unchanged repository would do.",
    ),
) -> None:
    """Audit a repository against the practices mlops-scaffold builds in.

    Exit status: 0 no findings at or above --fail-on, 1 findings, 2 usage error.
    Configure in pyproject.toml under [bold]\\[tool.mlops.doctor][/] (select, ignore, fail-on,
    kind, per-path-ignores); `# mlops: ignore[ID] why` on a line leaves its finding out.
    Reports are cached outside the repository (see docs/doctor.md); --fix always audits.
    """
    if fix:
        from mlops_scaffold.cli.fix import fix_repo

        _check_fix_flags(yes=yes, dry_run=dry_run, output_format=output_format, others={
            "--fail-on": fail_on, "--explain": explain, "--output": output,
            "--list-checks": list_checks,
        })  # fmt: skip
        raise typer.Exit(
            fix_repo(
                path,
                yes=yes,
                dry_run=dry_run,
                interactive=sys.stdin.isatty(),
                select=select,
                ignore=ignore,
                kind=kind,
            )
        )
    if yes or dry_run:
        raise UsageError(
            f"{'--yes' if yes else '--dry-run'} goes with --fix",
            hint="mlops doctor --fix --dry-run (or --yes)",
        )
    if list_checks:
        raise typer.Exit(exit_code(output_format, lambda: report.list_checks(output_format)))
    raise typer.Exit(
        exit_code(
            output_format,
            lambda: report.doctor(
                path, output_format, select, ignore, fail_on, kind, explain, output, no_cache
            ),
        )
    )


def _check_fix_flags(
    *, yes: bool, dry_run: bool, output_format: str, others: dict[str, object]
) -> None:
    """Refuse the flags `--fix` cannot honour, rather than ignore them."""
    if yes and dry_run:
        raise UsageError("--yes applies the plan, --dry-run writes nothing: choose one")
    given = [flag for flag, value in others.items() if value]
    if output_format != "table":
        given.insert(0, "--format")
    if given:
        raise UsageError(
            f"--fix does not go with {', '.join(given)}",
            hint="--fix prints the findings it fixes and its plan; run the audit without --fix "
            "for reports (--select, --ignore and --kind go with both)",
        )
