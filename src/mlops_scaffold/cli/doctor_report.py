"""What `mlops doctor` does once its flags are read: audit, render, print or write the
report; list or explain the checks. Typer-free: the Typer command (`cli.doctor`) and the
quick path (`cli.quick`) both call it."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from mlops_scaffold.cli.console import err, escape, out
from mlops_scaffold.doctor.reporting import FORMATS
from mlops_scaffold.errors import MlopsError, UsageError

FORMAT_NAMES = tuple(FORMATS)


def exit_code(output_format: str, work: Callable[[], int]) -> int:
    """`work`'s exit code; with JSON asked for, its MlopsError too, printed as JSON on stdout
    (a script gets its error in the format it reads)."""
    try:
        return work()
    except MlopsError as error:
        if output_format != "json":
            raise
        sys.stdout.write(json.dumps({"error": error.message, "hint": error.hint}, indent=2) + "\n")
        return error.exit_code


def list_checks(output_format: str) -> int:
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


def doctor(
    path: Path,
    output_format: str,
    select: list[str],
    ignore: list[str],
    fail_on: str | None,
    kind: str | None,
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
        report = audit(
            path,
            select=select,
            ignore=ignore,
            fail_on=fail_on,
            kind=kind,
            use_cache=not no_cache,
        )
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
