"""`mlops doctor`: parse the flags, call `find_findings`, render the report."""

from __future__ import annotations

import json
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

import typer

from mlops_scaffold.cli.app import EdgeCommand, app, err, escape, out
from mlops_scaffold.doctor.reporting import FORMATS
from mlops_scaffold.errors import MlopsError, UsageError

FORMAT_NAMES = tuple(FORMATS)


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
            )
        )
    if yes or dry_run:
        raise UsageError(
            f"{'--yes' if yes else '--dry-run'} goes with --fix",
            hint="mlops doctor --fix --dry-run (or --yes)",
        )
    try:
        if list_checks:
            raise typer.Exit(_list_checks(output_format))
        raise typer.Exit(
            _doctor(path, output_format, select, ignore, fail_on, explain, output, no_cache)
        )
    except MlopsError as error:
        if output_format != "json":
            raise
        # a script asked for JSON: it gets its error as JSON too, on stdout, with the exit code
        sys.stdout.write(json.dumps({"error": error.message, "hint": error.hint}, indent=2) + "\n")
        raise typer.Exit(error.exit_code) from None


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
            "for reports (--select and --ignore go with both)",
        )


def _list_checks(output_format: str) -> int:
    from mlops_scaffold.doctor.explain import check_list

    checks = check_list()
    if output_format == "json":
        sys.stdout.write(json.dumps(checks, indent=2) + "\n")
        return 0
    if output_format != "table":
        raise UsageError("--list-checks prints a table or JSON", hint="use --format json")
    from rich.table import Table

    table = Table("id", "family", "severity", "applies to", "message", box=None)
    for check in checks:
        kinds = check["applies_to"]
        table.add_row(
            str(check["id"]),
            str(check["family"]),
            str(check["severity"]),
            ", ".join(kinds) if isinstance(kinds, list) else "",
            str(check["message"]),
        )
    out.print(table)
    return 0


def _doctor(
    path: Path,
    output_format: str,
    select: list[str],
    ignore: list[str],
    fail_on: str | None,
    explain: str | None,
    output: Path | None,
    no_cache: bool = False,
) -> int:
    if output_format not in FORMAT_NAMES:
        raise UsageError(
            f"unknown format {output_format!r}", hint=f"choose one of {', '.join(FORMAT_NAMES)}"
        )
    if explain:
        from rich.markdown import Markdown

        from mlops_scaffold.doctor.explain import check_page

        out.print(Markdown(check_page(explain)))
        return 0
    from mlops_scaffold.doctor.cache import audit
    from mlops_scaffold.doctor.reporting import render

    with _progress(f"Auditing {path}"):
        report = audit(path, select=select, ignore=ignore, fail_on=fail_on, use_cache=not no_cache)
    rendered = render(report, output_format)
    if output is None:
        if isinstance(rendered, str):
            sys.stdout.write(rendered)
        else:
            out.print(rendered)
        return report.exit_code
    _write(output, rendered)
    return report.exit_code


def _progress(description: str) -> AbstractContextManager[object]:
    """A spinner on a terminal's stderr while a large repository is read; nothing (and
    no rich import) when stderr is a pipe or a file, as in CI or under `--format json |`."""
    if not sys.stderr.isatty():
        return nullcontext()
    return err.status(f"{escape(description)}...")


def _write(output: Path, rendered: object) -> None:
    """Write a rendered report to a file (tables as plain text)."""
    from rich.console import Console

    try:
        with open(output, "w", encoding="utf-8") as handle:
            if isinstance(rendered, str):
                handle.write(rendered)
            else:
                Console(file=handle, width=120, color_system=None).print(rendered)
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror}") from None
